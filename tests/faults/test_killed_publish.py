"""A worker killed (SIGKILL) in the middle of publishing leaves no partial version.

Publishing runs in another process, against this test's database. A trigger created by
the test (not part of the product) makes the database pause after the version row and
its first entries are written, so the kill lands at a known point inside the transaction.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from codeapp.models import CodeVersion, VersionEntry
from codeapp.versions.chain import versions_verify
from codeapp.versions.services import version_publish
from tests.helpers import add_norm

ENTRIES_BEFORE_PAUSE = 3
PAUSE_SECONDS = 4
PUBLISH = """
from django.contrib.auth import get_user_model
from django.utils import timezone
from codeapp.versions.services import version_publish
version_publish(user=get_user_model().objects.get(username="officer"),
                effective_from=timezone.localdate(), established_by="College", change_summary="")
"""


def create_pause() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            CREATE FUNCTION chaos_pause() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF (SELECT count(*) FROM codeapp_versionentry
                    WHERE version_id = NEW.version_id) = {ENTRIES_BEFORE_PAUSE} THEN
                    PERFORM pg_sleep({PAUSE_SECONDS});
                END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER chaos_pause BEFORE INSERT ON codeapp_versionentry
                FOR EACH ROW EXECUTE FUNCTION chaos_pause();
            """
        )


def drop_pause() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "DROP TRIGGER IF EXISTS chaos_pause ON codeapp_versionentry;"
            "DROP FUNCTION IF EXISTS chaos_pause();"
        )


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def paused_backend(timeout: float = 30) -> int:
    """The backend pid of the publish once it sleeps in the trigger, mid-transaction."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pid, query FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event = 'PgSleep'"
            )
            row = cursor.fetchone()
        if row:
            assert "codeapp_versionentry" in row[1]
            return row[0]
        time.sleep(0.05)
    pytest.fail("the publish never reached the pause")


def wait_until_gone(pid: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
            if cursor.fetchone() is None:
                return
        time.sleep(0.1)
    pytest.fail(f"backend {pid} still holds the publish's transaction")


@pytest.mark.django_db(transaction=True)
def test_a_publish_killed_midway_leaves_no_partial_version(roles, officer, editor, code):
    for n in range(40):
        add_norm(editor, code["honesty"], f"Norm {n}", text=f"Tekst van norm {n}.")
    create_pause()
    try:
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "shell", "-c", PUBLISH],
            cwd=Path(settings.BASE_DIR),
            env={**os.environ, "DATABASE_URL": database_url()},
        )
        try:
            backend = paused_backend()
            os.kill(worker.pid, signal.SIGKILL)
        finally:
            worker.kill()
            worker.wait(timeout=10)
        # PostgreSQL ends the transaction of a client that is gone: it rolls back.
        wait_until_gone(backend)
    finally:
        drop_pause()

    assert worker.returncode == -signal.SIGKILL
    assert not CodeVersion.objects.exists()
    assert not VersionEntry.objects.exists()
    assert versions_verify() == 0
    # Nothing is left locked: the next publish goes through whole.
    version = version_publish(
        user=officer, effective_from=timezone.localdate(), established_by="College",
        change_summary="",
    )  # fmt: skip
    assert version.entries.count() == 2 + 3 + 40 + 2
    assert versions_verify() == 1
