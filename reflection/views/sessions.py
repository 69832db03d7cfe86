"""Pages of the reflection programme: sessions and the case library.

Not public, and not for every employee: what is said in a session must stay among
the editors who run the programme and the integrity officers who act on it.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.models import AbstractBaseUser
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.conflicts import conflict_page
from core.revision import StaleEdit, lock_at, save_revision
from norms.models import Norm
from reflection.forms.sessions import CaseFilterForm, CaseForm, SessionForm
from reflection.models import Case, Session
from values.models import Value

CASES_PER_PAGE = 50


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


# --- writes ------------------------------------------------------------------------------------


def session_save_new(*, form: SessionForm, user: AbstractBaseUser) -> Session:
    with transaction.atomic():
        session = form.save(commit=False)
        session.revision = 0
        save_revision(session, user=user, reason=form.cleaned_data.get("reason"), clean=False)
        form.save_m2m()
    return session


def session_save_changes(
    *, form: SessionForm, expected_revision: int, user: AbstractBaseUser
) -> tuple[Session, bool]:
    """Save the edited session unless someone saved it since `expected_revision`.

    Returns the session and whether anything changed; raises StaleEdit with the
    stored session otherwise. Saving nothing leaves no empty history record.
    """
    with transaction.atomic():
        current = lock_at(Session, form.instance.pk, expected_revision)
        if not form.content_changed():
            return current, False
        session = form.save(commit=False)
        save_revision(
            session, user=user, reason=form.cleaned_data.get("reason"), stored=current, clean=False
        )
        form.save_m2m()
    return session, True


def case_save(*, form: CaseForm, user: AbstractBaseUser, expected_revision: int = 0) -> Case:
    """Save a new or edited case; an edit over someone's newer save raises StaleEdit."""
    with transaction.atomic():
        case = form.save(commit=False)
        if case.pk is None:
            case.created_by = user
            case.revision = 0
        else:
            current = lock_at(Case, case.pk, expected_revision)
            case.revision = current.revision
        save_revision(case, user=user, reason=form.cleaned_data.get("reason"), clean=False)
        form.save_m2m()
    return case


# --- sessions ----------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
@login_required
@permission_required("reflection.view_session", raise_exception=True)
def programme(request: HttpRequest) -> HttpResponse:
    sessions = Session.objects.select_related("facilitator").annotate(
        case_count=Count("cases", distinct=True),
        proposal_count=Count("proposals", distinct=True),
    )
    return render(
        request,
        "reflection/programme.html",
        {
            "quarters": sessions_by_quarter(list(sessions)),
            "case_count": Case.objects.count(),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("reflection.add_session", raise_exception=True)
def session_create(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = SessionForm(request.POST, instance=Session())
        if form.is_valid():
            session = session_save_new(form=form, user=request.user)
            messages.success(request, _("The session “%(title)s” was saved.") % {"title": session})
            return redirect(session)
    else:
        form = SessionForm(instance=Session())
    return render(
        request,
        "reflection/session_form.html",
        {"form": form, "heading": _("Plan a session"), "session": None},
    )


def _session_page(pk: int) -> Session:
    return get_object_or_404(Session.objects.select_related("facilitator"), pk=pk)


@require_http_methods(["GET", "HEAD"])
@login_required
@permission_required("reflection.view_session", raise_exception=True)
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
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
            "history": session.history.select_related("history_user").order_by(
                "-history_date", "-history_id"
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("reflection.change_session", raise_exception=True)
def session_edit(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_page(pk)
    heading = _("Edit session “%(title)s”") % {"title": session.title}
    if request.method == "POST":
        form = SessionForm(request.POST, instance=session)
        if form.is_valid():
            expected = form.cleaned_data["revision"]
            try:
                saved, changed = session_save_changes(
                    form=form, expected_revision=expected, user=request.user
                )
            except StaleEdit as conflict:
                return conflict_page(
                    request,
                    form=form,
                    current=conflict.current,
                    heading=heading,
                    cancel_url=conflict.current.get_absolute_url(),
                )
            if changed:
                messages.success(
                    request, _("The session “%(title)s” was saved.") % {"title": saved}
                )
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect(saved)
    else:
        form = SessionForm(instance=session)
    return render(
        request,
        "reflection/session_form.html",
        {"form": form, "heading": heading, "session": session},
    )


# --- cases -------------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
@login_required
@permission_required("reflection.view_case", raise_exception=True)
def case_list(request: HttpRequest) -> HttpResponse:
    form = CaseFilterForm(request.GET)
    form.is_valid()
    wanted = form.cleaned_data
    cases = Case.objects.prefetch_related(
        Prefetch("values_in_tension", queryset=Value.objects.order_by("position", "id"))
    ).annotate(session_count=Count("sessions", distinct=True))
    if wanted.get("q"):
        cases = cases.filter(Q(title__icontains=wanted["q"]) | Q(situation__icontains=wanted["q"]))
    if wanted.get("kind"):
        cases = cases.filter(is_real=wanted["kind"] == CaseFilterForm.REAL)
    if wanted.get("value"):
        cases = cases.filter(values_in_tension=wanted["value"])
    page = Paginator(cases.order_by("-created_at", "-id"), CASES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    filtered = any(wanted.get(name) for name in ("q", "kind", "value"))
    return render(
        request,
        "reflection/case_list.html",
        {"form": form, "page": page, "filtered": filtered},
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("reflection.add_case", raise_exception=True)
def case_create(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = CaseForm(request.POST, instance=Case())
        if form.is_valid():
            case = case_save(form=form, user=request.user)
            messages.success(request, _("The case “%(title)s” was added.") % {"title": case})
            return redirect(case)
    else:
        form = CaseForm(instance=Case())
    return render(
        request,
        "reflection/case_form.html",
        {"form": form, "heading": _("New case"), "case": None},
    )


@require_http_methods(["GET", "HEAD"])
@login_required
@permission_required("reflection.view_case", raise_exception=True)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.select_related("created_by"), pk=pk)
    return render(
        request,
        "reflection/case_detail.html",
        {
            "case": case,
            "values": case.values_in_tension.order_by("position", "id"),
            "norms": Norm.objects.filter(cases=case)
            .select_related("value")
            .order_by("value__position", "value__id", "position", "id"),
            "sessions": case.sessions.order_by("-date", "-id"),
            "proposals": case.proposals.seen_by(request.user).order_by("number"),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("reflection.change_case", raise_exception=True)
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case, pk=pk)
    heading = _("Edit case “%(title)s”") % {"title": case.title}
    if request.method == "POST":
        form = CaseForm(request.POST, instance=case)
        if form.is_valid():
            if any(name in form.changed_data for name in form._meta.fields):
                try:
                    case = case_save(
                        form=form, user=request.user,
                        expected_revision=form.cleaned_data["revision"],
                    )  # fmt: skip
                except StaleEdit as conflict:
                    return conflict_page(
                        request,
                        form=form,
                        current=conflict.current,
                        heading=heading,
                        cancel_url=conflict.current.get_absolute_url(),
                    )
                messages.success(request, _("The case “%(title)s” was saved.") % {"title": case})
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect(case)
    else:
        form = CaseForm(instance=case)
    return render(
        request,
        "reflection/case_form.html",
        {"form": form, "heading": heading, "case": case},
    )
