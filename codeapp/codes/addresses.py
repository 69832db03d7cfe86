"""Where each code is read: the main code at /code/ and /api/v1/ (as always), every code at
/codes/<slug>/ and /api/v1/codes/<slug>/.

A request about one code (core.codes: the active code) is resolved and reversed with that
code's URLconf: the same pages, its reading pages and API at its own addresses. So every
`{% url %}` and `reverse()` on its pages points within the code, with no view knowing.
"""

import contextlib
import threading
import types
from collections.abc import Iterator
from importlib import import_module

from django.conf import settings
from django.urls import get_urlconf, reverse, set_urlconf

from core.codes import using_code
from core.models import Code

_made: dict[str, types.ModuleType] = {}
_lock = threading.Lock()


def reading_at(code: Code) -> str:
    return f"codes/{code.slug}/"


def api_at(code: Code) -> str:
    return f"api/v1/codes/{code.slug}/"


def urlconf_for(code: Code) -> types.ModuleType:
    """The URLconf of a request about `code` when it is not the main code's /code/ (made
    once per code and process; Django keeps one resolver per URLconf)."""
    with _lock:
        made = _made.get(code.slug)
        if made is None:
            urls = import_module(settings.ROOT_URLCONF)
            made = types.ModuleType(f"codeapp.urls[{code.slug}]")
            made.urlpatterns = urls.site_patterns(reading_at(code), api_at(code))
            made.handler400 = urls.handler400
            made.handler500 = urls.handler500
            _made[code.slug] = made
    return made


def code_url(code: Code, name: str, *args, twin: bool = False) -> str:
    """A page of `code` (e.g. "codeapp:in-force") from anywhere: /code/… for the main code,
    unless `twin` asks for its /codes/<slug>/… address."""
    urlconf = settings.ROOT_URLCONF if code.is_main and not twin else urlconf_for(code)
    return reverse(name, args=args, urlconf=urlconf)


@contextlib.contextmanager
def working_on(code: Code) -> Iterator[Code]:
    """Outside a request (a command, a task): work on `code`, its pages reversed at its own
    addresses, as the middleware does for a request."""
    before = get_urlconf()
    set_urlconf(None if code.is_main else urlconf_for(code))
    try:
        with using_code(code):
            yield code
    finally:
        set_urlconf(before)
