"""The working draft as a `living-code/1` document, and the seal over documents."""

import copy
import hashlib
import json

import pytest

from codeapp.models import CodeProfile
from codeapp.versions.documents import (
    FORMAT,
    build_draft_document,
    canonical,
    items,
    seal,
    validate,
)
from core.services import item_create, item_move, item_set_retired, item_update
from norms.models import Norm
from tests.helpers import add_example, add_norm, add_value
from tests.helpers.documents import EXAMPLE_SEAL
from values.models import Value

pytestmark = pytest.mark.django_db

DOCUMENT_KEYS = {"format", "title", "language", "preamble", "version", "values"}
VALUE_KEYS = {"key", "name", "description", "norms"}
NORM_KEYS = {
    "key", "title", "text", "kind", "explanation", "related_values", "legal_basis", "examples",
}  # fmt: skip
EXAMPLE_KEYS = {"key", "title", "situation", "guidance"}


def keys_of(doc: dict) -> list[str]:
    return [i.key for i in items(doc)]


# ---------------------------------------------------------------------------------------------
# Building the draft document


def test_an_empty_draft_gives_no_values(db):
    doc = build_draft_document()
    assert doc == {
        "format": "living-code/1",
        "title": CodeProfile.current().title,
        "language": "nl",
        "preamble": "",
        "version": None,
        "values": [],
    }
    validate(doc)


def test_the_document_has_exactly_the_keys_of_the_format(code):
    doc = build_draft_document()
    assert set(doc) == DOCUMENT_KEYS and doc["format"] == FORMAT and doc["version"] is None
    assert all(set(v) == VALUE_KEYS for v in doc["values"])
    norms = [n for v in doc["values"] for n in v["norms"]]
    assert len(norms) == 3 and all(set(n) == NORM_KEYS for n in norms)
    examples = [e for n in norms for e in n["examples"]]
    assert len(examples) == 2 and all(set(e) == EXAMPLE_KEYS for e in examples)
    # It is valid by its own rules, and survives a round trip through JSON unchanged.
    assert validate(doc) is doc
    assert json.loads(json.dumps(doc)) == doc


def test_the_document_carries_the_items_content(code, editor):
    gifts = code["gifts"]
    item_update(
        item=gifts, expected_revision=gifts.revision, user=editor,
        changes={"explanation": "Ook kleine.", "legal_basis": ["Ambtenarenwet art. 8"],
                 "related_values": ["deskundigheid"]},
    )  # fmt: skip
    honesty = build_draft_document()["values"][0]
    assert honesty == {
        "key": "eerlijkheid",
        "name": "Eerlijkheid",
        "description": "Wij zijn **eerlijk**.",
        "norms": [
            {
                "key": "geschenken",
                "title": "Geschenken melden",
                "text": "Je meldt elk geschenk.",
                "kind": "obligation",
                "explanation": "Ook kleine.",
                "related_values": ["deskundigheid"],
                "legal_basis": ["Ambtenarenwet art. 8"],
                "examples": [
                    {
                        "key": "wijn",
                        "title": "Een fles wijn",
                        "situation": "Een leverancier stuurt wijn.",
                        "guidance": "",
                    },
                    {
                        "key": "diner",
                        "title": "Een diner",
                        "situation": "Een leverancier stuurt wijn.",
                        "guidance": "",
                    },
                ],  # fmt: skip
            },
            {
                "key": "steekpenningen",
                "title": "Geen steekpenningen",
                "text": "Je meldt elk geschenk.",
                "kind": "prohibition",
                "explanation": "",
                "related_values": [],
                "legal_basis": [],
                "examples": [],
            },
        ],
    }


def test_items_are_numbered_in_code_order(code):
    numbered = [(i.type, i.number, i.key, i.parent) for i in items(build_draft_document())]
    assert numbered == [
        ("value", "1", "eerlijkheid", None),
        ("norm", "1.1", "geschenken", "eerlijkheid"),
        ("example", "1.1.1", "wijn", "geschenken"),
        ("example", "1.1.2", "diner", "geschenken"),
        ("norm", "1.2", "steekpenningen", "eerlijkheid"),
        ("value", "2", "deskundigheid", None),
        ("norm", "2.1", "bijblijven", "deskundigheid"),
    ]


def test_the_order_is_the_position_order_not_creation(code, editor):
    item_move(item=code["expertise"], step=-1, user=editor)
    item_move(item=code["dinner"], step=-1, user=editor)
    item_move(item=code["bribes"], step=-1, user=editor)
    assert keys_of(build_draft_document()) == [
        "deskundigheid", "bijblijven",
        "eerlijkheid", "steekpenningen", "geschenken", "diner", "wijn",
    ]  # fmt: skip


def test_retired_items_are_left_out(code, editor):
    item_set_retired(item=code["wine"], retired=True, user=editor)
    item_set_retired(item=code["learn"], retired=True, user=editor)
    item_set_retired(item=code["expertise"], retired=True, user=editor)
    assert keys_of(build_draft_document()) == [
        "eerlijkheid",
        "geschenken",
        "diner",
        "steekpenningen",
    ]


def test_items_under_a_retired_parent_are_left_out(code, editor):
    # A norm may be retired with its examples still active: they go with it.
    item_set_retired(item=code["gifts"], retired=True, user=editor)
    assert keys_of(build_draft_document()) == [
        "eerlijkheid", "steekpenningen", "deskundigheid", "bijblijven",
    ]  # fmt: skip
    # A value retired behind the service's back (an active norm under it) takes it along.
    Value.objects.filter(pk=code["expertise"].pk).update(retired=True)
    assert keys_of(build_draft_document()) == ["eerlijkheid", "steekpenningen"]


