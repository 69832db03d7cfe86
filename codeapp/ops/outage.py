"""While the database is unreachable every request gets a clear 503, never an error page.

A database outage (PostgreSQL restarting, the network gone) shows up in Django as
OperationalError or InterfaceError, raised wherever the first query of a request runs:
in a view, but just as well in the session or authentication middleware, in django-axes,
or while a template asks for `user`. Two hooks catch it, between them everywhere:

- `DatabaseOutageMiddleware.process_exception` for errors raised in a view, where a
  short warning is logged instead of a traceback per request;
- `server_error`, the handler500, for errors raised anywhere else (Django turns them
  into a call to the handler while the exception is still being handled).

The answer is rendered without touching the database: no request context (so no context
processor runs and no session or user is read), only translated text and static files.
Nothing is half-written: every write runs in `transaction.atomic`, and a transaction the
database never committed is rolled back by PostgreSQL itself. Service resumes without a
restart because `CONN_HEALTH_CHECKS` replaces a dead pooled connection at the next request.

On SQLite, "database is locked" (also an OperationalError) is no outage but a writer waiting
for another: the settings make it wait in the database (transaction_mode IMMEDIATE, a 20 s
timeout), so it never reaches this module while the wait can succeed. Only a write still
blocked after that wait gets the 503 here, like any other moment the database cannot answer.
"""

import logging
import sys

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults

logger = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)
# Long enough for PostgreSQL to restart, short enough that readers do not give up.
RETRY_AFTER_SECONDS = 30
API_PREFIX = "/api/"


def unavailable(request: HttpRequest) -> HttpResponse:
    """The 503 answer: JSON for the API, a plain page for everything else."""
    if request.path.startswith(API_PREFIX):
        response = JsonResponse(
            {"detail": _("The code of conduct is briefly unavailable; try again in a minute.")},
            status=503,
        )
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    # A proxy or browser must not keep the outage page in place of the real one.
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    """Turns a database outage in a view into the 503 answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DATABASE_DOWN):
            return None
        logger.warning("Database unavailable on %s %s: %s", request.method, request.path, exception)
        return unavailable(request)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's 500 page, unless the error being handled is a database outage."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return unavailable(request)
    return defaults.server_error(request)
