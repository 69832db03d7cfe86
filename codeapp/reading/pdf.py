"""A version of the code as PDF (WeasyPrint): title, version, dates and seal on every page."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from codeapp.models import CodeVersion
from codeapp.versions.documents import outline
from core.downloads import pdf_from_html


def render_pdf(version: CodeVersion) -> bytes:
    """The version as a PDF, its labels in the code's own language (the reader's may differ)."""
    with translation.override(version.document.get("language") or settings.LANGUAGE_CODE):
        html = render_to_string(
            "codeapp/version_pdf.html",
            {"version": version, "doc": version.document, "values": outline(version.document)},
        )
    return pdf_from_html(html)


def pdf_filename(version: CodeVersion) -> str:
    """The PDF's file name after the code's title and version, in the code's own language
    ("gedragscode-gemeente-utrecht-versie-3.pdf"); plain letters, safe in any header."""
    with translation.override(version.document.get("language") or settings.LANGUAGE_CODE):
        label = _("version %(number)d") % {"number": version.number}
    return f"{slugify(f'{version.title} {label}')}.pdf"
