"""The cache is chosen by DJANGO_CACHE_URL; sessions live where every instance finds them."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from codeapp.settings import cache_from_url
from tests.helpers.servers import STRONG_KEY, manage

SHOW = (
    "from django.conf import settings; "
    "print(settings.CACHES['default']['BACKEND'], settings.CACHES['default']['LOCATION'], "
    "settings.SESSION_ENGINE, settings.PAGE_CACHE)"
)


@pytest.mark.parametrize(
    ("address", "backend", "location"),
    [
        (
            "redis://cache.internal:6379/0",
            "codeapp.caching.backend.RedisCache",
            "redis://cache.internal:6379/0",
        ),
        ("rediss://:secret@cache.internal:6380/1", "codeapp.caching.backend.RedisCache", None),
        ("db://", "django.core.cache.backends.db.DatabaseCache", "django_cache"),
        ("db://page_cache", "django.core.cache.backends.db.DatabaseCache", "page_cache"),
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache", ""),
    ],
)
def test_it_reads_a_cache_address(address, backend, location, monkeypatch):
    monkeypatch.setenv("DJANGO_CACHE_URL", address)

    cache = cache_from_url("DJANGO_CACHE_URL", "locmem://")

    assert cache["BACKEND"] == backend
    assert cache["LOCATION"] == (address if location is None else location)


@pytest.mark.parametrize("address", ["redis:/host", "memcache://x:11211", "redis://", "cache"])
def test_it_refuses_an_address_it_cannot_read(address, monkeypatch):
    monkeypatch.setenv("DJANGO_CACHE_URL", address)

    with pytest.raises(ImproperlyConfigured, match="DJANGO_CACHE_URL="):
        cache_from_url("DJANGO_CACHE_URL", "locmem://")


def test_a_bad_cache_address_stops_the_start_naming_the_variable():
    result = manage("check", DJANGO_CACHE_URL="memcached//x", DJANGO_SECRET_KEY=STRONG_KEY)

    assert result.returncode != 0
    assert "DJANGO_CACHE_URL='memcached//x' is not a cache address" in result.stderr


def test_one_instance_keeps_sessions_in_the_database_and_its_cache_in_memory():
    result = manage("shell", "-c", SHOW, DJANGO_SECRET_KEY=STRONG_KEY)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.contrib.sessions.backends.db",
        "True",
    ]


def test_with_a_shared_cache_sessions_are_read_through_it():
    result = manage(
        "shell",
        "-c",
        SHOW,
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_CACHE_URL="redis://10.0.0.5:6379/2",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "codeapp.caching.backend.RedisCache",
        "redis://10.0.0.5:6379/2",
        "django.contrib.sessions.backends.cached_db",
        "True",
    ]


def test_the_page_cache_can_be_turned_off():
    result = manage("shell", "-c", SHOW, DJANGO_SECRET_KEY=STRONG_KEY, DJANGO_PAGE_CACHE="0")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "False"


def test_password_guessing_lockouts_live_in_the_database():
    result = manage(
        "shell",
        "-c",
        "from axes.conf import settings; print(settings.AXES_HANDLER)",
        DJANGO_SECRET_KEY=STRONG_KEY,
    )

    assert result.stdout.strip() == "axes.handlers.database.AxesDatabaseHandler"


def test_the_redis_cache_makes_one_client_per_connection_pool():
    from codeapp.caching.backend import RedisCache

    redis_cache = RedisCache("redis://127.0.0.1:6379/0", {})
    client = redis_cache._cache.get_client()

    # No connection is made until a command is sent, so no Redis need be running.
    assert redis_cache._cache.get_client() is client
    assert redis_cache._cache.get_client(write=True) is client
