"""An outline (codeapp.wordexport.outline) as a Word document (.docx), with python-docx.

Headings are Word's own Heading 1 and 2, so Word's navigation pane and screen readers find
the structure; the document's language is set on its default run properties (w:lang) and
in its properties, so spelling and speech use the code's language. python-docx has no API
for tracked changes: they are written as w:ins and w:del elements with its oxml helpers,
as Word itself writes them (ECMA-376 part 1, 17.13.5).
"""

import io
import itertools

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from codeapp.wordexport.outline import DELETED, INSERTED, Outline, Run, language_tag

VAL = qn("w:val")
MIME_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# The outline's styles onto Word's built-in styles, or onto the styles this module adds.
STYLE_NAMES = {
    "heading1": "Heading 1",
    "heading2": "Heading 2",
    "body": "Normal",
    "bullet": "List Bullet",
    "ordered": "List Paragraph",
    "kind": "Norm Kind",
    "explanation": "Explanation",
    "meta": "Norm Details",
    "example-heading": "Example Heading",
    "example": "Example",
    "note": "Change Note",
}


def _add_styles(document) -> None:
    styles = document.styles

    def paragraph_style(name: str, *, base: str = "Normal"):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.quick_style = True
        return style

    kind = paragraph_style("Norm Kind")
    kind.font.small_caps = True
    kind.paragraph_format.space_after = Pt(2)
    explanation = paragraph_style("Explanation")
    explanation.font.italic = True
    explanation.font.color.rgb = RGBColor(0x44, 0x44, 0x44)
    details = paragraph_style("Norm Details")
    details.font.size = Pt(9)
    # Examples are set apart: indented, with a rule on their left and a light shade.
    example = paragraph_style("Example")
    example.paragraph_format.left_indent = Cm(1)
    example.paragraph_format.space_after = Pt(4)
    properties = example.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    left = OxmlElement("w:left")
    for name, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "8"),
                        ("w:color", "5B7F95")):  # fmt: skip
        left.set(qn(name), value)
    borders.append(left)
    shade = OxmlElement("w:shd")
    for name, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", "F2F5F7")):
        shade.set(qn(name), value)
    # Schema order within pPr: pBdr, then shd, both before spacing and ind.
    properties.insert(0, shade)
    properties.insert(0, borders)
    heading = paragraph_style("Example Heading", base="Example")
    heading.font.bold = True
    heading.paragraph_format.keep_with_next = True
    note = paragraph_style("Change Note")
    note.font.italic = True
    note.font.color.rgb = RGBColor(0x55, 0x55, 0x55)


def _set_language(document, tag: str) -> None:
    """The language of every run that names none: w:lang on the document's default run
    properties (styles.xml, docDefaults), where Word looks first."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        document.styles.element.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    for old in properties.findall(qn("w:lang")):
        properties.remove(old)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag)
    properties.append(lang)


class _Tracker:
    """Writes runs, wrapping inserted and deleted ones in w:ins / w:del with an id each."""

    def __init__(self, outline: Outline):
        self.author = outline.author
        moment = outline.changed_at
        self.date = moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else ""
        self.ids = itertools.count(1)

    def mark(self, change: str):
        element = OxmlElement("w:ins" if change == INSERTED else "w:del")
        element.set(qn("w:id"), str(next(self.ids)))
        element.set(qn("w:author"), self.author)
        element.set(qn("w:date"), self.date)
        return element

    def run(self, paragraph, run: Run) -> None:
        """Append a run to a w:p element: built directly (python-docx's run API looks up and
        orders every child it adds, which a large code pays for thousands of times)."""
        element = OxmlElement("w:r")
        if run.bold or run.italic:
            properties = OxmlElement("w:rPr")
            if run.bold:
                properties.append(OxmlElement("w:b"))
            if run.italic:
                properties.append(OxmlElement("w:i"))
            element.append(properties)
        # Deleted text is w:delText, not w:t (17.3.3.7).
        text = OxmlElement("w:delText" if run.change == DELETED else "w:t")
        text.set(qn("xml:space"), "preserve")
        text.text = run.text
        element.append(text)
        if run.change:
            wrapper = self.mark(run.change)
            paragraph.append(wrapper)
            wrapper.append(element)
        else:
            paragraph.append(element)

    def paragraph_mark(self, paragraph, change: str) -> None:
        """The paragraph's own mark (of a w:p element) inserted or deleted, so accepting or
        rejecting the change leaves no empty paragraph behind (17.13.5.16, 17.13.5.15)."""
        properties = paragraph.find(qn("w:pPr"))
        run_properties = OxmlElement("w:rPr")
        run_properties.append(self.mark(change))
        properties.append(run_properties)


def write_docx(outline: Outline) -> bytes:
    """The outline as the bytes of a .docx file."""
    document = Document()
    tag = language_tag(outline.language)
    _set_language(document, tag)
    _add_styles(document)
    properties = document.core_properties
    properties.title = outline.title
    properties.subject = outline.subject
    properties.language = tag
    properties.author = outline.author
    properties.comments = ""

    document.add_paragraph(outline.title, style="Title")
    if outline.subtitle:
        document.add_paragraph(outline.subtitle, style="Subtitle")
    if outline.facts:
        table = document.add_table(rows=0, cols=2)
        table.style = document.styles["Table Grid"]
        for label, value in outline.facts:
            cells = table.add_row().cells
            cells[0].paragraphs[0].add_run(label).bold = True
            cells[1].paragraphs[0].add_run(value)
        document.add_paragraph()

    tracker = _Tracker(outline)
    # Looked up once: python-docx finds a style by name, and its place before the section
    # properties, by scanning, which made a 1,000-norm code take half a minute.
    style_ids = {key: document.styles[name].style_id for key, name in STYLE_NAMES.items()}
    body = document.element.body
    section = body.sectPr
    for block in outline.body:
        element = OxmlElement("w:p")
        if section is not None:
            section.addprevious(element)
        else:
            body.append(element)
        properties = OxmlElement("w:pPr")
        style = OxmlElement("w:pStyle")
        style.set(VAL, style_ids[block.style])
        properties.append(style)
        element.append(properties)
        for run in block.runs:
            tracker.run(element, run)
        if block.change:
            tracker.paragraph_mark(element, block.change)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
