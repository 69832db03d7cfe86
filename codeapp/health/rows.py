"""What the code health assessment reads, as plain rows: the working draft, the reflection
programme and the confirmations, loaded in a fixed number of queries whatever the size of the
code (the dashboard, the reports and the agenda all start here)."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Max, Sum

from codeapp.health.models import IntegrityTheme
from codeapp.models import CodeProfile, CodeVersion, Confirmation
from core.codes import active_code_id
from norms.models import Example, Norm
from people.units import UnitTree
from reflection.models import (
    Case,
    DilemmaOption,
    LiveAnswer,
    NormSignal,
    PracticeTally,
    Proposal,
    Session,
)
from values.models import Value


@dataclass(frozen=True)
class SignalRow:
    """A team's mark on a norm (NormSignal), with the team it came from: never its lead."""

    kind: str  # NormSignal.Kind
    norm_id: int | None
    value_id: int | None
    text: str
    created_at: datetime.datetime
    live_id: int
    unit_id: int | None


@dataclass
class Rows:
    """Everything the assessment reads, as plain rows: the same for the page and the report."""

    language: str
    values: list[Value]  # retired ones included: a related value may be retired
    norms: list[Norm]  # active
    examples: list[Example]  # active
    cases: list[Case]
    case_norms: list[tuple[int, int]]  # (case id, norm id)
    case_values: list[tuple[int, int]]  # (case id, value id)
    sessions: list[Session]
    session_norms: list[tuple[int, int]]  # (session id, norm id)
    session_values: list[tuple[int, int]]  # (session id, value id)
    session_cases: list[tuple[int, int]]  # (session id, case id)
    proposals: list[Proposal]  # drafts left out: they are their proposer's own until submitted
    version: CodeVersion | None
    active_users: int
    confirmed_users: int
    # What teams and colleagues say (issue 17): answers to practice dilemmas, per option
    # (practice tallies and live answers of this code's sessions together, never who),
    # the teams' marks, the units and when each last held a session, and the themes.
    options: list[tuple[int, int]] = field(default_factory=list)  # (option id, case id)
    option_counts: dict[int, int] = field(default_factory=dict)  # option id: answers
    signals: list[SignalRow] = field(default_factory=list)
    units: UnitTree = field(default_factory=lambda: UnitTree([]))
    unit_last_held: dict[int, datetime.date] = field(default_factory=dict)
    themes: list[IntegrityTheme] = field(default_factory=list)
    theme_norms: list[tuple[int, int]] = field(default_factory=list)  # (theme id, norm id)


def _option_counts() -> dict[int, int]:
    """Answers per option of the practice dilemmas: practice tallies (every unit's summed) and
    the answers given in this code's live sessions. Two queries."""
    counts: dict[int, int] = {}
    tallies = (
        PracticeTally.objects.filter(option__case__practice=True)
        .values_list("option_id")
        .annotate(n=Sum("count"))
    )
    live = (
        LiveAnswer.objects.filter(dilemma__live__code_id=active_code_id())
        .values_list("option_id")
        .annotate(n=Count("id"))
    )
    for option_id, n in [*tallies, *live]:
        counts[option_id] = counts.get(option_id, 0) + (n or 0)
    return counts


def load_rows() -> Rows:
    """Read the working draft, the reflection programme, confirmations, what teams said and the
    themes: 23 queries at most, whatever the number of norms, answers, signals or units."""
    version = CodeVersion.objects.defer("document").in_force()
    active = get_user_model().objects.filter(is_active=True)
    confirmed = 0
    if version is not None:
        # Who has a confirmation that counts for it (of an editorial change: of the version
        # it rests on, or later).
        confirmed = active.filter(
            pk__in=Confirmation.objects.covering(version).values("user_id")
        ).count()
    profile = CodeProfile.stored_or_default()
    return Rows(
        language=profile.language,
        values=list(Value.objects.order_by("position", "id")),
        norms=list(Norm.objects.active().order_by("value__position", "value_id", "position", "id")),
        examples=list(Example.objects.active().order_by("position", "id")),
        cases=list(Case.objects.order_by("-created_at", "-id")),
        case_norms=list(Case.norms.through.objects.values_list("case_id", "norm_id")),
        case_values=list(Case.values_in_tension.through.objects.values_list("case_id", "value_id")),
        sessions=list(Session.objects.order_by("date", "id")),
        session_norms=list(
            Session.norms_discussed.through.objects.values_list("session_id", "norm_id")
        ),
        session_values=list(
            Session.values_discussed.through.objects.values_list("session_id", "value_id")
        ),
        session_cases=list(Session.cases.through.objects.values_list("session_id", "case_id")),
        proposals=list(Proposal.objects.exclude(state=Proposal.State.DRAFT).order_by("number")),
        version=version,
        active_users=active.count(),
        confirmed_users=confirmed,
        options=list(
            DilemmaOption.objects.filter(case__practice=True).values_list("id", "case_id")
        ),
        option_counts=_option_counts(),
        signals=[
            SignalRow(*row)
            for row in NormSignal.objects.filter(live__code_id=active_code_id())
            .order_by("created_at", "id")
            .values_list(
                "kind", "norm_id", "value_id", "text", "created_at", "live_id", "live__unit_id"
            )
        ],
        units=UnitTree.load(),
        unit_last_held=dict(
            Session.objects.filter(held=True, unit__isnull=False)
            .values_list("unit_id")
            .annotate(last=Max("date"))
        ),
        themes=list(IntegrityTheme.objects.order_by("position", "id")),
        theme_norms=list(
            IntegrityTheme.norms.through.objects.filter(norm__code_id=active_code_id()).values_list(
                "integritytheme_id", "norm_id"
            )
        ),
    )
