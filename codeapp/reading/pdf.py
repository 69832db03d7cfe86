"""A version of the code as PDF (WeasyPrint): title, version, dates and seal on every page."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from codeapp.establishment import record as establishment_record
from codeapp.models import CodeVersion
from codeapp.reading import rendering
from codeapp.versions.documents import outline
from core.downloads import pdf_from_html
from norms import legal_basis


def render_pdf(version: CodeVersion) -> bytes:
    """The version as a PDF, its labels in the code's own language (the reader's may differ).

    Its Markdown comes rendered as the version keeps it (codeapp.reading.rendering), the same
    HTML as on the reading page, not rendered again."""
    doc = version.document
    texts = rendering.texts_of(version, doc)
    with translation.override(doc.get("language") or settings.LANGUAGE_CODE):
        html = render_to_string(
            "codeapp/version_pdf.html",
            {
                "version": version,
                "doc": doc,
                "preamble": mark_safe(texts["preamble"]),  # noqa: S308 - sanitised (markup)
                "change_summary": mark_safe(texts["change_summary"]),  # noqa: S308
                "values": _with_html(outline(doc), texts["items"]),
                # Sealed steps and those logged since: the PDF is made per request.
                "establishment": establishment_record.steps(
                    version,
                    (doc["version"] or {}).get("establishment"),
                    establishment_record.log_of(version),
                ),
            },
        )
    return pdf_from_html(html)


def _with_html(values: list[dict], html: dict[str, dict[str, str]]) -> list[dict]:
    """The outline with each Markdown field replaced by its kept HTML."""

    def shown(item: dict) -> dict:
        return {**item, **{k: mark_safe(v) for k, v in html.get(item["key"], {}).items()}}  # noqa: S308

    return [
        {
            **shown(v),
            "norms": [
                {
                    **shown(n),
                    "legal_basis": [legal_basis.shown(b) for b in n["legal_basis"]],
                    "examples": [shown(e) for e in n["examples"]],
                }
                for n in v["norms"]
            ],
        }
        for v in values
    ]


def pdf_filename(version: CodeVersion) -> str:
    """The PDF's file name after the code's title and version, in the code's own language
    ("gedragscode-gemeente-utrecht-versie-3.pdf"); plain letters, safe in any header."""
    with translation.override(version.document.get("language") or settings.LANGUAGE_CODE):
        label = _("version %(number)d") % {"number": version.number}
    return f"{slugify(f'{version.title} {label}')}.pdf"
