"""The working draft as one page: who sees it, numbering, badges, retired items, safe Markdown."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from core.services import item_set_retired, item_update
from norms.models import Norm
from tests.helpers import add_example, add_norm, add_value, text_of
from tests.helpers.drafting import DRAFT, HOME, element, numbered, retired_section

pytestmark = pytest.mark.django_db


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
