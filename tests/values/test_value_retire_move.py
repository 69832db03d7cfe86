"""Retiring, restoring and moving core values through their pages, and the reason for a change."""

import pytest
from django.urls import reverse

from core.services import item_set_retired, item_update
from tests.helpers import add_value, text_of
from tests.helpers.value_pages import CREATE, edit_url, move_url, restore_url, retire_url, state
from values.models import Value

pytestmark = pytest.mark.django_db


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
