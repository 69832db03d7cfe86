"""A published document as readers see it: values → norms → examples with citations, the
amendments it incorporates, and the changes between two documents, counted.

Numbers ("norm 2.3") come with the items (codeapp.versions.documents.items); nothing here
numbers anything.
"""

from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from codeapp.models import CodeVersion
from codeapp.reading.timeline import Standing
from codeapp.versions import provenance
from codeapp.versions.compare import Change, ChangeView, compare, present
from codeapp.versions.documents import Item, items
from core.dates import parse_day
from norms.models import SHORT_KINDS

# Fields whose change means an item was reworded (rather than moved or re-kinded).
WORDING_FIELDS = {
    "title", "preamble", "name", "description", "text", "explanation", "situation", "guidance",
}  # fmt: skip


@dataclass
class NormBlock:
    item: Item
    kind_label: str
    related: list[Item]
    examples: list[Item]
    citation: str
    origin: provenance.Origin = provenance.UNKNOWN


@dataclass
class ValueBlock:
    item: Item
    citation: str
    norms: list[NormBlock] = field(default_factory=list)
    origin: provenance.Origin = provenance.UNKNOWN


@dataclass
class Reading:
    values: list[ValueBlock]
    norm_count: int
    example_count: int


def citation_source(version: CodeVersion) -> str:
    """How a citation names the version: title, version number and date in force."""
    return _("%(title)s, version %(number)d (in force from %(date)s)") % {
        "title": version.document["title"],
        "number": version.number,
        "date": date_format(version.effective_from, "DATE_FORMAT"),
    }


def read_document(
    doc: dict, *, source: str, origins: dict[str, provenance.Origin] | None = None
) -> Reading:
    """The document as a tree of values → norms → examples, numbered, with citations.

    `origins` (codeapp.versions.provenance.for_reading) says where each value's and norm's
    wording comes from; without it, that is unknown.
    """
    origins = origins or {}
    all_items = list(items(doc))
    value_items = {i.key: i for i in all_items if i.type == "value"}
    values: list[ValueBlock] = []
    norms: dict[str, NormBlock] = {}
    for item in all_items:
        if item.type == "value":
            citation = _("%(source)s, core value %(number)s") % {
                "source": source,
                "number": item.number,
            }
            values.append(
                ValueBlock(item, citation, origin=origins.get(item.key, provenance.UNKNOWN))
            )
        elif item.type == "norm":
            norm = NormBlock(
                item,
                str(SHORT_KINDS.get(item.data["kind"], item.data["kind"])),
                [value_items[k] for k in item.data["related_values"] if k in value_items],
                [],
                _("%(source)s, norm %(number)s") % {"source": source, "number": item.number},
                origins.get(item.key, provenance.UNKNOWN),
            )
            norms[item.key] = norm
            values[-1].norms.append(norm)
        else:
            norms[item.parent].examples.append(item)
    return Reading(values, len(norms), sum(len(n.examples) for n in norms.values()))


def amendments(doc: dict) -> list[dict]:
    """The amendments a version incorporates, with dates to format in the reader's language."""
    day = parse_day
    return [
        {
            "number": a["number"],
            "title": a["title"],
            "decided_on": day(a["decided_on"]),
            "session": a["session"] and {**a["session"], "date": day(a["session"]["date"])},
        }
        for a in (doc["version"] or {}).get("amendments", [])
    ]


def compare_choices(rows: list[Standing], a: int | None = None, b: int | None = None) -> dict:
    """The versions the compare form offers (newest first) and which two it proposes."""
    numbers = [s.version.number for s in rows]
    if b is None:
        b = numbers[0] if numbers else None
        a = numbers[1] if len(numbers) > 1 else b
    return {"choices": rows, "compare_a": a, "compare_b": b}


# ---------------------------------------------------------------------------------------------
# The changes between two documents, as a reader sees them


@dataclass
class Counts:
    added: int
    removed: int
    changed: int
    reworded: int
    moved: int
    kind: int

    @property
    def total(self) -> int:
        return self.added + self.removed + self.changed


def count_changes(changes: list[Change]) -> Counts:
    """How many items changed, by kind of change."""
    changed = [c for c in changes if c.change == "changed"]
    return Counts(
        added=sum(c.change == "added" for c in changes),
        removed=sum(c.change == "removed" for c in changes),
        changed=len(changed),
        reworded=sum(bool(WORDING_FIELDS & set(c.fields)) for c in changed),
        moved=sum(bool({"parent", "position"} & set(c.fields)) for c in changed),
        kind=sum("kind" in c.fields for c in changed),
    )


def changes_shown(old_doc: dict, new_doc: dict) -> tuple[list[Change], list[ChangeView]]:
    """The changes from one document to another (the compare engine,
    codeapp.versions.compare), and how the changes partial shows them."""
    changes = compare(old_doc, new_doc)
    return changes, present(changes, old_doc, new_doc)
