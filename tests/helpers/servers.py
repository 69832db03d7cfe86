"""The app run as it is deployed, in subprocesses: manage.py with a chosen environment,
gunicorn on a free port, and a plain browser (cookies, no redirects) to talk to it."""

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
from http.cookiejar import Cookie, CookieJar

import psycopg
from django.conf import settings
from django.db import connection
from psycopg import sql

from tests.helpers import ROOT

# A secret key strong enough for `check --deploy`.
STRONG_KEY = "k3Y-" + "x9Q_zL2" * 8


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """manage.py as an operator runs it: none of this process's Django variables, a throwaway
    SQLite database unless `env` names another, then `env`. `shell` runs with -v 0, so its
    output is what the script prints."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    # One file per test process (pytest-xdist names its workers), so two never share it.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    clean["DATABASE_URL"] = f"sqlite:////tmp/settings-test-{worker}.sqlite3"
    clean.update(env)
    quiet = ["-v", "0"] if args[0] == "shell" else []
    return subprocess.run(
        [sys.executable, "manage.py", *args, *quiet],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
    )


def settings_shown(script: str, **env: str) -> str:
    """What `script` prints in `manage.py shell` under the environment `env` (with a key strong
    enough for production settings): how the settings read that environment."""
    result = manage("shell", "-c", script, DJANGO_SECRET_KEY=STRONG_KEY, **env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url(name: str | None = None) -> str:
    """The address of this test's database (or of another, `name`, on the same server), for
    a server process to use."""
    db = connection.settings_dict
    quote = urllib.parse.quote
    return (
        f"postgres://{quote(db['USER'])}:{quote(db['PASSWORD'])}"
        f"@{db['HOST']}:{db['PORT']}/{name or db['NAME']}"
    )


@contextmanager
def scratch_database(suffix: str) -> Iterator[str]:
    """A new, empty PostgreSQL database beside the test's (its name plus `suffix`, so test
    processes side by side have their own), dropped afterwards; its DATABASE_URL."""
    db = connection.settings_dict
    name = f"{db['NAME']}_{suffix}"
    admin = psycopg.connect(
        dbname="postgres", user=db["USER"], password=db["PASSWORD"], host=db["HOST"],
        port=db["PORT"], autocommit=True,
    )  # fmt: skip
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    admin.execute(drop)
    admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield database_url(name)
    finally:
        admin.execute(drop)
        admin.close()


def server_env(**variables: str) -> dict[str, str]:
    """The environment of a server process: this one's, without its Django settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SECRET_KEY=settings.SECRET_KEY,
        DJANGO_DEBUG="0",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_COOKIES="0",
    )
    env.update(variables)
    return env


@contextmanager
def gunicorn(env: dict[str, str], *, workers: int = 1, threads: int = 2) -> Iterator[str]:
    """A gunicorn serving the app on a free port with `env`; yields its address."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "codeapp.wsgi", "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*command, "--workers", str(workers), "--threads", str(threads), "--log-level", "warning"],
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

    def post(self, url: str, fields: dict | list[tuple[str, str]]) -> tuple[int, str]:
        data = urllib.parse.urlencode(fields).encode()
        return self._open(urllib.request.Request(url, data=data, headers={"Referer": url}))

    def signed_in(self, session_key: str) -> "Browser":
        """Carry the session cookie of a user signed in elsewhere (no password hashing)."""
        self.cookies.set_cookie(
            Cookie(0, settings.SESSION_COOKIE_NAME, session_key, None, False, "127.0.0.1",
                   False, False, "/", True, False, None, True, None, None, {})
        )  # fmt: skip
        return self

    def _open(self, request: urllib.request.Request) -> tuple[int, str]:
        request.add_header("Accept-Language", "en")
        try:
            with self.opener.open(request, timeout=60) as response:
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
