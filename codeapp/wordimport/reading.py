"""A Word (.docx) or OpenDocument (.odt) file turned into its paragraphs, in order.

Pure: bytes in, paragraphs out, no database. python-docx opens .docx and odfpy opens .odt
(README, "Dependencies and why"): both give the document's own structure — paragraph
styles, heading levels, list numbering, tables — which is what a proposed structure is made
from; a converter to HTML or Markdown (pandoc, mammoth) would flatten exactly that.

What is read, and how:
- each paragraph's text, with its style's name, heading level and whether it is a list item
  (Word's numbering, a list style, or a number or bullet typed in front of the text);
- a table's rows, each row's cells joined into one paragraph;
- tracked changes as if accepted: inserted text kept, deleted text left out;
- footnotes and endnotes are dropped (the reference mark too): they hold sources and
  asides, not the norm itself — an editor adds a legal source as the norm's legal basis;
- text boxes and drawings are left out; odd characters are normalised (`normalise`).

Anything that is not a readable Word or OpenDocument text raises `Unreadable` with a
message for the editor; nothing else escapes from `read_document`.
"""

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

import docx
from django.utils.translation import gettext as _
from docx.oxml.ns import qn
from odf import opendocument
from odf.namespaces import DCNS, STYLENS, TABLENS, TEXTNS
from odf.table import TableRow

# An OLE compound file: how Word stores a password-protected .docx (and an old .doc).
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# A real document unpacks to a few times its size (its XML compresses about tenfold, its
# images hardly at all); far more than this is a zip bomb.
UNZIPPED_FACTOR = 10


class Unreadable(Exception):
    """The file cannot be brought in; `message` says why, for the editor."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the document as the structure proposal needs it."""

    text: str
    style: str = ""  # the style's name as the word processor shows it
    heading: int = 0  # heading level, 0 for none
    listed: bool = False  # a numbered or bulleted list item
    title: bool = False  # in the document's Title style
    table: bool = False  # a table row


@dataclass
class ReadDocument:
    title: str  # from the document's properties; "" when none
    paragraphs: list[Paragraph] = field(default_factory=list)


# Typed in front of a paragraph: "1.", "2.3", "a)", a bullet. Numbers need a dot or bracket
# ("2019 was" is not a list item); a heading may also say "Hoofdstuk 3" or "3 Integriteit".
_BULLET = r"[•·▪◦‣∙●○■□➢►\-–—*]"
_LIST_PREFIX = re.compile(rf"^(?:\d+(?:\.\d+)+\.?|\d+[.)]|[a-z][.)]|\(\w{{1,3}}\)|{_BULLET})\s+")
_HEADING_PREFIX = re.compile(
    r"^(?:(?:hoofdstuk|chapter|paragraaf|section|artikel|article)\s+\w+\s*[:.\-–]?|"
    r"\d+(?:\.\d+)*[.):]?)\s+",
    re.IGNORECASE,
)
_HEADING_STYLE = re.compile(r"^(?:heading|kop)\s*(\d)$", re.IGNORECASE)
_TITLE_STYLES = {"title", "titel"}

_REPLACE = str.maketrans(
    {
        # Spaces that do not break, and other widths of space: a plain space.
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ",
        "\u2009": " ", "\u200a": " ", "\t": " ",
        # Invisible: soft hyphen, zero-width space and joiners, word joiner, byte-order mark.
        "\u00ad": None, "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None,
        "\ufeff": None,
        # Curly quotes and the non-breaking hyphen: their plain forms.
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
        "\u2011": "-",
    }
)  # fmt: skip


# Control characters other than line breaks (PostgreSQL stores no NUL in text or JSON).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f]")


def normalise(text: str) -> str:
    """Text as a form would take it: composed Unicode, plain spaces and quotes, nothing
    invisible, no runs of spaces; line breaks within a paragraph kept as one newline."""
    text = _CONTROL.sub("", unicodedata.normalize("NFC", text).translate(_REPLACE))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def strip_list_prefix(text: str) -> tuple[str, bool]:
    """The text without a typed number or bullet in front, and whether there was one."""
    stripped = _LIST_PREFIX.sub("", text, count=1)
    return stripped, stripped != text


