"""Reading the Word and OpenDocument files the exports make (codeapp/wordexport) back with
python-docx and odfpy, the way a works council's word processor would open them."""

import io
import zipfile

import docx
from docx.oxml.ns import qn
from odf import teletype
from odf.namespaces import DCNS, FONS, STYLENS, TEXTNS
from odf.opendocument import load
from odf.text import H


def docx_of(response):
    """The response's .docx, opened with python-docx."""
    return docx.Document(io.BytesIO(response.content))


def docx_paragraphs(document) -> list[tuple[str, str]]:
    """Every body paragraph as (style name, text), tracked insertions included, deletions not
    (python-docx reads w:t, not w:delText)."""
    out = []
    for p in document.element.body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style_id = style.get(qn("w:val")) if style is not None else "Normal"
        name = document.styles.get_by_id(style_id, 1).name if style is not None else "Normal"
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        out.append((name, text))
    return out


def docx_headings(document) -> list[tuple[str, str]]:
    return [(s, t) for s, t in docx_paragraphs(document) if s.startswith("Heading")]


def docx_changes(document) -> dict[str, list[str]]:
    """The tracked changes' texts: {"ins": [...], "del": [...]}, each with author and date."""
    changes: dict[str, list[str]] = {"ins": [], "del": []}
    for kind, text_tag in (("ins", "w:t"), ("del", "w:delText")):
        for element in document.element.body.iter(qn(f"w:{kind}")):
            if element.getparent().tag == qn("w:rPr"):
                continue  # a paragraph mark, not text
            assert element.get(qn("w:author")) == "Living code"
            assert element.get(qn("w:date"))
            changes[kind].append("".join(t.text or "" for t in element.iter(qn(text_tag))))
    return changes


def docx_language(response) -> str:
    """The w:lang of the document's default run properties (styles.xml)."""
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        styles = archive.read("word/styles.xml").decode()
    start = styles.index("<w:docDefaults>")
    defaults = styles[start : styles.index("</w:docDefaults>")]
    return defaults.split('<w:lang w:val="', 1)[1].split('"', 1)[0]


def odt_of(response):
    """The response's .odt, opened with odfpy."""
    return load(io.BytesIO(response.content))


def odt_headings(document) -> list[tuple[int, str, str]]:
    """Every heading outside the tracked changes as (outline level, style, text)."""
    out = []
    for h in document.text.getElementsByType(H):
        if _inside_changes(h):
            continue
        out.append(
            (
                int(h.getAttrNS(TEXTNS, "outline-level")),
                _display_name(document, h.getAttrNS(TEXTNS, "style-name")),
                teletype.extractText(h),
            )
        )
    return out


def odt_paragraph_texts(document) -> list[str]:
    """The text of every paragraph and heading outside the tracked changes' regions."""
    out = []
    for node in _descendants(document.text):
        if getattr(node, "qname", None) in ((TEXTNS, "p"), (TEXTNS, "h")):
            if not _inside_changes(node):
                out.append(teletype.extractText(node))
    return out


def odt_changes(document) -> dict[str, list[str]]:
    """The tracked changes: the deleted texts, and the texts between each insertion's
    change-start and change-end (within one paragraph, or to the end of the next)."""
    regions = {}
    for region in _all(document.text, (TEXTNS, "changed-region")):
        kind = region.childNodes[0]
        info = kind.childNodes[0]
        creator = [n for n in info.childNodes if n.qname == (DCNS, "creator")]
        assert teletype.extractText(creator[0]) == "Living code"
        regions[region.getAttrNS(TEXTNS, "id")] = (kind, region)
    deleted = [
        " ".join(teletype.extractText(p) for p in kind.childNodes[1:]).strip()
        for kind, _r in regions.values()
        if kind.qname == (TEXTNS, "deletion")
    ]
    inserted = []
    open_ids: dict[str, list[str]] = {}
    for node in _descendants(document.text):
        qname = getattr(node, "qname", None)
        if qname == (TEXTNS, "change-start"):
            open_ids[node.getAttrNS(TEXTNS, "change-id")] = []
        elif qname == (TEXTNS, "change-end"):
            inserted.append("".join(open_ids.pop(node.getAttrNS(TEXTNS, "change-id"))).strip())
        elif node.nodeType == node.TEXT_NODE and not _inside_changes(node):
            for texts in open_ids.values():
                texts.append(str(node.data))
    return {"ins": inserted, "del": deleted}


def odt_language(document) -> tuple[str, str]:
    """The default paragraph style's fo:language and fo:country."""
    for style in document.styles.childNodes:
        if style.qname == (STYLENS, "default-style"):
            for properties in style.childNodes:
                if properties.qname == (STYLENS, "text-properties"):
                    return (
                        properties.getAttrNS(FONS, "language"),
                        properties.getAttrNS(FONS, "country"),
                    )
    raise AssertionError("no default paragraph style with a language")


def _descendants(node):
    for child in node.childNodes:
        yield child
        yield from _descendants(child)


def _all(node, qname):
    return [n for n in _descendants(node) if getattr(n, "qname", None) == qname]


def _inside_changes(node) -> bool:
    parent = node.parentNode
    while parent is not None:
        if getattr(parent, "qname", None) == (TEXTNS, "tracked-changes"):
            return True
        parent = parent.parentNode
    return False


def _display_name(document, style_name: str) -> str:
    for style in document.styles.childNodes:
        if getattr(style, "qname", None) == (STYLENS, "style") and (
            style.getAttrNS(STYLENS, "name") == style_name
        ):
            return style.getAttrNS(STYLENS, "display-name") or style_name
    return style_name
