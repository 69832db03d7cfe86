"""The evidence of a person as a PDF (WeasyPrint, as codeapp/reading/pdf.py does)."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from codeapp.evidence.records import Evidence


def render_pdf(evidence: Evidence) -> bytes:
    # Imported here: WeasyPrint is heavy, and only the PDF needs it.
    from weasyprint import CSS, HTML

    html = render_to_string("codeapp/evidence/evidence_pdf.html", {"evidence": evidence})
    with open(finders.find("css/pdf.css"), encoding="utf-8") as sheet:
        pdf_css = sheet.read()
    with open(finders.find("css/coverage.css"), encoding="utf-8") as sheet:
        coverage_css = sheet.read()
    # No base URL: the PDF needs nothing from outside, and fetches nothing.
    return HTML(string=html).write_pdf(stylesheets=[CSS(string=pdf_css), CSS(string=coverage_css)])


def pdf_filename(evidence: Evidence) -> str:
    """ "evidence-jdevries-2026-11-15.pdf": plain letters, safe in any header."""
    made = timezone.localdate(evidence.made_at).isoformat()
    return f"evidence-{slugify(evidence.user.get_username()) or evidence.user.pk}-{made}.pdf"
