"""Word and OpenDocument files for the Word import tests, written here with python-docx and
odfpy (and raw XML where python-docx has no API: footnotes, tracked changes)."""

import io
import zipfile

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from odf.dc import Creator, Date
from odf.namespaces import TEXTNS, XMLNS
from odf.office import ChangeInfo
from odf.opendocument import OpenDocumentText
from odf.style import Style, TextProperties
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import (
    Change,
    ChangedRegion,
    ChangeEnd,
    ChangeStart,
    Deletion,
    H,
    Insertion,
    List,
    ListItem,
    Note,
    NoteBody,
    NoteCitation,
    P,
    Span,
    TrackedChanges,
)

from tests.helpers import ROOT

LIBREOFFICE_GIR = ROOT / "tests" / "fixtures" / "gir-2019-libreoffice.docx"

PREAMBLE = (
    "Deze gedragscode geldt voor iedereen die voor de gemeente Lindewaard werkt: "
    "medewerkers, stagiairs en ingehuurde krachten."
)


def _saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _tracked_paragraph() -> object:
    """A norm with a tracked insertion and deletion: accepted, it reads "…binnen twee dagen."."""
    return parse_xml(
        f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="ListNumber"/></w:pPr>'
        '<w:r><w:t xml:space="preserve">Je meldt een geschenk </w:t></w:r>'
        '<w:del w:id="1" w:author="P&amp;O" w:date="2019-03-01T10:00:00Z">'
        '<w:r><w:delText xml:space="preserve">binnen een week</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="P&amp;O" w:date="2019-03-01T10:00:00Z">'
        '<w:r><w:t xml:space="preserve">binnen twee dagen</w:t></w:r></w:ins>'
        "<w:r><w:t>.</w:t></w:r></w:p>"
    )


FOOTNOTES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f"<w:footnotes {nsdecls('w')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote>"
    '<w:footnote w:id="1"><w:p><w:r><w:t>Artikel 125quater Ambtenarenwet.</w:t></w:r></w:p>'
    "</w:footnote></w:footnotes>"
)


