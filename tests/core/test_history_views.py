"""The history page of a value, a norm and an example: every revision, newest first."""

import re

import pytest
from django.urls import reverse

from core.services import item_move, item_set_retired, item_update
from tests.helpers import text_of

pytestmark = pytest.mark.django_db

HISTORY_URLS = [
    reverse("values:history", kwargs={"key": "eerlijkheid"}),
    reverse("norms:history", kwargs={"key": "geschenken"}),
    reverse("norms:example-history", kwargs={"key": "wijn"}),
]


def revisions(page: str) -> list[str]:
    """The card of each revision, in page order, without the words only screen readers hear."""
    page = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", page)
    return re.findall(r'<li class="revision card.*?</li>', page, flags=re.S)


@pytest.mark.parametrize("url", HISTORY_URLS)
@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("employee", 403), ("editor", 200), ("officer", 200), ("admin", 200)],
)
def test_it_shows_the_history_to_those_who_may_read_the_draft(
    url, persona, status, client_for, code
):
    response = client_for(persona).get(url)

    assert response.status_code == status
    if persona == "anonymous":
        assert response["Location"] == f"/accounts/login/?next={url}"


@pytest.mark.parametrize("url", HISTORY_URLS)
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_refuses_other_methods(url, method, client_for, code):
    assert getattr(client_for("editor"), method)(url).status_code == 405


def test_it_answers_head(client_for, code):
    assert client_for("officer").head(HISTORY_URLS[0]).status_code == 200


@pytest.mark.parametrize("view", ["values:history", "norms:history", "norms:example-history"])
def test_it_answers_404_for_an_unknown_key(view, client_for, code):
    response = client_for("editor").get(reverse(view, kwargs={"key": "bestaat-niet"}))

    assert response.status_code == 404


def test_it_lists_every_revision_newest_first_with_who_and_why(
    en_client_for, editor, editor2, code
):
    honesty = code["honesty"]
    honesty = item_update(
        item=honesty,
        expected_revision=1,
        changes={"description": "Wij zijn eerlijk en open."},
        user=editor,
        reason="Eerste ronde",
    )
    item_update(
        item=honesty,
        expected_revision=2,
        changes={"description": "Wij zijn eerlijk en transparant."},
        user=editor2,
        reason="Tweede ronde",
    )

    response = en_client_for("officer").get(HISTORY_URLS[0])

    assert response.status_code == 200
    cards = revisions(text_of(response))
    assert len(cards) == 3
    newest, middle, oldest = cards
    assert "Changed" in newest and "by editor2" in newest and "Tweede ronde" in newest
    assert "Changed" in middle and "by editor" in middle and "Eerste ronde" in middle
    assert "Created" in oldest and "by editor" in oldest
    assert "none given" in oldest
    # A word-level diff of the changed text: only the word that changed is marked.
    assert "Wij zijn eerlijk en <del>open</del><ins>transparant</ins>." in newest
    assert "en open</ins>" in middle
    assert "3 revisions" in text_of(response)
    records = [r["record"] for r in response.context["revisions"]]
    assert [r.history_change_reason for r in records] == ["Tweede ronde", "Eerste ronde", None]
    assert [r.history_user for r in records] == [editor2, editor, editor]


def test_it_shows_a_diff_with_del_and_ins_for_a_changed_norm_text(en_client_for, editor, code):
    item_update(
        item=code["gifts"],
        expected_revision=1,
        changes={"text": "Je meldt elk geschenk binnen een week."},
        user=editor,
    )
    item_update(
        item=code["gifts"],
        expected_revision=2,
        changes={"text": "Je meldt ieder geschenk binnen een week."},
        user=editor,
    )

    newest, middle, _created = revisions(text_of(en_client_for("editor").get(HISTORY_URLS[1])))

    assert "Je meldt <del>elk</del><ins>ieder</ins> geschenk binnen een week." in newest
    assert "Je meldt elk geschenk<ins> binnen een week</ins>." in middle


def test_it_names_values_rather_than_ids_in_a_norm_history(en_client_for, editor, code):
    item_update(
        item=code["gifts"],
        expected_revision=1,
        changes={"value": code["expertise"], "related_values": ["eerlijkheid"]},
        user=editor,
        reason="Verhuisd",
    )

    newest = revisions(text_of(en_client_for("editor").get(HISTORY_URLS[1])))[0]

    assert "Verhuisd" in newest
    assert "Core value" in newest
    assert "Eerlijkheid" in newest and "Deskundigheid" in newest
    assert f"#{code['honesty'].pk}" not in newest


def test_it_names_the_norm_in_an_example_history(en_client_for, editor, code):
    item_update(
        item=code["wine"], expected_revision=1, changes={"norm": code["bribes"]}, user=editor
    )

    newest = revisions(text_of(en_client_for("editor").get(HISTORY_URLS[2])))[0]

    assert "Geschenken melden" in newest
    assert "Geen steekpenningen" in newest


def test_it_records_retiring_and_moving(en_client_for, editor, code):
    item_move(item=code["wine"], step=1, user=editor)
    item_set_retired(item=code["wine"], retired=True, user=editor, reason="Weg ermee")

    response = en_client_for("editor").get(HISTORY_URLS[2])

    retired, moved, created = revisions(text_of(response))
    assert "Weg ermee" in retired and "Retired" in retired
    assert "Position" in moved
    # The first example moved down to second place: counted from 1, as people count.
    assert re.search(r"<del>\s*1\s*</del> → <ins>\s*2\s*</ins>", moved), moved
    assert "Position" not in created and "Retired" not in created
    assert "<strong>retired</strong>" in text_of(response)


def test_it_shows_the_history_of_a_retired_item(client_for, editor, code):
    item_set_retired(item=code["dinner"], retired=True, user=editor)

    response = client_for("officer").get(reverse("norms:example-history", kwargs={"key": "diner"}))

    assert response.status_code == 200
    assert len(response.context["revisions"]) == 2


def test_it_names_who_made_each_revision_by_full_name_where_known(en_client_for, editor, code):
    editor.first_name, editor.last_name = "Eva", "de Vries"
    editor.save()

    newest = revisions(text_of(en_client_for("editor").get(HISTORY_URLS[0])))[0]

    assert "by Eva de Vries" in " ".join(newest.split())
