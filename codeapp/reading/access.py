"""Who may read the published code: anyone while the code is public (CODE_PUBLIC), otherwise
only signed-in users. One rule, `may_read`; the reading pages (`reader_required`) and the
API (codeapp.api.endpoints.ReaderAuth) each adapt it to their way of saying no.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from codeapp.caching import reader_facts
from core.codes import active_code

View = Callable[..., HttpResponse]


def may_read(request: HttpRequest) -> bool:
    """Whether this request may read the published code (the active one: core.codes)."""
    # The reader's facts, not request.user: a kept page then costs no query for the user.
    public = settings.CODE_PUBLIC and active_code().public
    return public or reader_facts.reader(request) is not None


def reader_required(view: View) -> View:
    """A reading page: to the sign-in page unless the request may read."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not may_read(request):
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper
