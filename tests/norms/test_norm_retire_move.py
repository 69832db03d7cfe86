"""Retiring, restoring and moving norms through their pages, within a value or to another."""

import pytest

from core.services import item_set_retired
from norms.models import Norm
from tests.helpers import add_norm, text_of
from tests.helpers.norm_pages import keys_under, state, url

pytestmark = pytest.mark.django_db


# --- retire and restore ----------------------------------------------------------------------


def test_it_retires_a_norm_with_the_reason(client_for, editor, code):
    response = client_for("editor").post(url("retire"), {"reason": "Achterhaald"})

    assert response.status_code == 302
    assert response["Location"] == "/draft/?value=eerlijkheid&at=geschenken#norm-geschenken"
    norm = Norm.objects.get(key="geschenken")
    assert norm.retired
    assert norm.revision == 2
    latest = norm.history.first()
    assert latest.retired
    assert latest.history_user == editor
    assert latest.history_change_reason == "Achterhaald"
    assert keys_under("eerlijkheid") == ["steekpenningen"]


def test_it_restores_a_norm_with_the_reason(client_for, editor, code):
    item_set_retired(item=code["gifts"], retired=True, user=editor)

    response = client_for("editor").post(url("restore"), {"reason": "Toch nodig"})

    assert response.status_code == 302
    norm = Norm.objects.get(key="geschenken")
    assert not norm.retired
    assert norm.revision == 3
    latest = norm.history.first()
    assert latest.history_change_reason == "Toch nodig"
    assert latest.history_user == editor


def test_it_refuses_to_restore_a_norm_under_a_retired_value(en_client_for, editor, code):
    item_set_retired(item=code["learn"], retired=True, user=editor)
    item_set_retired(item=code["expertise"], retired=True, user=editor)
    before = state()

    page = en_client_for("editor").get(url("restore", "bijblijven"))
    response = en_client_for("editor").post(url("restore", "bijblijven"), {"reason": "Terug"})

    assert page.status_code == 200
    assert "“Deskundigheid” is retired; restore it first." in text_of(page)
    assert response.status_code == 409
    assert "“Deskundigheid” is retired; restore it first." in text_of(response)
    assert state() == before


def test_it_keeps_a_long_reason_for_retiring_a_norm(client_for, code):
    reason = "Vervangen door de nieuwe regeling over relatiegeschenken en uitnodigingen; " * 2

    response = client_for("editor").post(url("retire"), {"reason": reason})

    assert response.status_code in (200, 302)
    norm = Norm.objects.get(key="geschenken")
    if response.status_code == 302:
        assert norm.history.first().history_change_reason == reason.strip()
    else:
        assert not norm.retired


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 302), ("employee", 403), ("officer", 403)]
)
@pytest.mark.parametrize("view", ["retire", "restore"])
def test_it_refuses_retire_and_restore_by_someone_who_may_not_edit(
    view, persona, status, client_for, editor, code
):
    if view == "restore":
        item_set_retired(item=code["gifts"], retired=True, user=editor)
    before = state()

    response = client_for(persona).post(url(view), {"reason": "x"})

    assert response.status_code == status
    assert state() == before


@pytest.mark.parametrize("view", ["retire", "restore"])
@pytest.mark.parametrize("method", ["put", "delete"])
def test_it_refuses_other_methods_on_retire_and_restore(view, method, client_for, code):
    before = state()

    response = getattr(client_for("editor"), method)(url(view))

    assert response.status_code == 405
    assert state() == before


# --- move ----------------------------------------------------------------------------------


def test_it_moves_a_norm_down_within_its_value(client_for, editor, code):
    response = client_for("editor").post(url("move"), {"direction": "down"})

    assert response.status_code == 302
    assert response["Location"] == "/draft/?value=eerlijkheid&at=geschenken#norm-geschenken"
    assert keys_under("eerlijkheid") == ["steekpenningen", "geschenken"]
    assert keys_under("deskundigheid") == ["bijblijven"]
    assert Norm.objects.get(key="geschenken").history.first().history_user == editor


def test_it_moves_a_norm_up_within_its_value(client_for, code):
    client_for("editor").post(url("move", "steekpenningen"), {"direction": "up"})

    assert keys_under("eerlijkheid") == ["steekpenningen", "geschenken"]


def test_it_refuses_to_move_the_first_norm_up(en_client_for, code):
    before = state()

    response = en_client_for("editor").post(url("move"), {"direction": "up"}, follow=True)

    assert "“Geschenken melden” cannot move further." in text_of(response)
    assert state() == before


