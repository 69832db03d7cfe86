"""The page for a request the site cannot read: clear words instead of Django's bare 400."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

TOO_MUCH = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's handler400: 413 with the limit for a request too large, 400 otherwise.

    Rendered with the request (Django's own handler renders without), so the page has the
    site's menu and language; a request refused before the sign-in was read is anonymous.
    """
    if not hasattr(request, "user"):
        request.user = AnonymousUser()
    if isinstance(exception, TOO_MUCH):
        limit = {"limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE}
        return render(request, "413.html", limit, status=413)
    return render(request, "400.html", status=400)
