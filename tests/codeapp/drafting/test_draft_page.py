"""The working draft as one page: numbering, badges, retired items, safe Markdown, bounded SQL."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from codeapp.drafting.views import draft as draft_views
from core.services import item_set_retired, item_update
from norms.models import Norm
from tests.helpers import add_example, add_norm, add_value, text_of

pytestmark = pytest.mark.django_db

DRAFT = reverse("codeapp:draft")
HOME = reverse("home")


def numbered(page: str) -> list[tuple[str, str]]:
    """(number, title) of every numbered heading, in page order."""
    return [
        (number, title.strip())
        for number, title in re.findall(r'class="item-number">([^<]+)</span>\s*([^<\n]+)', page)
    ]


def element(page: str, element_id: str) -> str:
    """The page from the element with this id up to the end of its heading."""
    start = page.index(f'id="{element_id}"')
    end = re.compile(r"</h[234]>").search(page, start).end()
    return page[start:end]


def retired_section(page: str) -> str:
    start = page.index('<section class="retired')
    return page[start : page.index("</section>", start)]


# --- who sees what -------------------------------------------------------------------------


def test_it_shows_the_home_page_to_anonymous_visitors_and_employees(client_for):
    for persona in ["anonymous", "employee"]:
        response = client_for(persona).get(HOME)
        assert response.status_code == 200
        assert "codeapp/home.html" in [t.name for t in response.templates]


@pytest.mark.parametrize("persona", ["editor", "admin"])
def test_it_sends_draft_editors_from_home_to_the_draft(persona, client_for):
    response = client_for(persona).get(HOME)

    assert response.status_code == 302
    assert response["Location"] == DRAFT


def test_it_sends_integrity_officers_from_home_to_the_review_queue(client_for):
    response = client_for("officer").get(HOME)

    assert response.status_code == 302
    assert response["Location"] == reverse("reflection:review")


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_refuses_other_methods_on_home_and_draft(method, client_for, code):
    client = client_for("editor")

    assert getattr(client, method)(HOME).status_code == 405
    assert getattr(client, method)(DRAFT).status_code == 405


def test_it_sends_anonymous_visitors_to_sign_in(client_for, code):
    response = client_for("anonymous").get(DRAFT)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/draft/"


def test_it_refuses_the_draft_to_an_employee(client_for, code):
    assert client_for("employee").get(DRAFT).status_code == 403


def test_it_shows_editors_the_editing_buttons(client_for, code):
    page = text_of(client_for("editor").get(DRAFT))

    assert reverse("values:create") in page
    assert reverse("values:edit", kwargs={"key": "eerlijkheid"}) in page
    assert reverse("norms:move", kwargs={"key": "geschenken"}) in page
    assert reverse("norms:example-retire", kwargs={"key": "wijn"}) in page
    assert reverse("norms:create") + "?value=eerlijkheid" in page
    assert reverse("norms:example-create") + "?norm=geschenken" in page


def test_it_shows_officers_the_draft_without_editing_buttons(client_for, code):
    response = client_for("officer").get(DRAFT)

    assert response.status_code == 200
    page = text_of(response)
    assert "Geschenken melden" in page
    assert reverse("norms:history", kwargs={"key": "geschenken"}) in page
    assert "/edit/" not in page
    assert "/move/" not in page
    assert "/retire/" not in page
    assert reverse("values:create") not in page


def test_it_invites_to_start_an_empty_code(en_client_for):
    response = en_client_for("editor").get(DRAFT)

    assert response.status_code == 200
    assert "The code has no core values yet" in text_of(response)


# --- the document --------------------------------------------------------------------------


def test_it_numbers_values_norms_and_examples(client_for, code):
    page = text_of(client_for("editor").get(DRAFT))

    assert numbered(page) == [
        ("1.", "Eerlijkheid"),
        ("1.1", "Geschenken melden"),
        ("1.1.1", "Een fles wijn"),
        ("1.1.2", "Een diner"),
        ("1.2", "Geen steekpenningen"),
        ("2.", "Deskundigheid"),
        ("2.1", "Bijblijven"),
    ]
    assert 'id="value-eerlijkheid"' in page
    assert 'id="norm-geschenken"' in page
    assert 'id="example-wijn"' in page


def test_it_follows_the_order_after_a_move(client_for, code):
    client = client_for("editor")
    client.post(reverse("values:move", kwargs={"key": "deskundigheid"}), {"direction": "up"})

    page = text_of(client.get(DRAFT))

    assert [n for n in numbered(page) if "." in n[0] and n[0].endswith(".")] == [
        ("1.", "Deskundigheid"),
        ("2.", "Eerlijkheid"),
    ]
    assert ("2.1", "Geschenken melden") in numbered(page)


def test_it_shows_the_kind_of_each_norm_as_a_badge(en_client_for, code):
    page = text_of(en_client_for("editor").get(DRAFT))

    assert 'kind-badge-obligation">must</span>' in element(page, "norm-geschenken")
    assert 'kind-badge-prohibition">must not</span>' in element(page, "norm-steekpenningen")
    assert 'kind-badge-aspiration">should</span>' in element(page, "norm-bijblijven")


def test_it_shows_related_values_and_legal_basis(client_for, editor, code):
    item_update(
        item=code["gifts"],
        expected_revision=1,
        changes={"related_values": ["deskundigheid"], "legal_basis": ["art. 1", "art. 2"]},
        user=editor,
    )

    page = text_of(client_for("editor").get(DRAFT))

    norm = page[page.index('id="norm-geschenken"') : page.index('id="norm-steekpenningen"')]
    assert "<dd>Deskundigheid</dd>" in norm
    assert "<dd>art. 1; art. 2</dd>" in norm


def test_it_lists_retired_items_apart_and_leaves_them_out_of_the_numbering(
    en_client_for, editor, code
):
    item_set_retired(item=code["bribes"], retired=True, user=editor)
    item_set_retired(item=code["dinner"], retired=True, user=editor)

    page = text_of(en_client_for("editor").get(DRAFT))

    assert numbered(page) == [
        ("1.", "Eerlijkheid"),
        ("1.1", "Geschenken melden"),
        ("1.1.1", "Een fles wijn"),
        ("2.", "Deskundigheid"),
        ("2.1", "Bijblijven"),
    ]
    section = retired_section(page)
    assert "Retired items" in section
    assert "Geen steekpenningen" in section
    assert "Een diner" in section
    assert reverse("norms:restore", kwargs={"key": "steekpenningen"}) in section
    assert reverse("norms:example-restore", kwargs={"key": "diner"}) in section


def test_it_lists_the_examples_of_a_retired_norm_as_under_a_retired_item(
    en_client_for, editor, code
):
    item_set_retired(item=code["gifts"], retired=True, user=editor)

    section = retired_section(text_of(en_client_for("editor").get(DRAFT)))

    assert "Geschenken melden" in section
    assert section.count("(under a retired item)") == 2
    # Only the retired norm itself can be restored; its examples were never retired.
    assert reverse("norms:restore", kwargs={"key": "geschenken"}) in section
    assert reverse("norms:example-restore", kwargs={"key": "wijn"}) not in section


def test_it_shows_no_restore_button_to_an_officer(client_for, editor, code):
    item_set_retired(item=code["bribes"], retired=True, user=editor)

    section = retired_section(text_of(client_for("officer").get(DRAFT)))

    assert "Geen steekpenningen" in section
    assert "/restore/" not in section


def test_it_marks_an_item_edited_recently(en_client_for, editor, code):
    client = en_client_for("editor")
    assert "badge-recent" not in text_of(client.get(DRAFT))  # only creations so far

    item_update(
        item=code["gifts"],
        expected_revision=1,
        changes={"text": "Je meldt elk geschenk meteen."},
        user=editor,
    )
    page = text_of(client.get(DRAFT))

    assert "changed recently" in element(page, "norm-geschenken")
    assert "badge-recent" not in element(page, "norm-steekpenningen")
    assert "badge-recent" not in element(page, "value-eerlijkheid-heading")
    assert page.count('class="badge badge-recent"') == 1


def test_it_does_not_mark_an_edit_older_than_the_recent_period(client_for, editor, code):
    item_update(item=code["gifts"], expected_revision=1, changes={"text": "Oud."}, user=editor)
    Norm.history.filter(key="geschenken", history_type="~").update(
        history_date=timezone.now() - timedelta(days=15)
    )

    page = text_of(client_for("editor").get(DRAFT))

    assert "badge-recent" not in page


def test_it_lists_recent_changes_with_who_and_why(client_for, editor2, code):
    item_update(
        item=code["gifts"],
        expected_revision=1,
        changes={"text": "Nieuw."},
        user=editor2,
        reason="Na de sessie",
    )

    page = text_of(client_for("editor").get(DRAFT))

    panel = page[page.index('class="recent-panel') :]
    assert "editor2" in panel
    assert "<q>Na de sessie</q>" in panel


# --- Markdown --------------------------------------------------------------------------------


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def tags_of(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = TagCollector()
    parser.feed(html)
    return parser.tags


def test_it_renders_markdown(client_for, code):
    page = text_of(client_for("editor").get(DRAFT))

    assert "Wij zijn <strong>eerlijk</strong>." in page
    assert "Wij zijn **eerlijk**." not in page


def test_it_sanitises_what_users_write(client_for, editor):
    hostile = "\n\n".join(
        [
            "Eerst <script>alert(1)</script> dan",
            "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "[y](JaVaScRiPt:alert(2))",
            "<javascript:alert(3)>",
            "[z](data:text/html;base64,PHNjcmlwdD5hbGVydCg0KTwvc2NyaXB0Pg==)",
            '![plaatje](x" onerror="alert(5))',
            '<a href="javascript:alert(6)" onclick="alert(7)">klik</a>',
            "[goed](https://example.org/)",
        ]
    )
    value = add_value(editor, "Veiligheid", hostile)
    norm = add_norm(editor, value, "Veilige norm", text=hostile)
    add_example(editor, norm, "Veilig voorbeeld")

    page = text_of(client_for("editor").get(DRAFT))

    assert "<script>alert" not in page
    for tag, attrs in tags_of(page):
        assert tag not in {"img", "iframe", "object", "embed"}, (tag, attrs)
        if tag == "script":
            assert dict(attrs).get("src", "").startswith("/static/"), attrs
        for name, attr_value in attrs:
            assert not name.startswith("on"), (tag, attrs)
            assert not (attr_value or "").strip().lower().startswith(("javascript:", "data:")), (
                tag,
                attrs,
            )
    # Raw HTML from users only ever appears as text.
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    # The one harmless link survives, marked as leaving the site.
    assert '<a href="https://example.org/" rel="noopener noreferrer nofollow">goed</a>' in page


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
