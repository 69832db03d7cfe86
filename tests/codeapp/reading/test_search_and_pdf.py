"""Searching the version in force (Dutch stemming, ranking, safe snippets) and its PDF."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from codeapp.models import CodeProfile
from codeapp.versions.services import version_publish
from tests.helpers import add_example, add_norm, add_value
from tests.helpers.pdfs import assert_accessible_pdf

pytestmark = pytest.mark.django_db


def translation_client(client, language: str):
    """The reader's interface language (it does not decide the PDF's)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.fixture
def published(editor, officer):
    honesty = add_value(editor, "Eerlijkheid", "Wij zijn eerlijk.", key="eerlijkheid")
    gifts = add_norm(
        editor, honesty, "Geschenken melden", "obligation",
        "Je meldt elk geschenk en elke uitnodiging bij je leidinggevende.", key="geschenken",
    )  # fmt: skip
    add_norm(editor, honesty, "Geen steekpenningen", "prohibition", "Je neemt geen geld aan.",
             key="steekpenningen")  # fmt: skip
    add_example(editor, gifts, "Een fles wijn", key="wijn")
    return version_publish(
        user=officer,
        effective_from=datetime.date(2025, 1, 1),
        established_by="College van B&W",
        change_summary="Eerste versie.",
        retroactive=True,
        retroactive_reason="Besluit met terugwerkende kracht.",
    )


def test_it_finds_a_norm_by_a_word_in_it_with_dutch_stemming(client, published):
    # "geschenken" in the text; the query uses the singular: Dutch stemming matches both.
    response = client.get(reverse("codeapp:search"), {"q": "geschenk"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="/code/v1/#norm-geschenken"' in page
    assert "<mark>" in page


def test_it_ranks_title_matches_first(client, published):
    response = client.get(reverse("codeapp:search"), {"q": "steekpenningen"})
    hits = response.context["hits"]
    assert hits[0].entry.key == "steekpenningen"


def test_it_links_an_example_to_its_norm(client, published):
    response = client.get(reverse("codeapp:search"), {"q": "leverancier wijn"})
    anchors = [hit.anchor for hit in response.context["hits"]]
    assert "norm-geschenken" in anchors


@pytest.mark.parametrize(
    "query", ["", "   ", "<script>alert(1)</script>", "a\x00b", "'\"&|!():*", "x" * 5000, "-"]
)
def test_odd_queries_never_fail(client, published, query):
    response = client.get(reverse("codeapp:search"), {"q": query})
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content


def test_snippets_escape_the_code_text(client, editor, officer):
    value = add_value(editor, "Openheid", key="openheid")
    add_norm(editor, value, "Scripts", "obligation", "Schrijf nooit <script>alert(1)</script> open",
             key="scripts")  # fmt: skip
    version_publish(user=officer, effective_from=datetime.date(2025, 1, 1), established_by="x",
                    change_summary="", retroactive=True,
                    retroactive_reason="Besluit met terugwerkende kracht.")  # fmt: skip
    response = client.get(reverse("codeapp:search"), {"q": "schrijf"})
    assert b"<script>alert" not in response.content
    assert "alert(1)" in str(response.context["hits"][0].snippet)


def test_search_without_a_version_says_so(client):
    response = client.get(reverse("codeapp:search"), {"q": "geschenk"})
    assert response.status_code == 200
    assert response.context["version"] is None


def test_search_follows_code_public(client, published, settings, employee):
    settings.CODE_PUBLIC = False
    assert client.get(reverse("codeapp:search"), {"q": "geschenk"}).status_code == 302
    client.force_login(employee)
    assert client.get(reverse("codeapp:search"), {"q": "geschenk"}).status_code == 200


def test_search_query_count_is_bounded(client, published, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        client.get(reverse("codeapp:search"), {"q": "geschenk"})


def test_the_pdf_has_title_version_dates_and_seal(client, published):
    response = client.get(reverse("codeapp:version-pdf", args=[1]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    # Named after the code and its version, in the code's language (Dutch here).
    assert response["Content-Disposition"] == 'inline; filename="gedragscode-versie-1.pdf"'


def test_the_pdf_is_tagged_for_screen_readers_with_its_outline_as_headings(client, published):
    tagged = assert_accessible_pdf(
        client.get(reverse("codeapp:version-pdf", args=[1])).content,
        language="nl",
        title="Gedragscode – versie 1",
    )

    # The code's title, then its values, norms and examples as headings one level down each.
    assert {"H1", "H2", "H3", "H4"} <= set(tagged.structure)
    assert tagged.structure.count("H3") == 2  # the two norms
    assert "Table" in tagged.structure  # the version's facts


def test_the_pdf_is_named_in_the_language_of_the_code(client, published, officer):
    CodeProfile.objects.filter(pk=CodeProfile.current().pk).update(
        title="Code of Conduct of Zoë's Town", language="en"
    )
    version_publish(
        user=officer,
        effective_from=datetime.date(2025, 6, 1),
        established_by="Council",
        change_summary="",
        retroactive=True,
        retroactive_reason="Besluit met terugwerkende kracht.",
    )

    response = translation_client(client, "nl").get(reverse("codeapp:version-pdf", args=[2]))

    expected = 'inline; filename="code-of-conduct-of-zoes-town-version-2.pdf"'
    assert response["Content-Disposition"] == expected
    # Its language and title are the code's too, whatever the reader's interface language.
    assert_accessible_pdf(
        response.content, language="en", title="Code of Conduct of Zoë's Town – version 2"
    )


def test_the_pdf_of_an_unknown_version_is_404(client, published):
    assert client.get(reverse("codeapp:version-pdf", args=[7])).status_code == 404


def test_the_pdf_follows_code_public(client, published, settings):
    settings.CODE_PUBLIC = False
    assert client.get(reverse("codeapp:version-pdf", args=[1])).status_code == 302


def test_the_pdf_refuses_other_methods(client, published):
    assert client.post(reverse("codeapp:version-pdf", args=[1])).status_code == 405


@pytest.fixture
def drawn(monkeypatch) -> list[str]:
    """The HTML each PDF is drawn from (WeasyPrint is not asked to draw it)."""
    from codeapp.reading import pdf as printing

    drawn = []

    def draw(html, *stylesheets):
        drawn.append(" ".join(html.split()))
        return b"%PDF-"

    monkeypatch.setattr(printing, "pdf_from_html", draw)
    return drawn


def test_the_pdf_says_only_what_the_code_says_and_names_untitled_norms(
    client, editor, officer, drawn
):
    honesty = add_value(editor, "Eerlijkheid", key="eerlijkheid")
    add_norm(editor, honesty, "", "prohibition", "Je neemt geen geld aan.", key="geld")
    add_value(editor, "Dienstbaarheid", key="dienstbaarheid")
    version_publish(
        user=officer, effective_from=timezone.localdate(), established_by="B&W", change_summary=""
    )

    assert client.get(reverse("codeapp:version-pdf", args=[1])).status_code == 200
    html = drawn[0]
    assert "<h3>Norm 1.1 <span" in html
    assert "Dienstbaarheid" in html and "nog geen normen" not in html and "no-norms" not in html


def test_the_pdf_says_a_version_has_retroactive_effect_and_why(client, published, drawn):
    assert client.get(reverse("codeapp:version-pdf", args=[1])).status_code == 200

    with translation.override("nl"):
        today = date_format(timezone.localdate(), "j F Y")
    # In the code's language (Dutch).
    assert f"Vastgesteld op {today}, met terugwerkende kracht vanaf 1 januari 2025." in drawn[0]
    assert "Reden: Besluit met terugwerkende kracht." in drawn[0]
