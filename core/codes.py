"""Which code a request or a command works on: the active code.

An organisation keeps several codes (core.models.Code); each row of a code's draft, versions
and reflection carries its code. The default manager of those models (`CodeScopedManager`)
answers only the active code's rows, so every page, service and command that reads "the
draft", "the versions" or "the proposals" reads them for one code without saying so. The
active code is a context variable: set for a request by the top app's middleware from its
address (`/codes/<slug>/…`) or the code the user chose to work on, for a command by
`--code`, and otherwise the main code.

Related rows are reached through the plain base manager (Django's), so a version of another
code is never hidden from the rows that point at it; a query of another code's rows is made
inside `using_code(code)`.
"""

import contextlib
import threading
import time
from collections.abc import Iterator
from contextvars import ContextVar
from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from core.models import Code

_active: ContextVar["Code | None"] = ContextVar("active_code", default=None)

# The codes, read once and kept for a minute in this process: the main code is asked for by
# nearly every query, and a code made in another process (rare: an administrator's act) shows
# here within that time; one made in this process at once.
KEEP_SECONDS = 60.0
_kept: dict[str, object] = {}
_lock = threading.Lock()


def all_codes() -> list["Code"]:
    """Every code, the main one first (kept a minute; see KEEP_SECONDS)."""
    now = time.monotonic()
    kept = _kept.get("codes")
    if kept is not None and now - kept[0] < KEEP_SECONDS:
        return kept[1]
    from core.models import Code

    codes = list(Code.objects.all())
    if not any(code.is_main for code in codes):
        codes.insert(0, _make_main())
    with _lock:
        _kept["codes"] = (now, codes)
    return codes


def _make_main() -> "Code":
    from core.models import Code

    code, _created = Code.objects.get_or_create(
        is_main=True, defaults={"slug": "gedragscode", "name": "Gedragscode"}
    )
    return code


def main_code() -> "Code":
    return next(code for code in all_codes() if code.is_main)


def code_named(slug: str) -> "Code | None":
    """The code with this short name, or None."""
    return next((code for code in all_codes() if code.slug == slug), None)


def several() -> bool:
    """Whether the organisation keeps more than one code (then pages name the code)."""
    return len(all_codes()) > 1


def forget() -> None:
    """Read the codes again at the next question (a code saved; tests start from nothing)."""
    with _lock:
        _kept.clear()


def active_code() -> "Code":
    """The code this request or command works on: the main code unless one was chosen."""
    return _active.get() or main_code()


def active_code_id() -> int:
    """The active code's id: the default of every row's `code`."""
    return active_code().pk


@contextlib.contextmanager
def using_code(code: "Code") -> Iterator["Code"]:
    """Work on `code` inside the block (and on the one before it after)."""
    token = _active.set(code)
    try:
        yield code
    finally:
        _active.reset(token)


class ActiveCodeId(models.Expression):
    """The active code's id, read when the query runs, not when it is built: a queryset made
    once (a form field's choices, a module's constant) follows the code of each request."""

    output_field = models.BigIntegerField()

    def as_sql(self, compiler, connection):
        return "%s", [active_code_id()]


class CodeScopedManager(models.Manager):
    """The rows of the active code only; `code_path` is the lookup from the row to its code
    (a class attribute: Django makes related managers from the class, not the instance)."""

    code_path = "code"

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().filter(**{f"{self.code_path}_id": ActiveCodeId()})


class EveryCodeManager(models.Manager):
    """The rows of every code (for work that goes through all codes, each in its turn)."""
