"""This process's own store: everything the speed layer keeps in memory, under one lock.

Each mechanism that keeps something in the process — kept pages (codeapp.caching.pages),
replayed answers (codeapp.caching.replay), readers just looked up
(codeapp.caching.reader_facts), the list of published versions and the timeline worked out
from it (codeapp.reading.timeline) — keeps it here, on a shelf of its own. Each shelf is
bounded: past its limit the entry used longest ago goes. One lock guards every shelf, and
nothing slow happens under it: a page is built outside it, one thread at a time per key
(`building`).

The limits are counts of entries, set per shelf by what an entry weighs: a kept page of a
large code is about a megabyte, a reader's facts a few hundred bytes.
"""

import threading
from collections import OrderedDict
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from typing import Any

LIMITS = {
    # A rendered version of a large code is about a megabyte per language and kind of reader.
    "pages": 24,
    # Pages × addresses × languages, as many as the pages shelf (a megabyte each at most;
    # mostly the pages' own bytes, not copies).
    "replay": 24,
    # Readers looked up in the last few seconds, by session (one-process cache only).
    "readers": 10_000,
    # When a user's facts (or everyone's rights) last changed in this process: a reader
    # looked up before it is not trusted (one-process cache only; a few seconds matter).
    "reader-changes": 10_000,
    # Signed-in readers' answers, by session (codeapp.caching.replay): each a few pieces
    # that point at a kept page's bytes, not a copy of them.
    "replay-readers": 10_000,
    # The list of published versions of each code, under its stamp: only the latest is of use.
    "versions": 32,
    # The timeline worked out from that list, for one day, per code.
    "timeline": 32,
}


class LocalStore:
    """Shelves of kept values, each bounded to `limits[shelf]` entries, under one lock."""

    def __init__(self, limits: dict[str, int]) -> None:
        self.limits = dict(limits)
        self._lock = threading.Lock()
        self._shelves: dict[str, OrderedDict] = {shelf: OrderedDict() for shelf in limits}
        # (shelf, key): [the lock its builder holds, how many threads hold or wait for it]
        self._build_locks: dict[tuple[str, Hashable], list] = {}

    def get(self, shelf: str, key: Hashable, default: Any = None) -> Any:
        """The value kept under `key`, now the most recently used; `default` if none."""
        with self._lock:
            entries = self._shelves[shelf]
            if key not in entries:
                return default
            entries.move_to_end(key)
            return entries[key]

    def put(self, shelf: str, key: Hashable, value: Any) -> None:
        """Keep `value` as the shelf's newest entry, dropping the oldest beyond its limit."""
        with self._lock:
            entries = self._shelves[shelf]
            entries[key] = value
            entries.move_to_end(key)
            while len(entries) > self.limits[shelf]:
                entries.popitem(last=False)

    def discard(self, shelf: str, key: Hashable) -> None:
        """Forget what is kept under `key`, if anything."""
        with self._lock:
            self._shelves[shelf].pop(key, None)

    def values(self, shelf: str) -> list:
        """What the shelf holds now, oldest first (a copy)."""
        with self._lock:
            return list(self._shelves[shelf].values())

    def count(self, shelf: str) -> int:
        with self._lock:
            return len(self._shelves[shelf])

    def clear(self, *shelves: str) -> None:
        """Forget what the shelves hold (all of them when none is named)."""
        with self._lock:
            for shelf in shelves or tuple(self._shelves):
                self._shelves[shelf].clear()

    @contextmanager
    def building(self, shelf: str, key: Hashable) -> Iterator[None]:
        """Held while one thread builds the value for `key`: the others wait for it rather
        than building the same megabyte at the same time."""
        # The lock is dropped when no thread holds or waits for it. Not when it merely looks
        # free: a waiter woken by the release has not taken it yet, and a thread arriving then
        # would make a second lock and build beside it.
        name = (shelf, key)
        with self._lock:
            entry = self._build_locks.setdefault(name, [threading.Lock(), 0])
            entry[1] += 1
        try:
            with entry[0]:
                yield
        finally:
            with self._lock:
                entry[1] -= 1
                if entry[1] == 0:
                    del self._build_locks[name]


# The one store of this process.
local = LocalStore(LIMITS)
