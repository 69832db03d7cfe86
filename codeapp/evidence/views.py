"""Evidence per employee (page and PDF), "my confirmations", and finding a person.

Integrity officers (`people.view_person`) find anyone, deactivated people included, and see
anyone's evidence; every signed-in user sees their own.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from codeapp.evidence.forms import DayForm, PeopleSearchForm
from codeapp.evidence.pdf import pdf_filename, render_pdf
from codeapp.evidence.records import evidence_of

VIEW_ANYONE = "people.view_person"
PEOPLE_PER_PAGE = 50


def _person_for(request: HttpRequest, pk: int) -> AbstractBaseUser:
    """The user `pk` if the reader may see their evidence: their own, or anyone's for officers."""
    if request.user.pk != pk and not request.user.has_perm(VIEW_ANYONE):
        raise PermissionDenied
    return get_object_or_404(get_user_model(), pk=pk)


def _page(request: HttpRequest, user: AbstractBaseUser, *, own: bool) -> HttpResponse:
    form = DayForm(request.GET if "on" in request.GET else None)
    valid = not form.is_bound or form.is_valid()
    day = form.cleaned_data.get("on") if form.is_bound and valid else None
    context = {"evidence": evidence_of(user, day=day), "form": form, "own": own}
    return render(request, "codeapp/evidence/evidence.html", context, status=200 if valid else 400)


def _pdf(request: HttpRequest, user: AbstractBaseUser) -> HttpResponse:
    form = DayForm(request.GET if "on" in request.GET else None)
    if form.is_bound and not form.is_valid():
        return render(
            request,
            "codeapp/evidence/evidence.html",
            {"evidence": evidence_of(user), "form": form, "own": request.user.pk == user.pk},
            status=400,
        )
    day = form.cleaned_data.get("on") if form.is_bound else None
    evidence = evidence_of(user, day=day)
    response = HttpResponse(render_pdf(evidence), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{pdf_filename(evidence)}"'
    return response


@require_http_methods(["GET", "HEAD"])
@login_required
def evidence(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _person_for(request, pk), own=request.user.pk == pk)


@require_http_methods(["GET", "HEAD"])
@login_required
def evidence_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _pdf(request, _person_for(request, pk))


@require_http_methods(["GET", "HEAD"])
@login_required
def my_confirmations(request: HttpRequest) -> HttpResponse:
    return _page(request, request.user, own=True)


@require_http_methods(["GET", "HEAD"])
@login_required
def my_confirmations_pdf(request: HttpRequest) -> HttpResponse:
    return _pdf(request, request.user)


@require_http_methods(["GET", "HEAD"])
@login_required
@permission_required(VIEW_ANYONE, raise_exception=True)
def people(request: HttpRequest) -> HttpResponse:
    """Find a person by name, user name or e-mail address; those who left are marked."""
    form = PeopleSearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    found = get_user_model().objects.select_related("person", "person__unit")
    for word in query.split()[:5]:
        found = found.filter(
            Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
        )
    found = found.order_by("last_name", "first_name", "username", "pk")
    page = Paginator(found, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    context = {"form": form, "query": query, "page": page}
    return render(
        request, "codeapp/evidence/people.html", context, status=200 if form.is_valid() else 400
    )
