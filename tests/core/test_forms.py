"""The item forms: normalised names, unique and well-formed keys, text limits, newlines."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.http import QueryDict

from core.forms import MAX_TEXT_LENGTH, UnixNewlinesMixin
from norms.forms import NormCreateForm, NormForm
from tests.helpers import add_value
from values.forms import ValueCreateForm, ValueForm

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
    from core.services import item_set_retired

    old = add_value(editor, "Oud", key="oud")
    item_set_retired(item=old, retired=True, user=editor)
    form = NormForm(data={"value": "oud", "title": "T", "text": "x", "kind": "obligation"})
    assert not form.is_valid()
    assert "value" in form.errors


APPS = ["core", "values", "norms", "reflection", "codeapp"]


def app_modules() -> list[str]:
    """Every module of the apps (migrations aside), so a form in a new module is not missed."""
    names = []
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, prefix=f"{app}."):
            if ".migrations" not in module.name:
                names.append(module.name)
    return names


def test_the_search_for_forms_reaches_every_forms_module():
    names = app_modules()
    assert {
        "core.forms", "values.forms", "norms.forms", "codeapp.drafting.forms",
        "codeapp.health.forms", "codeapp.reading.forms", "reflection.forms.sessions",
        "reflection.forms.cases", "reflection.forms.deputies", "reflection.forms.proposals",
        "reflection.forms.review",
    } <= set(names)  # fmt: skip


def forms_with_text_boxes() -> list[type[forms.BaseForm]]:
    found = set()
    for module in map(importlib.import_module, app_modules()):
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                if any(isinstance(f.widget, forms.Textarea) for f in cls.base_fields.values()):
                    found.add(cls)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__name__}")


def test_every_form_with_a_text_box_stores_line_breaks_as_newlines():
    """Browsers send a textarea's line breaks as "\r\n"; documents and seals must not see it."""
    found = forms_with_text_boxes()
    assert {cls.__name__ for cls in found} >= {
        "ValueForm", "NormForm", "ExampleForm", "CodeProfileForm", "PublishForm", "SessionForm",
        "CaseForm", "ProposalForm", "SuggestForm", "DecisionForm",
    }  # fmt: skip
    assert [cls.__name__ for cls in found if not issubclass(cls, UnixNewlinesMixin)] == []


def test_line_breaks_become_newlines_before_the_fields_see_them(editor):
    typed = "Wij zijn eerlijk.\r\n\r\nOok als het moeilijk is.\rEcht."
    submitted = QueryDict(mutable=True)
    submitted.update({"name": "Eerlijkheid", "description": typed})
    form = ValueForm(data=submitted)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["description"] == (
        "Wij zijn eerlijk.\n\nOok als het moeilijk is.\nEcht."
    )
    # The limit counts the text as stored: a line break is one character, as the browser shows.
    at_limit = "a\r\n" * (MAX_TEXT_LENGTH // 2)
    assert ValueForm(data={"name": "Moed", "description": at_limit}).is_valid()
