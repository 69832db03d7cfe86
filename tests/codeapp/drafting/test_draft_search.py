"""Finding one's way in a large working draft: searching, one value in full, the outline."""

import pytest
from django.urls import reverse

from codeapp.drafting.views import draft as draft_views
from core.services import item_set_retired
from tests.helpers import add_norm, add_value, text_of
from tests.helpers.drafting import DRAFT, numbered, retired_section

pytestmark = pytest.mark.django_db


# --- finding one's way in a large draft ----------------------------------------------------


def found_keys(response) -> list[str]:
    return [f.item.key for f in response.context["found"]]


def test_it_finds_items_by_words_in_any_text_or_key(client_for, code):
    client = client_for("editor")

    assert found_keys(client.get(DRAFT, {"q": "STEEKPENNING"})) == ["steekpenningen"]
    # The value's description, an example's situation, a key.
    assert found_keys(client.get(DRAFT, {"q": "eerlijk"})) == ["eerlijkheid"]
    assert found_keys(client.get(DRAFT, {"q": "leverancier stuurt"})) == ["wijn", "diner"]
    assert found_keys(client.get(DRAFT, {"q": "bijblijven"})) == ["bijblijven"]


def test_it_finds_norms_by_kind_within_a_value(en_client_for, code):
    client = en_client_for("editor")

    response = client.get(DRAFT, {"kind": "obligation"})
    assert found_keys(response) == ["geschenken"]
    response = client.get(DRAFT, {"kind": "prohibition", "value": "deskundigheid"})
    assert found_keys(response) == []
    assert "Nothing in the draft matches." in text_of(response)

    page = text_of(client.get(DRAFT, {"kind": "prohibition", "value": "eerlijkheid"}))
    assert "1 item found" in page
    # Each find links to its place in its value, and to its edit page.
    assert 'href="/draft/?value=eerlijkheid#norm-steekpenningen"' in page
    assert reverse("norms:edit", kwargs={"key": "steekpenningen"}) in page


def test_it_finds_retired_items_only_when_asked(en_client_for, editor, code):
    item_set_retired(item=code["bribes"], retired=True, user=editor)
    client = en_client_for("editor")

    assert found_keys(client.get(DRAFT, {"q": "steekpenning"})) == []
    response = client.get(DRAFT, {"q": "steekpenning", "retired": "on"})
    assert found_keys(response) == ["steekpenningen"]
    assert reverse("norms:restore", kwargs={"key": "steekpenningen"}) in text_of(response)


def test_it_lists_at_most_a_hundred_finds(en_client_for, editor, monkeypatch):
    monkeypatch.setattr(draft_views, "FOUND_SHOWN", 2)
    value = add_value(editor, "Eerlijkheid", key="eerlijkheid")
    for n in range(3):
        add_norm(editor, value, f"Melden {n}", key=f"melden-{n}")

    response = en_client_for("editor").get(DRAFT, {"q": "melden"})

    assert found_keys(response) == ["melden-0", "melden-1"]
    assert "3 items found" in text_of(response)
    assert "The first 2 are shown." in text_of(response)


def test_it_shows_one_value_in_full_with_its_retired_items(en_client_for, editor, code):
    item_set_retired(item=code["dinner"], retired=True, user=editor)

    response = en_client_for("editor").get(DRAFT, {"value": "eerlijkheid"})

    page = text_of(response)
    assert numbered(page) == [
        ("1.", "Eerlijkheid"),
        ("1.1", "Geschenken melden"),
        ("1.1.1", "Een fles wijn"),
        ("1.2", "Geen steekpenningen"),
    ]
    assert "Je meldt elk geschenk." in page
    assert "Retired under “Eerlijkheid”" in retired_section(page)
    assert "Een diner" in retired_section(page)
    assert "Bijblijven" not in page[: page.index("<aside")]


def test_it_refuses_an_unknown_value_or_kind_and_says_so(en_client_for, code):
    client = en_client_for("editor")

    for query in ({"value": "bestaat-niet"}, {"kind": "wish"}):
        response = client.get(DRAFT, query)

        assert response.status_code == 400
        assert response.context["search_form"].errors
        assert "Select a valid choice." in text_of(response)


def test_it_echoes_the_words_searched_for_as_text(client_for, code):
    page = text_of(client_for("editor").get(DRAFT, {"q": '"><script>alert(1)</script>'}))

    assert "<script>alert(1)" not in page
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in page


def test_it_refuses_a_search_to_an_employee(client_for, code):
    response = client_for("employee").get(DRAFT, {"q": "geschenk"})

    assert response.status_code == 403
    assert "Geschenken" not in text_of(response)


def test_it_shows_an_outline_of_titles_past_the_full_page_limit(en_client_for, code, monkeypatch):
    monkeypatch.setattr(draft_views, "FULL_PAGE_NORMS", 2)

    response = en_client_for("editor").get(DRAFT)

    page = text_of(response)
    assert response.context["mode"] == "outline"
    assert numbered(page) == [
        ("1.", "Eerlijkheid"),
        ("1.1", "Geschenken melden"),
        ("1.2", "Geen steekpenningen"),
        ("2.", "Deskundigheid"),
        ("2.1", "Bijblijven"),
    ]
    # Titles that open their value; no texts, examples or editing buttons.
    assert 'href="/draft/?value=eerlijkheid#norm-geschenken"' in page
    assert 'id="norm-geschenken"' in page
    main = page[: page.index("<aside")]  # the recent changes beside it name items too
    assert "Je meldt elk geschenk." not in main
    assert "Een fles wijn" not in main
    assert reverse("norms:edit", kwargs={"key": "geschenken"}) not in main
