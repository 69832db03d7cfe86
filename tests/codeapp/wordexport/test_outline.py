"""The outline both writers share (codeapp/wordexport/outline.py): Markdown as paragraphs,
changed texts as word-level changes, items in their place, and what a version's seal covers."""

import copy
import datetime

from django.utils import translation

from codeapp.models import CodeVersion
from codeapp.wordexport.outline import (
    DELETED,
    INSERTED,
    comparison_outline,
    markdown_paragraphs,
    text_paragraphs,
    version_outline,
)
from tests.helpers.documents import PUBLISHED_EXAMPLE, load


def runs(paragraph) -> list[tuple[str, str]]:
    return [(r.change, r.text) for r in paragraph.runs]


def test_markdown_becomes_paragraphs_lists_and_runs():
    text = (
        "Wij zijn **eerlijk** en *open*.\n\n"
        "- eerste punt\n- tweede [punt](https://example.org)\n\n"
        "3. drie\n4. vier\n\n"
        "## Kop"
    )

    paragraphs = markdown_paragraphs(text)

    assert [(p.style, p.text) for p in paragraphs] == [
        ("body", "Wij zijn eerlijk en open."),
        ("bullet", "eerste punt"),
        ("bullet", "tweede punt (https://example.org)"),
        ("ordered", "3. drie"),
        ("ordered", "4. vier"),
        ("body", "Kop"),
    ]
    first = paragraphs[0].runs
    assert [(r.text, r.bold, r.italic) for r in first] == [
        ("Wij zijn ", False, False), ("eerlijk", True, False), (" en ", False, False),
        ("open", False, True), (".", False, False),
    ]  # fmt: skip
    assert all(r.bold for r in paragraphs[-1].runs)


def test_a_changed_text_shows_its_words_inserted_and_deleted():
    paragraphs = text_paragraphs("Je meldt elk geschenk.", "Je meldt elk groot geschenk direct.")

    assert len(paragraphs) == 1
    assert [(c, t) for c, t in runs(paragraphs[0]) if c] == [
        (INSERTED, "groot "), (INSERTED, " direct"),
    ]  # fmt: skip
    assert paragraphs[0].change == ""


def test_a_new_paragraph_in_a_changed_text_starts_a_paragraph():
    paragraphs = text_paragraphs("Eerste alinea.", "Eerste alinea.\n\nTweede alinea.")

    assert [p.text for p in paragraphs] == ["Eerste alinea.", "Tweede alinea."]
    assert runs(paragraphs[1]) == [(INSERTED, "Tweede alinea.")]


def test_a_text_that_is_new_or_gone_is_wholly_marked():
    (added,) = text_paragraphs(None, "Nieuw.")
    (removed,) = text_paragraphs("Weg.", None)

    assert added.change == INSERTED and runs(added) == [(INSERTED, "Nieuw.")]
    assert removed.change == DELETED and runs(removed) == [(DELETED, "Weg.")]


def _version(doc: dict) -> CodeVersion:
    return CodeVersion(number=1, document=doc, sha256=doc["version"]["sha256"],
                       effective_from=datetime.date(2024, 5, 1))  # fmt: skip


def _draft_of(doc: dict) -> dict:
    draft = copy.deepcopy(doc)
    draft["version"] = None
    return draft


def test_a_moved_norm_says_where_it_was_and_a_removed_value_keeps_its_place():
    old = load(PUBLISHED_EXAMPLE)
    draft = _draft_of(old)
    moved = draft["values"][0]["norms"].pop(1)
    draft["values"][2]["norms"].append(moved)
    removed = draft["values"].pop(1)

    with translation.override("en"):
        body = comparison_outline(draft, in_force=_version(old)).body

    texts = [(p.style, p.change, p.text) for p in body]
    notes = [t for s, _c, t in texts if s == "note"]
    assert "Moved: this was norm 1.2." in notes
    headings = [(c, t) for s, c, t in texts if s == "heading1"]
    # The removed value stands deleted between the values around it, with all its norms.
    assert headings[2] == (DELETED, f"2. {removed['name']}")
    assert headings[1][1].startswith("1. ") and headings[3][1].startswith("2. ")
    deleted_norms = [t for s, c, t in texts if s == "heading2" and c == DELETED]
    assert len(deleted_norms) == len(removed["norms"])


def test_an_unchanged_draft_says_it_does_not_differ():
    old = load(PUBLISHED_EXAMPLE)

    with translation.override("en"):
        outline = comparison_outline(_draft_of(old), in_force=_version(old))

    assert not any(r.change for p in outline.body for r in p.runs)
    assert outline.tracked
    assert "does not differ from version 1" in outline.body[1].text


def test_a_version_shows_its_sealed_establishment_and_legal_bases():
    doc = load(PUBLISHED_EXAMPLE)
    doc["language"] = "nl"  # the labels follow the code's language
    doc["version"]["establishment"] = {
        "works_council": {"date": "2024-03-01", "reference": "OR-2024-7"},
        "decision": {"body": "College van B&W", "date": "2024-03-12", "reference": "B-12"},
        "publication": None,
    }
    doc["values"][0]["norms"][0]["legal_basis"] = [
        "Gedragscode",
        {"label": "Ambtenarenwet 2017", "bwb": "BWBR0004485", "article": "art. 4"},
    ]

    outline = version_outline(_version(doc))

    facts = dict(outline.facts)
    assert facts["Instemming ondernemingsraad"] == "1 maart 2024, OR-2024-7"
    assert facts["Besluit"] == "College van B&W, 12 maart 2024, B-12"
    assert "Wettelijke basis: Gedragscode; Ambtenarenwet 2017, art. 4" in [
        p.text for p in outline.body
    ]


def test_a_new_title_names_the_old_one_in_the_title_block():
    old = load(PUBLISHED_EXAMPLE)
    draft = _draft_of(old)
    draft["title"] = "Nieuwe titel"

    with translation.override("en"):
        outline = comparison_outline(draft, in_force=_version(old))

    assert outline.title == "Nieuwe titel"
    assert dict(outline.facts)["Title in version 1"] == old["title"]
