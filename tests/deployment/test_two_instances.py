"""Two app servers, one database and one shared cache: either serves any request.

Two gunicorn processes run against this test's PostgreSQL database with the database
cache (DJANGO_CACHE_URL=db://), as two instances behind a load balancer would. An officer
signs in on A, and that session is valid on B; A publishes a new version over HTTP, and
B, which had just served the old one, serves the new one at once.
"""

import html
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.management import call_command
from django.db import connection

from codeapp.models import CodeVersion
from tests.conftest import add_norm
from tests.reading.conftest import days, publish

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
CACHE_TABLE = "two_instances_cache"
PASSWORD = "secret-pass-123"  # tests.conftest.make_user


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgres://{urllib.parse.quote(db['USER'])}:{urllib.parse.quote(db['PASSWORD'])}"
        f"@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    )


@contextmanager
def instance(port: int) -> Iterator[str]:
    """A gunicorn serving the app on `port` against this test's database and shared cache."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DATABASE_URL=database_url(),
        DJANGO_CACHE_URL=f"db://{CACHE_TABLE}",
        DJANGO_SECRET_KEY=settings.SECRET_KEY,
        DJANGO_DEBUG="0",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
    )
    command = [sys.executable, "-m", "gunicorn", "codeapp.wsgi", "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*command, "--workers", "1", "--threads", "2", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for_port(port, server)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_for_port(port: int, server: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped: {server.stderr.read().decode()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not listen on port {port} within {timeout} s")


class Browser:
    """Just enough of a browser: cookies shared between the instances, no redirects."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self) -> None:
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), self._NoRedirect
        )

    def get(self, url: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(url))

    def post(self, url: str, fields: dict) -> tuple[int, str]:
        data = urllib.parse.urlencode(fields).encode()
        return self._open(urllib.request.Request(url, data=data, headers={"Referer": url}))

    def _open(self, request: urllib.request.Request) -> tuple[int, str]:
        request.add_header("Accept-Language", "en")
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def form_fields(page: str) -> dict[str, str]:
    """The hidden fields of the last form on the page (CSRF token, expected seals)."""
    form = page.rsplit("<form", 1)[1]
    return {
        name: html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form)
    }


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

    with instance(free_port()) as a, instance(free_port()) as b:
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
