"""The evidence of a person as a PDF (core.downloads)."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from codeapp.evidence.records import Evidence
from core.downloads import pdf_from_html


def render_pdf(evidence: Evidence) -> bytes:
    html = render_to_string("codeapp/evidence/evidence_pdf.html", {"evidence": evidence})
    return pdf_from_html(html, "css/coverage.css")


def pdf_filename(evidence: Evidence) -> str:
    """ "evidence-jdevries-2026-11-15.pdf": plain letters, safe in any header."""
    made = timezone.localdate(evidence.made_at).isoformat()
    return f"evidence-{slugify(evidence.user.get_username()) or evidence.user.pk}-{made}.pdf"
