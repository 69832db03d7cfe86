"""Coverage as a spreadsheet (CSV) and as a PDF (WeasyPrint): the same rows as the page."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from codeapp.coverage.figures import Coverage, UnitRow
from core.downloads import csv_text, pdf_from_html


def title_of(coverage: Coverage) -> str:
    selection = coverage.selection
    if selection.campaign is not None:
        return _("Coverage of campaign “%(title)s” (version %(number)d)") % {
            "title": selection.campaign.title,
            "number": selection.version.number,
        }
    return _("Coverage of version %(number)d") % {"number": selection.version.number}


def filename(coverage: Coverage, extension: str) -> str:
    return f"coverage-{coverage.selection.param}-{coverage.today.isoformat()}.{extension}"


def _percentage(row: UnitRow) -> str:
    return "" if row.percentage is None else f"{row.percentage:.0f}"


def rows(coverage: Coverage) -> list[list[str]]:
    """Header and one row per unit (its people including the units below), then the people
    without a unit and the total."""
    table = [[_("unit"), _("level"), _("people"), _("confirmed"), _("not yet"), _("percentage")]]
    for row in coverage.rows:
        table.append(
            [row.path, str(row.depth + 1), str(row.total), str(row.confirmed),
             str(row.pending), _percentage(row)]
        )  # fmt: skip
    if coverage.no_unit is not None:
        row = coverage.no_unit
        table.append(
            [_("without a unit"), "", str(row.total), str(row.confirmed), str(row.pending),
             _percentage(row)]
        )  # fmt: skip
    total = "" if coverage.percentage is None else f"{coverage.percentage:.0f}"
    table.append(
        [_("total"), "", str(coverage.total), str(coverage.confirmed),
         str(coverage.total - coverage.confirmed), total]
    )  # fmt: skip
    return table


def as_csv(coverage: Coverage) -> str:
    return csv_text([[title_of(coverage), coverage.today.isoformat()], *rows(coverage)])


def as_pdf(coverage: Coverage) -> bytes:
    html = render_to_string(
        "codeapp/coverage/coverage_pdf.html",
        {"coverage": coverage, "title": title_of(coverage)},
    )
    return pdf_from_html(html, "css/coverage.css")
