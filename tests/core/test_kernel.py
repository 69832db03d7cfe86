"""The item kernel in core: pages made from declarations, forms made per model, the settings
save, and a core that names nothing above it."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import resolve, reverse

from codeapp.models import HealthSettings, SynonymList
from core import pages
from core.forms import NewKeyMixin, creation_form
from core.revision import StaleEdit, update_singleton
from norms.forms import ExampleCreateForm, ExampleForm, NormCreateForm, NormForm
from values.forms import ValueCreateForm, ValueForm

ROOT = Path(__file__).resolve().parent.parent.parent

# Every item page's name and address: permanent, like every address of the code.
ITEM_PAGES = {
    "values:create": "/draft/values/new/",
    "norms:create": "/draft/norms/new/",
    "norms:example-create": "/draft/examples/new/",
    **{
        f"{prefix}{action}": f"/draft/{folder}/k/{action}/"
        for prefix, folder in [("values:", "values"), ("norms:", "norms"),
                               ("norms:example-", "examples")]
        for action in ["edit", "retire", "restore", "move", "history"]
    },
}  # fmt: skip


@pytest.mark.parametrize(("name", "address"), ITEM_PAGES.items())
def test_every_item_page_keeps_its_name_and_address(name, address):
    args = [] if name.endswith("create") else ["k"]
    assert reverse(name, args=args) == address
    assert resolve(address).view_name == name


def test_the_creation_forms_are_the_edit_forms_with_a_key_made_in_one_place():
    for form, made in [(ValueForm, ValueCreateForm), (NormForm, NormCreateForm),
                       (ExampleForm, ExampleCreateForm)]:  # fmt: skip
        assert creation_form(form) is made
        assert issubclass(made, NewKeyMixin) and issubclass(made, form)
        assert made._meta.model is form._meta.model and made._meta.fields == form._meta.fields
        assert "key" in made.base_fields and "key" not in form.base_fields


def test_a_page_nobody_named_is_said_loudly(monkeypatch):
    monkeypatch.setattr(pages, "_pages", {})
    monkeypatch.setattr(pages, "_preview_url_name", None)
    with pytest.raises(ImproperlyConfigured):
        pages.landing_url()
    with pytest.raises(ImproperlyConfigured):
        pages.preview_url()


def test_core_names_no_url_model_or_template_of_an_app_above_it():
    above = re.compile(r"""["'](codeapp|values|norms|reflection)[:/.]""")
    sources = [*(ROOT / "core").rglob("*.py"), *(ROOT / "templates" / "core").rglob("*.html")]
    leaks = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sources
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if above.search(line)
    ]
    assert leaks == []


# --- the save of a settings page (one row) -----------------------------------------------------


@pytest.mark.django_db
def test_a_settings_save_records_who_and_why_and_counts_the_revision(officer):
    saved = update_singleton(
        HealthSettings, pk=HealthSettings.SINGLETON, expected_revision=0,
        changes={"max_norms_total": 30}, user=officer, reason="Jaarplan",
    )  # fmt: skip
    assert (saved.max_norms_total, saved.revision) == (30, 1)
    record = HealthSettings.history.get()
    assert (record.history_user, record.history_change_reason) == (officer, "Jaarplan")


@pytest.mark.django_db
def test_a_late_settings_save_is_refused_and_writes_nothing(officer, editor):
    update_singleton(
        SynonymList, pk=SynonymList.SINGLETON, expected_revision=0,
        changes={"text": "a = b\n"}, user=officer,
    )  # fmt: skip
    with pytest.raises(StaleEdit) as refused:
        update_singleton(
            SynonymList, pk=SynonymList.SINGLETON, expected_revision=0,
            changes={"text": "c = d\n"}, user=editor,
        )  # fmt: skip
    assert refused.value.current.text == "a = b\n"
    assert SynonymList.objects.get().text == "a = b\n"
    assert SynonymList.history.count() == 1


@pytest.mark.django_db
def test_an_unchanged_settings_save_leaves_no_record(officer):
    saved = update_singleton(
        HealthSettings, pk=HealthSettings.SINGLETON, expected_revision=0,
        changes={"max_norms_total": HealthSettings().max_norms_total}, user=officer,
    )  # fmt: skip
    assert saved.revision == 0
    assert not HealthSettings.history.exists()
