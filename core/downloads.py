"""What the report downloads share: cells a spreadsheet shows as text, CSV with a byte-order
mark, and PDFs drawn by WeasyPrint from a template and the site's own style sheets.

The health report, campaigns, coverage, evidence and the code itself are downloaded this way,
every PDF tagged as PDF/UA-1.
"""

import csv
import io
from collections.abc import Iterable

from django.contrib.staticfiles import finders

# The PDF standard every PDF is drawn to: accessible PDF (ISO 14289-1), which public bodies
# are held to. Part of the key a kept PDF is found by, so another form is drawn again.
PDF_VARIANT = "pdf/ua-1"

# What a spreadsheet would take as the start of a formula ("=HYPERLINK(…)").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet shows as text: names and titles come from people, and "=…" would
    run as a formula."""
    return "'" + cell if cell[:1] in FORMULA_STARTS else cell


def csv_text(rows: Iterable[Iterable[str]]) -> str:
    """The rows as CSV, every cell spreadsheet-safe, with a byte-order mark so spreadsheet
    programs read the accents right."""
    out = io.StringIO()
    out.write("\ufeff")
    csv.writer(out).writerows([spreadsheet_safe(str(cell)) for cell in row] for row in rows)
    return out.getvalue()


def static_text(name: str) -> str:
    """A static file of the site (a style sheet), as text."""
    with open(finders.find(name), encoding="utf-8") as sheet:
        return sheet.read()


def pdf_from_html(html: str, *stylesheets: str) -> bytes:
    """The page `html` as a PDF, styled by the site's css/pdf.css and the static `stylesheets`.

    An accessible PDF (PDF/UA-1, which public bodies are held to): tagged, its structure tree
    made from the page's elements (headings, paragraphs, lists, tables), its language from
    `<html lang>`, its title from `<title>` in the metadata and shown as the window's title
    (DisplayDocTitle). So every template drawn here needs both, and real headings.

    No base URL: the PDF needs nothing from outside, and fetches nothing.
    """
    # Imported here: WeasyPrint is heavy, and only the PDFs need it.
    from weasyprint import CSS, HTML

    sheets = [CSS(string=static_text(name)) for name in ("css/pdf.css", *stylesheets)]
    return HTML(string=html).write_pdf(stylesheets=sheets, pdf_variant=PDF_VARIANT)