def test_it_refuses_to_move_the_only_norm_of_a_value(en_client_for, code):
    before = state()

    response = en_client_for("editor").post(
        url("move", "bijblijven"), {"direction": "down"}, follow=True
    )

    assert "cannot move further" in text_of(response)
    assert state() == before


def test_it_refuses_a_bad_direction(en_client_for, code):
    before = state()

    response = en_client_for("editor").post(url("move"), {"direction": "left"}, follow=True)

    assert "Choose whether to move the item up or down." in text_of(response)
    assert state() == before


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 302), ("employee", 403), ("officer", 403)]
)
def test_it_refuses_a_move_by_someone_who_may_not_edit(persona, status, client_for, code):
    before = state()

    response = client_for(persona).post(url("move"), {"direction": "down"})

    assert response.status_code == status
    assert state() == before


@pytest.mark.parametrize("method", ["put", "delete"])
def test_it_refuses_other_methods_on_move(method, client_for, code):
    before = state()

    response = getattr(client_for("editor"), method)(url("move"))

    assert response.status_code == 405
    assert state() == before


# --- move to a place, or under another value, in one step ----------------------------------


def test_it_offers_a_move_form_with_the_order_now(en_client_for, code):
    response = en_client_for("editor").get(url("move", "steekpenningen"))

    assert response.status_code == 200
    form = response.context["form"]
    assert form["place"].value() == 2
    assert form["parent"].value() == "eerlijkheid"
    assert [key for key, _label in form.fields["parent"].choices] == [
        "eerlijkheid",
        "deskundigheid",
    ]
    assert "<strong>Geen steekpenningen</strong> (this one)" in text_of(response)


def test_it_moves_a_norm_to_a_place_in_one_step(client_for, editor, code):
    add_norm(editor, code["honesty"], "Nevenwerk", key="nevenwerk")

    response = client_for("editor").post(
        url("move", "nevenwerk"), {"parent": "eerlijkheid", "place": "1"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/draft/?value=eerlijkheid&at=nevenwerk#norm-nevenwerk"
    assert keys_under("eerlijkheid") == ["nevenwerk", "geschenken", "steekpenningen"]
    assert Norm.objects.get(key="nevenwerk").history.first().history_user == editor


def test_it_moves_a_norm_under_another_value_at_the_place_chosen(client_for, code):
    client_for("editor").post(
        url("move", "steekpenningen"), {"parent": "deskundigheid", "place": "1"}
    )

    assert keys_under("eerlijkheid") == ["geschenken"]
    assert keys_under("deskundigheid") == ["steekpenningen", "bijblijven"]
    record = Norm.objects.get(key="steekpenningen").history.first()
    assert record.value.key == "deskundigheid"


def test_it_puts_a_norm_last_for_a_place_past_the_end(client_for, code):
    client_for("editor").post(url("move", "geschenken"), {"parent": "eerlijkheid", "place": "99"})

    assert keys_under("eerlijkheid") == ["steekpenningen", "geschenken"]


@pytest.mark.parametrize(
    "data",
    [
        {"parent": "eerlijkheid", "place": "0"},
        {"parent": "eerlijkheid", "place": "twee"},
        {"parent": "eerlijkheid"},
        {"parent": "bestaat-niet", "place": "1"},
    ],
)
def test_it_refuses_a_bad_place_or_value_and_changes_nothing(data, en_client_for, code):
    before = state()

    response = en_client_for("editor").post(url("move"), data)

    assert response.status_code == 400
    assert response.context["form"].errors
    assert state() == before


def test_it_refuses_to_move_a_norm_under_a_retired_value(en_client_for, editor, code):
    item_set_retired(item=code["learn"], retired=True, user=editor)
    item_set_retired(item=code["expertise"], retired=True, user=editor)
    before = state()

    response = en_client_for("editor").post(url("move"), {"parent": "deskundigheid", "place": "1"})

    assert response.status_code == 400
    assert "deskundigheid" not in dict(response.context["form"].fields["parent"].choices)
    assert state() == before


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 302), ("employee", 403), ("officer", 403)]
)
def test_it_refuses_the_move_form_to_someone_who_may_not_edit(persona, status, client_for, code):
    before = state()

    response = client_for(persona).post(url("move"), {"parent": "deskundigheid", "place": "1"})

    assert response.status_code == status
    assert state() == before
