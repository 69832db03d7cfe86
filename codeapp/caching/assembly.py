"""Putting a page together from kept parts, without copying the megabyte twice.

Two ways, for the two kinds of kept HTML:
- Slots: a page whose frame is rendered per request and whose big parts (a version's
  document, a comparison) are kept: the frame is rendered with a mark where each part
  goes, and the kept bytes are put in at the marks, not rendered, joined and encoded.
- kept_in_pieces: a page kept whole for every reader who sees the same one, but for the
  reader's CSRF token and name. It is rendered once with stand-ins for both and kept cut
  at them; each reader's answer is those pieces sent one after the other with their own
  token and name in between (InPieces: nothing copied).

Nothing personal is ever kept: the stand-ins are random, and the reader's facts
(codeapp.caching.reader_facts) are all a kept page is drawn from.
"""

import secrets
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.context_processors import PermWrapper
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH, get_token
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from codeapp.caching import pages as pagecache
from codeapp.caching import reader_facts
from core.roles import can_edit_draft, can_view_draft

# Where a kept page has holes for the reader's CSRF token and name.
TOKEN, NAME = b"csrf-token", b"name"


class InPieces(HttpResponse):
    """An answer sent piece after piece as it is (WSGI takes any iterable of bytes), not
    copied into one: a megabyte copied is most of what a signed-in reader's page costs.
    Its content is joined only when asked for (by tests). `token_at`: which pieces are the
    reader's CSRF token (codeapp.caching.replay puts a fresh one there)."""

    def __init__(
        self, pieces: list[bytes], status: int = 200, token_at: tuple[int, ...] = ()
    ) -> None:
        super().__init__(status=status)
        self._container = pieces  # what HttpResponse sends and joins as its content
        self["Content-Length"] = str(sum(map(len, pieces)))
        self.token_at = token_at


_CHARS = CSRF_ALLOWED_CHARS
_N = len(_CHARS)
# A random byte below 248 (4 x 62) names one of the 62 characters evenly; the rest are dropped.
_EVEN = 256 - 256 % _N
_BYTE_TO_CHAR = bytes(ord(_CHARS[b % _N]) if b < _EVEN else 0 for b in range(256))
_UNEVEN = bytes(range(_EVEN, 256))
# A character of the secret shifted by one of the mask: the token's character.
_SHIFTED = {s + m: _CHARS[(i + j) % _N] for i, s in enumerate(_CHARS) for j, m in enumerate(_CHARS)}


def masked_token(secret: str) -> str:
    """A CSRF token for `secret` as django.middleware.csrf.get_token makes it (a fresh random
    mask, then the secret shifted by it: a different token in every answer, against BREACH),
    made with table look-ups rather than Django's loops over its characters (three times
    faster: Django's was a seventh of a signed-in reader's page)."""
    mask = ""
    while len(mask) < CSRF_SECRET_LENGTH:
        raw = secrets.token_bytes(CSRF_SECRET_LENGTH + 8)
        mask += raw.translate(_BYTE_TO_CHAR, _UNEVEN).decode()
    mask = mask[:CSRF_SECRET_LENGTH]
    return mask + "".join(map(_SHIFTED.__getitem__, map(str.__add__, secret, mask)))


def is_secret(value: str | None) -> bool:
    """Whether a CSRF cookie holds a secret as Django sets it today (not an old masked one)."""
    return (
        value is not None
        and len(value) == CSRF_SECRET_LENGTH
        and all(char in _CHARS for char in value)
    )


def csrf_token(request: HttpRequest) -> str:
    """The reader's CSRF token for a kept page. When their browser already holds a valid
    cookie, masked from it without sending the cookie again (Django's get_token renews it
    on every page, a Set-Cookie that would make every answer the reader's own); otherwise
    Django's, which sets the cookie."""
    cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    if is_secret(cookie) and request.META.get("CSRF_COOKIE") == cookie:
        return masked_token(cookie)
    return get_token(request)