def strip_heading_prefix(text: str) -> str:
    return _HEADING_PREFIX.sub("", text, count=1) or text


def read_document(data: bytes, *, file_name: str, max_bytes: int) -> ReadDocument:
    """The paragraphs of a .docx or .odt file, or `Unreadable` saying why not."""
    if len(data) > max_bytes:
        raise Unreadable(too_large(len(data), max_bytes))
    if data.startswith(OLE_MAGIC):
        raise Unreadable(
            _(
                "This file is protected with a password, or it is an old Word file (.doc). "
                "Save it in Word without a password as .docx, then try again."
            )
        )
    if not data.startswith(ZIP_MAGIC):
        raise Unreadable(_not_word())
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unzipped = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise Unreadable(_damaged()) from None
    if unzipped > UNZIPPED_FACTOR * max_bytes:
        raise Unreadable(
            _(
                "The file unpacks to %(size)s, far more than a document does. "
                "It cannot be brought in."
            )
            % {"size": _megabytes(unzipped)}
        )
    try:
        if "word/document.xml" in names:
            read = _read_docx(data, core_properties="docProps/core.xml" in names)
        elif "content.xml" in names and _mimetype(archive) == ODT_MIMETYPE:
            if b"encryption-data" in archive.read("META-INF/manifest.xml"):
                raise Unreadable(
                    _(
                        "This file is protected with a password. Save it without a "
                        "password, then try again."
                    )
                )
            read = _read_odt(data)
        else:
            raise Unreadable(_not_word())
    except Unreadable:
        raise
    except Exception:  # noqa: BLE001 — any fault in a damaged file is the file's, not ours
        raise Unreadable(_damaged()) from None
    if not read.paragraphs:
        raise Unreadable(_("The document has no text. Is it the right file?"))
    if not read.title:
        read.title = PurePath(file_name).stem
    return read


def too_large(size: int, most: int) -> str:
    return _("The file is %(size)s; a document may be at most %(most)s.") % {
        "size": _megabytes(size),
        "most": _megabytes(most),
    }


def _megabytes(size: int) -> str:
    if size < 1_000_000:
        return _("%(kb)s kB") % {"kb": max(1, round(size / 1000))}
    return _("%(mb)s MB") % {"mb": f"{size / 1_000_000:.1f}".removesuffix(".0")}


def _not_word() -> str:
    return _(
        "This is not a Word document (.docx) or OpenDocument text (.odt). "
        "Save the code in Word or LibreOffice in one of those formats, then try again."
    )


def _damaged() -> str:
    return _(
        "The file is damaged and cannot be read. Open it in Word or LibreOffice, save it "
        "again, then try again."
    )


def _mimetype(archive: zipfile.ZipFile) -> bytes:
    try:
        return archive.read("mimetype").strip()
    except KeyError:
        return b""


def _paragraph(
    text: str, *, style: str = "", heading: int = 0, listed: bool = False, table: bool = False
) -> Paragraph | None:
    """A paragraph made from raw text and what its style says; None when it has no text."""
    text = normalise(text)
    if not text:
        return None
    title = not heading and not table and style.strip().lower() in _TITLE_STYLES
    if heading:
        text = strip_heading_prefix(text)
    elif not title:
        text, typed = strip_list_prefix(text)
        listed = listed or typed
    return Paragraph(text=text, style=style, heading=heading, listed=listed, title=title,
                     table=table)  # fmt: skip


# --- .docx (python-docx) -------------------------------------------------------------------


