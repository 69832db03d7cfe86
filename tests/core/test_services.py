"""The generic item services: keys derived and never reused, positions, revisions and history."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from core.models import ItemKey
from core.revision import StaleEdit
from core.services import item_move, item_set_retired, item_update
from norms.models import Norm
from tests.helpers import add_example, add_norm, add_value
from values.models import Value

pytestmark = pytest.mark.django_db


def test_it_derives_a_key_from_the_name(editor):
    value = add_value(editor, "Onafhankelijkheid & Integriteit")
    assert value.key == "onafhankelijkheid-integriteit"
    assert ItemKey.objects.get(key=value.key).kind == "value"


def test_it_derives_keys_from_odd_characters(editor):
    assert add_value(editor, "Café-ideeën €50").key == "cafe-ideeen-50"
    assert add_value(editor, "—").key == "value"
    assert add_value(editor, "漢字").key == "value-2"


def test_it_turns_underscores_into_dashes_as_keys_need(editor):
    # slugify keeps "_", which a key may not have: the name was refused over a key not typed.
    assert add_value(editor, "Moed_en__durf").key == "moed-en-durf"
    assert add_value(editor, "<script>__xss(1)</script>").key == "script-xss1script"
    assert add_value(editor, "___").key == "value"


def test_it_never_reuses_a_key_across_kinds(editor):
    value = add_value(editor, "Eerlijkheid")
    norm = add_norm(editor, value, "Eerlijkheid")
    example = add_example(editor, norm, "Eerlijkheid")
    assert [value.key, norm.key, example.key] == ["eerlijkheid", "eerlijkheid-2", "eerlijkheid-3"]


def test_it_refuses_a_key_that_was_used_before(editor):
    add_value(editor, "Eerlijkheid", key="eerlijk")
    with pytest.raises(ValidationError):
        add_value(editor, "Iets anders", key="eerlijk")
    assert Value.objects.count() == 1


def test_it_refuses_a_malformed_key(editor):
    with pytest.raises(ValidationError):
        add_value(editor, "Eerlijkheid", key="Eerlijk Heid")
    assert not Value.objects.exists() and not ItemKey.objects.exists()


def test_it_truncates_long_names_into_a_valid_key(editor):
    value = add_value(editor, "a" * 200)
    assert len(value.key) == 64
    again = add_value(editor, "A" * 199 + "!")
    assert len(again.key) <= 64 and again.key.endswith("-2")


def test_it_places_new_items_at_the_end(editor, code):
    assert [n.key for n in Norm.objects.filter(value=code["honesty"])] == [
        "geschenken",
        "steekpenningen",
    ]


def test_it_records_who_and_why_on_update(editor, code):
    gifts = code["gifts"]
    item_update(
        item=gifts,
        expected_revision=gifts.revision,
        changes={"text": "Je meldt elk geschenk binnen een week."},
        user=editor,
        reason="Uitkomst dilemmasessie",
    )
    latest = gifts.history.first()
    assert latest.history_user == editor
    assert latest.history_change_reason == "Uitkomst dilemmasessie"
    assert latest.text == "Je meldt elk geschenk binnen een week."
    assert Norm.objects.get(pk=gifts.pk).revision == 2


def test_it_refuses_a_stale_edit(editor, editor2, code):
    gifts = code["gifts"]
    item_update(item=gifts, expected_revision=1, changes={"title": "A"}, user=editor2)
    with pytest.raises(StaleEdit) as caught:
        item_update(item=gifts, expected_revision=1, changes={"title": "B"}, user=editor)
    assert caught.value.current.title == "A"
    assert Norm.objects.get(pk=gifts.pk).title == "A"


def test_it_saves_nothing_when_nothing_changed(editor, code):
    gifts = code["gifts"]
    before = gifts.history.count()
    item_update(item=gifts, expected_revision=1, changes={"title": gifts.title}, user=editor)
    assert gifts.history.count() == before
    assert Norm.objects.get(pk=gifts.pk).revision == 1


def test_it_puts_a_norm_moved_to_another_value_at_the_end(editor, code):
    bribes = code["bribes"]
    moved = item_update(
        item=bribes, expected_revision=1, changes={"value": code["expertise"]}, user=editor
    )
    assert moved.value == code["expertise"]
    assert list(Norm.objects.filter(value=code["expertise"])) == [code["learn"], moved]


def test_it_refuses_to_retire_a_value_with_active_norms(editor, code):
    with pytest.raises(ValidationError, match="Geschenken melden"):
        item_set_retired(item=code["honesty"], retired=True, user=editor)
    assert not Value.objects.get(pk=code["honesty"].pk).retired


def test_it_retires_and_restores(editor, code):
    item_set_retired(item=code["learn"], retired=True, user=editor, reason="Overbodig")
    assert Norm.objects.get(pk=code["learn"].pk).retired
    assert code["learn"].history.first().history_change_reason == "Overbodig"
    with pytest.raises(ValidationError):
        item_set_retired(item=code["learn"], retired=True, user=editor)
    item_set_retired(item=code["learn"], retired=False, user=editor)
    assert not Norm.objects.get(pk=code["learn"].pk).retired


def test_it_refuses_to_restore_under_a_retired_value(editor, code):
    item_set_retired(item=code["learn"], retired=True, user=editor)
    item_set_retired(item=code["expertise"], retired=True, user=editor)
    with pytest.raises(ValidationError, match="Deskundigheid"):
        item_set_retired(item=code["learn"], retired=False, user=editor)


def test_it_moves_items_and_records_it(editor, code):
    item_move(item=code["bribes"], step=-1, user=editor)
    assert [n.key for n in Norm.objects.filter(value=code["honesty"])] == [
        "steekpenningen",
        "geschenken",
    ]
    latest, before = code["bribes"].history.all()[:2]
    assert latest.position < before.position and latest.history_user == editor
    with pytest.raises(ValidationError):
        item_move(item=code["bribes"], step=-1, user=editor)


def test_it_moves_items_with_equal_positions(editor, code):
    Norm.objects.filter(value=code["honesty"]).update(position=5)
    item_move(item=code["bribes"], step=-1, user=editor)
    assert [n.key for n in Norm.objects.filter(value=code["honesty"])] == [
        "steekpenningen",
        "geschenken",
    ]


def test_the_database_refuses_an_invalid_kind(editor, code):
    with pytest.raises(IntegrityError):
        Norm.objects.filter(pk=code["gifts"].pk).update(kind="suggestion")
