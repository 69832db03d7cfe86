"""Which code a request is about (core.codes' active code), from its address.

- `/codes/<slug>/…` and `/api/v1/codes/<slug>/…`: that code, resolved with its own URLconf
  (codeapp/codes/addresses.py) so its pages link within it. An unknown slug finds no page.
- `/code/…` and the rest of `/api/v1/…`: the main code, as always.
- Any other page (the draft, sessions, proposals, health, campaigns): the code the user chose
  to work on (`/codes/`, kept in the session), else the first code they keep, else the main
  code. A page about another code than the main one is resolved with that code's URLconf too,
  so "see the published version" after publishing goes to that code's version.
"""

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from codeapp.codes.addresses import urlconf_for
from codeapp.codes.rights import kept_code_ids
from core.codes import all_codes, code_named, main_code, using_code
from core.models import Code

SESSION_KEY = "working_code"
_OWN_ADDRESS = re.compile(r"^/(?:api/v1/)?codes/([a-z0-9][a-z0-9-]{0,63})(?:/|$)")
_MAIN_ADDRESSES = ("/code/", "/api/", "/static/")


class ActiveCodeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        code, own_address = self._code(request)
        request.code = code
        if own_address or not code.is_main:
            request.urlconf = urlconf_for(code)
        if own_address and code.is_main:
            # The main code's twin (/codes/<slug>/v3/) names /code/v3/ as the address to cite.
            twin = request.path_info
            prefix = "/api/v1/" if twin.startswith("/api/") else "/code/"
            request.canonical_path = prefix + twin.split("/", 3 if prefix == "/code/" else 5)[-1]
        with using_code(code):
            response = self.get_response(request)
        canonical = getattr(request, "canonical_path", None)
        if canonical is not None and not response.has_header("Link"):
            response["Link"] = f'<{request.build_absolute_uri(canonical)}>; rel="canonical"'
        return response

    def _code(self, request: HttpRequest) -> tuple[Code, bool]:
        path = request.path_info
        found = _OWN_ADDRESS.match(path)
        if found:
            code = code_named(found[1])
            return (code, True) if code is not None else (main_code(), False)
        if path.startswith(_MAIN_ADDRESSES) or len(all_codes()) == 1:
            return main_code(), False
        return working_code(request), False


def working_code(request: HttpRequest) -> Code:
    """The code the user works on outside the reading pages (see the module's docstring)."""
    chosen = (
        code_named(request.session.get(SESSION_KEY, "")) if hasattr(request, "session") else None
    )
    kept = kept_code_ids(request.user) if hasattr(request, "user") else frozenset()
    if chosen is not None and (not kept or chosen.pk in kept):
        return chosen
    if kept:
        return next((code for code in all_codes() if code.pk in kept), main_code())
    return main_code()
