"""The exchange format's optional fields for a code built on a model: `based_on`, `left_out` and
each item's `origin` — read, checked, stored, exported and sealed; absent unless given."""

import copy
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from codeapp.models import CodeProfile, CodeVersion, ModelBase
from codeapp.versions.chain import versions_verify
from codeapp.versions.documents import (
    DocumentError,
    build_draft_document,
    canonical,
    seal,
    validate,
)
from core.services import item_update
from norms.models import Norm
from tests.helpers import publish
from tests.helpers.documents import (
    EXAMPLES,
    import_code,
    load,
    snapshot,
    wipe_everything,
    write,
)
from tests.helpers.models import GIR_2016, GIR_2019, gir, organisation_code

pytestmark = pytest.mark.django_db

# The tests' own documents, and the demo's model releases (codeapp/demo/models).
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

# Every sealed document there is, as chains in their order.
SEALED_CHAINS = [
    [EXAMPLES / "published-uk-icrir-v1.json"],
    [GIR_2016, GIR_2019],
]


def test_every_sealed_document_is_in_a_chain_here():
    sealed = {
        path
        for folder in (EXAMPLES, FIXTURES, GIR_2016.parent)
        for path in folder.glob("*.json")
        if load(path)["version"] is not None
    }
    assert sealed == {path for chain in SEALED_CHAINS for path in chain}


@pytest.mark.parametrize("chain", SEALED_CHAINS, ids=lambda chain: chain[-1].stem)
def test_every_document_sealed_before_verifies_and_restores_byte_for_byte(chain, tmp_path):
    wipe_everything()
    for path in chain:
        doc = load(path)
        assert seal(doc) == doc["version"]["sha256"]
        import_code(path)
    assert versions_verify() == len(chain)
    # Exported again, each is the very document that was sealed: the same canonical bytes
    # (the database keeps an object's keys in its own order, so the file's layout may differ).
    for number, path in enumerate(chain, 1):
        again = tmp_path / f"v{number}.json"
        call_command("export_code", "--version", str(number), "--output", str(again))
        assert canonical(load(again)) == canonical(load(path))
    # None of them is built on a model: the draft grows no optional field.
    draft = build_draft_document()
    assert "based_on" not in draft and "left_out" not in draft
    assert not ModelBase.objects.exists()
    assert all("origin" not in value for value in draft["values"])


def test_a_code_on_a_model_imports_exports_and_seals_with_its_origins(officer, tmp_path):
    wipe_everything()
    doc = organisation_code()
    import_code(write(tmp_path, doc))
    assert build_draft_document() == doc
    base = ModelBase.objects.get()
    assert base.version == 1 and base.sha256 == gir(2016)["version"]["sha256"]
    version = publish(officer, "2020-01-01")
    sealed = version.document
    assert sealed["based_on"] == doc["based_on"] and sealed["left_out"] == doc["left_out"]
    norms = {n["key"]: n for v in sealed["values"] for n in v["norms"]}
    assert norms["uitnodigingen"]["origin"] == "adapted"
    assert norms["dienstauto"]["origin"] == "local"
    assert norms["geschenken"]["origin"] == "model"
    assert norms["geschenken"]["examples"][0]["origin"] == "model"
    assert seal(sealed) == version.sha256
    # Exported, wiped and restored: the same bytes, the same draft, the same origins.
    exported = tmp_path / "v1.json"
    call_command("export_code", "--version", "1", "--output", str(exported))
    wipe_everything()
    import_code(exported)
    again = tmp_path / "again.json"
    call_command("export_code", "--version", "1", "--output", str(again))
    assert again.read_bytes() == exported.read_bytes()
    assert versions_verify() == 1
    assert build_draft_document() == {**sealed, "version": None}


def test_editing_a_model_items_wording_marks_it_adapted(editor, tmp_path):
    wipe_everything()
    import_code(write(tmp_path, organisation_code()))
    norm = Norm.objects.get(key="geschenken")
    model_text = norm.text

    def origin() -> str:
        doc = build_draft_document()
        return next(n for v in doc["values"] for n in v["norms"] if n["key"] == "geschenken")[
            "origin"
        ]

    assert origin() == "model"
    norm = item_update(
        item=norm, expected_revision=norm.revision, changes={"text": "Nooit iets aannemen."},
        user=editor,
    )  # fmt: skip
    assert origin() == "adapted"
    item_update(
        item=norm, expected_revision=norm.revision, changes={"text": model_text}, user=editor
    )
    assert origin() == "model"


