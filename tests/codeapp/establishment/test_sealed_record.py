"""The establishment record sealed in a version: the publish form, the document's optional
fields, bad input, and documents sealed before it still verifying and restoring exactly."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from codeapp.models import CodeVersion
from codeapp.versions.chain import versions_verify
from codeapp.versions.documents import DocumentError, seal, validate
from norms.models import Norm
from tests.helpers import text_of
from tests.helpers.documents import (
    PUBLISHED_EXAMPLE,
    first_norm,
    import_code,
    load,
    small,
    snapshot,
    wipe_everything,
    write,
)

pytestmark = pytest.mark.django_db

PUBLISH = reverse("codeapp:publish")
AMBTENARENWET = {"label": "Ambtenarenwet 2017", "bwb": "BWBR0001905", "article": "4"}
RECORD = {
    "works_council_date": "2026-03-02",
    "works_council_reference": "OR-2026-014",
    "decision_body": "College van burgemeester en wethouders",
    "decision_date": "2026-03-10",
    "decision_reference": "2026/123",
    "publication_gazette": "Gemeenteblad",
    "publication_date": "2026-03-12",
    "publication_reference": "gmb-2026-123456",
    "publication_url": "https://zoek.officielebekendmakingen.nl/gmb-2026-123456.html",
    "legal_basis": "Ambtenarenwet 2017 (BWBR0001905, art. 4)\nWet op de ondernemingsraden "
    "(BWBR0002747, art. 27)",
}
SEALED = {
    "works_council": {"date": "2026-03-02", "reference": "OR-2026-014"},
    "decision": {
        "body": "College van burgemeester en wethouders",
        "date": "2026-03-10",
        "reference": "2026/123",
    },
    "publication": {
        "gazette": "Gemeenteblad",
        "date": "2026-03-12",
        "reference": "gmb-2026-123456",
        "url": "https://zoek.officielebekendmakingen.nl/gmb-2026-123456.html",
    },
    "legal_basis": [
        AMBTENARENWET,
        {"label": "Wet op de ondernemingsraden", "bwb": "BWBR0002747", "article": "27"},
    ],
}


def publish_data(**overrides) -> dict:
    data = {
        "effective_from": timezone.localdate().isoformat(),
        "established_by": "College van B&W, besluit 2026/123",
        "change_summary": "Eerste versie",
        "expected_latest": "0",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_it_seals_the_full_record_in_the_version(client_for, code):
    response = client_for("officer").post(PUBLISH, publish_data(**RECORD))

    assert response.status_code == 302
    version = CodeVersion.objects.get()
    assert version.document["version"]["establishment"] == SEALED
    assert version.sha256 == seal(version.document)
    validate(version.document)
    assert versions_verify() == 1


def test_a_step_may_be_left_out_and_is_then_null(client_for, code):
    data = publish_data(works_council_date="2026-03-02", works_council_reference="OR-14")

    assert client_for("officer").post(PUBLISH, data).status_code == 302
    record = CodeVersion.objects.get().document["version"]["establishment"]
    assert record == {
        "works_council": {"date": "2026-03-02", "reference": "OR-14"},
        "decision": None,
        "publication": None,
    }


def test_without_a_record_the_field_is_absent(client_for, code):
    assert client_for("officer").post(PUBLISH, publish_data()).status_code == 302

    assert "establishment" not in CodeVersion.objects.get().document["version"]


def test_the_form_shows_the_steps(en_client_for, code):
    page = text_of(en_client_for("officer").get(PUBLISH))

    for words in ("Consent of the works council", "Decision of the competent authority",
                  "Official publication", "Legal basis", "Gemeenteblad"):  # fmt: skip
        assert words in page


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"works_council_date": "2026-02-30", "works_council_reference": "x"},
         "works_council_date"),
        ({"works_council_date": "2026-03-02"}, "works_council_reference"),
        ({"decision_body": "College"}, "decision_date"),
        ({**RECORD, "publication_url": "ftp://example.nl/gmb.html"}, "publication_url"),
        ({**RECORD, "publication_url": "javascript:alert(1)"}, "publication_url"),
        ({**RECORD, "publication_gazette": "Telegraaf"}, "publication_gazette"),
        ({"legal_basis": "Ambtenarenwet 2017 (BWBR123, art. 4)"}, "legal_basis"),
        ({"legal_basis": "art. 4 Ambtenarenwet"}, "legal_basis"),
        ({"legal_basis": "Ambtenarenwet (BWBR0001905, art. vier)"}, "legal_basis"),
    ],
)  # fmt: skip
def test_a_bad_entry_rerenders_the_form_and_publishes_nothing(overrides, field, client_for, code):
    client_for("officer").get(PUBLISH)  # the code's profile row is made on first sight
    before = snapshot()

    response = client_for("officer").post(PUBLISH, publish_data(**overrides))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not CodeVersion.objects.exists()
    assert snapshot() == before


def test_it_names_the_bad_line_of_the_legal_basis(en_client_for, code):
    lines = "Ambtenarenwet 2017 (BWBR0001905, art. 4)\nGrondwet"

    response = en_client_for("officer").post(PUBLISH, publish_data(legal_basis=lines))

    assert "Line 2 is not a law reference" in text_of(response)


# --- the exchange document -----------------------------------------------------------------------


def _sealed(doc: dict) -> dict:
    doc["version"]["sha256"] = seal(doc)
    return doc


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda r: r.update(extra=1), "$.version.establishment.extra"),
        (lambda r: r.pop("decision"), "$.version.establishment.decision"),
        (lambda r: r["works_council"].update(date="2026-13-01"),
         "$.version.establishment.works_council.date"),
        (lambda r: r["decision"].update(reference=" "),
         "$.version.establishment.decision.reference"),
        (lambda r: r["publication"].update(url="file:///etc/passwd"),
         "$.version.establishment.publication.url"),
        (lambda r: r["legal_basis"][0].update(bwb="BWB0001905"),
         "$.version.establishment.legal_basis[0].bwb"),
        (lambda r: r["legal_basis"][1].update(article=4),
         "$.version.establishment.legal_basis[1].article"),
        (lambda r: r.update(legal_basis=[]), "$.version.establishment.legal_basis"),
        (lambda r: r.update(works_council=None, decision=None, publication=None,
                            legal_basis=None) or r.pop("legal_basis"),
         "$.version.establishment"),
    ],
)  # fmt: skip
def test_the_document_check_names_the_path_of_a_bad_record(change, path):
    doc = small()
    doc["version"] = load(PUBLISHED_EXAMPLE)["version"]
    record = json.loads(json.dumps(SEALED))
    change(record)
    doc["version"]["establishment"] = record

    with pytest.raises(DocumentError) as raised:
        validate(_sealed(doc))
    assert raised.value.path == path


def test_documents_sealed_before_still_verify_and_restore_byte_for_byte(db):
    original = PUBLISHED_EXAMPLE.read_bytes()
    doc = load(PUBLISHED_EXAMPLE)
    assert "establishment" not in doc["version"]

    import_code(str(PUBLISHED_EXAMPLE))

    version = CodeVersion.objects.get()
    assert seal(version.document) == version.sha256 == doc["version"]["sha256"]
    call_command("verify_versions")
    assert version.document == doc
    # Exported again, the document is the one sealed: the same canonical bytes.
    assert json.loads(original) == version.document


def test_a_version_with_its_record_restores_exactly(client_for, code, tmp_path):
    client_for("officer").post(PUBLISH, publish_data(**RECORD))
    before = CodeVersion.objects.get()
    path = tmp_path / "v1.json"
    call_command("export_code", "--version", "1", "--output", str(path))
    wipe_everything()

    import_code(str(path))

    restored = CodeVersion.objects.get()
    assert restored.document == before.document
    assert restored.sha256 == before.sha256
    assert restored.document["version"]["establishment"] == SEALED
    call_command("verify_versions")
    # Exported again, the restored version is the same file, byte for byte.
    again = tmp_path / "again.json"
    call_command("export_code", "--version", "1", "--output", str(again))
    assert again.read_bytes() == path.read_bytes()


# --- a norm's legal basis as a reference to the law ----------------------------------------------


def test_a_norm_legal_basis_reference_is_imported_and_exported(tmp_path, code):
    doc = small()
    first_norm(doc)["legal_basis"] = ["Gedragscode art. 1", AMBTENARENWET]

    import_code(str(write(tmp_path, doc)))

    norm = Norm.objects.get(key=first_norm(doc)["key"])
    assert norm.legal_basis == ["Gedragscode art. 1", AMBTENARENWET]
    out = tmp_path / "draft.json"
    call_command("export_code", "--draft", "--output", str(out))
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert first_norm(exported)["legal_basis"] == ["Gedragscode art. 1", AMBTENARENWET]


@pytest.mark.parametrize(
    ("entry", "path"),
    [
        ({"label": "Wet", "bwb": "BWBR12"}, "$.values[0].norms[0].legal_basis[1].article"),
        ({"label": "Wet", "bwb": "BWBR12", "article": None},
         "$.values[0].norms[0].legal_basis[1].bwb"),
        ({"label": "", "bwb": "BWBR0001905", "article": None},
         "$.values[0].norms[0].legal_basis[1].label"),
        ({"label": "Wet", "bwb": "BWBR0001905", "article": "4", "lid": "2"},
         "$.values[0].norms[0].legal_basis[1].lid"),
        (7, "$.values[0].norms[0].legal_basis[1]"),
    ],
)  # fmt: skip
def test_a_bad_norm_reference_is_refused_naming_its_path(entry, path, tmp_path, code):
    doc = small()
    first_norm(doc)["legal_basis"] = ["Gedragscode art. 1", entry]
    before = snapshot()

    with pytest.raises(Exception, match=path.replace("[", r"\[").replace("$", r"\$")):
        import_code(str(write(tmp_path, doc)))
    assert snapshot() == before


def test_a_changed_law_reference_reads_as_text_in_comparisons_and_history(code, editor):
    from codeapp.versions.compare import _field_text
    from core.display import display
    from core.services import item_update

    gifts = code["gifts"]
    item_update(
        item=gifts, expected_revision=gifts.revision, user=editor,
        changes={"legal_basis": ["Gedragscode", AMBTENARENWET]},
    )  # fmt: skip

    assert _field_text("legal_basis", ["Gedragscode", AMBTENARENWET]) == (
        "Gedragscode; Ambtenarenwet 2017, art. 4"
    )
    gifts.refresh_from_db()
    shown = display(Norm, "legal_basis", gifts.legal_basis)
    # Its parts, in whatever order the database keeps the keys; not Python's notation.
    assert "{" not in shown and "'" not in shown
    assert all(part in shown for part in ("Ambtenarenwet 2017", "BWBR0001905", ", 4"))
