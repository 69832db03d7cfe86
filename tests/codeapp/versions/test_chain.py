"""Publishing versions and the hash chain between them: any later tampering is detected."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from codeapp.models import CodeVersion, VersionEntry
from codeapp.versions.chain import ChainError, versions_verify
from codeapp.versions.documents import build_draft_document, seal
from codeapp.versions.services import PublishConflict, version_publish
from core.services import item_update
from tests.helpers import add_norm, publish
from tests.helpers.documents import set_immutability_triggers, without_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_versions(code, editor, officer):
    """Versions 1, 2 and 3 of the small code, with edits between them."""
    v1 = publish(officer, "2024-01-01", summary="Eerste versie.")
    gifts = code["gifts"]
    item_update(
        item=gifts, expected_revision=gifts.revision, user=editor,
        changes={"text": "Je meldt elk geschenk boven € 50."},
    )  # fmt: skip
    v2 = publish(officer, "2024-06-01", summary="Geschenken.")
    add_norm(editor, code["expertise"], "Delen", "aspiration", key="delen")
    v3 = publish(officer, "2025-01-01", summary="Kennis delen.")
    return [v1, v2, v3]


def tamper(sql: str, *params) -> None:
    """Change a stored version behind the application's back, as an attacker with SQL might."""
    set_immutability_triggers(False)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    set_immutability_triggers(True)


def test_publishing_seals_the_draft_as_the_next_version(code, officer):
    draft = build_draft_document()
    version = publish(officer, "2024-01-01", by="  De directie ", summary=" Eerste versie. ")
    version.refresh_from_db()
    assert version.number == 1 and version.effective_from == datetime.date(2024, 1, 1)
    assert version.published_by == officer and version.established_by == "De directie"
    doc = version.document
    assert without_version(doc) == draft
    block = doc["version"]
    assert block == {
        "number": 1,
        "effective_from": "2024-01-01",
        "published_at": block["published_at"],
        "established_by": "De directie",
        "change_summary": "Eerste versie.",
        "amendments": [],
        "previous_sha256": None,
        "sha256": version.sha256,
    }
    assert datetime.datetime.fromisoformat(block["published_at"]) == version.published_at
    assert datetime.datetime.fromisoformat(block["published_at"]).utcoffset() is not None
    assert seal(doc) == version.sha256 and version.previous_sha256 == ""
    # Its items are stored to search in, numbered as in the document.
    entries = VersionEntry.objects.filter(version=version).order_by("id")
    assert [(e.kind, e.number, e.key) for e in entries][:3] == [
        ("value", "1", "eerlijkheid"), ("norm", "1.1", "geschenken"), ("example", "1.1.1", "wijn"),
    ]  # fmt: skip
    assert entries.count() == 7


def test_the_versions_are_linked_by_their_seals(three_versions):
    v1, v2, v3 = three_versions
    assert [v.number for v in three_versions] == [1, 2, 3]
    assert v1.document["version"]["previous_sha256"] is None
    assert v2.document["version"]["previous_sha256"] == v1.sha256 == v2.previous_sha256
    assert v3.document["version"]["previous_sha256"] == v2.sha256 == v3.previous_sha256
    assert len({v.sha256 for v in three_versions}) == 3
    assert versions_verify() == 3


def test_verifying_no_versions_passes(db):
    assert versions_verify() == 0


def test_the_command_reports_an_intact_chain(three_versions, capsys):
    call_command("verify_versions")
    assert "3" in capsys.readouterr().out


def test_an_empty_draft_is_not_published(db):
    with pytest.raises(ValidationError):
        publish(None, "2024-01-01")
    assert not CodeVersion.objects.exists()


def test_a_version_cannot_come_into_force_before_the_previous_one(three_versions):
    with pytest.raises(ValidationError):
        publish(None, "2024-12-31")
    assert CodeVersion.objects.count() == 3


def test_a_stale_publish_is_a_conflict(three_versions):
    with pytest.raises(PublishConflict) as conflict:
        version_publish(
            user=None, effective_from=datetime.date(2025, 2, 1), established_by="x",
            change_summary="", expected_latest=2,
            retroactive=True, retroactive_reason="Besluit met terugwerkende kracht.",
        )  # fmt: skip
    assert conflict.value.latest.number == 3
    assert CodeVersion.objects.count() == 3


TAMPERING = {
    "document": "UPDATE codeapp_codeversion SET document = jsonb_set(document, "
    "'{values,0,norms,0,text}', '\"Geschenken mag je houden.\"') WHERE number = %s",
    "seal": "UPDATE codeapp_codeversion SET sha256 = repeat('0', 64) WHERE number = %s",
    "date": "UPDATE codeapp_codeversion SET document = jsonb_set(document, "
    "'{version,effective_from}', '\"2023-01-01\"') WHERE number = %s",
    "link": "UPDATE codeapp_codeversion SET previous_sha256 = repeat('a', 64) WHERE number = %s",
    "number": "UPDATE codeapp_codeversion SET document = jsonb_set(document, "
    "'{version,number}', '7') WHERE number = %s",
    # The columns pages and the API read must agree with the sealed document.
    "in force column": "UPDATE codeapp_codeversion SET effective_from = '2020-01-01' "
    "WHERE number = %s",
    "established by column": "UPDATE codeapp_codeversion SET established_by = 'Iemand anders' "
    "WHERE number = %s",
    "summary column": "UPDATE codeapp_codeversion SET change_summary = 'Anders' WHERE number = %s",
}


@pytest.mark.parametrize("what", TAMPERING)
def test_tampering_with_a_stored_version_is_detected(three_versions, what):
    tamper(TAMPERING[what], 2)
    with pytest.raises(ChainError) as error:
        versions_verify()
    assert error.value.number == 2
    assert "version 2" in str(error.value)


def test_a_resealed_rewrite_breaks_the_link_of_the_next_version(three_versions):
    """Rewriting version 2 and sealing it anew still breaks the chain at version 3."""
    v2 = CodeVersion.objects.get(number=2)
    doc = v2.document
    doc["values"][0]["norms"][0]["text"] = "Geschenken mag je houden."
    doc["version"]["sha256"] = seal(doc)
    tamper(
        "UPDATE codeapp_codeversion SET document = %s::jsonb, sha256 = %s WHERE number = 2",
        json.dumps(doc),
        doc["version"]["sha256"],
    )
    with pytest.raises(ChainError) as error:
        versions_verify()
    assert error.value.number == 3


def test_a_missing_version_is_a_gap_in_the_chain(three_versions):
    tamper("DELETE FROM codeapp_versionentry WHERE version_id = %s", three_versions[1].pk)
    tamper("DELETE FROM codeapp_versionpagerender WHERE version_id = %s", three_versions[1].pk)
    tamper("DELETE FROM codeapp_versionrender WHERE version_id = %s", three_versions[1].pk)
    tamper("DELETE FROM codeapp_codeversion WHERE number = %s", 2)
    with pytest.raises(ChainError) as error:
        versions_verify()
    assert error.value.number == 3


def test_the_command_names_the_bad_version(three_versions):
    tamper(TAMPERING["document"], 2)
    with pytest.raises(CommandError) as error:
        call_command("verify_versions")
    assert "2" in str(error.value) and error.value.returncode == 1
    assert "Version 2" in str(error.value)


def test_the_first_bad_version_is_named(three_versions):
    tamper(TAMPERING["document"], 3)
    tamper(TAMPERING["document"], 2)
    with pytest.raises(ChainError) as error:
        versions_verify()
    assert error.value.number == 2
