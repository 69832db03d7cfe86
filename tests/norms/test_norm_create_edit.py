"""Creating and editing norms through their pages: who may, what is stored, what is refused."""

import json

import pytest

from codeapp.versions.documents import build_draft_document
from core.forms import MAX_TEXT_LENGTH
from core.models import ItemKey
from core.services import item_set_retired, item_update
from norms.models import Norm
from tests.helpers import form_data, text_of
from tests.helpers.norm_pages import CREATE, edit_data, keys_under, new_norm, state, url

pytestmark = pytest.mark.django_db


# --- create --------------------------------------------------------------------------------


def test_it_preselects_the_value_named_in_the_query(en_client_for, code):
    response = en_client_for("editor").get(CREATE + "?value=deskundigheid")

    assert response.status_code == 200
    assert response.context["form"]["value"].value() == "deskundigheid"
    page = text_of(response)
    assert '<option value="deskundigheid" selected>' in page
    assert "New norm under “Deskundigheid”" in page


def test_it_preselects_nothing_for_an_unknown_or_retired_value(client_for, editor, code):
    item_set_retired(item=code["learn"], retired=True, user=editor)
    item_set_retired(item=code["expertise"], retired=True, user=editor)

    for key in ["bestaat-niet", "deskundigheid"]:
        response = client_for("editor").get(CREATE + f"?value={key}")
        assert response.status_code == 200
        assert response.context["form"]["value"].value() is None


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 302), ("employee", 403), ("officer", 403)]
)
def test_it_refuses_a_create_by_someone_who_may_not_edit(persona, status, client_for, code):
    before = state()

    response = client_for(persona).post(CREATE, new_norm())

    assert response.status_code == status
    assert state() == before
    assert not ItemKey.objects.filter(key="nevenwerk-melden").exists()


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_it_refuses_other_methods_on_create(method, client_for, code):
    before = state()

    response = getattr(client_for("editor"), method)(CREATE)

    assert response.status_code == 405
    assert state() == before


def test_it_creates_a_norm_last_under_its_value(client_for, editor, code):
    response = client_for("editor").post(
        CREATE + "?value=eerlijkheid",
        new_norm(
            title="  Nevenwerk   melden ",
            explanation="Zodat belangen niet botsen.",
            related_values=["eerlijkheid", "deskundigheid"],
            legal_basis="art. 5 Ambtenarenwet\n\n   art. 61 ARAR  \nart. 5 Ambtenarenwet\n",
            reason="Nieuw beleid",
        ),
    )

    assert response.status_code == 302
    assert (
        response["Location"]
        == "/draft/?value=eerlijkheid&at=nevenwerk-melden#norm-nevenwerk-melden"
    )
    norm = Norm.objects.get(key="nevenwerk-melden")
    assert norm.value == code["honesty"]
    assert norm.title == "Nevenwerk melden"
    assert norm.text == "Je meldt nevenwerkzaamheden vooraf."
    assert norm.kind == "obligation"
    assert norm.explanation == "Zodat belangen niet botsen."
    # Its own value is not "related"; the legal basis is one entry per line.
    assert norm.related_values == ["deskundigheid"]
    assert norm.legal_basis == ["art. 5 Ambtenarenwet", "art. 61 ARAR"]
    assert norm.position == 2
    assert norm.revision == 1
    assert keys_under("eerlijkheid") == ["geschenken", "steekpenningen", "nevenwerk-melden"]
    assert ItemKey.objects.get(key="nevenwerk-melden").kind == "norm"
    record = norm.history.get()
    assert record.history_type == "+"
    assert record.history_user == editor
    assert record.history_change_reason == "Nieuw beleid"


def test_it_creates_a_norm_with_the_key_the_editor_chose(client_for, code):
    response = client_for("editor").post(CREATE, new_norm(value="deskundigheid", key="nevenwerk"))

    assert response.status_code == 302
    norm = Norm.objects.get(key="nevenwerk")
    assert norm.value == code["expertise"]
    assert norm.position == 1


def test_it_strips_the_text(client_for, code):
    client_for("editor").post(CREATE, new_norm(text="\n  Je meldt het.  \n"))

    assert Norm.objects.get(key="nevenwerk-melden").text == "Je meldt het."


def test_it_stores_line_breaks_as_an_import_would(client_for, code):
    """Browsers send "\r\n"; the document, and so the seal, must not depend on that."""
    client_for("editor").post(
        CREATE,
        new_norm(
            text="Je meldt het.\r\n\r\n- direct\r\n- schriftelijk",
            explanation="Regel één.\r\nRegel twee.",
            legal_basis="art. 1\r\nart. 2",
        ),
    )

    norm = Norm.objects.get(key="nevenwerk-melden")
    assert norm.text == "Je meldt het.\n\n- direct\n- schriftelijk"
    assert norm.explanation == "Regel één.\nRegel twee."
    assert norm.legal_basis == ["art. 1", "art. 2"]
    assert "\\r" not in json.dumps(build_draft_document())


def test_it_saves_an_untitled_norm_as_real_codes_have_them(client_for, code):
    response = client_for("editor").post(CREATE, new_norm(title="   ", key="zonder-titel"))

    assert response.status_code == 302
    norm = Norm.objects.get(key="zonder-titel")
    assert norm.title == ""
    assert str(norm).startswith(norm.text.split()[0])


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("kind", {"kind": None}),
        ("kind", {"kind": "maybe"}),
        ("text", {"text": ""}),
        ("text", {"text": "   \n\t  "}),
        ("text", {"text": "x" * (MAX_TEXT_LENGTH + 1)}),
        ("value", {"value": None}),
        ("value", {"value": "bestaat-niet"}),
        ("key", {"key": "Geen Sleutel"}),
        ("key", {"key": "wijn"}),
        ("related_values", {"related_values": ["bestaat-niet"]}),
    ],
)
def test_it_refuses_invalid_input_and_writes_nothing(field, overrides, client_for, code):
    before = state()
    keys = ItemKey.objects.count()

    response = client_for("editor").post(CREATE, new_norm(**overrides))

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert state() == before
    assert ItemKey.objects.count() == keys


