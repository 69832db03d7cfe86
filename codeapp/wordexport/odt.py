"""An outline (codeapp.wordexport.outline) as an OpenDocument text (.odt), with odfpy.

The same document as the .docx: headings are text:h with their outline level in styles
named "Heading 1" and "Heading 2" (LibreOffice's navigator and tagged PDFs follow them), the
language is set on the default paragraph style (fo:language, fo:country) and in the meta
data. Tracked changes are written as LibreOffice writes them (ODF 1.2, 5.5):
text:tracked-changes holds one text:changed-region per change; an insertion is marked in
the text by text:change-start / text:change-end; a deletion keeps the deleted text inside
its region and leaves a text:change where it stood. A deleted paragraph (a removed norm)
goes into its region whole, with an empty paragraph after it, and its mark starts the next
paragraph; an inserted paragraph's change starts at the end of the paragraph before it, so
the paragraph break belongs to the insertion.
"""

import io
import itertools

from odf import dc, teletype
from odf.namespaces import TEXTNS, XMLNS
from odf.office import ChangeInfo
from odf.opendocument import OpenDocumentText
from odf.style import (
    DefaultStyle,
    ListLevelProperties,
    ParagraphProperties,
    Style,
    TableColumnProperties,
    TextProperties,
)
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import Change as ChangeMark
from odf.text import (
    ChangedRegion,
    ChangeEnd,
    ChangeStart,
    Deletion,
    H,
    Insertion,
    List,
    ListItem,
    ListLevelStyleBullet,
    ListStyle,
    P,
    Span,
    TrackedChanges,
)

from codeapp.wordexport.outline import DELETED, INSERTED, Outline, Paragraph, Run, language_tag

MIME_TYPE = "application/vnd.oasis.opendocument.text"

# The outline's styles: (style name, display name, outline level of a heading).
STYLES = {
    "heading1": ("Heading_20_1", "Heading 1", 1),
    "heading2": ("Heading_20_2", "Heading 2", 2),
    "body": ("Text_20_body", "Text body", 0),
    "bullet": ("List_20_Bullet", "List Bullet", 0),
    "ordered": ("List_20_Paragraph", "List Paragraph", 0),
    "kind": ("Norm_20_Kind", "Norm Kind", 0),
    "explanation": ("Explanation", "Explanation", 0),
    "meta": ("Norm_20_Details", "Norm Details", 0),
    "example-heading": ("Example_20_Heading", "Example Heading", 0),
    "example": ("Example", "Example", 0),
    "note": ("Change_20_Note", "Change Note", 0),
}


def _country(language: str) -> tuple[str, str]:
    """("nl", "NL") for "nl" or "nl-NL": ODF names language and country apart."""
    tag = language_tag(language)
    language, _sep, country = tag.partition("-")
    return language, country


