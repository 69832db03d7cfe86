"""What the code health assessment reads, as plain rows: the working draft, the reflection
programme and the confirmations, loaded in a fixed number of queries whatever the size of the
code (the dashboard, the reports and the agenda all start here)."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from codeapp.models import CodeProfile, CodeVersion, Confirmation
from norms.models import Example, Norm
from reflection.models import Case, Proposal, Session
from values.models import Value


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


def load_rows() -> Rows:
    """Read the working draft, the reflection programme and confirmations: 15 queries at most."""
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
    )