def _with_footnotes(data: bytes) -> bytes:
    """The package with a footnotes part (python-docx cannot add one)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            elif item.filename == "word/_rels/document.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                    b"</Relationships>",
                )
            target.writestr(item, content)
        target.writestr("word/footnotes.xml", FOOTNOTES_XML)
    return out.getvalue()


def gedragscode_docx() -> bytes:
    """A municipality's code as an editor wrote it in Word.

    Title; preamble; three headings (one numbered "1." by hand, one "Hoofdstuk 2:"); norms as
    a numbered list, a bulleted list, plain paragraphs and a table; an example by its
    "Voorbeeld:" opening and one by its style; a footnote; a tracked change; odd characters
    (non-breaking spaces, a soft hyphen, curly quotes, a zero-width space).
    """
    document = docx.Document()
    document.core_properties.title = "Gedragscode (eigenschappen)"
    document.add_paragraph("Gedragscode Gemeente Lindewaard", style="Title")
    document.add_paragraph(PREAMBLE)
    document.add_heading("1. Integriteit", level=1)
    document.add_paragraph(
        "Je gaat zorgvuldig om met vertrouwelijke informatie.", style="List Number"
    )
    gift = document.add_paragraph(
        "Je mag geen geschenken aannemen met een waarde boven\u00a0€\u00a050.",
        style="List Number",
    )
    # A footnote reference in the norm: the footnote itself is dropped, the mark too.
    gift._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
            '<w:footnoteReference w:id="1"/></w:r>'
        )
    )
    document.add_paragraph(
        "Voorbeeld: Een aannemer biedt je na afloop van een project een fles wijn aan."
    )
    document.element.body.sectPr.addprevious(_tracked_paragraph())
    document.add_heading("Hoofdstuk 2: Respect", level=1)
    document.add_paragraph(
        "Je behandelt iedereen met \u201crespect\u201d en zonder vooroor\u00addelen.",
        style="List Bullet",
    )
    document.add_paragraph("Pesten en intimidatie zijn niet toegestaan.", style="List Bullet")
    example_style = document.styles.add_style("Voorbeeldsituatie", 1)
    document.add_paragraph(
        "Een collega maakt grappen over de afkomst van een inwoner.", style=example_style
    )
    document.add_heading("Nevenwerkzaamheden", level=1)
    document.add_paragraph("Wij streven naar open\u200bheid over wat je naast je werk doet.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Betaalde nevenfunctie"
    table.cell(0, 1).text = "Je moet het vooraf melden bij je leidinggevende."
    table.cell(1, 0).text = "Bestuursfunctie"
    table.cell(1, 1).text = "Je meldt het binnen een maand."
    return _with_footnotes(_saved(document))


def empty_docx() -> bytes:
    """A Word document without any text (only empty paragraphs)."""
    document = docx.Document()
    document.add_paragraph("")
    document.add_paragraph("\u00a0 ")
    return _saved(document)


def small_docx(*paragraphs: tuple[str, str | None]) -> bytes:
    """A document of (text, style) paragraphs; style "Heading 1" etc., or None."""
    document = docx.Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    return _saved(document)


def gedragscode_odt() -> bytes:
    """The same kind of code as an OpenDocument text, written with odfpy."""
    doc = OpenDocumentText()
    title = Style(name="Title", family="paragraph", displayname="Title")
    title.addElement(TextProperties(fontsize="20pt"))
    doc.styles.addElement(title)
    heading = Style(name="Heading_20_1", displayname="Heading 1", family="paragraph",
                    defaultoutlinelevel="1")  # fmt: skip
    doc.styles.addElement(heading)
    # Tracked changes: "een week" deleted (kept aside in the changed regions), "twee dagen"
    # inserted in place.
    changes = TrackedChanges()
    for ident, kind in (("ct1", Deletion), ("ct2", Insertion)):
        region = ChangedRegion(qattributes={(XMLNS, "id"): ident, (TEXTNS, "id"): ident})
        change = kind()
        info = ChangeInfo()
        info.addElement(Creator(text="P&O"))
        info.addElement(Date(text="2019-03-01T10:00:00"))
        change.addElement(info)
        if kind is Deletion:
            change.addElement(P(text="een week"))
        region.addElement(change)
        changes.addElement(region)
    doc.text.addElement(changes)
    doc.text.addElement(P(stylename=title, text="Gedragscode Waterschap Hunze"))
    doc.text.addElement(P(text="Deze code geldt voor alle medewerkers van het waterschap."))
    doc.text.addElement(H(outlinelevel=1, stylename=heading, text="Betrouwbaarheid"))
    items = List()
    for text in (
        "Je moet je afspraken nakomen.",
        "Het is verboden\u00a0om bedrijfsmiddelen privé te gebruiken.",
    ):
        item = ListItem()
        item.addElement(P(text=text))
        items.addElement(item)
    doc.text.addElement(items)
    noted = P(text="Je gaat zuinig om met het geld van de belastingbetaler.")
    note = Note(noteclass="footnote", id="ftn1")
    note.addElement(NoteCitation(text="1"))
    body = NoteBody()
    body.addElement(P(text="Zie de Waterschapswet."))
    note.addElement(body)
    noted.addElement(note)
    doc.text.addElement(noted)
    tracked = P(text="Je meldt een geschenk binnen ")
    tracked.addElement(Change(changeid="ct1"))
    tracked.addElement(ChangeStart(changeid="ct2"))
    tracked.addText("twee dagen")
    tracked.addElement(ChangeEnd(changeid="ct2"))
    tracked.addText(".")
    doc.text.addElement(tracked)
    doc.text.addElement(P(text="Voorbeeld: Je boekt een dienstreis eerste klas."))
    doc.text.addElement(H(outlinelevel=1, stylename=heading, text="Openheid"))
    spaced = P(text="Je bent open over je ")
    spaced.addElement(Span(text="nevenfuncties."))
    doc.text.addElement(spaced)
    table = Table(name="Tabel1")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    row = TableRow()
    for text in ("Lidmaatschap", "Je meldt een lidmaatschap van een politieke partij niet."):
        cell = TableCell()
        cell.addElement(P(text=text))
        row.addElement(cell)
    table.addElement(row)
    doc.text.addElement(table)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def zipped(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def zip_bomb(unpacked: int) -> bytes:
    """A small zip that unpacks to `unpacked` bytes (zeros compress to almost nothing)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:document/>")
        archive.writestr("word/media/zeros.bin", b"\0" * unpacked)
    return out.getvalue()


# An OLE compound file header, as Word writes a password-protected document.
ENCRYPTED = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096
