"""Pages of the case library: real (anonymised) and made-up cases and dilemmas.

Like the sessions, for the editors who run the programme and the integrity officers.
"""

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from norms.models import Norm
from reflection.forms.cases import CaseFilterForm, CaseForm
from reflection.models import Case
from reflection.services.cases import case_create, case_update
from reflection.views import records
from values.models import Value

CASES_PER_PAGE = 50


@require_http_methods(["GET", "HEAD"])
@login_required
@permission_required("reflection.view_case", raise_exception=True)
def library(request: HttpRequest) -> HttpResponse:
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
    if wanted.get("practice"):
        cases = cases.filter(practice=True)
    page = Paginator(cases.order_by("-created_at", "-id"), CASES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    filtered = any(wanted.get(name) for name in ("q", "kind", "value", "practice"))
    return render(
        request,
        "reflection/case_list.html",
        {"form": form, "page": page, "filtered": filtered},
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("reflection.add_case", raise_exception=True)
def create(request: HttpRequest) -> HttpResponse:
    return records.create_page(
        request,
        form_class=CaseForm,
        create=case_create,
        template="reflection/case_form.html",
        heading=_("New case"),
        name="case",
        done=_("The case “%(title)s” was added."),
    )


@require_http_methods(["GET", "HEAD"])
@login_required
@permission_required("reflection.view_case", raise_exception=True)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
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
            "options": case.options.all(),
            "sessions": case.sessions.order_by("-date", "-id"),
            "proposals": case.proposals.seen_by(request.user).order_by("number"),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("reflection.change_case", raise_exception=True)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(Case, pk=pk)
    return records.edit_page(
        request,
        row=case,
        form_class=CaseForm,
        update=case_update,
        template="reflection/case_form.html",
        heading=_("Edit case “%(title)s”") % {"title": case.title},
        name="case",
        done=_("The case “%(title)s” was saved."),
    )
