"""/code/v<N>/: anchors, numbering, kinds, examples, citations, header and notices."""

import datetime
import json
import re
from pathlib import Path

import pytest
from django.urls import reverse

from codeapp.models import CodeVersion
from codeapp.versions.importing import code_import
from tests.helpers import (
    TITLE,
    add_norm,
    add_value,
    days,
    english,
    in_english,
    publish,
    set_profile,
    text_of,
)

pytestmark = pytest.mark.django_db

# A real code (English, untitled norms, values without description), sealed as version 1.
EXAMPLE = Path(__file__).resolve().parents[1] / "versions/examples/published-uk-icrir-v1.json"


def version_url(number: int) -> str:
    return reverse("codeapp:version", args=[number])


def block(page: str, element_id: str) -> str:
    """The page from the element with this id up to the next norm or value."""
    start = page.index(f'id="{element_id}"')
    end = re.compile(r'<li class="norm |<section class="value-block').search(page, start + 1)
    return page[start : end.start() if end else len(page)]


def test_it_shows_any_version(client_for, two_versions):
    response = client_for("anonymous").get(version_url(1))

    assert response.status_code == 200
    assert response.context["version"] == two_versions["v1"]


def test_it_answers_404_for_an_unknown_version(client_for, v1):
    assert client_for("anonymous").get(version_url(7)).status_code == 404


def test_it_anchors_every_value_and_norm(client_for, v1):
    page = text_of(client_for("anonymous").get(version_url(1)))

    for key in ["eerlijkheid", "deskundigheid"]:
        assert f'id="value-{key}"' in page
    for key in ["geschenken", "steekpenningen", "bijblijven"]:
        assert f'id="norm-{key}"' in page
    assert 'id="example-wijn"' in page


def test_it_numbers_values_norms_and_examples_in_code_order(client_for, v1):
    page = text_of(client_for("anonymous").get(version_url(1)))

    numbers = re.findall(r'<h[234][^>]*>(?:<span class="visually-hidden">[^<]*</span>)?'
                         r'<span class="item-number">([^<]+)</span>', page)  # fmt: skip
    assert numbers == ["1.", "1.1", "1.1.1", "1.1.2", "1.2", "2.", "2.1"]
    assert '<span class="item-number">1.1</span> <span>Geschenken melden</span>' in page


def test_it_groups_norms_under_their_value(client_for, v1):
    page = text_of(client_for("anonymous").get(version_url(1)))
    honesty = page[page.index('id="value-eerlijkheid"') : page.index('id="value-deskundigheid"')]

    assert 'id="norm-geschenken"' in honesty
    assert 'id="norm-steekpenningen"' in honesty
    assert 'id="norm-bijblijven"' not in honesty


def test_it_marks_each_norm_with_its_kind_in_words(client_for, v1):
    page = text_of(english(client_for("anonymous")).get(version_url(1)))

    assert re.search(
        r'kind-badge kind-badge-obligation">.*?must</span>', block(page, "norm-geschenken")
    )
    assert re.search(
        r'kind-badge-prohibition">.*?must not</span>', block(page, "norm-steekpenningen")
    )
    assert re.search(r'kind-badge-aspiration">.*?should</span>', block(page, "norm-bijblijven"))
    assert "Prohibition (must not)" in page  # the legend


def test_it_folds_examples_out_on_demand(client_for, v1):
    page = text_of(english(client_for("anonymous")).get(version_url(1)))
    gifts = block(page, "norm-geschenken")

    assert '<details class="examples">' in gifts
    assert "2 examples" in gifts
    assert '<details class="examples" open' not in gifts
    assert "Een fles wijn" in gifts
    assert '<details class="examples">' not in block(page, "norm-steekpenningen")


def test_it_shows_a_value_without_norms_without_an_authoring_note(client_for, code, titled, editor):
    add_value(editor, "Dienstbaarheid", "Wij dienen.", key="dienstbaarheid")
    publish(editor, days(0))

    page = text_of(english(client_for("anonymous")).get(version_url(1)))
    value = block(page, "value-dienstbaarheid")

    # Only what the sealed code says: the value and its description, no note to its authors.
    assert "Dienstbaarheid" in value and "Wij dienen." in value
    assert "No norms derive from this value yet." not in page
    assert "quiet-note" not in page


def test_it_names_a_norm_without_title_norm_and_its_number(client_for, code, titled, editor):
    add_norm(editor, code["expertise"], "", "obligation", "Je deelt je kennis.", key="delen")
    publish(editor, days(-1))

    page = text_of(english(client_for("anonymous")).get(version_url(1)))
    untitled = block(page, "norm-delen")

    # It reads “Norm 2.2”, not “2.2 must” followed by the text as if one sentence.
    assert '<h3 class="h5 mb-1">Norm 2.2</h3>' in untitled
    assert "Je deelt je kennis." in untitled


def test_it_has_a_table_of_contents(client_for, v1):
    page = text_of(english(client_for("anonymous")).get(version_url(1)))
    toc = page[page.index('<nav class="toc') : page.index("</nav>", page.index('<nav class="toc'))]

    assert 'href="#value-eerlijkheid"' in toc
    assert 'href="#value-deskundigheid"' in toc
    assert 'href="#preamble"' in toc
    assert "2 norms" in toc


def test_it_gives_every_value_and_norm_a_named_permalink(client_for, v1):
    page = text_of(english(client_for("anonymous")).get(reverse("codeapp:in-force")))

    assert (
        '<a class="permalink" href="/code/v1/#norm-steekpenningen"><span aria-hidden="true">#'
        '</span><span class="visually-hidden">Link to norm 1.2</span></a>'
    ) in page
    assert 'href="/code/v1/#value-deskundigheid"' in page
    assert "Link to core value 2" in page


