"""The code health report as dataclasses: findings, balance, clarity, discussions, cadence,
decisions, coverage and the agenda suggestion, with what the dashboard and the reports derive
from them (the lists shown, the recency bands). `findings.assess()` fills it."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from codeapp.models import CodeVersion, HealthSettings
from norms.models import Norm
from reflection.models import Case, Proposal, Session
from values.models import Value

KINDS = [Norm.Kind.PROHIBITION, Norm.Kind.OBLIGATION, Norm.Kind.ASPIRATION]
# Recency bands for the chart, in months since last discussed; "never" comes last.
RECENCY_BANDS = [3, 6, 12]


@dataclass(frozen=True)
class Finding:
    """Something to fix, with where to fix it."""

    area: str  # "structure", "balance", "clarity", "size", "alive"
    label: str  # the item, as readers know it ("2.3 Geschenken melden")
    problem: str
    url: str


@dataclass
class ValueBalance:
    value: Value
    number: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def only_prohibits(self) -> bool:
        return self.total > 0 and self.counts[Norm.Kind.PROHIBITION] == self.total

    def share(self, kind: str) -> float:
        return 100 * self.counts[kind] / self.total if self.total else 0.0

    @property
    def rows(self) -> list[tuple[str, int, float]]:
        """(kind label, count, percentage) for each kind."""
        labels = dict(Norm.Kind.choices)
        return [(labels[k], self.counts[k], self.share(k)) for k in KINDS]


@dataclass
class NormClarity:
    norm: Norm
    number: str
    score: float | None
    band: str
    words: int
    words_per_sentence: float | None
    above_b1: bool
    url: str  # its edit page


@dataclass
class Discussion:
    """When an item was last discussed, and where."""

    label: str
    url: str
    last: datetime.date | None
    how: str  # "session", "case", "proposal" or ""
    neglected: bool

    @property
    def where(self) -> str:
        labels = {"session": _("reflection session"), "case": _("case"), "proposal": _("proposal")}
        return labels.get(self.how, "")


@dataclass
class QuarterCadence:
    label: str
    held: int
    planned: int
    target: int

    @property
    def on_target(self) -> bool:
        return self.held + self.planned >= self.target


@dataclass
class Decisions:
    open: list[Proposal]
    decided: int
    median_days: float | None
    mean_days: float | None


@dataclass
class Coverage:
    version: CodeVersion | None
    confirmed: int
    total: int

    @property
    def percentage(self) -> float:
        return 100 * self.confirmed / self.total if self.total else 0.0


@dataclass
class Agenda:
    norms: list[tuple[Norm, str, str]]  # (norm, its number, why it is on the agenda)
    cases: list[Case]
    date: datetime.date

    @property
    def is_empty(self) -> bool:
        return not self.norms and not self.cases


# The most norms a list on the dashboard shows (see HealthReport.clarity_listed).
LISTED = 50


@dataclass
class HealthReport:
    settings: HealthSettings
    language: str
    today: datetime.date
    norm_total: int
    value_count: int
    structure: list[Finding]
    balance: list[ValueBalance]
    clarity: list[NormClarity]
    size: list[Finding]
    value_discussions: list[Discussion]
    norm_discussions: list[Discussion]
    cadence: list[QuarterCadence]
    decisions: Decisions
    coverage: Coverage
    agenda: Agenda
    next_planned: Session | None  # the next session on the programme, if one is planned

    @property
    def gap_count(self) -> int:
        return len(self.structure) + len(self.size)

    @property
    def unclear(self) -> list[NormClarity]:
        return [c for c in self.clarity if c.above_b1]

    # The dashboard lists at most LISTED norms per list, those needing attention first;
    # the CSV report has them all. A 1,000-norm code would otherwise make a page of 3,000 rows.

    @property
    def listed(self) -> int:
        return LISTED

    @property
    def clarity_listed(self) -> list[NormClarity]:
        """The hardest texts first (texts without words last)."""
        ranked = sorted(self.clarity, key=lambda c: (c.score is None, c.score or 0.0))
        return ranked[:LISTED]

    @property
    def neglected_norms_listed(self) -> list[Discussion]:
        """Never discussed first, then the longest ago."""
        ranked = sorted(self.neglected_norms, key=lambda d: (d.last is not None, d.last or 0))
        return ranked[:LISTED]

    @property
    def discussions_listed(self) -> list[Discussion]:
        """Every value, then the norms in the code's order, up to LISTED of them."""
        return self.value_discussions + self.norm_discussions[:LISTED]

    @property
    def neglected_norms(self) -> list[Discussion]:
        return [d for d in self.norm_discussions if d.neglected]

    @property
    def neglected_values(self) -> list[Discussion]:
        return [d for d in self.value_discussions if d.neglected]

    @property
    def only_prohibiting(self) -> list[ValueBalance]:
        return [b for b in self.balance if b.only_prohibits]

    @property
    def recency(self) -> list[tuple[str, int]]:
        """(band label, number of norms) since each norm was last discussed."""
        return recency_bands(self.norm_discussions, self.today)


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` earlier (the month's last day when it has no such day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def recency_bands(discussions: list[Discussion], today: datetime.date) -> list[tuple[str, int]]:
    bounds = [months_before(today, m) for m in RECENCY_BANDS]
    labels = [
        _("less than %(n)d months ago") % {"n": RECENCY_BANDS[0]},
        *(
            _("%(a)d to %(b)d months ago") % {"a": a, "b": b}
            for a, b in zip(RECENCY_BANDS, RECENCY_BANDS[1:], strict=False)
        ),
        _("more than %(n)d months ago") % {"n": RECENCY_BANDS[-1]},
        _("never"),
    ]
    counts = [0] * len(labels)
    for d in discussions:
        if d.last is None:
            counts[-1] += 1
        else:
            counts[sum(1 for bound in bounds if d.last < bound)] += 1
    return list(zip(labels, counts, strict=True))