def test_related_values_that_are_retired_are_dropped(code, editor):
    spare = add_value(editor, "Zorgvuldigheid", key="zorgvuldigheid")
    norm = item_create(
        item=Norm(value=code["honesty"], title="Breed", text="Tekst.", kind="aspiration",
                  related_values=["deskundigheid", "zorgvuldigheid"]),
        user=editor, key="breed",
    )  # fmt: skip
    item_set_retired(item=spare, retired=True, user=editor)
    doc = build_draft_document()
    breed = next(i.data for i in items(doc) if i.key == "breed")
    assert breed["related_values"] == ["deskundigheid"]
    norm.refresh_from_db()
    assert norm.related_values == ["deskundigheid", "zorgvuldigheid"]  # the draft keeps them
    validate(doc)


def test_a_value_without_norms_is_in_the_document(editor):
    add_value(editor, "Moed", key="moed")
    value = add_value(editor, "Respect", key="respect")
    add_norm(editor, value, key="groeten")
    doc = build_draft_document()
    assert [(v["key"], len(v["norms"])) for v in doc["values"]] == [("moed", 0), ("respect", 1)]
    validate(doc)


def test_the_profile_is_part_of_the_document(editor):
    profile = CodeProfile.current()
    item_update(
        item=profile, expected_revision=profile.revision, user=editor,
        changes={"title": "Gedragscode Lindewaard", "language": "en", "preamble": "Welkom."},
    )  # fmt: skip
    doc = build_draft_document()
    assert (doc["title"], doc["language"], doc["preamble"]) == (
        "Gedragscode Lindewaard", "en", "Welkom.",
    )  # fmt: skip


def test_an_example_of_another_norm_is_not_mixed_in(code, editor):
    add_example(editor, code["learn"], "Een cursus", key="cursus")
    doc = build_draft_document()
    learn = doc["values"][1]["norms"][0]
    assert [e["key"] for e in learn["examples"]] == ["cursus"]
    assert doc["values"][0]["norms"][1]["examples"] == []


# ---------------------------------------------------------------------------------------------
# The seal


def test_the_published_example_reproduces_its_seal(published_example):
    assert published_example["version"]["sha256"] == EXAMPLE_SEAL
    assert seal(published_example) == EXAMPLE_SEAL
    validate(published_example)


def test_the_seal_is_sha256_of_the_canonical_form_without_the_seal(published_example):
    unsealed = copy.deepcopy(published_example)
    del unsealed["version"]["sha256"]
    text = json.dumps(unsealed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == EXAMPLE_SEAL
    assert seal(unsealed) == EXAMPLE_SEAL  # with no seal in it yet, the same
    # The seal does not cover itself: whatever stands in it, the seal is the same.
    other = copy.deepcopy(published_example)
    other["version"]["sha256"] = "0" * 64
    assert seal(other) == EXAMPLE_SEAL
    # Sealing leaves the document as it was.
    assert published_example["version"]["sha256"] == EXAMPLE_SEAL


def _set(path: list, new):
    def change(doc: dict) -> None:
        target = doc
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = new

    return change


@pytest.mark.parametrize(
    "change",
    [
        _set(["title"], "ICRIR Code of Conduct"),
        _set(["language"], "nl"),
        _set(["preamble"], ""),
        _set(["values", 0, "name"], "Openness!"),
        _set(["values", 0, "description"], " "),
        _set(["values", 0, "norms", 0, "text"], "Be open."),
        _set(["values", 0, "norms", 0, "kind"], "aspiration"),
        _set(["values", 2, "norms", 7, "legal_basis"], ["Northern Ireland Troubles Act 2023"]),
        _set(["version", "number"], 2),
        _set(["version", "effective_from"], "2024-05-02"),
        _set(["version", "published_at"], "2024-04-15T09:30:01+01:00"),
        _set(["version", "established_by"], "Someone else"),
        _set(["version", "change_summary"], "First version"),
        _set(["version", "previous_sha256"], "a" * 64),
        lambda doc: doc["values"].reverse(),
        lambda doc: doc["values"][1]["norms"].pop(),
    ],
    ids=[
        "title",
        "language",
        "preamble",
        "value-name",
        "value-description",
        "norm-text",
        "norm-kind",
        "legal-basis",
        "number",
        "effective-from",
        "published-at",
        "established-by",
        "change-summary",
        "previous-sha256",
        "order",
        "a-norm-less",
    ],  # fmt: skip
)
def test_any_change_changes_the_seal(published_example, change):
    changed = copy.deepcopy(published_example)
    change(changed)
    assert changed != published_example
    assert seal(changed) != EXAMPLE_SEAL


def test_a_draft_has_a_seal_too(draft_example):
    # A draft (version null) is hashed whole; its seal differs from the version's.
    assert seal(draft_example) == hashlib.sha256(canonical(draft_example)).hexdigest()
    assert seal(draft_example) != EXAMPLE_SEAL


def test_the_canonical_form_sorts_keys_without_spaces_in_utf8():
    doc = {"b": [1, {"z": "é", "a": None}], "a": "ü ł 漢"}
    assert canonical(doc) == '{"a":"ü ł 漢","b":[1,{"a":null,"z":"é"}]}'.encode()
    assert b"\\u" not in canonical(doc)
    assert len(canonical({"a": "é"})) == len(b'{"a":""}') + 2  # "é" is two bytes in UTF-8
    # Key order in the input does not matter; content does.
    assert canonical({"x": 1, "y": 2}) == canonical({"y": 2, "x": 1})
    assert canonical({"a": "e"}) != canonical({"a": "é"})