def _read_docx(data: bytes, *, core_properties: bool) -> ReadDocument:
    document = docx.Document(io.BytesIO(data))
    styles = {s.style_id: s for s in document.styles if s.type == 1}  # paragraph styles
    default = document.styles.default(1) if hasattr(document.styles, "default") else None
    tags = {
        "p": qn("w:p"), "tbl": qn("w:tbl"), "tr": qn("w:tr"), "tc": qn("w:tc"),
        "sdt": qn("w:sdt"), "sdtContent": qn("w:sdtContent"), "t": qn("w:t"),
        "tab": qn("w:tab"), "ptab": qn("w:ptab"), "br": qn("w:br"), "cr": qn("w:cr"),
        "nbh": qn("w:noBreakHyphen"), "del": qn("w:del"), "moveFrom": qn("w:moveFrom"),
        "pPr": qn("w:pPr"), "txbx": qn("w:txbxContent"), "pStyle": qn("w:pStyle"),
        "numPr": qn("w:numPr"), "numId": qn("w:numId"), "outlineLvl": qn("w:outlineLvl"),
        "val": qn("w:val"),
    }  # fmt: skip
    # Alternative content (mc:Fallback) repeats what mc:Choice holds: never read twice.
    skipped = {tags["del"], tags["moveFrom"], tags["txbx"], tags["pPr"],
               "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}  # fmt: skip

    def text_of(element) -> str:
        parts: list[str] = []

        def walk(node) -> None:
            for child in node:
                tag = child.tag
                if tag in skipped:
                    continue
                if tag == tags["t"]:
                    parts.append(child.text or "")
                elif tag in (tags["tab"], tags["ptab"]):
                    parts.append(" ")
                elif tag in (tags["br"], tags["cr"]):
                    parts.append("\n")
                elif tag == tags["nbh"]:
                    parts.append("-")
                else:
                    walk(child)

        walk(element)
        return "".join(parts)

    def style_of(p) -> tuple[str, object]:
        ppr = p.find(tags["pPr"])
        ref = ppr.find(tags["pStyle"]) if ppr is not None else None
        style = styles.get(ref.get(tags["val"])) if ref is not None else default
        return (style.name or "" if style is not None else ""), style

    def style_chain(style):
        seen = 0
        while style is not None and seen < 10:
            yield style
            style = style.base_style
            seen += 1

    def heading_of(p, name: str, style) -> int:
        match = _HEADING_STYLE.match(name.strip())
        if match:
            return int(match.group(1))
        ppr = p.find(tags["pPr"])
        elements = [ppr] if ppr is not None else []
        elements += [s.element.find(tags["pPr"]) for s in style_chain(style)]
        for el in elements:
            level = el.find(tags["outlineLvl"]) if el is not None else None
            if level is not None and level.get(tags["val"], "9").isdigit():
                n = int(level.get(tags["val"]))
                return n + 1 if n < 9 else 0
        return 0

    def listed_of(p, name: str, style) -> bool:
        ppr = p.find(tags["pPr"])
        elements = [ppr] if ppr is not None else []
        elements += [s.element.find(tags["pPr"]) for s in style_chain(style)]
        for el in elements:
            num = el.find(tags["numPr"]) if el is not None else None
            if num is not None:
                num_id = num.find(tags["numId"])
                # numId 0 switches a style's numbering off for this paragraph.
                return num_id is None or num_id.get(tags["val"]) != "0"
        return name.lower().startswith(("list bullet", "list number", "lijstopsommingsteken"))

    # Without a properties part python-docx makes one up, titled "Word Document".
    title = document.core_properties.title if core_properties else ""
    read = ReadDocument(title=normalise(title or ""))

    def add(p) -> None:
        name, style = style_of(p)
        heading = heading_of(p, name, style)
        made = _paragraph(
            text_of(p), style=name, heading=heading,
            listed=not heading and listed_of(p, name, style),
        )  # fmt: skip
        if made:
            read.paragraphs.append(made)

    def add_table(tbl) -> None:
        for tr in tbl.iter(tags["tr"]):
            cells: list[str] = []
            for tc in tr.iterchildren(tags["tc"]):
                text = " ".join(normalise(text_of(p)) for p in tc.iter(tags["p"]))
                text = " ".join(text.split())
                # A merged cell repeats in python-docx's view; in the XML it is there once.
                if text and (not cells or cells[-1] != text):
                    cells.append(text)
            made = _paragraph(" — ".join(cells), style=_("table row"), table=True)
            if made:
                read.paragraphs.append(made)

    def walk_body(container) -> None:
        for child in container.iterchildren():
            if child.tag == tags["p"]:
                add(child)
            elif child.tag == tags["tbl"]:
                add_table(child)
            elif child.tag == tags["sdt"]:
                for content in child.iterchildren(tags["sdtContent"]):
                    walk_body(content)

    walk_body(document.element.body)
    return read


# --- .odt (odfpy) ----------------------------------------------------------------------------


def _read_odt(data: bytes) -> ReadDocument:
    document = opendocument.load(io.BytesIO(data))
    names: dict[str, str] = {}  # style name → display name
    parents: dict[str, str] = {}  # automatic style → the style it is based on
    outline: dict[str, int] = {}  # style → its default outline level
    for container in (document.styles, document.automaticstyles):
        for style in container.childNodes:
            if style.qname != (STYLENS, "style"):
                continue
            name = style.getAttrNS(STYLENS, "name") or ""
            names[name] = style.getAttrNS(STYLENS, "display-name") or name.replace("_20_", " ")
            if style.getAttrNS(STYLENS, "parent-style-name"):
                parents[name] = style.getAttrNS(STYLENS, "parent-style-name")
            level = style.getAttrNS(STYLENS, "default-outline-level")
            if level and level.isdigit():
                outline[name] = int(level)

    def resolved(name: str) -> tuple[str, int]:
        """The style as the editor chose it (not an automatic P1), and its outline level."""
        seen = 0
        level = outline.get(name, 0)
        while name in parents and name.startswith(("P", "T")) and seen < 10:
            name = parents[name]
            level = level or outline.get(name, 0)
            seen += 1
        return names.get(name, name), level

    skipped = {(TEXTNS, "note"), (TEXTNS, "tracked-changes"), (TEXTNS, "bookmark-ref")}

    def text_of(node) -> str:
        parts: list[str] = []

        def walk(n) -> None:
            for child in n.childNodes:
                if child.nodeType == child.TEXT_NODE:
                    parts.append(child.data)
                    continue
                qname = getattr(child, "qname", None)
                if qname in skipped:
                    continue
                if qname == (TEXTNS, "s"):
                    parts.append(" " * int(child.getAttrNS(TEXTNS, "c") or 1))
                elif qname == (TEXTNS, "tab"):
                    parts.append(" ")
                elif qname == (TEXTNS, "line-break"):
                    parts.append("\n")
                elif qname in ((TEXTNS, "p"), (TEXTNS, "h")):
                    walk(child)
                    parts.append("\n")
                else:
                    walk(child)

        walk(node)
        return "".join(parts)

    title = ""
    for element in document.meta.childNodes:
        if getattr(element, "qname", None) == (DCNS, "title"):
            title = normalise(text_of(element))
    read = ReadDocument(title=title)

    def add(node, *, listed: bool = False) -> None:
        style, level = resolved(node.getAttrNS(TEXTNS, "style-name") or "")
        if node.qname == (TEXTNS, "h"):
            level = int(node.getAttrNS(TEXTNS, "outline-level") or level or 1)
        match = _HEADING_STYLE.match(style.strip())
        heading = level or (int(match.group(1)) if match else 0)
        made = _paragraph(text_of(node), style=style, heading=heading,
                          listed=listed and not heading)  # fmt: skip
        if made:
            read.paragraphs.append(made)

    def add_list(node) -> None:
        for item in node.childNodes:
            for child in getattr(item, "childNodes", []):
                qname = getattr(child, "qname", None)
                if qname in ((TEXTNS, "p"), (TEXTNS, "h")):
                    add(child, listed=True)
                elif qname == (TEXTNS, "list"):
                    add_list(child)

    def add_table(node) -> None:
        for row in node.getElementsByType(TableRow):
            cells = []
            for cell in row.childNodes:
                if getattr(cell, "qname", None) != (TABLENS, "table-cell"):
                    continue
                text = " ".join(normalise(text_of(cell)).split())
                if text:
                    cells.append(text)
            made = _paragraph(" — ".join(cells), style=_("table row"), table=True)
            if made:
                read.paragraphs.append(made)

    def walk_body(container) -> None:
        for child in container.childNodes:
            qname = getattr(child, "qname", None)
            if qname in ((TEXTNS, "p"), (TEXTNS, "h")):
                add(child)
            elif qname == (TEXTNS, "list"):
                add_list(child)
            elif qname == (TABLENS, "table"):
                add_table(child)
            elif qname == (TEXTNS, "section"):
                walk_body(child)

    walk_body(document.text)
    return read