def test_it_tells_how_to_cite_a_norm_and_a_value(client_for, v1):
    page = text_of(english(client_for("anonymous")).get(version_url(1)))
    date = in_english(v1.effective_from)

    assert f"{TITLE}, version 1 (in force from {date}), norm 1.2" in page
    assert f"{TITLE}, version 1 (in force from {date}), core value 2" in page
    assert "http://testserver/code/v1/#norm-steekpenningen" in page


def test_it_writes_citation_dates_in_the_interface_language(client_for, code, titled, editor):
    publish(editor, datetime.date(2025, 3, 1))

    dutch = text_of(client_for("anonymous").get(version_url(1)))
    english_page = text_of(english(client_for("anonymous")).get(version_url(1)))

    assert "1 maart 2025" in dutch
    assert "(in force from March 1, 2025), norm 1.1" in english_page


def test_it_shows_the_header_of_the_version(client_for, two_versions):
    v2 = two_versions["v2"]
    page = text_of(english(client_for("anonymous")).get(version_url(2)))

    assert f'<h1 class="h2" id="code-title" lang="nl">{TITLE}</h1>' in page
    assert "Version 2" in page
    assert "College van B&amp;W" in page
    assert in_english(v2.effective_from) in page
    assert "Nevenwerk toegevoegd." in page
    assert f"<code>{v2.sha256[:12]}…</code>" in page
    assert f'<code class="seal-full">{v2.sha256}</code>' in page
    assert f'href="{reverse("codeapp:version-pdf", args=[2])}"' in page
    assert f'href="{reverse("codeapp:version-compare", args=[1, 2])}"' in page
    assert f'href="{reverse("codeapp:versions")}"' in page


def test_it_renders_preamble_and_summary_markdown_safely(client_for, code, editor):
    set_profile(editor, title=TITLE, preamble="Voor **iedereen**. <script>alert(1)</script>")
    publish(editor, days(-1), summary="Met *nadruk*.")

    page = text_of(client_for("anonymous").get(version_url(1)))

    assert "<strong>iedereen</strong>" in page
    assert "<em>nadruk</em>" in page
    assert "<script>alert(1)</script>" not in page


def test_it_offers_no_compare_link_on_the_first_version(client_for, v1):
    page = text_of(client_for("anonymous").get(version_url(1)))

    assert "/code/compare/0/1/" not in page


def test_it_says_an_old_version_is_no_longer_in_force(client_for, two_versions):
    v1 = two_versions["v1"]
    page = text_of(english(client_for("anonymous")).get(version_url(1)))

    assert "No longer in force." in page
    until = in_english(two_versions["v2"].effective_from - datetime.timedelta(days=1))
    assert f"in force from {in_english(v1.effective_from)} until {until}" in page
    assert f'href="{reverse("codeapp:in-force")}"' in page
    assert "Read the version in force now (version 2)." in page


def test_it_says_a_future_version_comes_into_force_later(client_for, v1, editor):
    later = publish(editor, days(30))

    page = text_of(english(client_for("anonymous")).get(version_url(2)))

    assert "Not yet in force." in page
    assert f"This version comes into force on {in_english(later.effective_from)}." in page
    assert "Version 1 is in force until then." in page


def test_it_says_a_version_replaced_on_its_first_day_never_came_into_force(client_for, v1, editor):
    publish(editor, v1.effective_from)

    page = text_of(english(client_for("anonymous")).get(version_url(1)))

    assert "This version never came into force" in page


def test_it_marks_the_content_language_when_it_differs(client_for, code, editor):
    set_profile(editor, title="Our code", language="en")
    publish(editor, days(-1))

    dutch = text_of(client_for("anonymous").get(version_url(1)))
    english_page = text_of(english(client_for("anonymous")).get(version_url(1)))

    assert '<h1 class="h2" id="code-title" lang="en">Our code</h1>' in dutch
    assert 'id="code-title">Our code</h1>' in english_page


def test_it_reads_the_exchange_example_with_untitled_norms(client_for, editor):
    doc = json.loads(EXAMPLE.read_text())
    code_import(doc=doc, user=editor)

    response = english(client_for("anonymous")).get(version_url(1))
    page = text_of(response)

    assert response.status_code == 200
    assert CodeVersion.objects.get().sha256 == doc["version"]["sha256"]
    assert 'id="value-openness"' in page
    assert "Be truthful and accurate in your statements" in page
    assert "version 1 (in force from May 1, 2024), norm 1.2" in page


@pytest.mark.parametrize(
    ("path", "raw", "canonical"),
    [
        ("/code/v00001/", None, "/code/v1/"),
        ("/code/v1/", "/code/v%31/", "/code/v1/"),
        ("/code/v01/pdf/", None, "/code/v1/pdf/"),
        ("/code/v1/pdf/", "/code/v%31/pdf/", "/code/v1/pdf/"),
        ("/code/compare/01/002/", None, "/code/compare/1/2/"),
    ],
)
def test_a_version_has_one_address_the_others_redirect_to_it(
    client_for, two_versions, path, raw, canonical
):
    # The server decodes /code/v%31/ to /code/v1/; gunicorn keeps what was sent in RAW_URI.
    client = client_for("anonymous")

    response = client.get(path, **({"RAW_URI": raw} if raw else {}))

    assert response.status_code == 301
    assert response["Location"] == canonical
    assert client.get(canonical, RAW_URI=canonical).status_code == 200


def test_a_redirect_to_the_one_address_keeps_the_query(client_for, v1):
    response = client_for("anonymous").get("/code/v0001/?lang=en")

    assert response.status_code == 301
    assert response["Location"] == "/code/v1/?lang=en"
