"""Creating, editing, retiring, restoring and moving example situations through their pages."""

import pytest
from django.urls import reverse

from core.forms import MAX_TEXT_LENGTH
from core.models import ItemKey
from core.services import item_move, item_set_retired
from norms.models import Example
from tests.helpers import add_value, text_of

pytestmark = pytest.mark.django_db

CREATE = reverse("norms:example-create")


def url(view: str, key: str = "wijn") -> str:
    return reverse(f"norms:example-{view}", kwargs={"key": key})


def state() -> list[tuple]:
    """Everything about the examples and their history a refused request must leave alone."""
    return [
        (e.key, e.norm_id, e.title, e.situation, e.guidance, e.position, e.retired, e.revision,
         e.history.count())
        for e in Example.objects.order_by("id")
    ]  # fmt: skip


def new_example(**overrides) -> dict:
    data = {
        "norm": "geschenken",
        "title": "Kaartjes voor de voetbal",
        "situation": "Een adviesbureau biedt je kaartjes aan.",
        "guidance": "Weiger beleefd en meld het.",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def edit_data(example: Example, **overrides) -> dict:
    data = {
        "norm": example.norm.key,
        "title": example.title,
        "situation": example.situation,
        "guidance": example.guidance,
        "revision": example.revision,
    }
    data.update(overrides)
    return data


def keys_under(norm_key: str) -> list[str]:
    return list(
        Example.objects.active()
        .filter(norm__key=norm_key)
        .order_by("position", "id")
        .values_list("key", flat=True)
    )


# --- create --------------------------------------------------------------------------------


def test_it_preselects_the_norm_named_in_the_query(en_client_for, code):
    response = en_client_for("editor").get(CREATE + "?norm=steekpenningen")

    assert response.status_code == 200
    assert response.context["form"]["norm"].value() == "steekpenningen"
    page = text_of(response)
    assert '<option value="steekpenningen" selected>' in page
    assert "New example for “Geen steekpenningen”" in page


def test_it_offers_only_active_norms_under_active_values(client_for, editor, code):
    item_set_retired(item=code["bribes"], retired=True, user=editor)

    response = client_for("editor").get(CREATE)

    offered = {key for key, _label in response.context["form"].fields["norm"].choices if key}
    assert {str(k) for k in offered} == {"geschenken", "bijblijven"}


def test_it_offers_the_norms_in_the_order_and_numbering_of_the_draft(client_for, editor, code):
    # A value moved up, a norm moved up within its value, a retired value in front of all.
    early = add_value(editor, "Ingetrokken", key="ingetrokken")
    item_move(item=early, step=-2, user=editor)
    item_set_retired(item=early, retired=True, user=editor)
    item_move(item=code["expertise"], step=-1, user=editor)
    item_move(item=code["bribes"], step=-1, user=editor)

    response = client_for("editor").get(CREATE)

    labels = [str(label) for key, label in response.context["form"].fields["norm"].choices if key]
    assert labels == [
        "1.1 Deskundigheid – Bijblijven",
        "2.1 Eerlijkheid – Geen steekpenningen",
        "2.2 Eerlijkheid – Geschenken melden",
    ]


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 302), ("employee", 403), ("officer", 403)]
)
def test_it_refuses_a_create_by_someone_who_may_not_edit(persona, status, client_for, code):
    before = state()

    response = client_for(persona).post(CREATE, new_example())

    assert response.status_code == status
    assert state() == before


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_it_refuses_other_methods_on_create(method, client_for, code):
    before = state()

    response = getattr(client_for("editor"), method)(CREATE)

    assert response.status_code == 405
    assert state() == before


