"""export_code: a version, the version in force on a date, or the working draft, as JSON."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from codeapp.models import CodeVersion
from codeapp.versions.documents import build_draft_document, validate
from core.services import item_update
from tests.helpers import add_norm, publish

pytestmark = pytest.mark.django_db


def export(capsys, *args: str) -> dict:
    call_command("export_code", *args)
    text = capsys.readouterr().out
    assert text.endswith("\n")
    return json.loads(text)


@pytest.fixture
def versions(code, editor, officer):
    """Version 1 (2024), version 2 (in force today) and version 3 (in force in a month)."""
    today = timezone.localdate()
    v1 = publish(officer, "2024-01-01")
    add_norm(editor, code["expertise"], "Delen", key="delen")
    v2 = publish(officer, today.isoformat())
    add_norm(editor, code["expertise"], "Vragen", key="vragen")
    v3 = publish(officer, (today + datetime.timedelta(days=30)).isoformat())
    return {1: v1, 2: v2, 3: v3}


def test_a_version_by_number(capsys, versions):
    for number, version in versions.items():
        doc = export(capsys, "--version", str(number))
        assert doc == CodeVersion.objects.get(number=number).document == version.document
        assert validate(doc)["version"]["number"] == number


def test_the_version_in_force_today_by_default(capsys, versions):
    assert export(capsys)["version"]["number"] == 2


@pytest.mark.parametrize(
    "day, number",
    [("2024-01-01", 1), ("2025-06-30", 1), ("today", 2), ("in-a-month", 3), ("2099-12-31", 3)],
)
def test_the_version_in_force_on_a_date(capsys, versions, day, number):
    today = timezone.localdate()
    day = {"today": today, "in-a-month": today + datetime.timedelta(days=30)}.get(day, day)
    assert export(capsys, "--on", str(day))["version"]["number"] == number


def test_the_working_draft(capsys, versions, editor, code):
    add_norm(editor, code["honesty"], "Nieuw", key="nieuw")
    doc = export(capsys, "--draft")
    assert doc == build_draft_document() and doc["version"] is None
    assert "nieuw" in json.dumps(doc)


def test_the_draft_of_an_empty_install(capsys, db):
    assert export(capsys, "--draft")["values"] == []


def test_to_a_file_as_utf8(tmp_path, versions, capsys):
    path = tmp_path / "v1.json"
    call_command("export_code", "--version", "1", "--output", str(path))
    assert capsys.readouterr().out == ""
    assert json.loads(path.read_text(encoding="utf-8")) == versions[1].document
    assert "\\u" not in path.read_text(encoding="utf-8")


def test_non_ascii_stays_readable(tmp_path, editor, code, officer):
    norm = code["gifts"]
    item_update(
        item=norm, expected_revision=norm.revision, user=editor, changes={"text": "Één café"}
    )
    publish(officer, "2024-01-01")
    path = tmp_path / "v1.json"
    call_command("export_code", "--version", "1", "--output", str(path))
    assert "Één café" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--version", "9"], "There is no version 9"),
        (["--on", "2024-13-01"], "'2024-13-01' is not a date"),
        (["--on", "gisteren"], "'gisteren' is not a date"),
        (["--on", "2023-12-31"], "No version was in force on 2023-12-31"),
    ],
)
def test_errors_are_clear(versions, capsys, args, message):
    with pytest.raises(CommandError, match=message) as error:
        call_command("export_code", *args)
    assert error.value.returncode == 1
    assert capsys.readouterr().out == ""


def test_no_version_in_force_yet(db, code, officer):
    publish(officer, (timezone.localdate() + datetime.timedelta(days=1)).isoformat())
    with pytest.raises(CommandError, match="No version was in force on"):
        call_command("export_code")


def test_nothing_published_at_all(db):
    with pytest.raises(CommandError, match="No version was in force"):
        call_command("export_code")
    with pytest.raises(CommandError, match="There is no version 1"):
        call_command("export_code", "--version", "1")


def test_an_unwritable_output(versions, tmp_path):
    with pytest.raises(CommandError, match="cannot be written"):
        call_command("export_code", "--version", "1", "--output", str(tmp_path / "no" / "x.json"))


def test_one_choice_at_a_time(versions):
    with pytest.raises(CommandError):
        call_command("export_code", "--version", "1", "--draft")


def test_the_output_goes_where_the_caller_asks(versions):
    buffer = io.StringIO()
    call_command("export_code", "--version", "1", stdout=buffer)
    assert json.loads(buffer.getvalue()) == versions[1].document


def test_an_existing_file_is_not_overwritten_without_force(versions, tmp_path, capsys):
    path = tmp_path / "v1.json"
    path.write_text("my notes\n", encoding="utf-8")
    with pytest.raises(CommandError, match="exists already; nothing was written") as error:
        call_command("export_code", "--version", "1", "--output", str(path))
    assert "--force" in str(error.value)
    assert path.read_text(encoding="utf-8") == "my notes\n"

    call_command("export_code", "--version", "1", "--output", str(path), "--force")
    assert json.loads(path.read_text(encoding="utf-8")) == versions[1].document
    assert capsys.readouterr().out == ""
