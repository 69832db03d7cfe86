"""The demo's code arrives as organisations' codes do: from a Word document.

The municipality's 2019 code is written as a .docx (a title, the preamble, a heading per core
value with its description under it, the norms as a numbered list, each example in a
paragraph starting "Voorbeeld:") and brought in through the Word import
(codeapp/wordimport): read, proposed, corrected as an editor would (a value's opening
paragraph is its description, not a norm), and landed with the history reason
"Geïmporteerd uit Gedragscode 2019.docx".

What a Word document does not hold — the demo's own keys, norm titles and kinds as decided,
explanations, legal bases, related values, the examples' titles and guidance — is added
from `codeapp.demo.content` before landing, and so is its exact typography (reading
straightens curly quotes).
"""

import io

import docx
from django.contrib.auth.models import AbstractBaseUser

from codeapp.demo import content as demo_data
from codeapp.wordimport.landing import land_document
from codeapp.wordimport.reading import read_document
from codeapp.wordimport.structure import DESCRIPTION, correct, document, propose, tree

FILE_NAME = "Gedragscode 2019.docx"


def demo_word_file() -> bytes:
    """The demo code as the .docx the municipality kept it in."""
    word = docx.Document()
    word.core_properties.title = demo_data.TITLE
    word.add_paragraph(demo_data.TITLE, style="Title")
    for paragraph in demo_data.PREAMBLE.strip().split("\n\n"):
        word.add_paragraph(" ".join(paragraph.split()))
    for value in demo_data.VALUES:
        word.add_heading(value["name"], level=1)
        word.add_paragraph(value["description"])
        for norm in value["norms"]:
            word.add_paragraph(norm["text"], style="List Number")
            for example in norm["examples"]:
                word.add_paragraph(f"Voorbeeld: {example['situation']}")
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def demo_word_import(*, user: AbstractBaseUser) -> None:
    """Bring the demo code into the (empty) draft from its Word document."""
    read = read_document(demo_word_file(), file_name=FILE_NAME, max_bytes=10_000_000)
    proposal = propose(read)
    rows = proposal["rows"]
    # The editor's correction: the paragraph under each heading describes the value.
    descriptions = {
        row["n"]: {"role": DESCRIPTION}
        for before, row in zip(rows, rows[1:], strict=False)
        if before["source"] == "heading" and row["source"] == "paragraph"
    }
    code, problems = tree(correct(proposal, descriptions))
    if problems:
        raise ValueError(f"the demo's Word document does not read as its code: {problems}")
    doc = document(code, language="nl", taken={})
    _add_what_word_does_not_hold(doc)
    land_document(doc=doc, file_name=FILE_NAME, user=user)


def _add_what_word_does_not_hold(doc: dict) -> None:
    shape = [[len(n["examples"]) for n in v["norms"]] for v in demo_data.VALUES]
    read = [[len(n["examples"]) for n in v["norms"]] for v in doc["values"]]
    if read != shape:
        raise ValueError(f"the demo's Word document reads as {read}, not {shape}")
    for value, data in zip(doc["values"], demo_data.VALUES, strict=True):
        value.update(key=data["key"], name=data["name"], description=data["description"])
        for norm, norm_data in zip(value["norms"], data["norms"], strict=True):
            norm.update(
                {
                    field: norm_data[field]
                    for field in (
                        "key",
                        "title",
                        "text",
                        "kind",
                        "explanation",
                        "related_values",
                        "legal_basis",
                    )
                }  # fmt: skip
            )
            for example, example_data in zip(norm["examples"], norm_data["examples"], strict=True):
                example.update(
                    {
                        field: example_data[field]
                        for field in ("key", "title", "situation", "guidance")
                    }  # fmt: skip
                )
