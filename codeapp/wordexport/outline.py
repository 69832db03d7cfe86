"""What an exported document holds, in no file format: a title block, then paragraphs of
runs, each paragraph in one of a few styles (`STYLES`) and each run perhaps marked as inserted
or deleted. `docx.py` and `odt.py` write the same outline, so both files say the same.

Everything comes from documents of the exchange format (codeapp.versions.documents): a
version's export from its sealed document alone, so no draft text can reach it. Numbers come
from `outline()` (core.outline), kinds as the reading page writes them (norms.models.SHORT_KINDS),
what changed from the compare engine (codeapp.versions.compare) and the word-level diff from
core.markup. Labels are in the code's own language, as in the PDF, whatever the reader's.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from codeapp.models import CodeVersion
from codeapp.versions.compare import Change, compare
from codeapp.versions.documents import outline as numbered_outline
from core.markup import markdown_tokens, word_changes
from norms.models import SHORT_KINDS

# The author of every tracked change: the product, not a person (the works council sees
# what the draft changes, not who typed it).
AUTHOR = "Living code"

INSERTED, DELETED = "inserted", "deleted"

# A language tag with its region, as word processors' proofing tools expect it ("nl-NL").
REGIONS = {"nl": "nl-NL", "en": "en-GB", "de": "de-DE", "fr": "fr-FR", "fy": "fy-NL"}


def language_tag(language: str) -> str:
    """The code's language ("nl") as a tag with a region ("nl-NL")."""
    return language if "-" in language else REGIONS.get(language, language)


# The paragraph styles an outline uses; each writer maps them onto its format's styles
# (headings onto the real Heading 1/2/3, so the navigation pane and screen readers find them).
STYLES = (
    "heading1",  # the preamble, each core value, the change summary
    "heading2",  # each norm
    "body",
    "bullet",  # an item of a bulleted list
    "ordered",  # an item of a numbered list, its number written in the text
    "kind",  # the kind of a norm
    "explanation",
    "meta",  # related values, legal basis
    "example-heading",
    "example",  # an example's situation and guidance, set apart
    "note",  # what the comparison says about an item (moved, from where)
)


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    change: str = ""  # "" | INSERTED | DELETED


@dataclass
class Paragraph:
    style: str
    runs: list[Run]
    # The paragraph as a whole (its mark too) inserted or deleted, in a comparison.
    change: str = ""

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Outline:
    title: str
    subtitle: str
    subject: str
    language: str  # the code's language, e.g. "nl"
    facts: list[tuple[str, str]]  # the title block: label, value
    body: list[Paragraph] = field(default_factory=list)
    # When the tracked changes were made (the moment of the export), for a comparison.
    changed_at: datetime.datetime | None = None
    author: str = AUTHOR

    @property
    def tracked(self) -> bool:
        return self.changed_at is not None


# ---------------------------------------------------------------------------------------------
# Markdown to paragraphs


def _runs(children: list) -> list[Run]:
    """An inline Markdown token's children as runs: bold, italic, links with their address."""
    runs: list[Run] = []
    bold = italic = 0
    links: list[str] = []
    for token in children or ():
        kind = token.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind in ("text", "code_inline"):
            runs.append(Run(token.content, bold > 0, italic > 0))
        elif kind in ("softbreak", "hardbreak"):
            runs.append(Run(" ", bold > 0, italic > 0))
        elif kind == "image":
            runs.append(Run(token.content, bold > 0, italic > 0))
        elif kind == "link_open":
            links.append(str(token.attrGet("href") or ""))
        elif kind == "link_close":
            href = links.pop() if links else ""
            # On paper a link is only its words: the address follows them.
            if href and not (runs and runs[-1].text == href):
                runs.append(Run(f" ({href})", bold > 0, italic > 0))
    return _joined(runs)


def _joined(runs: list[Run]) -> list[Run]:
    """Neighbouring runs of the same look and change as one."""
    out: list[Run] = []
    for run in runs:
        last = out[-1] if out else None
        if last and (last.bold, last.italic, last.change) == (run.bold, run.italic, run.change):
            last.text += run.text
        else:
            out.append(Run(run.text, run.bold, run.italic, run.change))
    return out


