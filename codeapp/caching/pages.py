"""What is rendered from published versions, rendered once and kept.

A sealed version never changes, so HTML rendered from it — keyed by its seal and by
everything else that changes that HTML (the interface language, the site's address,
whether the reader is signed in, today's date where the page says what is in force) —
can be kept for as long as there is room. It is kept at two levels: in this process (a
small LRU: no copying, no network) and in the shared cache (settings.CACHES, the same
for every instance behind the load balancer), so a page is rendered about once per
installation rather than once per request. Nothing is ever invalidated: a new version,
or a new day, makes new keys. DJANGO_PAGE_CACHE=0 turns both levels off.

Never put anything personal in what is kept here (a name, a CSRF token, a confirmation).
"""

import hashlib
import logging
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

# A rendered version of a large code is about a megabyte per language and kind of reader.
LOCAL_ENTRIES = 24
# In the shared cache: a week; an entry evicted sooner is simply rendered again.
SHARED_TIMEOUT = 7 * 24 * 3600
# What is drawn from one sealed version alone (its API document, its PDF) never changes:
# browsers and proxies may keep it for a year.
IMMUTABLE_MAX_AGE = 365 * 24 * 3600
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
_local: OrderedDict[str, Any] = OrderedDict()
_local_lock = threading.Lock()
_build_locks: dict[str, threading.Lock] = {}
_versions: dict[str, list] = {}  # this process's list of versions, under its stamp


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
    with _local_lock:
        if key in _local:
            _local.move_to_end(key)
            return _local[key]
    # One thread of this process renders a missing page; the others wait for it rather than
    # rendering the same megabyte at the same time.
    with _building(key):
        with _local_lock:
            if key in _local:
                return _local[key]
        value = _shared("get", key)
        if value is None:
            value = build()
            _shared("set", key, value, SHARED_TIMEOUT)
        _keep_locally(key, value)
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


@contextmanager
def _building(key: str) -> Iterator[None]:
    with _local_lock:
        lock = _build_locks.setdefault(key, threading.Lock())
    try:
        with lock:
            yield
    finally:
        with _local_lock:
            if not lock.locked():
                _build_locks.pop(key, None)


def _keep_locally(key: str, value: Any) -> None:
    with _local_lock:
        keep_bounded(_local, key, value, LOCAL_ENTRIES)


def keep_bounded(store: OrderedDict, key: Any, value: Any, limit: int) -> None:
    """Put `value` in a per-process store as its newest entry, dropping the oldest beyond
    `limit` (the caller holds the store's lock)."""
    store[key] = value
    store.move_to_end(key)
    while len(store) > limit:
        store.popitem(last=False)


def forget_local() -> None:
    """Empty this process's level (tests start from nothing; the shared cache has clear())."""
    with _local_lock:
        _local.clear()
        _versions.clear()


def published_versions(load: Callable[[], list]) -> list:
    """The list of published versions, loaded once per stamp (see VERSIONS_KEY)."""
    if not enabled():
        return load()
    stamp = _shared("get", VERSIONS_KEY)
    with _local_lock:
        if stamp is not None and stamp in _versions:
            return _versions[stamp]
    found = load()
    if stamp is None:
        stamp = secrets.token_hex(8)
        timeout = VERSIONS_TIMEOUT_SHARED if settings.CACHE_IS_SHARED else VERSIONS_TIMEOUT_LOCAL
        if not _shared("add", VERSIONS_KEY, stamp, timeout):
            return found  # another process made a stamp meanwhile, or the cache is away
    with _local_lock:
        _versions.clear()
        _versions[stamp] = found
    return found


def versions_stamp() -> str | None:
    """The stamp the list of published versions is kept under now (None: none yet)."""
    if not enabled():
        return None
    return _shared("get", VERSIONS_KEY)


def forget_versions() -> None:
    """After a publication: the next page asks the database which versions there are."""
    _shared("delete", VERSIONS_KEY)


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
