"""From a document's paragraphs to a proposed code, the editor's corrections, and the
`living-code/1` document the corrected proposal becomes. Pure: no database.

The proposal is one row per paragraph of the document, in order, each with the role it
plays in the code — so the preview can show the document and the code side by side, and a
correction is a change of one row's role or kind:

- the first paragraph in the Title style is the code's title;
- text before the first heading is the preamble;
- a heading is a core value;
- a paragraph starting "Voorbeeld:" or "Example:", or set in a style named like
  "Voorbeeld" or "Example", is an example situation of the norm before it;
- every other paragraph under a heading (numbered, bulleted, plain or a table row) is a norm,
  its kind guessed from its wording (`guessing.guess_kind`).

Every role and kind the proposal sets is a guess until the editor confirms or changes it.
A row "merged" is added to the row before it; a row "skipped" is left out.
"""

import re
from typing import Any

from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from codeapp.wordimport.guessing import guess_kind
from codeapp.wordimport.reading import Paragraph, ReadDocument

TITLE, PREAMBLE, VALUE, DESCRIPTION = "title", "preamble", "value", "description"
NORM, EXAMPLE, MERGED, SKIPPED = "norm", "example", "merged", "skipped"
ROLES = (TITLE, PREAMBLE, VALUE, DESCRIPTION, NORM, EXAMPLE, MERGED, SKIPPED)
KINDS = ("prohibition", "obligation", "aspiration")

_EXAMPLE_PREFIX = re.compile(
    r"^(?:voorbeeld(?:situatie)?|example(?:\s+situation)?|casus|case)\s*\d*\s*[:.\-–]\s*",
    re.IGNORECASE,
)
_EXAMPLE_STYLE = re.compile(r"voorbeeld|example", re.IGNORECASE)
MAX_NAME, MAX_TITLE = 200, 300
KEY_MAX = 64


def is_example(paragraph: Paragraph) -> bool:
    return bool(
        _EXAMPLE_PREFIX.match(paragraph.text) or _EXAMPLE_STYLE.search(paragraph.style or "")
    )


def propose(read: ReadDocument) -> dict:
    """The proposal for a document: its title and one row per paragraph (JSON-ready)."""
    rows: list[dict[str, Any]] = []
    seen_heading = seen_title = False
    norm_in_value = False
    for n, p in enumerate(read.paragraphs):
        if p.title and not seen_title and not seen_heading:
            role, seen_title = TITLE, True
        elif p.heading or p.title:
            role, seen_heading, norm_in_value = VALUE, True, False
        elif not seen_heading:
            role = PREAMBLE
        elif is_example(p) and norm_in_value:
            role = EXAMPLE
        else:
            role, norm_in_value = NORM, True
        if p.heading:
            source = "heading"
        elif p.title:
            source = "title"
        elif p.table:
            source = "table"
        elif p.listed:
            source = "list"
        else:
            source = "paragraph"
        rows.append(
            {
                "n": n,
                "text": p.text,
                "style": p.style,
                "source": source,
                "role": role,
                "role_guessed": True,
                "kind": guess_kind(p.text),
                "kind_guessed": True,
            }
        )
    return {"title": read.title, "rows": rows}


def correct(proposal: dict, changes: dict[int, dict[str, str]]) -> dict:
    """The proposal with the editor's changes: `{row number: {"role": …, "kind": …}}`.

    A role or kind the editor sets is no longer a guess, even when it is the one proposed:
    the editor has looked at it. Unknown roles, kinds or rows are ignored (the form checks
    them before).
    """
    rows = []
    for row in proposal["rows"]:
        row = dict(row)
        change = changes.get(row["n"], {})
        if change.get("role") in ROLES and change["role"] != row["role"]:
            row["role"], row["role_guessed"] = change["role"], False
        if change.get("kind") in KINDS and change["kind"] != row["kind"]:
            row["kind"], row["kind_guessed"] = change["kind"], False
        rows.append(row)
    return {**proposal, "rows": rows}


