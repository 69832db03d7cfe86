"""The restore path: exported versions imported in order give back the very same versions."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from codeapp.documents import build_draft_document, seal
from codeapp.models import CodeProfile, CodeVersion, VersionEntry
from codeapp.services import versions_verify
from norms.models import Example, Norm
from tests.conftest import add_example, add_norm
from tests.versions.conftest import (
    EXAMPLE_SEAL,
    PUBLISHED_EXAMPLE,
    import_code,
    load,
    publish,
    snapshot,
    wipe_everything,
    without_version,
)
from values.models import ItemKey, Value
from values.services import item_set_retired, item_update

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


@pytest.fixture
def exported(code, editor, officer, tmp_path):
    """Three versions with edits between them, exported one file each; then an empty install."""
    publish(officer, "2024-01-01", summary="Eerste versie.")
    gifts = code["gifts"]
    item_update(
        item=gifts, expected_revision=gifts.revision, user=editor,
        changes={"text": "Je meldt elk geschenk boven € 50.", "legal_basis": ["Ambtenarenwet"]},
    )  # fmt: skip
    item_set_retired(item=code["wine"], retired=True, user=editor)
    publish(officer, "2024-06-01", by="Directie", summary="Geschenken **aangescherpt**.")
    share = add_norm(editor, code["expertise"], "Kennis delen", "aspiration", key="delen")
    add_example(editor, share, "Een lunchlezing", key="lunchlezing")
    profile = CodeProfile.current()
    item_update(
        item=profile, expected_revision=profile.revision, user=editor,
        changes={"title": "Gedragscode Lindewaard", "preamble": "Voor iedereen."},
    )  # fmt: skip
    publish(officer, "2030-01-01", summary="Kennis delen; een toekomstige versie.")
    files = []
    for number in (1, 2, 3):
        path = tmp_path / f"v{number}.json"
        call_command("export_code", "--version", str(number), "--output", str(path))
        files.append(path)
    before = {"versions": stored_versions(), "entries": entries()}
    wipe_everything()
    assert not CodeVersion.objects.exists() and not Value.objects.exists()
    return files, before


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
