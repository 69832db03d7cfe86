"""Geometry of the health dashboard's small charts, drawn as SVG by health/_chart.html.

Shapes carry CSS classes (static/css/health.css) rather than colours, and categories
differ by pattern and by text label as well as by colour, so no one depends on colour
alone. Every chart is shown beside a table with the same figures.
"""

from dataclasses import dataclass, field

from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from codeapp.health.report import Coverage, QuarterCadence, ValueBalance

WIDTH = 640
LABEL_WIDTH = 190
ROW = 30
BAR = 20
# Room at the right of horizontal bars for their figure.
FIGURE_WIDTH = 90


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    css: str
    pattern: str = ""  # id suffix of a <pattern> of the chart; the fill then comes from it


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    css: str = "chart-text"
    anchor: str = "start"


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    css: str


@dataclass
class Chart:
    width: int
    height: int
    rects: list[Rect] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    legend: list[tuple[str, Rect]] = field(default_factory=list)


def _legend(chart: Chart, entries: list[tuple[str, str, str]], y: float) -> None:
    """Swatches with their labels in one row at `y`: (label, css, pattern)."""
    x = 0.0
    for label, css, pattern in entries:
        chart.rects.append(Rect(x, y, 16, 16, css, pattern))
        chart.texts.append(Text(x + 22, y + 13, label))
        x += 30 + 8 * len(label)


KIND_STYLE = {  # kind -> (css class, pattern)
    "prohibition": ("seg-prohibition", "prohibition"),
    "obligation": ("seg-obligation", ""),
    "aspiration": ("seg-aspiration", "aspiration"),
}


def balance_chart(balances: list[ValueBalance]) -> Chart:
    """One stacked bar per value: its norms by kind, as shares of the value's norms."""
    span = WIDTH - LABEL_WIDTH - FIGURE_WIDTH
    chart = Chart(WIDTH, ROW * len(balances) + 40)
    for i, balance in enumerate(balances):
        y = i * ROW
        label = Truncator(f"{balance.number} {balance.value.name}").chars(26)
        chart.texts.append(Text(0, y + 15, label))
        x = float(LABEL_WIDTH)
        for kind, (css, pattern) in KIND_STYLE.items():
            width = span * balance.share(kind) / 100
            if width:
                chart.rects.append(Rect(x, y, width, BAR, css, pattern))
                x += width
        figure = ngettext("%(n)d norm", "%(n)d norms", balance.total) % {"n": balance.total}
        if not balance.total:
            figure = _("no norms")
        chart.texts.append(Text(LABEL_WIDTH + span + 6, y + 15, figure))
    labels = {"prohibition": _("must not"), "obligation": _("must"), "aspiration": _("should")}
    _legend(
        chart,
        [(labels[k], css, pattern) for k, (css, pattern) in KIND_STYLE.items()],
        ROW * len(balances) + 12,
    )
    return chart


def cadence_chart(cadence: list[QuarterCadence]) -> Chart:
    """Sessions held (solid) and planned (hatched) per quarter, with the target as a line."""
    top, plot = 16, 140
    most = max([c.held + c.planned for c in cadence] + [c.target for c in cadence] + [1])
    unit = plot / most
    step = WIDTH / len(cadence)
    chart = Chart(WIDTH, top + plot + 64)
    base = top + plot
    for i, quarter in enumerate(cadence):
        x = i * step + step * 0.2
        width = step * 0.6
        held_height = quarter.held * unit
        planned_height = quarter.planned * unit
        if held_height:
            chart.rects.append(Rect(x, base - held_height, width, held_height, "cadence-held"))
        if planned_height:
            y = base - held_height - planned_height
            chart.rects.append(Rect(x, y, width, planned_height, "cadence-planned", "planned"))
        figure = str(quarter.held) + (f"+{quarter.planned}" if quarter.planned else "")
        y_figure = base - held_height - planned_height - 4
        chart.texts.append(Text(x + width / 2, y_figure, figure, anchor="middle"))
        chart.texts.append(Text(x + width / 2, base + 16, quarter.label, anchor="middle"))
    target = cadence[0].target if cadence else 0
    chart.lines.append(Line(0, base, WIDTH, base, "chart-axis"))
    if target:
        chart.lines.append(Line(0, base - target * unit, WIDTH, base - target * unit, "target"))
    _legend(
        chart,
        [
            (_("held"), "cadence-held", ""),
            (_("planned"), "cadence-planned", "planned"),
            (_("target (dashed line)"), "target-swatch", ""),
        ],
        base + 30,
    )
    return chart


def horizontal_bars(rows: list[tuple[str, int]], css: str = "bar") -> Chart:
    """One bar per (label, number), scaled to the largest number."""
    span = WIDTH - LABEL_WIDTH - FIGURE_WIDTH
    most = max([n for _label, n in rows] + [1])
    chart = Chart(WIDTH, ROW * len(rows))
    for i, (label, number) in enumerate(rows):
        y = i * ROW
        chart.texts.append(Text(0, y + 15, Truncator(label).chars(28)))
        if number:
            chart.rects.append(Rect(LABEL_WIDTH, y, span * number / most, BAR, css))
        chart.texts.append(Text(LABEL_WIDTH + span * number / most + 6, y + 15, str(number)))
    return chart


def coverage_chart(coverage: Coverage) -> Chart:
    """One bar: the share of active users who confirmed the version in force."""
    span = WIDTH - FIGURE_WIDTH
    chart = Chart(WIDTH, 30)
    chart.rects.append(Rect(0, 0, span, BAR, "coverage-rest"))
    confirmed = span * coverage.percentage / 100
    if confirmed:
        chart.rects.append(Rect(0, 0, confirmed, BAR, "coverage-done"))
    chart.texts.append(Text(span + 6, 15, f"{coverage.percentage:.0f}%"))
    return chart
