import pytest

from norms.forms import NormCreateForm, NormForm
from tests.conftest import add_value
from values.forms import MAX_TEXT_LENGTH, ValueCreateForm, ValueForm

pytestmark = pytest.mark.django_db


def test_value_form_normalises_the_name(editor):
    form = ValueForm(data={"name": "  Eerlijk   en  open ", "description": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Eerlijk en open"


def test_value_form_refuses_a_name_in_use(editor):
    add_value(editor, "Eerlijkheid")
    form = ValueForm(data={"name": "eerlijkheid", "description": ""})
    assert not form.is_valid()
    assert "name" in form.errors


def test_value_form_refuses_oversized_text(editor):
    form = ValueForm(data={"name": "X", "description": "a" * (MAX_TEXT_LENGTH + 1)})
    assert not form.is_valid()
    assert "description" in form.errors


def test_create_form_checks_the_key(editor):
    form = ValueCreateForm(data={"name": "X", "description": "", "key": "Geen Spaties!"})
    assert not form.is_valid()
    assert "key" in form.errors
    form = ValueCreateForm(data={"name": "X", "description": "", "key": "Eerlijk"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["key"] == "eerlijk"


def test_norm_form_cleans_lists(editor):
    honesty = add_value(editor, "Eerlijkheid", key="eerlijkheid")
    add_value(editor, "Transparantie", key="transparantie")
    form = NormCreateForm(
        data={
            "value": "eerlijkheid",
            "title": " Geschenken  melden ",
            "text": "Je meldt elk geschenk.",
            "kind": "obligation",
            "explanation": "",
            "related_values": ["eerlijkheid", "transparantie"],
            "legal_basis": "art. 4 AW 2017\n\n  art. 363 Sr \nart. 4 AW 2017",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["value"] == honesty
    assert form.cleaned_data["title"] == "Geschenken melden"
    assert form.cleaned_data["related_values"] == ["transparantie"]
    assert form.cleaned_data["legal_basis"] == ["art. 4 AW 2017", "art. 363 Sr"]


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_norm_form_needs_a_text(editor, text):
    add_value(editor, "Eerlijkheid", key="eerlijkheid")
    form = NormForm(data={"value": "eerlijkheid", "title": "T", "text": text, "kind": "obligation"})
    assert not form.is_valid()
    assert "text" in form.errors


def test_norm_form_refuses_an_unknown_kind(editor):
    add_value(editor, "Eerlijkheid", key="eerlijkheid")
    form = NormForm(data={"value": "eerlijkheid", "title": "T", "text": "x", "kind": "wish"})
    assert not form.is_valid()
    assert "kind" in form.errors


def test_norm_form_offers_only_active_values(editor):
    from values.services import item_set_retired

    old = add_value(editor, "Oud", key="oud")
    item_set_retired(item=old, retired=True, user=editor)
    form = NormForm(data={"value": "oud", "title": "T", "text": "x", "kind": "obligation"})
    assert not form.is_valid()
    assert "value" in form.errors
