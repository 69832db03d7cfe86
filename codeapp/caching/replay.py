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

A signed-in reader gets their own answer again the same way (with single sign-on every
employee reads signed in): the page the version page view marked as theirs
(`response.replayable_for_reader`) is kept per session, cut where their CSRF token goes, and
given again to the next GET of the same page by the same session, with a fresh token masked
from their CSRF cookie, while the reader is still the one Django found
(codeapp.caching.reader_facts.Proof: with the one-process cache, the reader this process
looked up in the last seconds, unchanged; with a shared cache, the user's tokens and the
session itself, read in the same round trip as the stamp). Only a request that carries
nothing but the session, CSRF and language cookies, and a CSRF cookie Django would accept
as it is; a message to show, a sign-out, a confirmation, new rights or a new day all go
through Django again. What is kept points at the shared page's bytes: nothing personal is
copied into the anonymous answers, nor one reader's answer given to another session.

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
from codeapp.caching import reader_facts
from codeapp.caching.addresses import named_as_is
from codeapp.caching.assembly import InPieces, is_secret, masked_token
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


class ReplayMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        asked = _reading_request(request)
        if asked is None:
            return self.get_response(request)
        names = request.COOKIES.keys()
        if not names - {settings.LANGUAGE_COOKIE_NAME}:
            return self._anonymous(request, asked)
        session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if (
            session_key
            and is_secret(request.COOKIES.get(settings.CSRF_COOKIE_NAME))
            and not names
            - {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
            - {settings.LANGUAGE_COOKIE_NAME}
        ):
            return self._signed_in(request, (*asked, session_key))
        return self.get_response(request)  # a message to show, another cookie: Django decides

    def _anonymous(self, request: HttpRequest, key: tuple) -> HttpResponse:
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

    def _signed_in(self, request: HttpRequest, key: tuple) -> HttpResponse:
        session_key, today = key[-1], timezone.localdate()
        kept = local.get("replay-readers", key)
        if kept is not None and kept.today == today:
            checks = reader_facts.keys_to_check(kept.proof, session_key)
            found = pagecache.shared_many([pagecache.VERSIONS_KEY, *checks])
            if found.get(pagecache.VERSIONS_KEY) == kept.stamp and reader_facts.still_holds(
                kept.proof, session_key, found
            ):
                return kept.answer(request.COOKIES[settings.CSRF_COOKIE_NAME])
        stamp = pagecache.versions_stamp()
        response = self.get_response(request)
        proof = reader_facts.proof(request) if _keepable_own(response) else None
        if (
            proof is not None
            and stamp is not None
            and timezone.localdate() == today
            and request.session.session_key == session_key
            and reader_facts.keys_to_check(proof, session_key) is not None
        ):
            local.put("replay-readers", key, _Own(stamp, today, proof, response))
        return response


class _Own:
    """A signed-in reader's answer, kept for their session: its pieces, with the places
    of the CSRF token, under the stamp, day and proof it was made with."""

    __slots__ = ("stamp", "today", "proof", "status", "headers", "pieces", "token_at")

    def __init__(self, stamp: str, today, proof: reader_facts.Proof, response: InPieces):
        self.stamp, self.today, self.proof = stamp, today, proof
        self.status, self.headers = response.status_code, tuple(response.items())
        self.pieces, self.token_at = tuple(response), response.token_at

    def answer(self, csrf_secret: str) -> HttpResponse:
        pieces = list(self.pieces)
        token = masked_token(csrf_secret).encode()
        for i in self.token_at:
            pieces[i] = token
        return _Replayed(self.status, self.headers, pieces)


def _reading_request(request: HttpRequest) -> tuple | None:
    """What decides the answer to a GET of a reading page, but for the reader: its path,
    scheme, address and language; None when it is no such request."""
    if request.method != "GET" or not settings.PAGE_CACHE:
        return None
    if not request.path.startswith(_reading_pages()) or not named_as_is(request):
        return None  # not a reading page, or `/code/v%31/`: the view redirects it
    meta = request.META
    if meta.get("QUERY_STRING") or any(header in meta for header in _CONDITIONAL):
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # Django answers it with a 400
    return (request.path, request.scheme, host, translation.get_language_from_request(request))


def _key(request: HttpRequest) -> tuple | None:
    """What decides an anonymous reader's answer, or None when it may be anyone else's."""
    if request.COOKIES.keys() - {settings.LANGUAGE_COOKIE_NAME}:
        return None  # signed in, a message to show, a CSRF token: Django decides
    return _reading_request(request)


@functools.cache
def _reading_pages() -> str:
    """Where the reading pages are (/code/): any other request (static files, forms, the API)
    goes straight on, without even asking the cache for the stamp."""
    return reverse("codeapp:in-force")


def _keepable(response: HttpResponse) -> bool:
    return getattr(response, "replayable", False) and _plain(response)


def _keepable_own(response: HttpResponse) -> bool:
    return (
        getattr(response, "replayable_for_reader", False)
        and isinstance(response, InPieces)
        and _plain(response)
    )


def _plain(response: HttpResponse) -> bool:
    """An answer that holds nothing but its page: no cookie set, no nonce, not streamed."""
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Set-Cookie")
        # A nonce must differ from one answer to the next (none is used now).
        and "'nonce-" not in response.get("Content-Security-Policy", "")
    )


def forget() -> None:
    """Keep nothing (tests start from nothing)."""
    local.clear("replay", "replay-readers")
