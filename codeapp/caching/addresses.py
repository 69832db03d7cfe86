"""One address per page: one page, one cache entry.

A version has one address (`/code/v1/`); any other spelling of it (`/code/v00001/`,
`/code/v%31/`) is redirected there for good, so that it is neither kept nor replayed twice.
"""

from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect


def named_as_is(request: HttpRequest) -> bool:
    """Whether the address was sent as the path Django sees: not `/code/v%31/`, which the
    server decodes to `/code/v1/` before Django sees it (RAW_URI: gunicorn's; REQUEST_URI:
    other servers'). The path may lack a prefix a proxy removed, never gain one."""
    raw = request.META.get("RAW_URI") or request.META.get("REQUEST_URI")
    return not raw or urlsplit(raw).path.endswith(request.path_info)


def canonical_redirect(request: HttpRequest, url: str) -> HttpResponse | None:
    """A permanent redirect to `url`, the one address of a version (`/code/v1/`), when the
    request named it otherwise (`/code/v00001/`, `/code/v%31/`): one page, one cache entry."""
    if request.path == url and named_as_is(request):
        return None
    query = request.META.get("QUERY_STRING")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)
