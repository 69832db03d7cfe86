"""Creating and editing core values on their pages: who may, what is stored, what is refused."""

import pytest

from core.forms import MAX_TEXT_LENGTH
from core.models import ItemKey
from core.services import item_set_retired, item_update
from tests.helpers import add_value, form_data, text_of
from tests.helpers.value_pages import CREATE, edit_url, state
from values.models import Value

pytestmark = pytest.mark.django_db


# --- create --------------------------------------------------------------------------------


def test_it_shows_the_create_form_to_an_editor(client_for, code):
    response = client_for("editor").get(CREATE)

    assert response.status_code == 200
    assert 'name="name"' in text_of(response)
    assert 'name="key"' in text_of(response)


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 302), ("employee", 403), ("officer", 403)]
)
def test_it_refuses_a_create_by_someone_who_may_not_edit(persona, status, client_for, code):
    before = state()

    response = client_for(persona).post(CREATE, {"name": "Moed", "description": "Durf."})

    assert response.status_code == status
    assert state() == before
    assert not ItemKey.objects.filter(key="moed").exists()


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_it_refuses_other_methods_on_create(method, client_for, code):
    response = getattr(client_for("editor"), method)(CREATE)

    assert response.status_code == 405
    assert Value.objects.count() == 2


def test_it_creates_a_value_with_a_key_derived_from_the_name(client_for, editor, code):
    response = client_for("editor").post(
        CREATE,
        {"name": "  Moed &   durf ", "description": "Wij *durven*.", "reason": "Sessie maart"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/draft/?value=moed-durf&at=moed-durf#value-moed-durf"
    value = Value.objects.get(key="moed-durf")
    assert value.name == "Moed & durf"
    assert value.description == "Wij *durven*."
    assert value.position == 2  # after the two values of the fixture
    assert value.revision == 1
    assert not value.retired
    assert ItemKey.objects.get(key="moed-durf").kind == "value"
    record = value.history.get()
    assert record.history_type == "+"
    assert record.history_user == editor
    assert record.history_change_reason == "Sessie maart"


def test_it_creates_a_value_with_the_key_the_editor_chose(client_for, editor, code):
    response = client_for("editor").post(CREATE, {"name": "Moed", "key": "courage"})

    assert response.status_code == 302
    assert response["Location"] == "/draft/?value=courage&at=courage#value-courage"
    value = Value.objects.get(key="courage")
    assert value.name == "Moed"
    assert value.position == 2
    assert not Value.objects.filter(key="moed").exists()
    assert value.history.get().history_user == editor


def test_it_records_no_reason_when_none_is_given(client_for, editor, code):
    client_for("editor").post(CREATE, {"name": "Moed", "reason": "   "})

    record = Value.objects.get(key="moed").history.get()
    assert record.history_change_reason is None
    assert record.history_user == editor


def test_it_puts_the_first_value_of_an_empty_code_at_position_zero(client_for):
    client_for("editor").post(CREATE, {"name": "Moed"})

    assert Value.objects.get(key="moed").position == 0


@pytest.mark.parametrize("name", ["Eerlijkheid", "eerlijkheid", "  EERLIJKHEID  "])
def test_it_refuses_the_name_of_another_active_value(name, en_client_for, code):
    before = state()

    response = en_client_for("editor").post(CREATE, {"name": name})

    assert response.status_code == 200
    assert "There is already a core value with this name." in text_of(response)
    assert response.context["form"].errors["name"]
    assert state() == before
    assert ItemKey.objects.count() == 7


def test_it_allows_the_name_of_a_retired_value(client_for, editor):
    old = add_value(editor, "Moed")
    item_set_retired(item=old, retired=True, user=editor)

    response = client_for("editor").post(CREATE, {"name": "Moed"})

    assert response.status_code == 302
    assert Value.objects.filter(name="Moed", retired=False).count() == 1
    assert Value.objects.get(key="moed-2").position == 1


@pytest.mark.parametrize(
    "key", ["eerlijk heid", "-moed", "moed_", "mo/ed", "möed", "a" * 65, "moed!"]
)
def test_it_refuses_a_malformed_key(key, client_for, code):
    before = state()

    response = client_for("editor").post(CREATE, {"name": "Moed", "key": key})

    assert response.status_code == 200
    assert response.context["form"].errors["key"]
    assert state() == before
    assert ItemKey.objects.count() == 7


@pytest.mark.parametrize("key", ["eerlijkheid", "geschenken", "wijn"])
def test_it_refuses_a_key_already_given_to_any_item(key, en_client_for, code):
    before = state()

    response = en_client_for("editor").post(CREATE, {"name": "Moed", "key": key})

    assert response.status_code == 200
    assert f"The key “{key}” is already in use or was used before." in text_of(response)
    assert state() == before
    assert ItemKey.objects.count() == 7


def test_it_lower_cases_a_key_typed_in_capitals(client_for, code):
    response = client_for("editor").post(CREATE, {"name": "Moed", "key": " Courage "})

    assert response.status_code == 302
    assert Value.objects.filter(key="courage").exists()


def test_it_refuses_an_empty_name(client_for, code):
    before = state()

    response = client_for("editor").post(CREATE, {"name": "   ", "description": "Iets."})

    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert state() == before


def test_it_refuses_an_oversized_description(client_for, code):
    before = state()

    response = client_for("editor").post(
        CREATE, {"name": "Moed", "description": "x" * (MAX_TEXT_LENGTH + 1)}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["description"]
    assert state() == before
    assert not ItemKey.objects.filter(key="moed").exists()


def test_it_accepts_a_description_of_exactly_the_maximum_length(client_for, code):
    response = client_for("editor").post(
        CREATE, {"name": "Moed", "description": "x" * MAX_TEXT_LENGTH}
    )

    assert response.status_code == 302
    assert len(Value.objects.get(key="moed").description) == MAX_TEXT_LENGTH


# --- edit ----------------------------------------------------------------------------------


def test_it_shows_the_edit_form_with_the_current_revision(client_for, code):
    response = client_for("editor").get(edit_url())

    assert response.status_code == 200
    form = response.context["form"]
    assert form["name"].value() == "Eerlijkheid"
    assert form["revision"].value() == 1
    assert 'name="revision"' in text_of(response)


def test_it_answers_404_for_an_unknown_value(client_for, code):
    assert client_for("editor").get(edit_url("bestaat-niet")).status_code == 404
    assert client_for("editor").post(edit_url("bestaat-niet"), {"name": "X"}).status_code == 404


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 302), ("employee", 403), ("officer", 403)]
)
def test_it_refuses_an_edit_by_someone_who_may_not_edit(persona, status, client_for, code):
    before = state()

    response = client_for(persona).post(
        edit_url(), {"name": "Oneerlijkheid", "description": "", "revision": 1}
    )

    assert response.status_code == status
    assert state() == before


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_it_refuses_other_methods_on_edit(method, client_for, code):
    before = state()

    response = getattr(client_for("editor"), method)(edit_url())

    assert response.status_code == 405
    assert state() == before


