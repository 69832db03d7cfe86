"""A published version as a Word (.docx) and OpenDocument (.odt) file: numbered as on the site,
kinds visible, examples set apart, a title block, real headings, the code's language — and
only what the sealed version says."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.services import item_update
from tests.helpers import TITLE, build_large_code, days, nl_date, publish, set_profile
from tests.helpers.wordfiles import (
    docx_headings,
    docx_language,
    docx_of,
    docx_paragraphs,
    odt_headings,
    odt_language,
    odt_of,
    odt_paragraph_texts,
)

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"

HEADINGS = [
    "Inleiding",
    "1. Eerlijkheid",
    "1.1 Geschenken melden",
    "1.2 Geen steekpenningen",
    "2. Deskundigheid",
    "2.1 Bijblijven",
]


def test_it_downloads_a_version_as_a_word_file_named_after_the_code(client_for, v1):
    response = client_for("anonymous").get(reverse("codeapp:version-docx", args=[1]))

    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="gedragscode-gemeente-voorbeeld-v1.docx"'
    )


def test_it_numbers_the_word_file_as_the_site_with_real_headings(client_for, v1):
    document = docx_of(client_for("employee").get(reverse("codeapp:version-docx", args=[1])))

    headings = docx_headings(document)
    assert [text for _style, text in headings] == HEADINGS
    assert [style for style, _text in headings] == [
        "Heading 1", "Heading 1", "Heading 2", "Heading 2", "Heading 1", "Heading 2",
    ]  # fmt: skip


def test_it_shows_each_norms_kind_and_sets_examples_apart(client_for, v1):
    paragraphs = docx_paragraphs(
        docx_of(client_for("employee").get(reverse("codeapp:version-docx", args=[1])))
    )

    kinds = [text for style, text in paragraphs if style == "Norm Kind"]
    assert kinds == ["Soort: moet", "Soort: mag niet", "Soort: streeft naar"]
    examples = [(style, text) for style, text in paragraphs if style.startswith("Example")]
    assert examples == [
        ("Example Heading", "Voorbeeld 1.1.1: Een fles wijn"),
        ("Example", "Een leverancier stuurt wijn."),
        ("Example Heading", "Voorbeeld 1.1.2: Een diner"),
        ("Example", "Een leverancier stuurt wijn."),
    ]


def test_its_title_block_holds_title_version_dates_and_seal(client_for, v1):
    document = docx_of(client_for("employee").get(reverse("codeapp:version-docx", args=[1])))

    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[0].text == TITLE
    facts = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert facts["Versie"] == "1"
    assert facts["Zegel (SHA-256)"] == v1.sha256
    assert facts["Vastgesteld door"] == "College van B&W"
    assert facts["In werking vanaf"] == nl_date(v1.effective_from)
    # The preamble, with its Markdown bold kept as bold.
    preamble = next(p for p in document.paragraphs if p.text.startswith("Deze code"))
    assert [r.text for r in preamble.runs if r.bold] == ["iedereen"]


def test_its_language_and_properties_are_the_codes(client_for, v1):
    response = client_for("employee").get(reverse("codeapp:version-docx", args=[1]))
    document = docx_of(response)

    assert docx_language(response) == "nl-NL"
    assert document.core_properties.language == "nl-NL"
    assert document.core_properties.title == TITLE
    assert document.core_properties.subject.startswith("Versie 1, in werking vanaf")


def test_it_downloads_a_version_as_an_opendocument_file(client_for, v1):
    response = client_for("anonymous").get(reverse("codeapp:version-odt", args=[1]))

    assert response.status_code == 200
    assert response["Content-Type"] == ODT
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="gedragscode-gemeente-voorbeeld-v1.odt"'
    )
    document = odt_of(response)
    headings = odt_headings(document)
    assert [text for _level, _style, text in headings] == HEADINGS
    assert [(level, style) for level, style, _text in headings] == [
        (1, "Heading 1"), (1, "Heading 1"), (2, "Heading 2"), (2, "Heading 2"),
        (1, "Heading 1"), (2, "Heading 2"),
    ]  # fmt: skip
    texts = odt_paragraph_texts(document)
    assert texts[0] == TITLE
    assert ["Soort: moet", "Soort: mag niet", "Soort: streeft naar"] == [
        t for t in texts if t.startswith("Soort:")
    ]
    assert "Voorbeeld 1.1.1: Een fles wijn" in texts
    assert odt_language(document) == ("nl", "NL")


def test_a_version_file_says_only_what_the_sealed_version_says(client_for, code, v1, editor):
    # The draft moves on after version 1: none of it may reach version 1's files.
    item_update(
        item=code["gifts"], expected_revision=code["gifts"].revision,
        changes={"text": "GEHEIM: nog niet vastgesteld."}, user=editor,
    )  # fmt: skip
    client = client_for("anonymous")

    word = docx_paragraphs(docx_of(client.get(reverse("codeapp:version-docx", args=[1]))))
    odt = odt_paragraph_texts(odt_of(client.get(reverse("codeapp:version-odt", args=[1]))))

    for texts in ([t for _s, t in word], odt):
        assert not any("GEHEIM" in t for t in texts)
        sealed = [n["text"] for v in v1.document["values"] for n in v["norms"]]
        assert all(text in texts for text in sealed)


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_an_unknown_version_is_not_found(client_for, v1, fmt):
    response = client_for("employee").get(reverse(f"codeapp:version-{fmt}", args=[9]))

    assert response.status_code == 404


def test_the_version_page_links_to_both_files(client_for, v1):
    page = client_for("anonymous").get(reverse("codeapp:version", args=[1])).content.decode()

    assert 'href="/code/v1/docx/"' in page
    assert 'href="/code/v1/odt/"' in page


def _queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_it_needs_as_many_queries_for_a_large_code_as_for_a_small_one(
    client_for, editor, fmt, django_assert_max_num_queries
):
    build_large_code(editor, values=2, norms=1, examples=1)
    publish(editor, days(-20))
    build_large_code(editor, values=10, norms=10, examples=2, prefix="groot")
    publish(editor, days(-10))
    client = client_for("employee")

    small = _queries(client, reverse(f"codeapp:version-{fmt}", args=[1]))
    large = _queries(client, reverse(f"codeapp:version-{fmt}", args=[2]))

    assert small == large
    with django_assert_max_num_queries(6):
        client.get(reverse(f"codeapp:version-{fmt}", args=[2]))


def test_a_title_without_latin_letters_still_names_the_file(client_for, code, editor):
    set_profile(editor, title="Κώδικας")
    publish(editor, days(-1))

    response = client_for("employee").get(reverse("codeapp:version-odt", args=[1]))

    assert response["Content-Disposition"] == 'attachment; filename="code-v1.odt"'
    assert odt_paragraph_texts(odt_of(response))[0] == "Κώδικας"


def test_a_private_codes_file_is_kept_by_no_cache(client_for, v1, settings):
    settings.CODE_PUBLIC = False

    anonymous = client_for("anonymous").get(reverse("codeapp:version-docx", args=[1]))
    employee = client_for("employee").get(reverse("codeapp:version-docx", args=[1]))

    assert anonymous.status_code == 302
    assert employee.status_code == 200
    assert "no-store" in employee["Cache-Control"]