class _Writer:
    def __init__(self, outline: Outline):
        self.outline = outline
        self.doc = OpenDocumentText()
        self.styles: dict[str, Style] = {}
        self.tracked = TrackedChanges(trackchanges="false")
        self.ids = itertools.count(1)
        moment = outline.changed_at
        self.date = moment.strftime("%Y-%m-%dT%H:%M:%S") if moment else ""

    # --- styles and meta data -------------------------------------------------------------

    def _paragraph_style(self, name: str, display: str, level: int = 0) -> Style:
        attributes = {"name": name, "displayname": display, "family": "paragraph"}
        if level:
            attributes["defaultoutlinelevel"] = str(level)
        style = Style(**attributes)
        self.doc.styles.addElement(style)
        return style

    def set_up(self) -> None:
        language, country = _country(self.outline.language)
        default = DefaultStyle(family="paragraph")
        default.addElement(
            TextProperties(
                language=language, country=country, fontsize="11pt", fontfamily="Liberation Sans"
            )  # fmt: skip
        )
        default.addElement(ParagraphProperties(marginbottom="0.2cm"))
        self.doc.styles.addElement(default)

        title = self._paragraph_style("Title", "Title")
        title.addElement(TextProperties(fontsize="22pt", fontweight="bold"))
        title.addElement(ParagraphProperties(marginbottom="0.3cm"))
        subtitle = self._paragraph_style("Subtitle", "Subtitle")
        subtitle.addElement(TextProperties(fontsize="14pt", color="#444444"))
        for key, (name, display, level) in STYLES.items():
            style = self._paragraph_style(name, display, level)
            self.styles[key] = style
            if level == 1:
                style.addElement(TextProperties(fontsize="16pt", fontweight="bold"))
                style.addElement(ParagraphProperties(margintop="0.6cm", keepwithnext="always"))
            elif level == 2:
                style.addElement(TextProperties(fontsize="13pt", fontweight="bold"))
                style.addElement(ParagraphProperties(margintop="0.4cm", keepwithnext="always"))
        self.styles["kind"].addElement(TextProperties(fontvariant="small-caps"))
        self.styles["explanation"].addElement(TextProperties(fontstyle="italic", color="#444444"))
        self.styles["meta"].addElement(TextProperties(fontsize="9pt"))
        # Examples are set apart: indented, with a rule on their left and a light shade.
        for key in ("example", "example-heading"):
            self.styles[key].addElement(
                ParagraphProperties(
                    marginleft="1cm",
                    borderleft="1.5pt solid #5B7F95",
                    padding="0.15cm",
                    backgroundcolor="#F2F5F7",
                )  # fmt: skip
            )
        self.styles["example-heading"].addElement(TextProperties(fontweight="bold"))
        self.styles["note"].addElement(TextProperties(fontstyle="italic", color="#555555"))

        self.spans = {}
        for key, properties in (
            ("bold", {"fontweight": "bold"}),
            ("italic", {"fontstyle": "italic"}),
            ("bolditalic", {"fontweight": "bold", "fontstyle": "italic"}),
        ):
            span = Style(name=f"Run_{key}", family="text")
            span.addElement(TextProperties(**properties))
            self.doc.automaticstyles.addElement(span)
            self.spans[key] = span
        self.bullets = ListStyle(name="Bullets")
        level = ListLevelStyleBullet(level="1", bulletchar="•")
        level.addElement(ListLevelProperties(spacebefore="0.6cm", minlabelwidth="0.5cm"))
        self.bullets.addElement(level)
        self.doc.automaticstyles.addElement(self.bullets)
        column = Style(name="FactLabel", family="table-column")
        column.addElement(TableColumnProperties(columnwidth="5cm"))
        self.doc.automaticstyles.addElement(column)
        self.label_column = column

        self.doc.meta.addElement(dc.Title(text=self.outline.title))
        self.doc.meta.addElement(dc.Subject(text=self.outline.subject))
        self.doc.meta.addElement(dc.Language(text="-".join(filter(None, (language, country)))))
        self.doc.meta.addElement(dc.Creator(text=self.outline.author))

    # --- runs and paragraphs ----------------------------------------------------------------

    def _element(self, block: Paragraph):
        name, _display, level = STYLES[block.style]
        if level:
            return H(outlinelevel=level, stylename=self.styles[block.style])
        return P(stylename=self.styles[block.style])

    def _text(self, parent, run: Run) -> None:
        key = ("bold" if run.bold else "") + ("italic" if run.italic else "")
        if key:
            span = Span(stylename=self.spans[key])
            teletype.addTextToElement(span, run.text)
            parent.addElement(span)
        else:
            teletype.addTextToElement(parent, run.text)

    def _region(self, change: str, content: list | None = None) -> str:
        region_id = f"ct{next(self.ids)}"
        # LibreOffice writes both text:id and xml:id; odfpy's keyword cannot tell them apart.
        region = ChangedRegion(check_grammar=False)
        region.setAttrNS(XMLNS, "id", region_id)
        region.setAttrNS(TEXTNS, "id", region_id)
        what = Insertion() if change == INSERTED else Deletion()
        info = ChangeInfo()
        info.addElement(dc.Creator(text=self.outline.author))
        info.addElement(dc.Date(text=self.date))
        what.addElement(info)
        for element in content or ():
            what.addElement(element)
        region.addElement(what)
        self.tracked.addElement(region)
        return region_id

    def _runs(self, element, block: Paragraph) -> None:
        for run in block.runs:
            if block.change or not run.change:
                self._text(element, run)
            elif run.change == INSERTED:
                region_id = self._region(INSERTED)
                element.addElement(ChangeStart(changeid=region_id))
                self._text(element, run)
                element.addElement(ChangeEnd(changeid=region_id))
            else:
                removed = P()
                self._text(removed, run)
                element.addElement(ChangeMark(changeid=self._region(DELETED, [removed])))

    def write(self) -> bytes:
        self.set_up()
        outline, body = self.outline, self.doc.text
        if outline.tracked:
            body.addElement(self.tracked)
        body.addElement(P(stylename="Title", text=outline.title))
        if outline.subtitle:
            body.addElement(P(stylename="Subtitle", text=outline.subtitle))
        if outline.facts:
            table = Table(name="Facts")
            table.addElement(TableColumn(stylename=self.label_column))
            table.addElement(TableColumn())
            for label, value in outline.facts:
                row = TableRow()
                for text, bold in ((label, True), (value, False)):
                    cell = TableCell(valuetype="string")
                    paragraph = P()
                    self._text(paragraph, Run(text, bold=bold))
                    cell.addElement(paragraph)
                    row.addElement(cell)
                table.addElement(row)
            body.addElement(table)
        previous = P()
        body.addElement(previous)

        deleted: list = []  # deleted paragraphs waiting for the next paragraph to mark them
        bullets = None
        for block in outline.body:
            if block.change == DELETED:
                element = self._element(block)
                self._runs(element, block)
                deleted.append(element)
                continue
            element = self._element(block)
            if block.style == "bullet":
                if bullets is None:
                    bullets = List(stylename=self.bullets)
                    body.addElement(bullets)
                item = ListItem()
                item.addElement(element)
                bullets.addElement(item)
            else:
                bullets = None
                body.addElement(element)
            if deleted:
                mark = self._region(DELETED, [*deleted, P()])
                element.addElement(ChangeMark(changeid=mark))
                deleted = []
            if block.change == INSERTED:
                region_id = self._region(INSERTED)
                previous.addElement(ChangeStart(changeid=region_id))
                self._runs(element, block)
                element.addElement(ChangeEnd(changeid=region_id))
            else:
                self._runs(element, block)
            previous = element
        if deleted:
            last = P()
            body.addElement(last)
            last.addElement(ChangeMark(changeid=self._region(DELETED, [*deleted, P()])))
        buffer = io.BytesIO()
        self.doc.write(buffer)
        return buffer.getvalue()


def write_odt(outline: Outline) -> bytes:
    """The outline as the bytes of an .odt file."""
    return _Writer(outline).write()
