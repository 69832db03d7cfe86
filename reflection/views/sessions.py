"""Pages of the reflection programme: the programme by quarter, and its sessions.

Not public, and not for every employee: what is said in a session must stay among
the editors who run the programme and the integrity officers who act on it.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.roles import can_view_draft
from reflection.forms.sessions import SessionForm
from reflection.models import Case, Proposal, Session
from reflection.services.sessions import session_create, session_update
from reflection.views import records


@dataclass
class Quarter:
    year: int
    number: int
    sessions: list[Session] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.year} Q{self.number}"

    @property
    def held_count(self) -> int:
        return sum(1 for s in self.sessions if s.held)

    @property
    def planned_count(self) -> int:
        return len(self.sessions) - self.held_count

    @property
    def formats(self) -> list[tuple[str, int]]:
        """(format label, number of sessions), most frequent first."""
        counts = Counter(s.get_format_display() for s in self.sessions)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def sessions_by_quarter(sessions: list[Session]) -> list[Quarter]:
    """Group sessions (newest first) into calendar quarters, newest quarter first."""
    quarters: dict[tuple[int, int], Quarter] = {}
    for session in sorted(sessions, key=lambda s: (s.date, s.pk), reverse=True):
        year, number = session.date.year, (session.date.month - 1) // 3 + 1
        quarters.setdefault((year, number), Quarter(year, number)).sessions.append(session)
    return list(quarters.values())


@require_http_methods(["GET", "HEAD"])
@login_required
@permission_required("reflection.view_session", raise_exception=True)
def programme(request: HttpRequest) -> HttpResponse:
    sessions = Session.objects.select_related("facilitator").annotate(
        case_count=Count("cases", distinct=True),
        proposal_count=Count("proposals", distinct=True, filter=_shown_proposals(request.user)),
    )
    return render(
        request,
        "reflection/programme.html",
        {
            "quarters": sessions_by_quarter(list(sessions)),
            "case_count": Case.objects.count(),
        },
    )


def _shown_proposals(user) -> Q:
    """The proposals a session's page lists for `user`, so the programme counts the same:
    all but others' drafts, which only those who may see the working draft are told of."""
    if can_view_draft(user):
        return Q()
    return ~Q(proposals__state=Proposal.State.DRAFT) | Q(proposals__proposer_id=user.pk)


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("reflection.add_session", raise_exception=True)
def create(request: HttpRequest) -> HttpResponse:
    return records.create_page(
        request,
        form_class=SessionForm,
        create=session_create,
        template="reflection/session_form.html",
        heading=_("Plan a session"),
        name="session",
        done=_("The session “%(title)s” was saved."),
    )


def _session_page(pk: int) -> Session:
    return get_object_or_404(Session.objects.select_related("facilitator"), pk=pk)


@require_http_methods(["GET", "HEAD"])
@login_required
@permission_required("reflection.view_session", raise_exception=True)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_page(pk)
    return render(
        request,
        "reflection/session_detail.html",
        {
            "session": session,
            "values": session.values_discussed.order_by("position", "id"),
            "norms": session.norms_discussed.select_related("value").order_by(
                "value__position", "value__id", "position", "id"
            ),
            "cases": session.cases.order_by("title", "id"),
            "proposals": session.proposals.seen_by(request.user).order_by("number"),
            # Others' drafts from it: who started one and its number, never its text.
            "started": session.proposals.filter(state=Proposal.State.DRAFT)
            .exclude(proposer_id=request.user.pk)
            .select_related("proposer")
            .order_by("number")
            if can_view_draft(request.user)
            else [],
            "history": session.history.select_related("history_user").order_by(
                "-history_date", "-history_id"
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("reflection.change_session", raise_exception=True)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_page(pk)
    return records.edit_page(
        request,
        row=session,
        form_class=SessionForm,
        update=session_update,
        template="reflection/session_form.html",
        heading=_("Edit session “%(title)s”") % {"title": session.title},
        name="session",
        done=_("The session “%(title)s” was saved."),
    )
