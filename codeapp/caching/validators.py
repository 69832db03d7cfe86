"""What tells browsers how long they may keep a page, and lets them ask whether it changed.

ETag and Last-Modified on every reading page, a 304 when the browser has the page already,
and the Cache-Control of each kind of answer: the pages a reader reads (which may carry a
CSRF token and the reader's name: private, checked each time or kept a few minutes) and
what is drawn from one sealed version alone (its PDF, its API document: kept for a year).
A code that is not public is kept by no one: a copy would outlive signing out on a shared
computer.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from codeapp.caching.pages import digest

# What is drawn from one sealed version alone (its API document, its PDF) never changes:
# browsers and proxies may keep it for a year.
IMMUTABLE_MAX_AGE = 365 * 24 * 3600


def etag_of(*parts: object) -> str:
    """A (strong, quoted) entity tag for the page that `parts` decide."""
    return f'"{digest(*parts)}"'


def not_modified(
    request: HttpRequest, *, etag: str, last_modified: float | None = None
) -> HttpResponse | None:
    """A 304 when the browser's copy is still the page (If-None-Match, If-Modified-Since)."""
    return get_conditional_response(request, etag=etag, last_modified=last_modified)


def tag_reader_page(
    response: HttpResponse, *, etag: str, last_modified: float | None = None
) -> HttpResponse:
    """The validators of a reader's page: its ETag (weak: a signed-in reader's CSRF token
    differs from one answer to the next) and, when known, when it last changed."""
    response["ETag"] = "W/" + etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    return response


def patch_reader_cache_control(response: HttpResponse, *, max_age: int | None = None) -> None:
    """Browsers may keep a reader's page; never a shared cache (it may carry a CSRF token).

    Checked each time (a 304 when unchanged), or reused for `max_age` seconds without
    asking; with a code that is not public, kept by no browser.
    """
    if not settings.CODE_PUBLIC:
        patch_cache_control(response, private=True, no_store=True)
    elif max_age:
        patch_cache_control(response, private=True, max_age=max_age)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])


def patch_sealed_cache_control(response: HttpResponse, *, in_force: bool = False) -> None:
    """Cache-Control for what is drawn from one sealed version alone (its PDF, its document).

    A public code's version never changes: anyone may keep it for a year; the version
    `in_force` on a day is asked again each time (no-cache, revalidated by its ETag). A
    code that is not public is kept by no one, not even the reader's browser
    (private, no-store): it must not outlive signing out on a shared computer.
    """
    if not settings.CODE_PUBLIC:
        patch_cache_control(response, private=True, no_store=True)
    elif in_force:
        patch_cache_control(response, no_cache=True)
    else:
        patch_cache_control(response, public=True, max_age=IMMUTABLE_MAX_AGE, immutable=True)
