"""This process's one store (codeapp.caching.store): bounded shelves under one lock."""

import threading
import time

from codeapp.caching.store import LIMITS, LocalStore, local


def test_it_has_a_shelf_for_every_mechanism_that_keeps_something_in_the_process():
    assert set(local.limits) == {
        "pages",
        "replay",
        "replay-readers",
        "readers",
        "reader-changes",
        "versions",
        "timeline",
    }
    assert all(limit >= 1 for limit in LIMITS.values())


def test_it_keeps_a_shelf_to_its_limit_dropping_the_entry_used_longest_ago():
    store = LocalStore({"pages": 2, "replay": 5})
    store.put("pages", "a", 1)
    store.put("pages", "b", 2)
    assert store.get("pages", "a") == 1  # now the most recently used

    store.put("pages", "c", 3)

    assert store.get("pages", "b") is None
    assert store.values("pages") == [1, 3]
    assert store.count("replay") == 0


def test_it_tells_a_kept_none_from_nothing_kept():
    store = LocalStore({"pages": 2})
    missing = object()
    store.put("pages", "empty", None)

    assert store.get("pages", "empty", missing) is None
    assert store.get("pages", "other", missing) is missing


def test_it_forgets_the_shelves_it_is_told_to_or_all():
    store = LocalStore({"pages": 2, "readers": 2})
    store.put("pages", "a", 1)
    store.put("readers", "s", 2)

    store.clear("pages")
    assert (store.count("pages"), store.count("readers")) == (0, 1)
    store.clear()
    assert store.count("readers") == 0


def test_one_thread_builds_a_key_while_the_others_wait():
    store = LocalStore({"pages": 2})
    inside, most = [], []

    def build() -> None:
        with store.building("pages", "key"):
            inside.append(1)
            most.append(len(inside))
            time.sleep(0.01)
            inside.pop()

    threads = [threading.Thread(target=build) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert max(most) == 1
    assert not store._build_locks  # nothing left behind
