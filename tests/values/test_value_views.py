"""Creating, editing, retiring, restoring and moving core values through their pages."""

import pytest
from django.urls import reverse

from core.forms import MAX_TEXT_LENGTH
from core.models import ItemKey
from core.services import item_set_retired, item_update
from tests.helpers import add_value, form_data, text_of
from values.models import Value

pytestmark = pytest.mark.django_db

CREATE = reverse("values:create")


def edit_url(key: str = "eerlijkheid") -> str:
    return reverse("values:edit", kwargs={"key": key})


def retire_url(key: str = "eerlijkheid") -> str:
    return reverse("values:retire", kwargs={"key": key})


def restore_url(key: str = "eerlijkheid") -> str:
    return reverse("values:restore", kwargs={"key": key})


def move_url(key: str = "eerlijkheid") -> str:
    return reverse("values:move", kwargs={"key": key})


def state() -> list[tuple]:
    """Everything about the values and their history a refused request must leave alone."""
    return [
        (v.key, v.name, v.description, v.position, v.retired, v.revision, v.history.count())
        for v in Value.objects.order_by("id")
    ]


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


# --- retire and restore ----------------------------------------------------------------------


def test_it_shows_the_retire_page_with_the_norms_in_the_way(en_client_for, code):
    response = en_client_for("editor").get(retire_url())

    assert response.status_code == 200
    page = text_of(response)
    assert "This item cannot be retired yet." in page
    assert "Geschenken melden" in page


def test_it_refuses_to_retire_a_value_with_active_norms(en_client_for, code):
    before = state()

    response = en_client_for("editor").post(retire_url(), {"reason": "Opgeheven"})

    assert response.status_code == 409
    page = text_of(response)
    assert "2 active norm(s)" in page
    assert "“Geschenken melden”" in page
    assert "“Geen steekpenningen”" in page
    assert state() == before


def test_it_retires_a_value_without_active_norms(client_for, editor, code):
    item_set_retired(item=code["learn"], retired=True, user=editor)

    response = client_for("editor").post(retire_url("deskundigheid"), {"reason": "Samengevoegd"})

    assert response.status_code == 302
    assert response["Location"] == "/draft/?retired=on&at=deskundigheid#value-deskundigheid"
    value = Value.objects.get(key="deskundigheid")
    assert value.retired
    assert value.revision == 2
    latest = value.history.first()
    assert latest.history_user == editor
    assert latest.history_change_reason == "Samengevoegd"
    assert latest.retired


def test_it_refuses_to_retire_a_value_twice(client_for, editor):
    value = add_value(editor, "Moed")
    item_set_retired(item=value, retired=True, user=editor)
    before = state()

    response = client_for("editor").post(retire_url("moed"), {"reason": ""})

    assert response.status_code == 409
    assert state() == before


def test_it_restores_a_retired_value_with_the_reason(client_for, editor):
    value = add_value(editor, "Moed")
    item_set_retired(item=value, retired=True, user=editor)

    response = client_for("editor").post(restore_url("moed"), {"reason": "Toch nodig"})

    assert response.status_code == 302
    value.refresh_from_db()
    assert not value.retired
    assert value.revision == 3
    latest = value.history.first()
    assert latest.history_change_reason == "Toch nodig"
    assert latest.history_user == editor


def test_it_refuses_to_restore_a_value_that_is_not_retired(client_for, code):
    before = state()

    response = client_for("editor").post(restore_url(), {"reason": ""})

    assert response.status_code == 409
    assert state() == before


def test_it_refuses_to_restore_a_value_whose_name_is_taken_again(en_client_for, editor):
    old = add_value(editor, "Moed")
    item_set_retired(item=old, retired=True, user=editor)
    add_value(editor, "moed")
    before = state()

    response = en_client_for("editor").post(restore_url("moed"), {"reason": ""})

    assert response.status_code == 409
    assert "Another active core value is called “Moed”." in text_of(response)
    assert state() == before


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 302), ("employee", 403), ("officer", 403)]
)
@pytest.mark.parametrize("view", ["retire", "restore"])
def test_it_refuses_retire_and_restore_by_someone_who_may_not_edit(
    view, persona, status, client_for, editor
):
    value = add_value(editor, "Moed")
    if view == "restore":
        item_set_retired(item=value, retired=True, user=editor)
    before = state()

    response = client_for(persona).post(
        reverse(f"values:{view}", kwargs={"key": "moed"}), {"reason": "x"}
    )

    assert response.status_code == status
    assert state() == before


@pytest.mark.parametrize("view", ["retire", "restore"])
@pytest.mark.parametrize("method", ["put", "delete"])
def test_it_refuses_other_methods_on_retire_and_restore(view, method, client_for, code):
    before = state()

    response = getattr(client_for("editor"), method)(
        reverse(f"values:{view}", kwargs={"key": "eerlijkheid"})
    )

    assert response.status_code == 405
    assert state() == before


# --- move ----------------------------------------------------------------------------------


def order() -> list[str]:
    return list(Value.objects.active().order_by("position", "id").values_list("key", flat=True))


