"""The code health report as dataclasses: findings, balance, clarity, discussions, cadence,
decisions, coverage and the agenda suggestion, with what the dashboard and the reports derive
from them (the lists shown, the recency bands). `findings.assess()` fills it."""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from codeapp.health.models import IntegrityTheme
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
    year: int = 0
    number: int = 0  # 1 to 4

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


# A dilemma divides colleagues when no course of action has more than this share of answers.
DISPUTED_TOP_SHARE = 60
# The spread (normalised entropy, 0 to 1) from which it is called medium, and high.
SPREAD_MEDIUM, SPREAD_HIGH = 0.5, 0.8


@dataclass
class NormDispute:
    """How divided colleagues are on the practice dilemmas about a norm: its most divided one."""

    norm: Norm
    number: str
    url: str
    dilemmas: int  # dilemmas about it with enough answers to count
    answers: int  # answers to those dilemmas together
    case: Case  # the most divided of them
    case_answers: int
    top_share: float  # % of that dilemma's answers for its most chosen course of action
    spread: float  # normalised entropy of that dilemma's answers: 0 all alike, 1 evenly spread

    @property
    def disputed(self) -> bool:
        return self.top_share <= DISPUTED_TOP_SHARE

    @property
    def level(self) -> str:
        if self.spread >= SPREAD_HIGH:
            return _("high")
        return _("medium") if self.spread >= SPREAD_MEDIUM else _("low")

    @property
    def label(self) -> str:
        return f"{self.number} {self.norm}"


@dataclass
class NormSignals:
    """What teams marked about a norm in live sessions: how many teams, and when last."""

    norm: Norm
    number: str
    url: str
    unclear_teams: int
    missing_teams: int  # teams that missed a norm close to this one
    last: datetime.date

    @property
    def label(self) -> str:
        return f"{self.number} {self.norm}"


@dataclass
class MissingNorm:
    """A norm a team missed, in its words; near a norm or value of the code when it said so."""

    text: str
    near: str  # "2.3 Geschenken melden", "2 Eerlijkheid" or ""
    team: str  # the unit, or "" when the session had none
    date: datetime.date


@dataclass
class QuietUnit:
    """A unit that (with the units below it) held no session in the period."""

    name: str
    path: str
    depth: int
    last: datetime.date | None  # its (or a unit below it's) last held session, if ever


@dataclass
class ThemeCoverage:
    """An integrity theme and the norms of the code that cover it; suggestions if none do."""

    theme: IntegrityTheme
    norms: list[tuple[Norm, str]]  # (norm, its number)
    suggestions: list[tuple[Norm, str]]

    @property
    def covered(self) -> bool:
        return bool(self.norms)


@dataclass
class Agenda:
    norms: list[tuple[Norm, str, str]]  # (norm, its number, why it is on the agenda)
    cases: list[Case]
    date: datetime.date
    themes: list[str] = field(default_factory=list)  # uncovered themes, to consider a norm for
    quiet_units: list[str] = field(default_factory=list)  # units to invite (the first few)
    quiet_unit_count: int = 0

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
    disputes: list[NormDispute] = field(default_factory=list)  # most divided first
    min_answers: int = 5
    signals: list[NormSignals] = field(default_factory=list)  # most teams first
    missing: list[MissingNorm] = field(default_factory=list)  # newest first
    quiet_units: list[QuietUnit] = field(default_factory=list)  # in the tree's order
    unit_total: int = 0
    quiet_months: int = 12
    themes: list[ThemeCoverage] = field(default_factory=list)

    @property
    def disputed(self) -> list[NormDispute]:
        return [d for d in self.disputes if d.disputed]

    @property
    def disputed_top_share(self) -> int:
        return DISPUTED_TOP_SHARE

    @property
    def unclear_norms(self) -> list[NormSignals]:
        return [s for s in self.signals if s.unclear_teams]

    @property
    def uncovered_themes(self) -> list[ThemeCoverage]:
        return [t for t in self.themes if not t.covered]

    @property
    def disputes_listed(self) -> list[NormDispute]:
        return self.disputes[:LISTED]

    @property
    def quiet_units_listed(self) -> list[QuietUnit]:
        return self.quiet_units[:LISTED]

    @property
    def signals_listed(self) -> list[NormSignals]:
        return self.signals[:LISTED]

    @property
    def missing_listed(self) -> list[MissingNorm]:
        return self.missing[:LISTED]

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
