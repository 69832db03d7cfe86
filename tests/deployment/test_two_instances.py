"""Two app servers, one database and one shared cache: either serves any request.

Two gunicorn processes run against this test's PostgreSQL database with the database
cache (DJANGO_CACHE_URL=db://), as two instances behind a load balancer would. An officer
signs in on A, and that session is valid on B; A publishes a new version over HTTP, and
B, which had just served the old one, serves the new one at once.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.management import call_command
from django.db import connection

from codeapp.models import CodeVersion
from tests.helpers import PASSWORD, add_norm, days, publish
from tests.helpers.servers import Browser, database_url, form_fields, gunicorn, server_env

pytestmark = pytest.mark.django_db(transaction=True)

CACHE_TABLE = "two_instances_cache"


@contextmanager
def instance() -> Iterator[str]:
    """A gunicorn serving the app against this test's database and shared cache."""
    env = server_env(DATABASE_URL=database_url(), DJANGO_CACHE_URL=f"db://{CACHE_TABLE}")
    with gunicorn(env) as address:
        yield address


@pytest.fixture
def shared_cache_table(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
        }
    }
    call_command("createcachetable", verbosity=0)
    yield
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {CACHE_TABLE}")


def test_two_instances_share_sessions_and_a_publication_at_once(
    shared_cache_table, roles, code, editor, officer
):
    publish(editor, days(-30))
    add_norm(editor, code["honesty"], "Nevenwerk melden", key="nevenwerk")
    # Hashed as the servers hash (the tests use a quick hasher the servers do not know).
    officer.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    officer.save()

    with instance() as a, instance() as b:
        browser = Browser()
        status, page = browser.get(f"{b}/code/")
        assert status == 200 and "Version 1" in page

        # Signed in on A, and so on B: the session is in the shared database.
        status, login = browser.get(f"{a}/accounts/login/")
        signed_in, _ = browser.post(
            f"{a}/accounts/login/",
            {**form_fields(login), "username": "officer", "password": PASSWORD},
        )
        assert signed_in == 302
        status, page = browser.get(f"{b}/code/")
        assert '<span class="visually-hidden">Signed in as</span> officer' in page

        # Published through A ...
        status, form = browser.get(f"{a}/draft/publish/")
        assert status == 200
        published, _ = browser.post(
            f"{a}/draft/publish/",
            {
                **form_fields(form),
                "effective_from": days(0).isoformat(),
                "established_by": "College van B&W",
                "change_summary": "Nevenwerk toegevoegd.",
            },
        )
        assert published == 302
        assert CodeVersion.objects.count() == 2

        # ... read through B at once, by anyone.
        for reader in (browser, Browser()):
            status, in_force = reader.get(f"{b}/code/")
            assert status == 200
            assert "Version 2" in in_force and "Nevenwerk melden" in in_force
            status, version = reader.get(f"{b}/code/v2/")
            assert status == 200 and "Nevenwerk melden" in version
            status, old = reader.get(f"{b}/code/v1/")
            assert "No longer in force" in old
