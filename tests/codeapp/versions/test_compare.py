"""Comparing two documents: items matched by key, in the order of the newer document."""

import copy
import json

import pytest

from codeapp.api.comparison import comparison_document
from codeapp.models import CodeProfile
from codeapp.versions.compare import Change, compare
from codeapp.versions.documents import build_draft_document
from core.services import item_move, item_set_retired, item_update
from tests.helpers import add_norm

pytestmark = pytest.mark.django_db


def summary(changes: list[Change]) -> list[tuple]:
    return [(c.change, c.type, c.key, c.fields) for c in changes]


def norm(key: str, text: str = "Tekst.", kind: str = "obligation", examples=()) -> dict:
    return {
        "key": key, "title": "", "text": text, "kind": kind, "explanation": "",
        "related_values": [], "legal_basis": [], "examples": list(examples),
    }  # fmt: skip


def example(key: str, situation: str = "Iets gebeurt.") -> dict:
    return {"key": key, "title": "", "situation": situation, "guidance": ""}


def value(key: str, *norms: dict) -> dict:
    return {"key": key, "name": key.title(), "description": "", "norms": list(norms)}


def document(*values: dict, title: str = "Gedragscode") -> dict:
    return {
        "format": "living-code/1", "title": title, "language": "nl", "preamble": "",
        "version": None, "values": list(values),
    }  # fmt: skip


@pytest.fixture
def before(code) -> dict:
    return build_draft_document()


def edit(item, user, **changes):
    return item_update(item=item, expected_revision=item.revision, changes=changes, user=user)


def test_an_unchanged_code_has_no_changes(before):
    assert compare(before, before) == []
    assert compare(before, copy.deepcopy(before)) == []


def test_an_added_norm(before, code, editor):
    add_norm(editor, code["expertise"], "Delen", "aspiration", key="delen")
    assert summary(compare(before, build_draft_document())) == [
        ("added", "norm", "delen", []),
    ]


def test_a_removed_norm_takes_its_examples_along(before, code, editor):
    item_set_retired(item=code["gifts"], retired=True, user=editor)
    assert summary(compare(before, build_draft_document())) == [
        ("removed", "norm", "geschenken", []),
        ("removed", "example", "wijn", []),
        ("removed", "example", "diner", []),
    ]


def test_a_reworded_norm_is_changed_not_removed_and_added(before, code, editor):
    edit(code["gifts"], editor, text="Je meldt elk geschenk, hoe klein ook.")
    changes = compare(before, build_draft_document())
    assert summary(changes) == [("changed", "norm", "geschenken", ["text"])]
    assert changes[0].old.data["text"] == "Je meldt elk geschenk."
    assert changes[0].new.data["text"] == "Je meldt elk geschenk, hoe klein ook."


def test_a_norm_moved_to_another_value(before, code, editor):
    edit(code["gifts"], editor, value=code["expertise"])
    changes = compare(before, build_draft_document())
    # Its examples stay with it (same parent norm): only the norm itself is reported.
    assert summary(changes) == [("changed", "norm", "geschenken", ["parent"])]
    assert (changes[0].old.parent, changes[0].new.parent) == ("eerlijkheid", "deskundigheid")
    assert (changes[0].old.number, changes[0].new.number) == ("1.1", "2.2")


def test_an_example_moved_to_another_norm(before, code, editor):
    edit(code["dinner"], editor, norm=code["learn"])
    assert summary(compare(before, build_draft_document())) == [
        ("changed", "example", "diner", ["parent"]),
    ]


def test_a_moved_and_reworded_norm(before, code, editor):
    edit(code["gifts"], editor, value=code["expertise"], text="Nieuw.")
    assert summary(compare(before, build_draft_document())) == [
        ("changed", "norm", "geschenken", ["text", "parent"]),
    ]


def test_a_changed_kind(before, code, editor):
    edit(code["learn"], editor, kind="obligation")
    assert summary(compare(before, build_draft_document())) == [
        ("changed", "norm", "bijblijven", ["kind"]),
    ]


def test_several_fields_of_a_norm(before, code, editor):
    edit(code["bribes"], editor, title="Nooit steekpenningen", legal_basis=["Wetboek art. 363"])
    assert summary(compare(before, build_draft_document())) == [
        ("changed", "norm", "steekpenningen", ["title", "legal_basis"]),
    ]


def test_only_the_position_changed(before, code, editor):
    item_move(item=code["bribes"], step=-1, user=editor)
    changes = compare(before, build_draft_document())
    assert len(changes) == 1
    assert (changes[0].change, changes[0].type, changes[0].fields) == (
        "changed",
        "norm",
        ["position"],
    )
    assert changes[0].key in ("geschenken", "steekpenningen")


