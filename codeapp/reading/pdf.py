"""A version of the code as PDF (WeasyPrint): title, version, dates and seal on every page."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML

from codeapp.models import CodeVersion
from codeapp.versions.documents import outline


def render_pdf(version: CodeVersion) -> bytes:
    """The version as a PDF, its labels in the code's own language (the reader's may differ)."""
    with translation.override(version.document.get("language") or settings.LANGUAGE_CODE):
        html = render_to_string(
            "codeapp/version_pdf.html",
            {"version": version, "doc": version.document, "values": outline(version.document)},
        )
    with open(finders.find("css/pdf.css"), encoding="utf-8") as stylesheet:
        css = CSS(string=stylesheet.read())
    # No base URL: the PDF needs nothing from outside, and fetches nothing.
    return HTML(string=html).write_pdf(stylesheets=[css])


def pdf_filename(version: CodeVersion) -> str:
    """The PDF's file name after the code's title and version, in the code's own language
    ("gedragscode-gemeente-utrecht-versie-3.pdf"); plain letters, safe in any header."""
    with translation.override(version.document.get("language") or settings.LANGUAGE_CODE):
        label = _("version %(number)d") % {"number": version.number}
    return f"{slugify(f'{version.title} {label}')}.pdf"
