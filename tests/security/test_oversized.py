"""Oversized input is refused with a clear message, and nothing is written.

Three layers: a request body beyond DJANGO_MAX_REQUEST_BYTES (a page saying so, 413), a
field beyond its form's limit (the form again, with the error), and import_code with a
file too large or not a document (a non-zero exit naming the fault).
"""

import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from codeapp.management.commands import import_code
from codeapp.versions.services import version_publish
from core.forms import MAX_TEXT_LENGTH
from tests.helpers import ROOT
from tests.helpers.documents import DRAFT_EXAMPLE, everything, load

pytestmark = pytest.mark.django_db

NORM_CREATE = reverse("norms:create")


def as_user(user, language: str = "en") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def new_norm(**overrides) -> dict:
    return {
        "value": "eerlijkheid", "title": "Nevenwerk melden", "kind": "obligation",
        "text": "Je meldt nevenwerk.", "explanation": "", "legal_basis": "",
    } | overrides  # fmt: skip


# --- the whole request too large ------------------------------------------------------------


def test_a_body_beyond_the_limit_gets_a_clear_page_and_changes_nothing(editor, code, settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 2 * 1024 * 1024  # the default
    client = as_user(editor)
    before = everything()

    response = client.post(NORM_CREATE, new_norm(text="x" * (3 * 1024 * 1024)))

    assert response.status_code == 413
    assert "413.html" in [t.name for t in response.templates]
    page = response.content.decode()
    assert "Too much to save at once" in page and "2.0\xa0MB" in page
    assert "Signed in as</span> editor" in page  # the site's own page, with its menu
    assert everything() == before


def test_the_page_speaks_the_users_language(editor, code, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = as_user(editor, "nl").post(NORM_CREATE, new_norm(text="x" * 2000))
    assert response.status_code == 413
    assert '<html lang="nl">' in response.content.decode()


def test_too_many_fields_get_the_same_page(editor, code, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50
    client = as_user(editor)
    before = everything()

    response = client.post(NORM_CREATE, new_norm(related_values=["x"] * 100))

    assert response.status_code == 413
    assert everything() == before


def test_an_anonymous_oversized_sign_in_gets_the_page_too(settings, db):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = Client(HTTP_ACCEPT_LANGUAGE="en").post(
        reverse("login"), {"username": "x" * 2000, "password": "y"}
    )
    assert response.status_code == 413
    assert "Sign in" in response.content.decode()


def test_another_unreadable_request_gets_a_clear_400(client, db):
    # A Host header Django refuses: the request cannot be trusted, let alone answered.
    response = client.get("/", HTTP_HOST="evil.example.org", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "The request could not be read" in response.content.decode()


# --- one field beyond its limit -------------------------------------------------------------

MB = 1024 * 1024


def forms_with_oversized_fields(code) -> list[tuple[str, str, dict, str]]:
    """(persona, url, data, field): each a valid form but for one field far too long."""
    gifts = reverse("norms:edit", kwargs={"key": "geschenken"})
    example = reverse("norms:example-create")
    return [
        ("editor", NORM_CREATE, new_norm(text="x" * MB), "text"),
        ("editor", NORM_CREATE, new_norm(title="t" * 400), "title"),
        ("editor", NORM_CREATE, new_norm(explanation="e" * (MAX_TEXT_LENGTH + 1)), "explanation"),
        ("editor", NORM_CREATE, new_norm(legal_basis="art. 1\n" * 1000), "legal_basis"),
        ("editor", gifts, new_norm(text="x" * MB, revision=1), "text"),
        ("editor", reverse("values:create"), {"name": "n" * 201}, "name"),
        ("editor", reverse("values:create"), {"name": "Moed", "description": "d" * MB},
         "description"),
        ("editor", example, {"norm": "geschenken", "title": "Wijn", "situation": "s" * MB},
         "situation"),
        ("editor", reverse("reflection:case-create"),
         {"title": "Een geval", "situation": "s" * MB, "question": "Wat nu?"}, "situation"),
        ("officer", reverse("codeapp:publish"),
         {"effective_from": timezone.localdate().isoformat(), "established_by": "B&W",
          "change_summary": "c" * MB, "expected_latest": "1"}, "change_summary"),
        ("employee", reverse("codeapp:suggest") + "?norm=geschenken",
         {"change": "reword", "title": "Korter", "text": "x", "rationale": "r" * MB},
         "rationale"),
    ]  # fmt: skip


def test_a_field_far_beyond_its_limit_is_refused_on_the_form(client_for, code, officer):
    # Version 1 to suggest changes to. (It also makes the code's profile row, which any
    # page of the draft makes on first sight with its defaults.)
    version_publish(
        user=officer, effective_from=timezone.localdate(), established_by="B&W",
        change_summary="",
    )  # fmt: skip
    clients = {persona: client_for(persona) for persona in ("editor", "officer", "employee")}
    failures = []
    for persona, url, data, field in forms_with_oversized_fields(code):
        before = everything()

        response = clients[persona].post(url, data)

        form = (response.context or {}).get("form")
        if response.status_code != 200 or form is None or field not in form.errors:
            failures.append((url, field, response.status_code, form and form.errors))
        elif everything() != before:
            failures.append((url, field, "something was written"))
    assert not failures


# --- import_code ----------------------------------------------------------------------------


def manage(*args: str) -> subprocess.CompletedProcess:
    """manage.py as an operator runs it (no database needed for what is refused here)."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["DATABASE_URL"] = "sqlite:////tmp/oversized-import-test.sqlite3"
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_import_refuses_a_file_too_large_naming_its_size(tmp_path):
    path = tmp_path / "huge.json"
    with path.open("wb") as sparse:  # as large as it says, without filling the disk
        sparse.truncate(import_code.MAX_FILE_BYTES + 1)

    result = manage("import_code", str(path))

    assert result.returncode == 1
    assert f"huge.json: is {import_code.MAX_FILE_BYTES + 1:,} bytes" in result.stderr
    assert f"at most {import_code.MAX_FILE_BYTES:,} bytes" in result.stderr


@pytest.mark.parametrize(
    ("content", "fault"),
    [
        (b"\xff\xfe not text", "is not UTF-8 text"),
        (b'{"format": "living-code/1", "title": ', "is not valid JSON (line 1, column"),
        (b"[1, 2, 3]", "$:"),
        (json.dumps(load(DRAFT_EXAMPLE) | {"title": "t" * 400}).encode(), "$.title"),
    ],
)
def test_the_import_command_names_the_fault_and_changes_nothing(tmp_path, content, fault):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    before = everything()

    with pytest.raises(CommandError) as refused:
        call_command("import_code", str(path))

    assert str(refused.value).startswith(f"{path}: ")
    assert fault in str(refused.value)
    assert everything() == before
