"""/code/compare/<A>/<B>/: what changed from version A to version B."""

import pytest
from django.urls import reverse

from tests.helpers import english, text_of

pytestmark = pytest.mark.django_db


def compare_url(a: int, b: int) -> str:
    return reverse("codeapp:version-compare", args=[a, b])


def card(page: str, anchor_or_text: str) -> str:
    """The change card that mentions `anchor_or_text`."""
    at = page.index(anchor_or_text)
    start = page.rindex('<li class="change ', 0, at)
    return page[start : page.index("</li>", at)]


@pytest.fixture
def page(client_for, two_versions) -> str:
    return text_of(english(client_for("anonymous")).get(compare_url(1, 2)))


def test_it_shows_what_changed_from_a_to_b(client_for, two_versions):
    response = client_for("anonymous").get(compare_url(1, 2))

    assert response.status_code == 200
    assert "codeapp/includes/_changes.html" in [t.name for t in response.templates]
    assert response.context["old"] == two_versions["v1"]
    assert response.context["new"] == two_versions["v2"]


def test_it_shows_an_added_norm(page):
    added = card(page, "#norm-nevenwerk")

    assert "change-added" in added
    assert "Nevenwerk melden" in added


def test_it_shows_a_removed_example(page):
    removed = card(page, "Een diner")

    assert "change-removed" in removed
    assert "Example" in removed


def test_it_shows_a_reworded_norm_word_by_word(page):
    reworded = card(page, "#norm-geschenken")

    assert "change-changed" in reworded
    assert '<del><span class="visually-hidden">[removed: </span>elk' in reworded
    assert '<ins><span class="visually-hidden">[added: </span>ieder' in reworded
    assert "binnen een week" in reworded


def test_it_shows_a_norm_moved_to_another_value(page):
    moved = card(page, "#norm-steekpenningen")

    assert "Moved to another place in the code" in moved
    assert "Eerlijkheid" in moved
    assert "Deskundigheid" in moved


def test_it_shows_a_change_of_kind(page):
    kind = card(page, "#norm-bijblijven")

    assert "Kind" in kind
    assert "<del>" in kind and "Aspiration (should, strive to)" in kind
    assert "<ins>" in kind and "Obligation (must)" in kind


def test_it_counts_the_changes_per_kind_at_the_top(client_for, two_versions):
    response = english(client_for("anonymous")).get(compare_url(1, 2))
    counts = response.context["counts"]
    page = text_of(response)

    assert (counts.added, counts.removed, counts.changed) == (1, 1, 3)
    assert (counts.reworded, counts.moved, counts.kind) == (1, 1, 1)
    assert "1 added" in page
    assert "1 removed" in page
    assert "3 changed" in page
    assert page.index("1 added") < page.index('<ol class="list-unstyled change-list">')


def test_it_links_changed_items_to_the_newer_version(page):
    assert 'href="/code/v2/#norm-geschenken"' in page


def test_it_compares_in_the_order_given(client_for, two_versions):
    response = english(client_for("anonymous")).get(compare_url(2, 1))
    page = text_of(response)

    assert response.status_code == 200
    assert "Changes from version 2 to version 1" in page
    assert "Version 2 is newer than version 1" in page
    assert "change-removed" in card(page, "Nevenwerk melden")
    assert "change-added" in card(page, "Een diner")
    assert response.context["counts"].added == 1  # the dinner example, back again
    assert response.context["counts"].removed == 1  # the side-job norm


def test_it_shows_no_differences_for_one_version_with_itself(client_for, two_versions):
    page = text_of(english(client_for("anonymous")).get(compare_url(2, 2)))

    assert "No differences." in page
    assert "comparing a version with itself" in page


@pytest.mark.parametrize(("a", "b"), [(1, 9), (9, 1), (0, 1)])
def test_it_answers_404_for_an_unknown_version(a, b, client_for, two_versions):
    assert client_for("anonymous").get(compare_url(a, b)).status_code == 404


def test_it_offers_the_form_with_the_two_versions_chosen(client_for, two_versions):
    page = text_of(client_for("anonymous").get(compare_url(2, 1)))
    a = page[
        page.index('<select id="compare-a"') : page.index("</select>", page.index('id="compare-a"'))
    ]
    b = page[
        page.index('<select id="compare-b"') : page.index("</select>", page.index('id="compare-b"'))
    ]

    assert '<option value="2" selected>' in a
    assert '<option value="1" selected>' in b
    assert f'action="{reverse("codeapp:versions")}"' in page
