"""Practising alone with a dilemma: the list of practice dilemmas, and one dilemma to answer.

Every signed-in employee may practise; anonymous visitors are sent to sign in (the results
are colleagues' answers). After answering, the same page shows the reflection and how
colleagues chose, once enough answered (reflection.services.practice).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from norms.models import Norm
from reflection.services.practice import (
    PracticeRefused,
    practice_answer,
    practice_cases,
    practice_done,
    practice_results,
    practice_unit,
)

DILEMMAS_PER_PAGE = 30


def _norms_in_order():
    return Norm.objects.order_by("value__position", "value__id", "position", "id")


@require_http_methods(["GET", "HEAD"])
@login_required
def practice_list(request: HttpRequest) -> HttpResponse:
    """The practice dilemmas, newest first; `?norm=<key>` those with that norm at stake."""
    cases = practice_cases().prefetch_related(Prefetch("norms", queryset=_norms_in_order()))
    norm = None
    key = request.GET.get("norm", "").strip()
    if key:
        norm = Norm.objects.filter(key=key).first()
        # The norm of the code the reader works on (keys are unique within a code).
        cases = cases.filter(norms=norm) if norm is not None else cases.none()
    page = Paginator(cases, DILEMMAS_PER_PAGE).get_page(request.GET.get("page"))
    done = practice_done(user=request.user, cases=list(page.object_list))
    return render(
        request,
        "reflection/practice_list.html",
        {"page": page, "done": done, "norm": norm, "norm_key": key},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def practice_dilemma(request: HttpRequest, pk: int) -> HttpResponse:
    """One dilemma: answer it (POST), then read the reflection and how colleagues chose."""
    case = get_object_or_404(practice_cases(), pk=pk)
    error = ""
    if request.method == "POST":
        try:
            practice_answer(case=case, option_id=request.POST.get("option"), user=request.user)
        except PracticeRefused as refused:
            error = str(refused)
            if practice_done(user=request.user, cases=[case]):
                messages.info(request, error)
                return redirect("reflection:practice-dilemma", pk=case.pk)
        else:
            messages.success(request, _("Thank you. Your answer was counted, without your name."))
            return redirect("reflection:practice-dilemma", pk=case.pk)
    options = list(case.options.all())
    answered = practice_done(user=request.user, cases=[case])
    context = {
        "case": case,
        "options": options,
        "answered": bool(answered),
        "error": error,
        "norms": case.norms.select_related("value").order_by(
            "value__position", "value__id", "position", "id"
        ),
    }
    if answered:
        context["results"] = practice_results(
            case=case, options=options, unit=practice_unit(request.user)
        )
    return render(request, "reflection/practice_dilemma.html", context)