def test_it_creates_an_example_last_under_its_norm(client_for, editor, code):
    response = client_for("editor").post(
        CREATE + "?norm=geschenken", new_example(reason="Uit de casusbibliotheek")
    )

    assert response.status_code == 302
    assert (
        response["Location"]
        == "/draft/?value=eerlijkheid&at=kaartjes-voor-de-voetbal#example-kaartjes-voor-de-voetbal"
    )
    example = Example.objects.get(key="kaartjes-voor-de-voetbal")
    assert example.norm == code["gifts"]
    assert example.situation == "Een adviesbureau biedt je kaartjes aan."
    assert example.guidance == "Weiger beleefd en meld het."
    assert example.position == 2
    assert example.revision == 1
    assert keys_under("geschenken") == ["wijn", "diner", "kaartjes-voor-de-voetbal"]
    assert ItemKey.objects.get(key=example.key).kind == "example"
    record = example.history.get()
    assert record.history_type == "+"
    assert record.history_user == editor
    assert record.history_change_reason == "Uit de casusbibliotheek"


def test_it_creates_the_first_example_of_a_norm_with_a_chosen_key(client_for, code):
    response = client_for("editor").post(CREATE, new_example(norm="bijblijven", key="cursus"))

    assert response.status_code == 302
    example = Example.objects.get(key="cursus")
    assert example.norm == code["learn"]
    assert example.position == 0


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("norm", {"norm": None}),
        ("norm", {"norm": "bestaat-niet"}),
        ("title", {"title": "  "}),
        ("situation", {"situation": ""}),
        ("situation", {"situation": "x" * (MAX_TEXT_LENGTH + 1)}),
        ("guidance", {"guidance": "x" * (MAX_TEXT_LENGTH + 1)}),
        ("key", {"key": "geschenken"}),
        ("key", {"key": "_x"}),
    ],
)
def test_it_refuses_invalid_input_and_writes_nothing(field, overrides, client_for, code):
    before = state()
    keys = ItemKey.objects.count()

    response = client_for("editor").post(CREATE, new_example(**overrides))

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert state() == before
    assert ItemKey.objects.count() == keys


def test_it_refuses_an_example_under_a_retired_norm(client_for, editor, code):
    item_set_retired(item=code["gifts"], retired=True, user=editor)
    before = state()

    response = client_for("editor").post(CREATE, new_example())

    assert response.status_code == 200
    assert response.context["form"].errors["norm"]
    assert state() == before


# --- edit ----------------------------------------------------------------------------------


def test_it_shows_the_edit_form_filled_in(client_for, code):
    response = client_for("editor").get(url("edit"))

    assert response.status_code == 200
    form = response.context["form"]
    assert form["norm"].value() == "geschenken"
    assert form["title"].value() == "Een fles wijn"
    assert form["revision"].value() == 1


def test_it_saves_an_edit_with_the_reason(client_for, editor, code):
    response = client_for("editor").post(
        url("edit"),
        edit_data(
            code["wine"],
            guidance="Bedank, stuur terug en meld het.",
            reason="Afspraak teamoverleg",
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == "/draft/?value=eerlijkheid&at=wijn#example-wijn"
    example = Example.objects.get(key="wijn")
    assert example.guidance == "Bedank, stuur terug en meld het."
    assert example.revision == 2
    latest = example.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == editor
    assert latest.history_change_reason == "Afspraak teamoverleg"


def test_it_moves_an_example_to_another_norm_as_its_last(client_for, code):
    response = client_for("editor").post(
        url("edit", "diner"), edit_data(code["dinner"], norm="steekpenningen")
    )

    assert response.status_code == 302
    example = Example.objects.get(key="diner")
    assert example.norm == code["bribes"]
    assert example.position == 0
    assert keys_under("geschenken") == ["wijn"]
    assert keys_under("steekpenningen") == ["diner"]


def test_it_refuses_emptying_the_situation(client_for, code):
    before = state()

    response = client_for("editor").post(url("edit"), edit_data(code["wine"], situation=""))

    assert response.status_code == 200
    assert response.context["form"].errors["situation"]
    assert state() == before


def test_it_answers_404_for_an_unknown_example(client_for, code):
    assert client_for("editor").get(url("edit", "bestaat-niet")).status_code == 404


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 302), ("employee", 403), ("officer", 403)]
)
def test_it_refuses_an_edit_by_someone_who_may_not_edit(persona, status, client_for, code):
    before = state()

    response = client_for(persona).post(url("edit"), edit_data(code["wine"], title="Anders"))

    assert response.status_code == status
    assert state() == before


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_it_refuses_other_methods_on_edit(method, client_for, code):
    before = state()

    response = getattr(client_for("editor"), method)(url("edit"))

    assert response.status_code == 405
    assert state() == before


