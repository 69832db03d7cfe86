"""The restore path: exported versions imported in order give back the very same versions."""

import datetime
import json
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from codeapp.models import CodeProfile, CodeVersion, VersionEntry
from codeapp.versions.chain import versions_verify
from codeapp.versions.documents import build_draft_document, seal
from core.models import ItemKey
from core.services import item_set_retired, item_update
from norms.models import Example, Norm
from tests.helpers import ROOT, add_example, add_norm, add_value, publish
from tests.helpers.documents import (
    EXAMPLE_SEAL,
    PUBLISHED_EXAMPLE,
    import_code,
    load,
    snapshot,
    wipe_everything,
    without_version,
)
from tests.helpers.servers import scratch_database
from values.models import Value

pytestmark = pytest.mark.django_db


def stored_versions() -> list[tuple]:
    return [
        (v.number, v.effective_from, v.published_at, v.established_by, v.change_summary,
         v.sha256, v.previous_sha256, v.document)
        for v in CodeVersion.objects.order_by("number")
    ]  # fmt: skip


def entries() -> list[tuple]:
    return sorted(
        VersionEntry.objects.values_list("version__number", "kind", "key", "number", "heading")
    )


# Characters a restore must carry unchanged: typographic quotes, euro sign, accents, an
# emoji, a zero-width space, right-to-left text, a non-breaking space, markup-like text.
ODD = "„Geschenk” van € 50 — café, naïve 🙂 zero\u200bwidth שלום non\u00a0breaking <b>&amp;</b>"


@pytest.fixture
def three_versions(code, editor, officer, tmp_path):
    """Three versions with edits between them, exported one file each.

    Version 2 has odd characters in its texts and a core value without norms.
    """
    publish(officer, "2024-01-01", summary="Eerste versie.")
    gifts = code["gifts"]
    item_update(
        item=gifts, expected_revision=gifts.revision, user=editor,
        changes={"text": f"Je meldt elk geschenk boven € 50. {ODD}",
                 "legal_basis": ["Ambtenarenwet", "art. 5 „Wet” §2"]},
    )  # fmt: skip
    item_set_retired(item=code["wine"], retired=True, user=editor)
    add_value(editor, "Moed ✊", f"Een waarde zonder normen. {ODD}", key="moed")
    publish(
        officer, "2024-06-01", by="Directie „B&W”", summary=f"Geschenken **aangescherpt**. {ODD}"
    )
    share = add_norm(editor, code["expertise"], "Kennis delen", "aspiration", key="delen")
    add_example(editor, share, "Een lunchlezing", key="lunchlezing")
    profile = CodeProfile.current()
    item_update(
        item=profile, expected_revision=profile.revision, user=editor,
        changes={"title": "Gedragscode Lindewaard", "preamble": f"Voor iedereen. {ODD}"},
    )  # fmt: skip
    publish(officer, "2030-01-01", summary="Kennis delen; een toekomstige versie.")
    files = []
    for number in (1, 2, 3):
        path = tmp_path / f"v{number}.json"
        call_command("export_code", "--version", str(number), "--output", str(path))
        files.append(path)
    return files


@pytest.fixture
def exported(three_versions):
    """The three versions' files; then an empty install (see `wipe_everything`)."""
    before = {"versions": stored_versions(), "entries": entries()}
    wipe_everything()
    assert not CodeVersion.objects.exists() and not Value.objects.exists()
    return three_versions, before


def test_wiping_leaves_an_empty_install(exported):
    assert all(
        not model.objects.exists()
        for model in (Value, Norm, Example, ItemKey, CodeProfile, VersionEntry)
    )
    assert not Norm.history.model.objects.exists()
    assert build_draft_document()["values"] == []


def test_the_versions_come_back_exactly(exported):
    files, before = exported
    for number, path in enumerate(files, 1):
        out = import_code(path)
        assert f"Restored version {number}" in out
    assert stored_versions() == before["versions"]
    assert entries() == before["entries"]
    assert versions_verify() == 3
    call_command("verify_versions")
    # The working draft is the last version restored.
    assert build_draft_document() == without_version(load(files[-1]))
    assert CodeVersion.objects.get(number=3).effective_from == datetime.date(2030, 1, 1)
    assert all(v.published_by is None for v in CodeVersion.objects.all())