def markdown_paragraphs(text: str, style: str = "body") -> list[Paragraph]:
    """User Markdown as paragraphs, parsed as the pages parse it (core.markup): paragraphs,
    bulleted and numbered lists, headings as bold paragraphs, table rows as one paragraph."""
    out: list[Paragraph] = []
    lists: list[list] = []  # per open list: [style, next number]
    row: list[str] | None = None
    heading = False
    for token in markdown_tokens(text):
        kind = token.type
        if kind == "bullet_list_open":
            lists.append(["bullet", 0])
        elif kind == "ordered_list_open":
            lists.append(["ordered", int(token.attrGet("start") or 1)])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "heading_open":
            heading = True
        elif kind == "heading_close":
            heading = False
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            out.append(Paragraph(style, [Run(" | ".join(row))]))
            row = None
        elif kind == "inline":
            runs = _runs(token.children)
            if row is not None:
                row.append("".join(r.text for r in runs))
                continue
            if heading:
                runs = [Run(r.text, True, r.italic) for r in runs]
            if lists:
                list_style, number = lists[-1]
                if list_style == "ordered":
                    runs.insert(0, Run(f"{number}. "))
                    lists[-1][1] += 1
                out.append(Paragraph(list_style, runs))
            else:
                out.append(Paragraph(style, runs))
        elif kind in ("fence", "code_block"):
            out.append(Paragraph(style, [Run(token.content.rstrip("\n"))]))
    return out


def _plain(text: str) -> list[tuple[str, str]]:
    """Markdown as (style, plain text) per paragraph: what a word-level diff compares."""
    return [(p.style, p.text) for p in markdown_paragraphs(text)]


def _marked(paragraphs: list[Paragraph], change: str) -> list[Paragraph]:
    for paragraph in paragraphs:
        paragraph.change = change
        for run in paragraph.runs:
            run.change = change
    return paragraphs


def _diff_runs(old: str, new: str, *, bold: bool = False) -> list[Run]:
    """The word-level diff of two plain texts as runs (core.markup.word_changes)."""
    marks = {"equal": "", "delete": DELETED, "insert": INSERTED}
    return [Run(text, bold=bold, change=marks[op]) for op, text in word_changes(old, new) if text]


def text_paragraphs(old: str | None, new: str | None, style: str = "body") -> list[Paragraph]:
    """A Markdown text as paragraphs: as written when it did not change; wholly inserted or
    deleted when it is new or gone; otherwise its words diffed, paragraph by paragraph of
    the new text (a changed text loses its bold and italics: the changes matter more)."""
    if old == new or old is None and new is None:
        return markdown_paragraphs(new or "", style)
    if not old:
        return _marked(markdown_paragraphs(new or "", style), INSERTED)
    if not new:
        return _marked(markdown_paragraphs(old, style), DELETED)
    before, after = _plain(old), _plain(new)
    styles = [s if s != "body" else style for s, _text in after] or [style]
    paragraphs = [Paragraph(styles[0], [])]
    # Paragraphs are joined by a line break, a word of its own for the diff; a break that
    # is new or kept starts the next paragraph, a removed one is only removed text.
    for run in _diff_runs("\n".join(t for _s, t in before), "\n".join(t for _s, t in after)):
        if run.change == DELETED:
            paragraphs[-1].runs.append(Run(run.text.replace("\n", " "), change=DELETED))
            continue
        pieces = run.text.split("\n")
        for i, piece in enumerate(pieces):
            if i:
                paragraphs.append(Paragraph(styles[min(len(paragraphs), len(styles) - 1)], []))
            if piece:
                paragraphs[-1].runs.append(Run(piece, change=run.change))
    return paragraphs


# ---------------------------------------------------------------------------------------------
# The items of a code


def _day(text: str) -> str:
    return date_format(datetime.date.fromisoformat(text), "DATE_FORMAT")


def _moment(moment: datetime.datetime) -> str:
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _kind(kind: str) -> str:
    return str(SHORT_KINDS.get(kind, kind))


def _legal_basis(entries: list) -> str:
    """Legal bases as text: plain strings, or references to a law's article (design.md)."""
    shown = []
    for entry in entries:
        if isinstance(entry, str):
            shown.append(entry)
        else:
            article = entry.get("article")
            shown.append(f"{entry['label']}, {article}" if article else entry["label"])
    return "; ".join(shown)


