"""Settings come from the environment: safe defaults, loud failure on nonsense."""

import pytest

from tests.helpers.servers import STRONG_KEY, manage


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("var", ["DJANGO_DEBUG", "CODE_PUBLIC"])
def test_it_refuses_a_yes_no_value_it_cannot_read(var):
    result = manage("check", **{var: "false-ish", "DJANGO_SECRET_KEY": STRONG_KEY})
    assert result.returncode != 0
    assert f"{var}='false-ish' is not a yes/no value" in result.stderr


def test_deploy_check_is_clean_with_debug_off():
    result = manage("check", "--deploy", "--fail-level", "WARNING", DJANGO_SECRET_KEY=STRONG_KEY)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_it_reads_allowed_hosts_as_a_list():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.ALLOWED_HOSTS, settings.CODE_PUBLIC)",
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="code.example.nl, intranet.example.nl",
        CODE_PUBLIC="off",
    )
    assert result.returncode == 0, result.stderr
    assert "['code.example.nl', 'intranet.example.nl'] False" in result.stdout


def test_security_headers_are_sent(client, db):
    response = client.get("/accounts/login/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_it_lets_sqlite_writers_wait_for_each_other(tmp_path):
    """Write lock at BEGIN, a 20 s wait and WAL: no "database is locked" at once (see
    tests/deployment/test_concurrent_writes.py for what that means to users)."""
    script = (
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('PRAGMA journal_mode')\n"
        "    mode = cursor.fetchone()[0]\n"
        "    cursor.execute('PRAGMA busy_timeout')\n"
        "    print(mode, cursor.fetchone()[0], connection.transaction_mode)\n"
    )
    result = manage(
        "shell",
        "-c",
        script,
        DJANGO_SECRET_KEY=STRONG_KEY,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["wal", "20000", "IMMEDIATE"]