# --- retire and restore ----------------------------------------------------------------------


def test_it_retires_and_restores_an_example_with_reasons(client_for, editor, code):
    client = client_for("editor")

    retired = client.post(url("retire"), {"reason": "Verouderd"})

    assert retired.status_code == 302
    example = Example.objects.get(key="wijn")
    assert example.retired
    assert keys_under("geschenken") == ["diner"]
    assert example.history.first().history_change_reason == "Verouderd"

    restored = client.post(url("restore"), {"reason": "Weer actueel"})

    assert restored.status_code == 302
    example.refresh_from_db()
    assert not example.retired
    assert example.revision == 3
    latest = example.history.first()
    assert latest.history_change_reason == "Weer actueel"
    assert latest.history_user == editor
    assert [r.history_change_reason for r in example.history.all()] == [
        "Weer actueel",
        "Verouderd",
        None,
    ]


def test_it_refuses_to_restore_an_example_under_a_retired_norm(en_client_for, editor, code):
    item_set_retired(item=code["wine"], retired=True, user=editor)
    item_set_retired(item=code["gifts"], retired=True, user=editor)
    before = state()

    response = en_client_for("editor").post(url("restore"), {"reason": ""})

    assert response.status_code == 409
    assert "“Geschenken melden” is retired; restore it first." in text_of(response)
    assert state() == before


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 302), ("employee", 403), ("officer", 403)]
)
@pytest.mark.parametrize("view", ["retire", "restore"])
def test_it_refuses_retire_and_restore_by_someone_who_may_not_edit(
    view, persona, status, client_for, editor, code
):
    if view == "restore":
        item_set_retired(item=code["wine"], retired=True, user=editor)
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


def test_it_moves_an_example_down_and_up(client_for, editor, code):
    client = client_for("editor")

    client.post(url("move"), {"direction": "down"})

    assert keys_under("geschenken") == ["diner", "wijn"]
    assert Example.objects.get(key="wijn").history.first().history_user == editor

    client.post(url("move"), {"direction": "up"})

    assert keys_under("geschenken") == ["wijn", "diner"]


def test_it_skips_retired_siblings_when_moving(client_for, editor, code):
    third = client_for("editor").post(CREATE, new_example())
    assert third.status_code == 302
    item_set_retired(item=code["dinner"], retired=True, user=editor)

    client_for("editor").post(url("move"), {"direction": "down"})

    assert keys_under("geschenken") == ["kaartjes-voor-de-voetbal", "wijn"]


def test_it_refuses_to_move_the_last_example_down(en_client_for, code):
    before = state()

    response = en_client_for("editor").post(
        url("move", "diner"), {"direction": "down"}, follow=True
    )

    assert "“Een diner” cannot move further." in text_of(response)
    assert state() == before


def test_it_refuses_a_bad_direction(en_client_for, code):
    before = state()

    response = en_client_for("editor").post(url("move"), {"direction": "2"}, follow=True)

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


def test_it_moves_an_example_under_another_norm_at_the_place_chosen(client_for, editor, code):
    response = client_for("editor").post(
        url("move", "diner"), {"parent": "bijblijven", "place": "1"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/draft/?value=deskundigheid&at=diner#example-diner"
    assert keys_under("geschenken") == ["wijn"]
    assert keys_under("bijblijven") == ["diner"]
    assert Example.objects.get(key="diner").history.first().history_user == editor


def test_it_names_each_norm_with_its_value_in_the_move_form(client_for, code):
    form = client_for("editor").get(url("move")).context["form"]

    assert ("bijblijven", "Deskundigheid — Bijblijven") in form.fields["parent"].choices
    assert form["parent"].value() == "geschenken"
