"""What is rendered from published versions, rendered once and kept.

A sealed version never changes, so HTML rendered from it — keyed by its seal and by
everything else that changes that HTML (the interface language, the site's address,
whether the reader is signed in, today's date where the page says what is in force) —
can be kept for as long as there is room. It is kept at two levels: in this process (the
"pages" shelf of codeapp.caching.store: no copying, no network) and in the shared cache
(settings.CACHES, the same for every instance behind the load balancer), so a page is
rendered about once per installation rather than once per request. Nothing is ever
invalidated: a new version, or a new day, makes new keys. DJANGO_PAGE_CACHE=0 turns both levels off.

Never put anything personal in what is kept here (a name, a CSRF token, a confirmation).
"""

import hashlib
import logging
import secrets
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache

from codeapp.caching.store import local
from core.codes import active_code_id

# In the shared cache: a week; an entry evicted sooner is simply rendered again.
SHARED_TIMEOUT = 7 * 24 * 3600
# Part of every key: raise it when what is kept changes shape.
KEY_PREFIX = "page:5:"

# Which versions exist (without their documents): every reading page needs the list, and it
# changes only when a version is published (CodeVersion.save forgets it). The shared cache
# holds a stamp for the list; each process keeps the list it loaded under that stamp, so a
# page costs one small read from the cache, not the list's unpickling. A publication drops
# the stamp: it reaches every instance at once through a shared cache; through the
# per-process locmem cache, which a publication in another process cannot reach, the stamp
# lasts only a few seconds.
VERSIONS_KEY = KEY_PREFIX + "versions"
VERSIONS_TIMEOUT_SHARED = 10
VERSIONS_TIMEOUT_LOCAL = 2

logger = logging.getLogger(__name__)


def digest(*parts: object) -> str:
    """A short fingerprint of the parts that decide some HTML (any length, any characters)."""
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()


def make_key(*parts: object) -> str:
    return KEY_PREFIX + digest(*parts)


def enabled() -> bool:
    return settings.PAGE_CACHE


def get_or_build(key: str, build: Callable[[], Any]) -> Any:
    """The value kept under `key` (make_key), built and kept first if there is none."""
    if not enabled():
        return build()
    missing = object()
    value = local.get("pages", key, missing)
    if value is not missing:
        return value
    # One thread of this process renders a missing page; the others wait for it.
    with local.building("pages", key):
        value = local.get("pages", key, missing)
        if value is not missing:
            return value
        value = _shared("get", key)
        if value is None:
            value = build()
            _shared("set", key, value, SHARED_TIMEOUT)
        local.put("pages", key, value)
    return value


def _shared(operation: str, *args: Any) -> Any:
    """The shared cache's get, set or delete; nothing when it is out of reach.

    A cache that is down or full costs renders, not answers: the page is rendered as if it
    had never been kept (the sessions, when kept there too, are another matter).
    """
    try:
        return getattr(cache, operation)(*args)
    except Exception:  # any backend's error: Redis refusing, a database cache table missing
        logger.warning("The shared cache failed on %s; going on without it.", operation)
        return None


def shared_many(keys: list[str]) -> dict:
    """The shared cache's values for `keys` in one round trip ({} when out of reach)."""
    return _shared("get_many", keys) or {}


def forget_local() -> None:
    """Empty this process's level (tests start from nothing; the shared cache has clear())."""
    local.clear("pages", "versions", "timeline")


def published_versions(load: Callable[[], list]) -> list:
    """The list of published versions, loaded once per stamp (see VERSIONS_KEY)."""
    if not enabled():
        return load()
    stamp = _shared("get", VERSIONS_KEY)
    code = active_code_id()  # each code has its own list; one stamp covers them all
    if stamp is not None:
        kept = local.get("versions", (stamp, code))
        if kept is not None:
            return kept
    found = load()
    if stamp is None:
        stamp = secrets.token_hex(8)
        timeout = VERSIONS_TIMEOUT_SHARED if settings.CACHE_IS_SHARED else VERSIONS_TIMEOUT_LOCAL
        if not _shared("add", VERSIONS_KEY, stamp, timeout):
            return found  # another process made a stamp meanwhile, or the cache is away
    local.put("versions", (stamp, code), found)  # a list per code; older stamps go
    return found


def versions_stamp() -> str | None:
    """The stamp the list of published versions is kept under now (None: none yet)."""
    if not enabled():
        return None
    return _shared("get", VERSIONS_KEY)


def forget_versions() -> None:
    """After a publication: the next page asks the database which versions there are."""
    _shared("delete", VERSIONS_KEY)