def test_a_restored_install_publishes_on_top(exported, officer):
    files, _ = exported
    for path in files:
        import_code(path)
    version = publish(officer, "2030-02-01")
    assert version.number == 4
    assert version.previous_sha256 == CodeVersion.objects.get(number=3).sha256
    assert versions_verify() == 4


def test_versions_out_of_order_are_refused(exported):
    files, _ = exported
    with pytest.raises(CommandError, match=r"\$\.version\.number"):
        import_code(files[1])
    assert not CodeVersion.objects.exists()
    import_code(files[0])
    before = snapshot()
    with pytest.raises(CommandError, match=r"\$\.version\.number"):
        import_code(files[2])
    with pytest.raises(CommandError, match=r"\$\.version\.number"):
        import_code(files[0])
    assert snapshot() == before
    import_code(files[1])
    import_code(files[2])
    assert versions_verify() == 3


def test_a_version_from_another_chain_is_refused(exported, tmp_path):
    """Version 2 of another code does not follow our version 1, even when correctly sealed."""
    files, _ = exported
    import_code(files[0])
    before = snapshot()
    other = load(files[1])
    other["version"]["previous_sha256"] = EXAMPLE_SEAL
    other["version"]["sha256"] = seal(other)
    path = tmp_path / "other.json"
    path.write_text(json.dumps(other), encoding="utf-8")
    with pytest.raises(CommandError, match=r"\$\.version\.previous_sha256"):
        import_code(path)
    assert snapshot() == before


def test_the_published_example_restores_into_an_empty_install(db, published_example):
    out = import_code(PUBLISHED_EXAMPLE)
    assert f"Restored version 1 ({EXAMPLE_SEAL})" in out
    version = CodeVersion.objects.get()
    assert version.number == 1 and version.sha256 == EXAMPLE_SEAL
    assert version.previous_sha256 == ""
    assert version.effective_from == datetime.date(2024, 5, 1)
    assert version.published_at == datetime.datetime.fromisoformat("2024-04-15T09:30:00+01:00")
    assert version.established_by == "Commissioner for Investigations (example)"
    assert version.change_summary == "First version."
    assert version.document == published_example
    assert versions_verify() == 1
    assert build_draft_document() == without_version(published_example)
    assert VersionEntry.objects.filter(version=version).count() == 26


def test_odd_characters_and_a_value_without_norms_come_back(exported):
    files, _ = exported
    for path in files:
        import_code(path)
    v2, v3 = CodeVersion.objects.get(number=2), CodeVersion.objects.get(number=3)
    courage = next(value for value in v3.document["values"] if value["key"] == "moed")
    assert courage["name"] == "Moed ✊" and courage["norms"] == []
    assert ODD in courage["description"] and ODD in v3.document["preamble"]
    assert ODD in v2.change_summary and v2.established_by == "Directie „B&W”"
    assert Value.objects.get(key="moed").description.endswith(ODD)


# --- into a new, empty database --------------------------------------------------------------
# The tests above empty the test database inside their transaction (users and roles stay).
# This one restores into a database of its own, made and migrated for it, through the
# commands an operator runs: nothing is shared with the installation the files came from.


@pytest.fixture
def empty_database() -> Iterator[str]:
    """A new PostgreSQL database, dropped afterwards; its DATABASE_URL."""
    with scratch_database("restore") as url:
        yield url


def operator(database_url: str, *args: str) -> str:
    """manage.py as run from a shell against `database_url`; fails the test on an error."""
    env = os.environ | {"DATABASE_URL": database_url}
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stderr}"
    return result.stdout


def test_the_exports_restore_into_a_new_database_with_the_same_seals(
    three_versions, empty_database, tmp_path
):
    seals = [v.sha256 for v in CodeVersion.objects.order_by("number")]
    operator(empty_database, "migrate", "--noinput", "-v0")
    for number, path in enumerate(three_versions, 1):
        out = operator(empty_database, "import_code", str(path))
        assert f"Restored version {number} ({seals[number - 1]})" in out
    assert "All 3 versions verified" in operator(empty_database, "verify_versions")
    # Exported again from the new installation: the very same bytes, version by version.
    for number, original in enumerate(three_versions, 1):
        again = tmp_path / f"again-v{number}.json"
        operator(empty_database, "export_code", "--version", str(number), "--output", str(again))
        assert again.read_bytes() == original.read_bytes()
    draft = tmp_path / "draft.json"
    operator(empty_database, "export_code", "--draft", "--output", str(draft))
    assert load(draft) == without_version(load(three_versions[-1]))