def _value_heading(value: dict) -> str:
    return f"{value['number']}. {value['name']}"


def _norm_heading(norm: dict) -> str:
    if norm["title"]:
        return f"{norm['number']} {norm['title']}"
    return _("Norm %(number)s") % {"number": norm["number"]}


def _example_heading(example: dict) -> str:
    label = f"{_('Example')} {example['number']}"
    return f"{label}: {example['title']}" if example["title"] else label


class _Body:
    """Writes the items of a code as paragraphs. Each item comes as (old, new): both for an
    item in both documents (its changes tracked; none for a plain export, where old is new),
    only new for an added item, only old for a removed one."""

    def __init__(
        self,
        related_names: dict[str, str],
        changes: dict[str, Change] | None = None,
        old_values: list[dict] | None = None,
    ):
        self.out: list[Paragraph] = []
        self.related_names = related_names
        self.changes = changes or {}
        # Every item of the older document by key, numbered (codeapp.versions.documents.outline).
        self.old_items: dict[str, dict] = {}
        for value in old_values or ():
            self.old_items[value["key"]] = value
            for norm in value["norms"]:
                self.old_items[norm["key"]] = norm
                self.old_items.update((e["key"], e) for e in norm["examples"])

    def pairs(
        self, old_parent: dict | None, new_parent: dict | None, children: str
    ) -> list[tuple[dict | None, dict | None]]:
        """The children of an item as (old, new) pairs in the order of the new document; a
        removed child follows the old sibling it followed. A child that moved here from
        another parent pairs with its old self; one that moved away shows where it went."""
        olds = old_parent[children] if old_parent else []
        news = new_parent[children] if new_parent else []
        if old_parent is None or new_parent is None:
            return [(o, None) for o in olds] + [(None, n) for n in news]
        if old_parent is new_parent:  # a plain export: nothing changed
            return [(c, c) for c in news]
        pairs: list[tuple[dict | None, dict | None]] = []
        for child in news:
            change = self.changes.get(child["key"])
            added = change is not None and change.change == "added"
            pairs.append((None if added else self.old_items.get(child["key"]), child))
        shown = [(n or o)["key"] for o, n in pairs]  # type: ignore[index]
        for place, child in enumerate(olds):
            change = self.changes.get(child["key"])
            if change is None or change.change != "removed":
                continue
            # After the nearest earlier sibling still shown here; else first.
            at = 0
            for earlier in reversed(olds[:place]):
                if earlier["key"] in shown:
                    at = shown.index(earlier["key"]) + 1
                    break
            pairs.insert(at, (child, None))
            shown.insert(at, child["key"])
        return pairs

    def heading(self, style: str, old: str | None, new: str | None) -> None:
        if old == new or old is None or new is None:
            change = "" if old == new else (INSERTED if old is None else DELETED)
            run = Run(new if new is not None else old or "", change=change)
            self.out.append(Paragraph(style, [run], change))
        else:
            self.out.append(Paragraph(style, _diff_runs(old, new)))

    def labelled(
        self, style: str, label: str, old: str | None, new: str | None, *, word: bool = False
    ) -> None:
        """A line "Label: text" whose text may have changed; nothing when both are empty.
        A `word` (a norm's kind) is replaced whole when it changed, never diffed."""
        if not old and not new:
            return
        whole = "" if old and new else (INSERTED if new else DELETED)
        runs = [Run(f"{label}: ", bold=True, change=whole)]
        if whole:
            runs.append(Run(new or old or "", change=whole))
        elif word and old != new:
            runs += [Run(old or "", change=DELETED), Run(new or "", change=INSERTED)]
        else:
            runs += _diff_runs(old or "", new or "")
        self.out.append(Paragraph(style, runs, whole))

    def texts(self, old: str | None, new: str | None, style: str = "body") -> None:
        self.out += text_paragraphs(old, new, style)

    def note(self, text: str) -> None:
        self.out.append(Paragraph("note", [Run(text, italic=True)]))

    def _moved(self, key: str, type_label: str) -> None:
        change = self.changes.get(key)
        if change is None or change.old is None:
            return
        if "parent" in change.fields or "position" in change.fields:
            self.note(
                _("Moved: this was %(type)s %(number)s.")
                % {"type": type_label, "number": change.old.number}
            )

    def value(self, old: dict | None, new: dict | None) -> None:
        if old is not None and new is not None:
            # An item keeps its new number; only its wording is compared.
            self.heading("heading1", _value_heading({**old, "number": new["number"]}),
                         _value_heading(new))  # fmt: skip
        else:
            self.heading("heading1", old and _value_heading(old), new and _value_heading(new))
        self.texts(old and old["description"], new and new["description"])
        for old_norm, new_norm in self.pairs(old, new, "norms"):
            self.norm(old_norm, new_norm)

    def norm(self, old: dict | None, new: dict | None) -> None:
        if old is not None and new is not None:
            number = new["number"]
            self.heading(
                "heading2",
                _norm_heading({**old, "number": number}),
                _norm_heading(new),
            )
            self._moved(new["key"], _("norm"))
        else:
            self.heading("heading2", old and _norm_heading(old), new and _norm_heading(new))
        self.labelled(
            "kind", _("Kind"), old and _kind(old["kind"]), new and _kind(new["kind"]), word=True
        )
        self.texts(old and old["text"], new and new["text"])
        self.texts(old and old["explanation"], new and new["explanation"], "explanation")
        self.labelled(
            "meta",
            _("Related values"),
            old and self._related(old),
            new and self._related(new),
        )
        self.labelled(
            "meta",
            _("Legal basis"),
            old and _legal_basis(old["legal_basis"]),
            new and _legal_basis(new["legal_basis"]),
        )
        for old_example, new_example in self.pairs(old, new, "examples"):
            self.example(old_example, new_example)

    def _related(self, norm: dict) -> str:
        return ", ".join(self.related_names.get(k, k) for k in norm["related_values"])

    def example(self, old: dict | None, new: dict | None) -> None:
        if old is not None and new is not None:
            old_heading = _example_heading({**old, "number": new["number"]})
        else:
            old_heading = old and _example_heading(old)
        start = len(self.out)
        self.heading("example-heading", old_heading, new and _example_heading(new))
        self.out[start].style = "example-heading"
        for run in self.out[start].runs:
            run.bold = True
        if old is not None and new is not None:
            self._moved(new["key"], _("example"))
        self.texts(old and old["situation"], new and new["situation"], "example")
        guidance_old, guidance_new = old and old["guidance"], new and new["guidance"]
        if guidance_old or guidance_new:
            self.labelled("example", _("Guidance"), guidance_old, guidance_new)