def tree(proposal: dict) -> tuple[dict, list[str]]:
    """The code the rows make, and what stands in its way (messages for the editor).

    `{"title", "preamble", "values": [{"name", "description", "rows", "norms": [{"text",
    "kind", "kind_guessed", "rows", "examples": [{"situation", "rows"}]}]}]}`, where `rows`
    are the paragraph numbers an item is made of (for the preview's guesses and links).
    """
    title_parts: list[str] = []
    preamble: list[str] = []
    values: list[dict] = []
    problems: list[str] = []
    last: dict | None = None  # the item (or text list) a merged row is added to
    last_field = ""

    def number(row: dict) -> int:
        return row["n"] + 1

    for row in proposal["rows"]:
        role, text = row["role"], row["text"]
        if role == SKIPPED:
            continue
        if role == MERGED:
            if last is None:
                problems.append(
                    _("Paragraph %(n)d is merged, but there is no paragraph before it to join.")
                    % {"n": number(row)}
                )
                continue
            joiner = " " if last_field in ("name", "title") else "\n\n"
            if last_field == "title":
                title_parts[-1] = f"{title_parts[-1]} {text}"
            elif last_field == "preamble":
                preamble[-1] = f"{preamble[-1]}\n\n{text}"
            else:
                last[last_field] = f"{last[last_field]}{joiner}{text}"
                last["rows"].append(row["n"])
            continue
        if role == TITLE:
            title_parts.append(text)
            last, last_field = {}, "title"
        elif role == PREAMBLE:
            preamble.append(text)
            last, last_field = {}, "preamble"
        elif role == VALUE:
            values.append({"name": text, "description": "", "rows": [row["n"]], "norms": [],
                           "guessed": row["role_guessed"]})  # fmt: skip
            last, last_field = values[-1], "name"
        elif role == DESCRIPTION:
            if not values:
                problems.append(
                    _("Paragraph %(n)d describes a core value, but there is no value above it.")
                    % {"n": number(row)}
                )
                continue
            value = values[-1]
            value["description"] = "\n\n".join(filter(None, [value["description"], text]))
            value["rows"].append(row["n"])
            last, last_field = value, "description"
        elif role == NORM:
            if not values:
                problems.append(
                    _(
                        "Paragraph %(n)d is a norm, but there is no core value above it. Make "
                        "a paragraph before it a core value, or skip it."
                    )
                    % {"n": number(row)}
                )
                continue
            norm = {"text": text, "kind": row["kind"], "kind_guessed": row["kind_guessed"],
                    "guessed": row["role_guessed"], "rows": [row["n"]], "examples": []}  # fmt: skip
            values[-1]["norms"].append(norm)
            last, last_field = norm, "text"
        elif role == EXAMPLE:
            if not values or not values[-1]["norms"]:
                problems.append(
                    _(
                        "Paragraph %(n)d is an example, but there is no norm before it in its "
                        "core value. Make it a norm, or skip it."
                    )
                    % {"n": number(row)}
                )
                continue
            situation = _EXAMPLE_PREFIX.sub("", text, count=1) or text
            example = {"situation": situation, "guessed": row["role_guessed"],
                       "rows": [row["n"]]}  # fmt: skip
            values[-1]["norms"][-1]["examples"].append(example)
            last, last_field = example, "situation"
    title = " ".join(title_parts) or proposal["title"]
    for value in values:
        if len(value["name"]) > MAX_NAME:
            problems.append(
                _("The core value “%(name)s” has a name longer than %(most)d characters.")
                % {"name": Truncator(value["name"]).chars(60), "most": MAX_NAME}
            )
    if len(title) > MAX_TITLE:
        problems.append(_("The title is longer than %(most)d characters.") % {"most": MAX_TITLE})
    if not values:
        problems.append(_("The code has no core values yet: make at least one paragraph a value."))
    return {"title": title, "preamble": "\n\n".join(preamble), "values": values}, problems


def document(code: dict, *, language: str, taken: dict[str, str]) -> dict:
    """The `living-code/1` document of a proposal's tree (see `tree`).

    Keys are made from each item's name or first words, as an editor's new item gets them;
    `taken` maps keys already registered in the installation to their kind: a key of
    another kind is never used, and one of the same kind matches that item, so a document
    brought in again updates the items it made before.
    """
    used: set[str] = set()

    def key(text: str, kind: str) -> str:
        base = re.sub(r"[-_]+", "-", slugify(text))[:KEY_MAX].strip("-") or kind
        candidate, n = base, 1
        while candidate in used or taken.get(candidate, kind) != kind:
            n += 1
            suffix = f"-{n}"
            candidate = base[: KEY_MAX - len(suffix)].rstrip("-") + suffix
        used.add(candidate)
        return candidate

    return {
        "format": "living-code/1",
        "title": code["title"],
        "language": language,
        "preamble": code["preamble"],
        "version": None,
        "values": [
            {
                "key": key(value["name"], "value"),
                "name": value["name"],
                "description": value["description"],
                "norms": [
                    {
                        "key": key(Truncator(norm["text"]).words(8, truncate=""), "norm"),
                        "title": "",
                        "text": norm["text"],
                        "kind": norm["kind"],
                        "explanation": "",
                        "related_values": [],
                        "legal_basis": [],
                        "examples": [
                            {
                                "key": key(
                                    Truncator(example["situation"]).words(8, truncate=""),
                                    "example",
                                ),
                                "title": "",
                                "situation": example["situation"],
                                "guidance": "",
                            }
                            for example in norm["examples"]
                        ],
                    }
                    for norm in value["norms"]
                ],
            }
            for value in code["values"]
        ],
    }
