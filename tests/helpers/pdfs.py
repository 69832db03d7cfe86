"""What makes a PDF of the product accessible (PDF/UA-1), read back with pikepdf.

Every PDF the product makes goes through core.downloads.pdf_from_html; the tests of each kind
(version, health report, campaign, coverage, evidence) check the result with
`assert_accessible_pdf`: tagged, with a structure tree holding the headings, the document's
language, its title in the metadata and shown as the window title, alternate text on every
figure (a chart's SVG <title>), and the PDF/UA-1 claim.
"""

import io
from dataclasses import dataclass

import pikepdf

PDFUA_NAMESPACE = "http://www.aiim.org/pdfua/ns/id/"
DC_NAMESPACE = "http://purl.org/dc/elements/1.1/"


@dataclass(frozen=True)
class TaggedPdf:
    """What an accessibility check reads from a PDF."""

    marked: bool
    structure: list[str]  # the structure elements' types, in document order: "H1", "P", …
    figures_without_alt: int  # figures (images, charts) a screen reader could not describe
    language: str
    title: str
    pdfua_part: str
    display_doc_title: bool


def structure_types(node: object, found: list[str]) -> list[str]:
    """The types (/S) of the structure elements below `node`, depth first."""
    if isinstance(node, pikepdf.Dictionary):
        if "/S" in node:
            found.append(str(node.S).lstrip("/"))
        if "/K" in node:
            kids = node.K
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                structure_types(kid, found)
    return found


def figures_without_alt(node: object) -> int:
    """How many /Figure elements below `node` have no alternate text (/Alt)."""
    if not isinstance(node, pikepdf.Dictionary):
        return 0
    missing = int(node.get("/S") == pikepdf.Name.Figure and not str(node.get("/Alt", "")))
    kids = node.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        missing += figures_without_alt(kid)
    return missing


def read_tagged_pdf(content: bytes) -> TaggedPdf:
    with pikepdf.open(io.BytesIO(content)) as pdf:
        root = pdf.Root
        mark_info = root.get("/MarkInfo", pikepdf.Dictionary())
        tree = root.get("/StructTreeRoot")
        preferences = root.get("/ViewerPreferences", pikepdf.Dictionary())
        with pdf.open_metadata() as meta:
            title = meta.get(f"{{{DC_NAMESPACE}}}title", "")
            part = meta.get(f"{{{PDFUA_NAMESPACE}}}part", "")
        return TaggedPdf(
            marked=bool(mark_info.get("/Marked", False)),
            structure=structure_types(tree, []) if tree is not None else [],
            figures_without_alt=figures_without_alt(tree),
            language=str(root.get("/Lang", "")),
            title=str(title),
            pdfua_part=str(part),
            display_doc_title=bool(preferences.get("/DisplayDocTitle", False)),
        )


def assert_accessible_pdf(content: bytes, *, language: str, title: str) -> TaggedPdf:
    """The PDF is tagged PDF/UA-1 in this language, its title starting with `title` (a date may
    follow), with the page's headings in its structure tree."""
    tagged = read_tagged_pdf(content)
    assert tagged.marked, "not a tagged PDF (/MarkInfo /Marked)"
    assert tagged.structure[:1] == ["Document"], tagged.structure[:5]
    assert "H1" in tagged.structure, tagged.structure
    assert tagged.figures_without_alt == 0, "a figure without alternate text"
    assert tagged.language == language
    assert tagged.title.startswith(title), tagged.title
    assert tagged.pdfua_part == "1"
    assert tagged.display_doc_title
    return tagged