def test_importing_a_code_on_no_model_lets_go_of_the_model(tmp_path):
    wipe_everything()
    import_code(write(tmp_path, organisation_code()))
    plain = organisation_code()
    del plain["based_on"], plain["left_out"]
    for value in plain["values"]:
        del value["origin"]
        for norm in value["norms"]:
            del norm["origin"]
            for example in norm["examples"]:
                del example["origin"]
    import_code(write(tmp_path, plain, "plain.json"))
    assert not ModelBase.objects.exists()
    assert build_draft_document() == plain


def _bad(change) -> dict:
    doc = organisation_code()
    change(doc)
    return doc


def _drop_based_on(doc):
    del doc["based_on"], doc["left_out"]


BAD = [
    (lambda d: d.update(based_on=None), "$.based_on", "must be an object"),
    (lambda d: d["based_on"].pop("publisher"), "$.based_on.publisher", "is missing"),
    (lambda d: d["based_on"].update(publisher=" "), "$.based_on.publisher", "must not be empty"),
    (lambda d: d["based_on"].update(version=0), "$.based_on.version", "1 or more"),
    (lambda d: d["based_on"].update(sha256="abc"), "$.based_on.sha256", "64 hex"),
    (lambda d: d["based_on"].update(url="ftp://x.nl/"), "$.based_on.url", "http(s)"),
    (lambda d: d["based_on"].update(url=5), "$.based_on.url", "must be a string"),
    (lambda d: d["based_on"].update(extra=1), "$.based_on.extra", "unknown key"),
    (lambda d: d.update(left_out=None), "$.left_out", "must be a list"),
    (lambda d: d["left_out"][0].update(reason=""), "$.left_out[0].reason", "say why"),
    (lambda d: d["left_out"][0].update(key="geschenken"), "$.left_out[0].key", "is in the code"),
    (lambda d: d["left_out"].append(dict(d["left_out"][0])), "$.left_out[1].key", "twice"),
    (lambda d: d["left_out"][0].update(key="Niet Goed"), "$.left_out[0].key", "not a valid key"),
    (lambda d: d["values"][0].update(origin="copied"), "$.values[0].origin", "one of"),
    (lambda d: d["values"][0].update(origin=None), "$.values[0].origin", "must be a string"),
    (
        lambda d: d["values"][0]["norms"][0].update(origin="kept"),
        "$.values[0].norms[0].origin",
        "one of",
    ),
    (
        lambda d: d["values"][2]["norms"][0]["examples"][0].update(origin=1),
        "$.values[2].norms[0].examples[0].origin",
        "must be a string",
    ),
    (_drop_based_on, "$.values[0].origin", "only allowed in a code with “based_on”"),
    (lambda d: d.pop("based_on"), "$.values[0].origin", "only allowed"),
]


@pytest.mark.parametrize(("change", "path", "message"), BAD)
def test_a_bad_optional_field_is_named_by_its_path(change, path, message):
    with pytest.raises(DocumentError) as caught:
        validate(_bad(change))
    assert caught.value.path == path
    assert message in caught.value.message


def test_left_out_without_a_model_is_refused():
    doc = organisation_code()
    _drop_based_on(doc)
    for value in doc["values"]:
        value.pop("origin")
        for norm in value["norms"]:
            norm.pop("origin")
            for example in norm["examples"]:
                example.pop("origin")
    doc["left_out"] = [{"key": "sociale-media", "reason": "Eigen richtlijn."}]
    with pytest.raises(DocumentError, match=r"^\$\.left_out: is only allowed"):
        validate(doc)


def test_a_bad_optional_field_changes_nothing(code, tmp_path):
    before = snapshot()
    with pytest.raises(CommandError, match=r"\$\.left_out\[0\]\.reason"):
        import_code(write(tmp_path, _bad(lambda d: d["left_out"][0].update(reason=" "))))
    assert snapshot() == before
    assert not ModelBase.objects.exists()


def test_a_null_url_is_kept_as_null_and_a_given_one_as_given(tmp_path):
    wipe_everything()
    doc = organisation_code()
    doc["based_on"]["url"] = "https://gedragscode.rijk.example/api/v1/code"
    import_code(write(tmp_path, doc))
    assert build_draft_document()["based_on"]["url"] == doc["based_on"]["url"]
    assert CodeProfile.current().model_base.url == doc["based_on"]["url"]
    assert json.loads(json.dumps(build_draft_document())) == copy.deepcopy(doc)
    assert not CodeVersion.objects.exists()
