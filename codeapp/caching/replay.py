"""Anonymous readers of the published code get the answer the last one got, as it was.

On the day a new version comes into force most of its readers are anonymous, and each of
them asks for the same page: the version page is kept whole (codeapp.reading.version_page),
yet every request still went through a dozen middleware and the view to find that out — about as
long as sending the megabyte. This middleware, first of all, keeps the final answer (status,
headers and body, after every other middleware has had its say) that the rest of the site
marked as the same for every anonymous reader (`response.replayable`), and gives it again
to the next anonymous reader who asks the same thing.

"The same thing" is narrow on purpose: a GET of a reading page (under /code/) with no query
string, no conditional header (Django answers those with a 304) and no cookie but the
language one, for the same path, address and language; while the list of published versions
(codeapp.caching.pages's stamp) and the date are the ones it was made under. A publication drops
that stamp (in another process with a one-process cache: within its few seconds), a new day
makes a new date, so a replayed page can never be older than a kept one. An answer that sets
a cookie or carries a CSP nonce is never kept. DJANGO_PAGE_CACHE=0 turns this off with the
rest of the page cache.

What the middleware below it does per request does not happen for a replayed answer: a rule
added there (blocking addresses, a maintenance mode) must come before this one.
"""

import functools
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation

from codeapp.caching import pages as pagecache
from codeapp.caching.addresses import named_as_is
from codeapp.caching.assembly import InPieces
from codeapp.caching.store import local

# Any of these makes the answer the reader's own, or Django's to give (a 304).
_CONDITIONAL = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
    "HTTP_IF_RANGE",
    "HTTP_RANGE",
    "HTTP_AUTHORIZATION",
)


class _Replayed(InPieces):
    """A kept answer, its body sent piece after piece as it was kept (nothing copied)."""

    def __init__(self, status: int, headers: tuple, pieces: tuple[bytes, ...]):
        # A list of its own, so that nothing written to one answer reaches the kept one.
        super().__init__(list(pieces), status=status)
        for name, value in headers:
            self.headers[name] = value


class AnonymousReplayMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = _key(request)
        if key is None:
            return self.get_response(request)
        # Read before the page is made: a publication meanwhile leaves the page under a
        # stamp that is already gone.
        stamp, today = pagecache.versions_stamp(), timezone.localdate()
        found = local.get("replay", key)  # kept in this process's store
        if found is not None and stamp is not None and found[:2] == (stamp, today):
            return _Replayed(*found[2:])
        response = self.get_response(request)
        # Made under that stamp and on that day (not just after midnight): kept.
        if stamp is not None and timezone.localdate() == today and _keepable(response):
            entry = (stamp, today, response.status_code, tuple(response.items()), tuple(response))
            local.put("replay", key, entry)
        return response


def _key(request: HttpRequest) -> tuple | None:
    """What decides an anonymous reader's answer, or None when it may be anyone else's."""
    if request.method != "GET" or not settings.PAGE_CACHE:
        return None
    if not request.path.startswith(_reading_pages()) or not named_as_is(request):
        return None  # not a reading page, or `/code/v%31/`: the view redirects it
    meta = request.META
    if meta.get("QUERY_STRING") or any(header in meta for header in _CONDITIONAL):
        return None
    if request.COOKIES.keys() - {settings.LANGUAGE_COOKIE_NAME}:
        return None  # signed in, a message to show, a CSRF token: Django decides
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # Django answers it with a 400
    return (request.path, request.scheme, host, translation.get_language_from_request(request))


@functools.cache
def _reading_pages() -> str:
    """Where the reading pages are (/code/): any other request (static files, forms, the API)
    goes straight on, without even asking the cache for the stamp."""
    return reverse("codeapp:in-force")


def _keepable(response: HttpResponse) -> bool:
    return (
        getattr(response, "replayable", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Set-Cookie")
        # A nonce must differ from one answer to the next (none is used now).
        and "'nonce-" not in response.get("Content-Security-Policy", "")
    )


def forget() -> None:
    """Keep nothing (tests start from nothing)."""
    local.clear("replay")
