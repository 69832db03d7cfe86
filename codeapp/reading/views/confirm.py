"""Confirming having read the version in force, who has (a report), and what changed since
the version a reader last confirmed."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from codeapp.codes.audience import asks
from codeapp.models import CodeVersion, Confirmation
from codeapp.reading import confirming
from codeapp.reading.presentation import changes_shown, count_changes
from codeapp.reading.timeline import in_force_in, timeline
from core.codes import active_code

PENDING_PER_PAGE = 50


def _get_version_or_404(number: int) -> CodeVersion:
    return get_object_or_404(CodeVersion.objects.defer("document"), number=number)


@require_http_methods(["POST"])
def version_confirm(request: HttpRequest, number: int) -> HttpResponse:
    version_url = reverse("codeapp:version", args=[number])
    if not request.user.is_authenticated:
        # Back to the reading page after signing in: this address only answers a POST.
        return redirect_to_login(version_url)
    # Which version is in force, as the reading pages see it (the list of versions kept
    # between publications): no query on a publication day's thousands of confirmations.
    standings = timeline(timezone.localdate())
    version = in_force_in(standings)
    if version is None or version.number != number:
        if not any(s.version.number == number for s in standings):
            raise Http404(f"There is no version {number}.")
        messages.error(
            request,
            _("Version %(number)d is not in force; only the version in force can be confirmed.")
            % {"number": number},
        )
        return redirect(version_url)
    if not asks(request.user, active_code()):
        messages.error(
            request,
            _("This code is for %(audience)s: you are not asked to confirm it.")
            % {"audience": active_code().get_audience_display()},
        )
        return redirect(version_url)
    confirmation = confirming.version_confirm(user=request.user, version=version)
    messages.success(
        request,
        _("Thank you. You confirmed on %(date)s that you have read version %(number)d.")
        % {
            "date": date_format(timezone.localtime(confirmation.confirmed_at), "DATE_FORMAT"),
            "number": version.number,
        },
    )
    return redirect(version_url)


@require_http_methods(["GET", "HEAD"])
@login_required
@permission_required("codeapp.view_confirmation", raise_exception=True)
def version_confirmations(request: HttpRequest, number: int) -> HttpResponse:
    """How many active users confirmed a version, and who has not yet (paginated)."""
    version = _get_version_or_404(number)
    active = get_user_model().objects.filter(is_active=True)
    total = active.count()
    # A confirmation counts when it is of this version or a later one, or — for an editorial
    # change — of the version it rests on (Confirmation.objects.covering).
    covering = Confirmation.objects.covering(version).values("user_id")
    confirmed = active.filter(pk__in=covering).count()
    pending = active.exclude(pk__in=covering).order_by(get_user_model().USERNAME_FIELD, "pk")
    page = Paginator(pending, PENDING_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "version": version,
        "total": total,
        "confirmed": confirmed,
        "percentage": 100 * confirmed / total if total else 0,
        "page": page,
    }
    return render(request, "codeapp/reading/confirmations.html", context)


@require_http_methods(["GET", "HEAD"])
@login_required
def changes_since_confirmed(request: HttpRequest) -> HttpResponse:
    """For the signed-in user: what changed since the last version they confirmed."""
    current = CodeVersion.objects.in_force()
    confirmation = (
        Confirmation.objects.filter(user=request.user)
        .select_related("version")
        .order_by("-version__number")
        .first()
    )
    context: dict = {"current": current, "confirmation": confirmation}
    if current and confirmation and confirmation.version_id != current.pk:
        # Only editorial changes since: shown, but no new confirmation is asked.
        context["covered"] = confirmation.version.number >= current.confirmation_base()
        changes, context["changes"] = changes_shown(confirmation.version.document, current.document)
        context["counts"] = count_changes(changes)
    return render(request, "codeapp/reading/changes_since_confirmed.html", context)