# ---------------------------------------------------------------------------------------------
# The three documents


def _language(doc: dict) -> str:
    return doc.get("language") or settings.LANGUAGE_CODE


def _related_names(values: list[dict]) -> dict[str, str]:
    return {v["key"]: _value_heading(v) for v in values}


def _whole_body(doc: dict, *, summary: str = "") -> list[Paragraph]:
    """The code as written: preamble, what changed (a version's summary), every item."""
    values = numbered_outline(doc)
    body = _Body(_related_names(values))
    if doc["preamble"]:
        body.heading("heading1", _("Preamble"), _("Preamble"))
        body.texts(doc["preamble"], doc["preamble"])
    if summary:
        body.heading("heading1", _("What changed"), _("What changed"))
        body.texts(summary, summary)
    for value in values:
        body.value(value, value)
    return body.out


def _establishment(steps: dict) -> list[tuple[str, str]]:
    """The steps of establishment a version's seal covers (optional; design.md), if any."""
    facts = []
    if council := steps.get("works_council"):
        facts.append(
            (_("Works council consent"), f"{_day(council['date'])}, {council['reference']}")
        )
    if decision := steps.get("decision"):
        facts.append(
            (
                _("Decision"),
                f"{decision['body']}, {_day(decision['date'])}, {decision['reference']}",
            )
        )
    if publication := steps.get("publication"):
        parts = [publication["gazette"], _day(publication["date"]), publication["reference"]]
        facts.append(
            (_("Official publication"), ", ".join(filter(None, [*parts, publication.get("url")])))
        )
    return facts


