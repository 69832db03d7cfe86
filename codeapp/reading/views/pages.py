"""Reading the published code: in force, any version, on a date, and the list of versions.

Every page renders from a version's sealed JSON document, never from the live draft
tables: a reader sees exactly what was established, in a fixed number of queries
whatever the size of the code (codeapp.reading.version_page).
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from codeapp.caching.addresses import canonical_redirect
from codeapp.reading.access import reader_required
from codeapp.reading.presentation import compare_choices
from codeapp.reading.timeline import in_force_in, timeline
from codeapp.reading.version_page import VersionPage, version_page
from core.dates import day_or_none


def _not_found(request: HttpRequest, heading: str, message: str) -> HttpResponse:
    context = {"heading": heading, "message": message, "date_value": ""}
    return render(request, "codeapp/reading/not_found.html", context, status=404)


@require_http_methods(["GET", "HEAD"])
@reader_required
def in_force(request: HttpRequest) -> HttpResponse:
    """The code in force today; `?on=YYYY-MM-DD` (the date picker) goes to that day's version."""
    date_error = ""
    if "on" in request.GET:
        day = day_or_none(request.GET["on"].strip())
        if day is not None:
            return redirect("codeapp:version-on", day=day.isoformat())
        date_error = _("Enter a date in the calendar, such as 2026-01-31.")
    status = 400 if date_error else 200
    standings = timeline(timezone.localdate())
    upcoming = next((s.version for s in standings if s.state == "future"), None)
    version = in_force_in(standings) or upcoming
    if version is None:
        context = {"date_error": date_error, "date_value": ""}
        return render(request, "codeapp/reading/nothing_published.html", context, status=status)
    page = VersionPage(version, standings)
    return version_page(request, page, date_error=date_error, status=status)


@require_http_methods(["GET", "HEAD"])
@reader_required
def version(request: HttpRequest, number: int) -> HttpResponse:
    if redirect_ := canonical_redirect(request, reverse("codeapp:version", args=[number])):
        return redirect_
    standings = timeline(timezone.localdate())
    found = next((s.version for s in standings if s.version.number == number), None)
    if found is None:
        raise Http404(f"There is no version {number}.")
    return version_page(request, VersionPage(found, standings))


@require_http_methods(["GET", "HEAD"])
@reader_required
def version_on(request: HttpRequest, day: str) -> HttpResponse:
    """The version in force on a day; a clear 404 for a day that does not exist or had none."""
    parsed = day_or_none(day)
    if parsed is None:
        return _not_found(
            request,
            _("Not a valid date"),
            _("“%(day)s” is not a date in the calendar. Write dates as YYYY-MM-DD.") % {"day": day},
        )
    standings = timeline(timezone.localdate())
    # The newest version that came into force on or before that day (the timeline is in
    # order of coming into force).
    started = [s.version for s in standings if s.version.effective_from <= parsed]
    if not started:
        return _not_found(
            request,
            _("No version in force on that date"),
            _("No version of the code was in force on %(date)s.")
            % {"date": date_format(parsed, "DATE_FORMAT")},
        )
    return version_page(request, VersionPage(started[-1], standings, asked_on=parsed))


@require_http_methods(["GET", "HEAD"])
@reader_required
def versions(request: HttpRequest) -> HttpResponse:
    """All published versions, newest first; `?a=&b=` (the compare form) goes to the comparison."""
    standings = timeline(timezone.localdate())
    compare_error = ""
    if "a" in request.GET or "b" in request.GET:
        numbers = {s.version.number for s in standings}
        a, b = request.GET.get("a", ""), request.GET.get("b", "")
        if a.isdigit() and b.isdigit() and int(a) in numbers and int(b) in numbers:
            return redirect("codeapp:version-compare", a=int(a), b=int(b))
        compare_error = _("Choose two published versions to compare.")
    rows = sorted(standings, key=lambda s: s.version.number, reverse=True)
    context = {"rows": rows, "compare_error": compare_error, "date_value": ""}
    context.update(compare_choices(rows))
    return render(
        request, "codeapp/reading/versions.html", context, status=400 if compare_error else 200
    )
