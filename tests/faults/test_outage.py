"""While the database is unreachable every request gets a clear 503 and nothing is half-written.

The outage is simulated on this test's own connection (PostgreSQL itself keeps running for the
other tests): an execute wrapper that fails every statement like a dropped connection does, or
the connection pointed at a closed port. `make chaos` restarts the real server under load.
"""

import re
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from django.db import close_old_connections, connection
from django.db.utils import OperationalError
from django.urls import reverse
from django.utils import timezone

from codeapp.models import CodeVersion, VersionEntry
from codeapp.ops.outage import RETRY_AFTER_SECONDS, server_error
from codeapp.versions.chain import versions_verify
from codeapp.versions.services import version_publish
from norms.models import Norm
from tests.helpers import english

# Savepoints belong to the test's own transaction, not to the outage being simulated.
SAVEPOINT = re.compile(r"^\s*(SAVEPOINT|ROLLBACK TO SAVEPOINT|RELEASE SAVEPOINT)\b")
BRIEFLY_UNAVAILABLE = "briefly unavailable"


@contextmanager
def database_down(after: str = "") -> Iterator[list[str]]:
    """Fail every statement (once one matching `after` is reached, when given), as a lost
    connection does; yields the statements that did run."""
    ran: list[str] = []
    state = {"down": not after}

    def refuse(execute: Callable, sql: str, params, many: bool, context: dict):
        if SAVEPOINT.match(sql):
            return execute(sql, params, many, context)
        if not state["down"] and re.search(after, sql):
            state["down"] = True
        if state["down"]:
            raise OperationalError("server closed the connection unexpectedly")
        ran.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse):
        yield ran


def assert_unavailable_page(response) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert response["Content-Type"].startswith("text/html")
    assert BRIEFLY_UNAVAILABLE in response.content.decode()


@pytest.fixture
def published(officer, code) -> CodeVersion:
    return version_publish(
        user=officer,
        effective_from=timezone.localdate(),
        established_by="College van B&W",
        change_summary="",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["anonymous", "employee", "editor", "officer"])
@pytest.mark.parametrize(
    "url",
    ["/", "/code/", "/code/v1/", "/code/versions/", "/draft/", "/accounts/login/", "/no/such/"],
)
def test_every_page_answers_503_while_the_database_is_down(persona, url, client_for, published):
    client = english(client_for(persona))
    client.raise_request_exception = False

    with database_down() as ran:
        response = client.get(url)

    if ran == [] and response.status_code != 503:
        # An answer that needed no database (a visitor's sign-in page, a 404) stands.
        assert persona == "anonymous" and response.status_code in (200, 302, 404)
    else:
        assert_unavailable_page(response)


@pytest.mark.django_db
def test_the_page_is_translated_and_needs_no_database(client, published):
    client.raise_request_exception = False
    client.cookies["django_language"] = "nl"

    with database_down() as ran:
        response = client.get("/code/")

    body = response.content.decode()
    assert response.status_code == 503
    assert '<html lang="nl">' in body
    assert "<main" in body and "<h1" in body
    assert ran == []


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/versions", "/api/v1/versions/1", "/api/v1/code"])
def test_the_api_answers_503_json_while_the_database_is_down(url, client, published):
    client.raise_request_exception = False

    with database_down():
        response = english(client).get(url)

    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert BRIEFLY_UNAVAILABLE in response.json()["detail"]


@pytest.mark.django_db
def test_a_publish_cut_off_halfway_writes_nothing(client_for, code):
    client = english(client_for("officer"))
    client.raise_request_exception = False
    data = {
        "effective_from": timezone.localdate().isoformat(),
        "established_by": "College van B&W",
        "change_summary": "",
        "expected_latest": "0",
    }

    # The version row is written; the connection is lost before its entries are.
    with database_down(after='INSERT INTO "codeapp_versionentry"') as ran:
        response = client.post(reverse("codeapp:publish"), data)

    assert any('INSERT INTO "codeapp_codeversion"' in sql for sql in ran)
    assert_unavailable_page(response)
    assert "was not saved" in response.content.decode()
    assert not CodeVersion.objects.exists()
    assert not VersionEntry.objects.exists()
    assert versions_verify() == 0


@pytest.mark.django_db
def test_an_edit_cut_off_halfway_writes_nothing(editor_client, code):
    norm = code["gifts"]
    editor_client.raise_request_exception = False
    data = {
        "value": norm.value.key,
        "title": norm.title,
        "text": "Half geschreven tekst.",
        "kind": norm.kind,
        "revision": norm.revision,
    }

    # The norm is updated; the connection is lost before its history row is written.
    with database_down(after='INSERT INTO "norms_historicalnorm"') as ran:
        response = editor_client.post(reverse("norms:edit", args=[norm.key]), data)

    assert any('UPDATE "norms_norm"' in sql for sql in ran)
    assert response.status_code == 503
    norm.refresh_from_db()
    assert norm.text == "Je meldt elk geschenk."
    assert norm.history.count() == 1
    assert Norm.objects.get(pk=norm.pk).revision == data["revision"]


@pytest.mark.django_db
def test_a_confirmation_cut_off_is_not_recorded(client_for, published):
    client = english(client_for("employee"))
    client.raise_request_exception = False

    with database_down(after='INSERT INTO "codeapp_confirmation"'):
        response = client.post(reverse("codeapp:version-confirm", args=[1]))

    assert response.status_code == 503
    assert not published.confirmations.exists()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db(transaction=True)
def test_service_resumes_by_itself_when_the_database_is_back(roles, client_for, published):
    """A real refused connection, then a pooled connection the server dropped (as a restart
    does): the first is a 503, and the health check replaces the second unnoticed."""
    client = english(client_for("employee"))
    client.raise_request_exception = False
    port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = closed_port()
    try:
        assert_unavailable_page(client.get("/code/"))
    finally:
        connection.close()
        connection.settings_dict["PORT"] = port

    assert client.get("/code/").status_code == 200

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        [pid] = cursor.fetchone()
    other = connection.copy()
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()
    close_old_connections()  # what every request's start does under gunicorn

    assert client.get("/code/").status_code == 200


def test_any_other_error_still_gets_the_500_page(rf):
    try:
        raise RuntimeError("a bug, not an outage")
    except RuntimeError:
        response = server_error(rf.get("/code/"))

    assert response.status_code == 500
    assert "Retry-After" not in response