class Slots:
    """Marks for the kept parts of a page, to put in its template's context, and then the
    parts put in at the marks (in the order the parts are named, which is the page's)."""

    def __init__(self, *names: str) -> None:
        self.names = names
        self._mark = secrets.token_hex(16)

    def marks(self) -> dict[str, SafeString]:
        return {name: mark_safe(f"<!--{self._mark}-{name}-->") for name in self.names}

    def fill(self, response: HttpResponse, parts: dict[str, bytes]) -> HttpResponse:
        rest, joined = response.content, []
        for name in self.names:
            head, _mark, rest = rest.partition(f"<!--{self._mark}-{name}-->".encode())
            joined += [head, parts[name]]
        response.content = b"".join([*joined, rest])
        return response


class ShownAs:
    """A signed-in reader as a kept page's template sees them: their facts (what the page
    is kept by, see codeapp.caching.reader_facts), with a stand-in for their name."""

    is_authenticated = True
    is_anonymous = False
    is_active = True

    def __init__(self, reader: reader_facts.Reader, name: str) -> None:
        self._reader = reader
        self._name = name
        self.pk = self.id = reader.pk
        self.is_staff = reader.is_staff
        self.is_superuser = reader.is_superuser

    def get_username(self) -> str:
        return self._name

    def get_full_name(self) -> str:
        return self._name

    def __str__(self) -> str:
        return self._name

    def has_perm(self, perm: str, obj: object = None) -> bool:
        return obj is None and self._reader.has_perm(perm)

    def has_perms(self, perm_list, obj: object = None) -> bool:
        return all(self.has_perm(perm, obj) for perm in perm_list)

    def has_module_perms(self, app_label: str) -> bool:
        return self._reader.has_module_perms(app_label)


def shown_as_context(request: HttpRequest, shown_name: str) -> dict:
    """What a kept page's template knows of the signed-in reader: drawn from their facts
    alone, so the page is the same for every reader with the same facts. Nothing for an
    anonymous reader."""
    facts = reader_facts.reader(request)
    if facts is None:
        return {}
    shown = ShownAs(facts, shown_name)
    return {
        "user": shown,
        "perms": PermWrapper(shown),
        "can_view_draft": can_view_draft(shown),
        "can_edit_draft": can_edit_draft(shown),
    }


def _cut(content: bytes, holes: dict[bytes, bytes]) -> list[bytes]:
    """`content` cut at each stand-in of `holes`: [text, mark, text, mark, …, text], each
    stand-in replaced by its mark. bytes.split for each stand-in in turn, not one regular
    expression with both: on a megabyte page the expression took 14 ms, the splits well
    under one (a first request for a version paid it)."""
    pieces = [content]
    for stand_in, mark in holes.items():
        cut: list[bytes] = []
        for i, piece in enumerate(pieces):
            if i % 2:
                cut.append(piece)  # a mark already
                continue
            parts = piece.split(stand_in)
            cut.append(parts[0])
            for part in parts[1:]:
                cut += [mark, part]
        pieces = cut
    return pieces


def kept_in_pieces(
    request: HttpRequest, key: str, render: Callable[[str, str], HttpResponse]
) -> InPieces:
    """The page kept under `key`, with this reader's CSRF token and name in its holes.

    `render(csrf_token, shown_name)` renders the page with the stand-ins it is given.
    """

    def render_in_pieces() -> tuple[bool, list[bytes]]:
        holes = {secrets.token_urlsafe(24).encode(): mark for mark in (TOKEN, NAME)}
        token_hole, name_hole = holes
        rendered = render(token_hole.decode(), name_hole.decode())
        pieces = _cut(rendered.content, holes)
        return TOKEN in pieces[1::2], pieces

    needs_token, pieces = pagecache.get_or_build(key, render_in_pieces)
    facts = reader_facts.reader(request)
    fill = {
        NAME: escape(facts.name if facts else "").encode(),
        # An anonymous reader's page has no form that needs a token: none is made, no cookie.
        TOKEN: csrf_token(request).encode() if needs_token else b"",
    }
    token_at = tuple(i for i, p in enumerate(pieces) if i % 2 and p == TOKEN and needs_token)
    return InPieces([fill[p] if i % 2 else p for i, p in enumerate(pieces)], token_at=token_at)