def test_it_saves_an_edit_with_the_reason_and_the_editor(client_for, editor, code):
    response = client_for("editor").post(
        edit_url(),
        {
            "name": "Eerlijkheid",
            "description": "Wij zijn eerlijk en open.",
            "revision": 1,
            "reason": "Uitkomst dilemmasessie 3 maart",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == "/draft/?value=eerlijkheid&at=eerlijkheid#value-eerlijkheid"
    value = Value.objects.get(key="eerlijkheid")
    assert value.description == "Wij zijn eerlijk en open."
    assert value.revision == 2
    latest = value.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == editor
    assert latest.history_change_reason == "Uitkomst dilemmasessie 3 maart"
    assert value.history.count() == 2


def test_it_saves_nothing_when_nothing_changed(en_client_for, code):
    client = en_client_for("editor")

    response = client.post(
        edit_url(),
        {"name": "Eerlijkheid", "description": "Wij zijn **eerlijk**.", "revision": 1},
        follow=True,
    )

    assert "Nothing was changed." in text_of(response)
    value = Value.objects.get(key="eerlijkheid")
    assert value.revision == 1
    assert value.history.count() == 1


def test_it_refuses_renaming_to_the_name_of_another_active_value(client_for, code):
    before = state()

    response = client_for("editor").post(
        edit_url(), {"name": "deskundigheid", "description": "", "revision": 1}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert state() == before


def test_it_refuses_an_oversized_description_on_edit(client_for, code):
    before = state()

    response = client_for("editor").post(
        edit_url(),
        {"name": "Eerlijkheid", "description": "x" * (MAX_TEXT_LENGTH + 1), "revision": 1},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["description"]
    assert state() == before


def test_it_refuses_a_stale_edit_and_shows_both_texts(en_client_for, editor, editor2, code):
    client = en_client_for("editor")
    opened = client.get(edit_url())
    data = form_data(opened.context["form"])
    assert data["revision"] == 1
    # A colleague saves while the form is open.
    item_update(
        item=code["honesty"],
        expected_revision=1,
        changes={"description": "Tekst van de collega."},
        user=editor2,
        reason="Sneller",
    )

    data["description"] = "Mijn eigen tekst."
    response = client.post(edit_url(), data)

    assert response.status_code == 409
    page = text_of(response)
    assert "Mijn eigen tekst." in page
    assert "Tekst van de collega." in page
    assert "editor2" in page  # who saved in between
    value = Value.objects.get(key="eerlijkheid")
    assert value.description == "Tekst van de collega."
    assert value.revision == 2
    assert value.history.count() == 2
    assert value.history.first().history_user == editor2

    # The conflict form carries the new revision: posting it again saves the editor's text.
    again = form_data(response.context["form"])
    assert int(again["revision"]) == 2
    assert again["description"] == "Mijn eigen tekst."
    saved = client.post(edit_url(), again)

    assert saved.status_code == 302
    value.refresh_from_db()
    assert value.description == "Mijn eigen tekst."
    assert value.revision == 3
    assert value.history.first().history_user == editor