def test_a_value_moved_up(before, code, editor):
    item_move(item=code["expertise"], step=-1, user=editor)
    changes = compare(before, build_draft_document())
    # Norms under a value that moved keep their parent and their place among siblings.
    assert [(c.type, c.fields) for c in changes] == [("value", ["position"])]


def test_a_change_to_the_code_itself(before, editor):
    profile = CodeProfile.current()
    edit(profile, editor, title="Gedragscode Lindewaard")
    changes = compare(before, build_draft_document())
    assert summary(changes) == [("changed", "code", None, ["title"])]
    assert changes[0].as_json() == {
        "change": "changed", "type": "code", "key": None, "fields": ["title"],
    }  # fmt: skip


def test_code_fields_come_first_and_in_their_order(before, code, editor):
    profile = CodeProfile.current()
    edit(profile, editor, preamble="Inleiding.", language="en")
    edit(code["learn"], editor, text="Je leert.")
    assert summary(compare(before, build_draft_document())) == [
        ("changed", "code", None, ["language", "preamble"]),
        ("changed", "norm", "bijblijven", ["text"]),
    ]


def test_a_norm_inserted_at_the_top_moves_no_other_norm():
    old = document(value("a", *(norm(f"n{i}") for i in range(1, 6))), value("b", norm("m1")))
    new = copy.deepcopy(old)
    new["values"][0]["norms"].insert(0, norm("nieuw"))
    assert summary(compare(old, new)) == [("added", "norm", "nieuw", [])]


def test_a_value_inserted_at_the_top_moves_no_other_value():
    old = document(value("a", norm("n1")), value("b", norm("n2")))
    new = copy.deepcopy(old)
    new["values"].insert(0, value("nieuw"))
    assert summary(compare(old, new)) == [("added", "value", "nieuw", [])]


def test_a_norm_removed_from_the_top_moves_no_other_norm():
    old = document(value("a", *(norm(f"n{i}") for i in range(1, 6))))
    new = copy.deepcopy(old)
    del new["values"][0]["norms"][0]
    assert summary(compare(old, new)) == [("removed", "norm", "n1", [])]


def test_one_norm_moved_to_the_end_is_the_only_one_moved():
    old = document(value("a", *(norm(f"n{i}") for i in range(1, 6))))
    new = copy.deepcopy(old)
    norms = new["values"][0]["norms"]
    norms.append(norms.pop(0))
    assert summary(compare(old, new)) == [("changed", "norm", "n1", ["position"])]


def test_changes_follow_the_newer_document_removed_items_last():
    old = document(
        value("a", norm("a1"), norm("a2"), norm("a4")),
        value("b", norm("b1"), norm("b2", examples=[example("e1")])),
    )
    new = document(
        value("a", norm("a3"), norm("a1", text="Anders.")),
        value("b", norm("b2", text="Ook anders.", examples=[example("e1", "Anders.")])),
        value("c", norm("c1", kind="prohibition")),
        title="Nieuwe titel",
    )
    assert summary(compare(old, new)) == [
        ("changed", "code", None, ["title"]),
        ("added", "norm", "a3", []),
        ("changed", "norm", "a1", ["text"]),
        ("changed", "norm", "b2", ["text"]),
        ("changed", "example", "e1", ["situation"]),
        ("added", "value", "c", []),
        ("added", "norm", "c1", []),
        ("removed", "norm", "a2", []),
        ("removed", "norm", "a4", []),
        ("removed", "norm", "b1", []),
    ]


def test_comparing_backwards_swaps_added_and_removed():
    old = document(value("a", norm("a1")))
    new = document(value("a", norm("a1"), norm("a2")))
    assert summary(compare(new, old)) == [("removed", "norm", "a2", [])]


def test_the_comparison_document(before, code, editor):
    edit(code["gifts"], editor, text="Anders.")
    add_norm(editor, code["expertise"], "Delen", key="delen")
    item_set_retired(item=code["wine"], retired=True, user=editor)
    result = comparison_document(before, build_draft_document(), 1, "draft")
    assert set(result) == {"from", "to", "changes"}
    assert (result["from"], result["to"]) == (1, "draft")
    assert result["changes"] == [
        {"change": "changed", "type": "norm", "key": "geschenken", "fields": ["text"]},
        {"change": "added", "type": "norm", "key": "delen", "fields": []},
        {"change": "removed", "type": "example", "key": "wijn", "fields": []},
    ]
    assert json.loads(json.dumps(result)) == result


def test_an_empty_comparison_document(before):
    assert comparison_document(before, before, 2, 3) == {"from": 2, "to": 3, "changes": []}