def version_outline(version: CodeVersion) -> Outline:
    """A published version, from its sealed document alone."""
    doc = version.document
    sealed = doc["version"]
    with translation.override(_language(doc)):
        facts = [
            (_("Version"), str(sealed["number"])),
            (_("In force from"), _day(sealed["effective_from"])),
            (_("Established by"), sealed["established_by"]),
            (_("Published at"), _moment(datetime.datetime.fromisoformat(sealed["published_at"]))),
        ]
        if sealed.get("editorial"):
            facts.append((_("Kind of change"), _("Editorial change")))
        facts += _establishment(sealed.get("establishment") or {})
        facts.append((_("Seal (SHA-256)"), sealed["sha256"]))
        if sealed["previous_sha256"]:
            facts.append((_("Previous seal"), sealed["previous_sha256"]))
        subject = _("Version %(number)d, in force from %(date)s") % {
            "number": sealed["number"],
            "date": _day(sealed["effective_from"]),
        }
        return Outline(
            title=doc["title"],
            subtitle=subject,
            subject=subject,
            language=_language(doc),
            facts=facts,
            body=_whole_body(doc, summary=sealed["change_summary"]),
        )


def _in_force_fact(in_force: CodeVersion | None) -> tuple[str, str]:
    if in_force is None:
        return _("Version in force"), _("none yet")
    return _("Version in force"), _("version %(number)d, in force from %(date)s") % {
        "number": in_force.number,
        "date": date_format(in_force.effective_from, "DATE_FORMAT"),
    }


def draft_outline(draft: dict, *, in_force: CodeVersion | None) -> Outline:
    """The working draft (codeapp.versions.documents.build_draft_document) as it stands."""
    now = timezone.now()
    with translation.override(_language(draft)):
        subject = _("Working draft, not established")
        return Outline(
            title=draft["title"],
            subtitle=subject,
            subject=subject,
            language=_language(draft),
            facts=[
                (_("Status"), subject),
                (_("Exported at"), _moment(now)),
                _in_force_fact(in_force),
            ],
            body=_whole_body(draft),
        )


def comparison_outline(draft: dict, *, in_force: CodeVersion) -> Outline:
    """The working draft with every change since the version in force tracked: accept them
    all and it is the draft; reject them all and it is the version in force."""
    old = in_force.document
    changes = compare(old, draft)
    by_key = {c.key: c for c in changes if c.key is not None}
    now = timezone.now()
    with translation.override(_language(draft)):
        subject = _("Working draft compared with version %(number)d") % {"number": in_force.number}
        added = sum(c.change == "added" for c in changes)
        removed = sum(c.change == "removed" for c in changes)
        changed = sum(c.change == "changed" for c in changes)
        facts = [
            (_("Status"), _("Working draft, not established")),
            _in_force_fact(in_force),
            (_("Seal of that version"), in_force.sha256),
            (_("Exported at"), _moment(now)),
            (
                _("Changes"),
                _("%(added)d added, %(changed)d changed, %(removed)d removed")
                % {"added": added, "changed": changed, "removed": removed},
            ),
        ]
        if old["title"] != draft["title"]:
            label = _("Title in version %(number)d") % {"number": in_force.number}
            facts.insert(-1, (label, old["title"]))
        old_values = numbered_outline(old)
        new_values = numbered_outline(draft)
        names = _related_names(old_values) | _related_names(new_values)
        body = _Body(names, by_key, old_values)
        body.note(
            _(
                "Every change since version %(number)d is marked as a tracked change. Accept "
                "them all and you have the working draft; reject them all and you have "
                "version %(number)d."
            )
            % {"number": in_force.number}
        )
        if not changes:
            body.note(
                _("The working draft does not differ from version %(number)d.")
                % {"number": in_force.number}
            )
        if old["preamble"] or draft["preamble"]:
            body.heading("heading1", _("Preamble"), _("Preamble"))
            body.texts(old["preamble"] or None, draft["preamble"] or None)
        for old_value, new_value in body.pairs(
            {"values": old_values}, {"values": new_values}, "values"
        ):
            body.value(old_value, new_value)
        return Outline(
            title=draft["title"],
            subtitle=subject,
            subject=subject,
            language=_language(draft),
            facts=facts,
            body=body.out,
            changed_at=now,
        )