def test_it_moves_a_value_down(client_for, editor, code):
    response = client_for("editor").post(move_url(), {"direction": "down"})

    assert response.status_code == 302
    assert response["Location"] == "/draft/?value=eerlijkheid&at=eerlijkheid#value-eerlijkheid"
    assert order() == ["deskundigheid", "eerlijkheid"]
    moved = Value.objects.get(key="eerlijkheid")
    assert moved.revision == 2
    assert moved.history.first().history_user == editor
    assert moved.history.first().position == 1
    assert Value.objects.get(key="deskundigheid").history.first().history_user == editor


def test_it_moves_a_value_up(client_for, code):
    client_for("editor").post(move_url("deskundigheid"), {"direction": "up"})

    assert order() == ["deskundigheid", "eerlijkheid"]


def test_it_refuses_to_move_the_first_value_up(en_client_for, code):
    before = state()

    response = en_client_for("editor").post(move_url(), {"direction": "up"}, follow=True)

    assert "“Eerlijkheid” cannot move further." in text_of(response)
    assert state() == before


def test_it_refuses_to_move_the_last_value_down(en_client_for, code):
    before = state()

    response = en_client_for("editor").post(
        move_url("deskundigheid"), {"direction": "down"}, follow=True
    )

    assert "cannot move further" in text_of(response)
    assert state() == before


@pytest.mark.parametrize("direction", ["sideways", "", None, "UP"])
def test_it_refuses_a_bad_direction(direction, en_client_for, code):
    before = state()
    data = {} if direction is None else {"direction": direction}

    response = en_client_for("editor").post(move_url(), data, follow=True)

    assert response.redirect_chain == [
        ("/draft/?value=eerlijkheid&at=eerlijkheid#value-eerlijkheid", 302)
    ]
    assert "Choose whether to move the item up or down." in text_of(response)
    assert state() == before


def test_it_refuses_to_move_a_retired_value(en_client_for, editor, code):
    value = add_value(editor, "Moed")
    item_set_retired(item=value, retired=True, user=editor)
    before = state()

    response = en_client_for("editor").post(move_url("moed"), {"direction": "up"}, follow=True)

    assert "A retired item has no place to move in." in text_of(response)
    assert state() == before


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 302), ("employee", 403), ("officer", 403)]
)
def test_it_refuses_a_move_by_someone_who_may_not_edit(persona, status, client_for, code):
    before = state()

    response = client_for(persona).post(move_url(), {"direction": "down"})

    assert response.status_code == status
    assert state() == before


@pytest.mark.parametrize("method", ["put", "delete"])
def test_it_refuses_other_methods_on_move(method, client_for, code):
    before = state()

    response = getattr(client_for("editor"), method)(move_url())

    assert response.status_code == 405
    assert state() == before


# --- the reason for a change ---------------------------------------------------------------


@pytest.mark.parametrize("view", ["create", "edit", "retire"])
def test_it_keeps_a_long_reason_or_refuses_it_with_a_form_error(view, client_for, editor, code):
    item_set_retired(item=code["learn"], retired=True, user=editor)
    reason = "Besproken in de dilemmasessie van het team Inkoop; " * 3  # 150 characters
    assert len(reason) <= 500
    urls = {
        "create": (CREATE, {"name": "Moed"}),
        "edit": (edit_url(), {"name": "Eerlijkheid", "description": "Anders.", "revision": 1}),
        "retire": (retire_url("deskundigheid"), {}),
    }
    url, data = urls[view]
    before = state()

    response = client_for("editor").post(url, {**data, "reason": reason})

    if response.status_code == 200:
        assert response.context["form"].errors["reason"]
        assert state() == before
    else:
        assert response.status_code == 302
        latest = Value.history.order_by("-history_id").first()
        assert latest.history_change_reason == reason.strip()


def test_it_escapes_a_name_on_every_page_it_appears(client_for, editor2, code):
    client = client_for("editor")
    hostile = '<b onmouseover="alert(1)">Moed</b>'

    created = client.post(CREATE, {"name": hostile, "key": "moed"}, follow=True)
    item_update(
        item=Value.objects.get(key="moed"),
        expected_revision=1,
        changes={"description": "Anders."},
        user=editor2,
    )
    pages = [
        created,
        client.get(reverse("codeapp:draft")),
        client.get(edit_url("moed")),
        client.get(retire_url("moed")),
        client.get(reverse("values:history", kwargs={"key": "moed"})),
        client.post(edit_url("moed"), {"name": hostile, "description": "Mijn.", "revision": 1}),
    ]

    assert pages[-1].status_code == 409
    for response in pages:
        page = text_of(response)
        assert "<b onmouseover" not in page
        assert "&lt;b onmouseover=" in page


def test_it_moves_a_value_to_a_place_in_one_step(client_for, editor, code):
    add_value(editor, "Moed", key="moed")

    response = client_for("editor").post(move_url("moed"), {"place": "1"})

    assert response.status_code == 302
    assert response["Location"] == "/draft/?value=moed&at=moed#value-moed"
    assert order() == ["moed", "eerlijkheid", "deskundigheid"]


def test_it_offers_a_value_only_a_place_to_move_to(client_for, code):
    form = client_for("editor").get(move_url("deskundigheid")).context["form"]

    assert list(form.fields) == ["place"]
    assert form["place"].value() == 2