def test_it_says_a_norm_needs_a_text(en_client_for, code):
    response = en_client_for("editor").post(CREATE, new_norm(text="   "))

    assert response.context["form"].errors["text"] == ["This field is required."]


def test_it_refuses_a_norm_under_a_retired_value(client_for, editor, code):
    item_set_retired(item=code["learn"], retired=True, user=editor)
    item_set_retired(item=code["expertise"], retired=True, user=editor)
    before = state()

    response = client_for("editor").post(CREATE, new_norm(value="deskundigheid"))

    assert response.status_code == 200
    assert response.context["form"].errors["value"]
    assert state() == before


# --- edit ----------------------------------------------------------------------------------


def test_it_shows_the_edit_form_filled_in(client_for, editor, code):
    item_update(
        item=code["gifts"],
        expected_revision=1,
        changes={"legal_basis": ["art. 1", "art. 2"], "related_values": ["deskundigheid"]},
        user=editor,
    )

    response = client_for("editor").get(url("edit"))

    assert response.status_code == 200
    form = response.context["form"]
    assert form["value"].value() == "eerlijkheid"
    assert form["legal_basis"].value() == "art. 1\nart. 2"
    assert form["related_values"].value() == ["deskundigheid"]
    assert form["revision"].value() == 2


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 302), ("employee", 403), ("officer", 403)]
)
def test_it_refuses_an_edit_by_someone_who_may_not_edit(persona, status, client_for, code):
    before = state()

    response = client_for(persona).post(url("edit"), edit_data(code["gifts"], title="Anders"))

    assert response.status_code == status
    assert state() == before


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_it_refuses_other_methods_on_edit(method, client_for, code):
    before = state()

    response = getattr(client_for("editor"), method)(url("edit"))

    assert response.status_code == 405
    assert state() == before


def test_it_answers_404_for_an_unknown_norm(client_for, code):
    assert client_for("editor").get(url("edit", "bestaat-niet")).status_code == 404


def test_it_saves_an_edit_with_the_reason(client_for, editor, code):
    response = client_for("editor").post(
        url("edit"),
        edit_data(
            code["gifts"],
            text="Je meldt elk geschenk binnen een week.",
            kind="prohibition",
            legal_basis="art. 8 Gedragscode",
            reason="Uitkomst dilemmasessie",
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == "/draft/?value=eerlijkheid&at=geschenken#norm-geschenken"
    norm = Norm.objects.get(key="geschenken")
    assert norm.text == "Je meldt elk geschenk binnen een week."
    assert norm.kind == "prohibition"
    assert norm.legal_basis == ["art. 8 Gedragscode"]
    assert norm.revision == 2
    assert norm.position == 0
    latest = norm.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == editor
    assert latest.history_change_reason == "Uitkomst dilemmasessie"


def test_it_refuses_emptying_the_text_on_edit(client_for, code):
    before = state()

    response = client_for("editor").post(url("edit"), edit_data(code["gifts"], text="  "))

    assert response.status_code == 200
    assert response.context["form"].errors["text"]
    assert state() == before


def test_it_moves_a_norm_to_another_value_as_its_last_norm(client_for, editor, code):
    response = client_for("editor").post(
        url("edit"),
        edit_data(code["gifts"], value="deskundigheid", related_values=["deskundigheid"]),
    )

    assert response.status_code == 302
    norm = Norm.objects.get(key="geschenken")
    assert norm.value == code["expertise"]
    assert norm.position == 1
    assert norm.related_values == []
    assert keys_under("deskundigheid") == ["bijblijven", "geschenken"]
    assert keys_under("eerlijkheid") == ["steekpenningen"]
    assert norm.history.first().history_user == editor


def test_it_refuses_a_stale_edit_of_a_norm(en_client_for, editor2, code):
    client = en_client_for("editor")
    data = form_data(client.get(url("edit")).context["form"])
    item_update(
        item=code["gifts"],
        expected_revision=1,
        changes={"text": "Tekst van de collega."},
        user=editor2,
    )

    data["text"] = "Mijn eigen tekst."
    response = client.post(url("edit"), data)

    assert response.status_code == 409
    page = text_of(response)
    assert "Mijn eigen tekst." in page
    assert "Tekst van de collega." in page
    norm = Norm.objects.get(key="geschenken")
    assert norm.text == "Tekst van de collega."
    assert norm.revision == 2

    saved = client.post(url("edit"), form_data(response.context["form"]))

    assert saved.status_code == 302
    norm.refresh_from_db()
    assert norm.text == "Mijn eigen tekst."
    assert norm.revision == 3


def test_it_names_the_core_value_on_the_conflict_page(en_client_for, editor2, code):
    client = en_client_for("editor")
    data = form_data(client.get(url("edit")).context["form"])
    item_update(item=code["gifts"], expected_revision=1, changes={"text": "Anders."}, user=editor2)

    data["value"] = "deskundigheid"
    response = client.post(url("edit"), data)

    assert response.status_code == 409
    rows = {row.label: row for row in response.context["rows"]}
    assert rows["Core value"].mine == "Deskundigheid"
    assert rows["Core value"].stored == "Eerlijkheid"
    assert rows["Text"].stored == "Anders."
    page = text_of(response)
    assert f"#{code['honesty'].pk}<" not in page
    assert f"#{code['expertise'].pk}<" not in page
