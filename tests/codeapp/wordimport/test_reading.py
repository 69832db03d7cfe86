"""Reading .docx and .odt files into paragraphs: structure, tracked changes, footnotes,
tables, odd characters, and every kind of file that cannot be read."""

import pytest
from django.utils import translation

from codeapp.wordimport.reading import Unreadable, normalise, read_document
from tests.helpers.word import (
    ENCRYPTED,
    LIBREOFFICE_GIR,
    empty_docx,
    gedragscode_docx,
    gedragscode_odt,
    zip_bomb,
    zipped,
)

MAX = 10_000_000


@pytest.fixture(autouse=True)
def _english():
    """The messages in English (the tests of the pages read them in Dutch)."""
    with translation.override("en"):
        yield


def texts(data: bytes, name: str = "gedragscode.docx") -> list[str]:
    return [p.text for p in read_document(data, file_name=name, max_bytes=MAX).paragraphs]


def test_it_reads_headings_lists_and_tables_of_a_docx():
    read = read_document(gedragscode_docx(), file_name="x.docx", max_bytes=MAX)
    by_text = {p.text: p for p in read.paragraphs}

    assert read.paragraphs[0].title and read.paragraphs[0].text == (
        "Gedragscode Gemeente Lindewaard"
    )
    # Typed numbering and "Hoofdstuk 2:" are not part of the value's name.
    assert [p.text for p in read.paragraphs if p.heading] == [
        "Integriteit", "Respect", "Nevenwerkzaamheden",
    ]  # fmt: skip
    assert by_text["Je gaat zorgvuldig om met vertrouwelijke informatie."].listed
    assert by_text["Pesten en intimidatie zijn niet toegestaan."].listed
    row = by_text["Bestuursfunctie — Je meldt het binnen een maand."]
    assert row.table and not row.heading


def test_it_reads_tracked_changes_as_accepted():
    found = texts(gedragscode_docx())

    assert "Je meldt een geschenk binnen twee dagen." in found
    assert not any("binnen een week" in text for text in found)


def test_it_drops_footnotes_and_their_marks():
    found = texts(gedragscode_docx())

    assert "Je mag geen geschenken aannemen met een waarde boven € 50." in found
    assert not any("125quater" in text for text in found)


def test_it_normalises_odd_characters():
    found = texts(gedragscode_docx())

    assert 'Je behandelt iedereen met "respect" en zonder vooroordelen.' in found
    assert "Wij streven naar openheid over wat je naast je werk doet." in found
    assert all("\u00a0" not in t and "\u00ad" not in t and "\u200b" not in t for t in found)
    assert normalise("a\u00a0\u00a0b\u2019s \ufeff\u201cc\u201d") == 'a b\'s "c"'
    assert normalise("a\x00b\x07c\x1f\r\nd") == "abc\nd"


def test_it_takes_the_title_paragraph_before_the_document_properties():
    read = read_document(gedragscode_docx(), file_name="x.docx", max_bytes=MAX)

    assert read.title == "Gedragscode (eigenschappen)"  # the fallback, from the properties
    assert read.paragraphs[0].title


def test_it_reads_an_odt_with_its_footnote_dropped():
    read = read_document(gedragscode_odt(), file_name="hunze.odt", max_bytes=MAX)
    found = [p.text for p in read.paragraphs]

    assert read.title == "hunze"  # no title in its properties: the file's name
    assert found[0] == "Gedragscode Waterschap Hunze" and read.paragraphs[0].title
    assert [p.text for p in read.paragraphs if p.heading] == ["Betrouwbaarheid", "Openheid"]
    assert "Het is verboden om bedrijfsmiddelen privé te gebruiken." in found
    assert "Je gaat zuinig om met het geld van de belastingbetaler." in found
    assert not any("Waterschapswet" in text for text in found)
    # Its tracked changes as accepted.
    assert "Je meldt een geschenk binnen twee dagen." in found
    assert not any("een week" in text for text in found)
    assert "Lidmaatschap — Je meldt een lidmaatschap van een politieke partij niet." in found


def test_it_reads_a_document_libreoffice_wrote():
    read = read_document(LIBREOFFICE_GIR.read_bytes(), file_name="gir.docx", max_bytes=MAX)
    paragraphs = read.paragraphs

    assert paragraphs[0].title and paragraphs[0].text == "Gedragscode Integriteit Rijk"
    assert [p.text for p in paragraphs if p.heading] == [
        "Integer handelen", "Omgaan met informatie", "Geschenken en uitnodigingen",
        "Nevenwerkzaamheden",
    ]  # fmt: skip
    listed = [p.text for p in paragraphs if p.listed]
    assert "Je legt bij je indiensttreding de ambtseed of -belofte af." in listed
    assert any(p.style == "Voorbeeld" for p in paragraphs)
    assert "Geschenk boven € 50 — Je mag het niet aannemen." in [p.text for p in paragraphs]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (ENCRYPTED, "protected with a password"),
        (b"%PDF-1.7\n" + b"x" * 100, "not a Word document"),
        (zipped({"xl/workbook.xml": b"<workbook/>"}), "not a Word document"),
        (gedragscode_docx()[:2000], "damaged"),
        (zipped({"word/document.xml": b"<w:document><not-closed>"}), "damaged"),
        (
            zipped(
                {
                    "mimetype": b"application/vnd.oasis.opendocument.text",
                    "content.xml": b"?",
                    "META-INF/manifest.xml": b"<encryption-data/>",
                }
            ),
            "protected with a password",
        ),  # fmt: skip
        (empty_docx(), "has no text"),
    ],
    ids=["encrypted", "pdf", "spreadsheet", "truncated", "bad-xml", "encrypted-odt", "empty"],
)
def test_it_refuses_what_it_cannot_read_with_a_clear_message(data, message):
    with pytest.raises(Unreadable) as refused:
        read_document(data, file_name="code.docx", max_bytes=MAX)

    assert message in refused.value.message


def test_it_refuses_a_file_over_the_limit():
    with pytest.raises(Unreadable) as refused:
        read_document(gedragscode_docx(), file_name="x.docx", max_bytes=1000)

    assert "may be at most" in refused.value.message


def test_it_refuses_a_zip_bomb():
    with pytest.raises(Unreadable) as refused:
        read_document(zip_bomb(2_000_000), file_name="x.docx", max_bytes=100_000)

    assert "unpacks to" in refused.value.message
