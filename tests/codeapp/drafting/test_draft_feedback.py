"""The working draft's feedback beside the item the editor looks at, and its bounded SQL."""

import pytest
from django.urls import reverse

from codeapp.drafting.views import draft as draft_views
from tests.helpers import add_example, add_norm, add_value, text_of
from tests.helpers.drafting import DRAFT, numbered, retired_section

pytestmark = pytest.mark.django_db


# --- feedback where the editor looks --------------------------------------------------------


def test_it_shows_the_confirmation_of_a_save_beside_the_item(en_client_for, code):
    client = en_client_for("editor")
    norm = code["bribes"]
    data = {
        "value": "eerlijkheid", "title": norm.title, "text": "Je neemt nooit geld aan.",
        "kind": norm.kind, "explanation": "", "legal_basis": "", "revision": norm.revision,
    }  # fmt: skip

    response = client.post(
        reverse("norms:edit", kwargs={"key": "steekpenningen"}), data, follow=True
    )

    page = text_of(response)
    assert response.redirect_chain[-1][0].endswith("&at=steekpenningen#norm-steekpenningen")
    item = page[page.index('id="norm-steekpenningen"') :]
    assert "“Geen steekpenningen” was saved." in item[: item.index("</li>")]
    assert page.count("was saved.") == 1
    # Shown once: the next page does not repeat it.
    assert "was saved." not in text_of(client.get(DRAFT))


def test_it_shows_a_moved_example_with_its_list_of_examples_open(en_client_for, code):
    response = en_client_for("editor").post(
        reverse("norms:example-move", kwargs={"key": "wijn"}), {"direction": "down"}, follow=True
    )

    page = text_of(response)
    assert page.count('<details class="examples" open>') == 1
    example = page[page.index('id="example-wijn"') :]
    assert "“Een fles wijn” was moved." in example[: example.index("</h4>")]


def test_it_shows_a_refused_move_beside_the_item(en_client_for, code):
    response = en_client_for("editor").post(
        reverse("norms:move", kwargs={"key": "geschenken"}), {"direction": "up"}, follow=True
    )

    page = text_of(response)
    item = page[page.index('id="norm-geschenken"') :]
    assert "“Geschenken melden” cannot move further." in item[: item.index("</h3>")]


def test_it_shows_the_confirmation_of_a_retirement_among_the_retired_items(en_client_for, code):
    response = en_client_for("editor").post(
        reverse("norms:retire", kwargs={"key": "steekpenningen"}), {"reason": ""}, follow=True
    )

    section = retired_section(text_of(response))
    assert "“Geen steekpenningen” was retired." in section


def test_it_keeps_messages_at_the_top_when_the_item_is_not_on_the_page(en_client_for, code):
    client = en_client_for("editor")
    client.post(reverse("norms:move", kwargs={"key": "geschenken"}), {"direction": "up"})

    page = text_of(client.get(DRAFT, {"value": "deskundigheid", "at": "geschenken"}))

    assert page.index("cannot move further") < page.index('id="value-deskundigheid"')


# --- bounded SQL ---------------------------------------------------------------------------

# Measured: 20 queries for the small code, 23 for the large one. The only per-row queries
# are for the recent-changes panel, which never lists more than 10 entries.
DRAFT_QUERY_BOUND = 25


# The whole draft, its outline, one value, and a search: the same few queries each.
PAGES = [{}, {"outline": True}, {"value": "waarde-0"}, {"q": "norm 1", "kind": "obligation"}]


@pytest.mark.parametrize("query", PAGES)
def test_it_loads_a_small_code_in_a_bounded_number_of_queries(
    query, client_for, editor, django_assert_max_num_queries, monkeypatch
):
    value = add_value(editor, "Waarde 0", key="waarde-0")
    add_example(editor, add_norm(editor, value, "Norm 1", key="norm-1"), key="vb-1")
    client = client_for("editor")
    query = dict(query)  # the parameters are shared by both tests
    if query.pop("outline", False):
        monkeypatch.setattr(draft_views, "FULL_PAGE_NORMS", 0)

    with django_assert_max_num_queries(DRAFT_QUERY_BOUND):
        response = client.get(DRAFT, query)

    assert response.status_code == 200
    assert "Norm 1" in text_of(response)


@pytest.mark.parametrize("query", PAGES)
def test_it_loads_a_large_code_in_the_same_number_of_queries(
    query, client_for, editor, django_assert_max_num_queries, monkeypatch
):
    for v in range(10):
        value = add_value(editor, f"Waarde {v}", key=f"waarde-{v}")
        for n in range(10):
            norm = add_norm(editor, value, f"Norm {v}.{n}", key=f"norm-{v}-{n}")
            for e in range(3):
                add_example(editor, norm, f"Voorbeeld {v}.{n}.{e}", key=f"vb-{v}-{n}-{e}")
    client = client_for("editor")
    query = dict(query)  # the parameters are shared by both tests
    outline = query.pop("outline", False)
    if outline:
        monkeypatch.setattr(draft_views, "FULL_PAGE_NORMS", 0)

    with django_assert_max_num_queries(DRAFT_QUERY_BOUND):
        response = client.get(DRAFT, query)

    assert response.status_code == 200
    code = response.context["code"]
    assert len(code.values) == 10
    assert code.norm_count == 100
    assert code.example_count == 300
    if not query and not outline:
        assert ("10.10.3", "Voorbeeld 9.9.2") in numbered(text_of(response))
