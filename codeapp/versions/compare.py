"""The compare engine: what changed between two documents, matched by key.

The one engine behind every comparison: the compare page (codeapp.reading.views.version_compare),
the API's comparison document (codeapp.api.comparison), the draft against the version in
force (codeapp.drafting.changes) and what changed since a reader's confirmation.

Because keys are stable, a norm whose text changed is "changed" (not removed and
added), one under another value is "changed" in its "parent", and one that only
changed place among its siblings is "changed" in its "position".
"""

import difflib
from dataclasses import dataclass, field

from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from codeapp.versions.documents import Item, items
from core.markup import word_diff
from norms import legal_basis

CODE_FIELDS = ("title", "language", "preamble")
# The model code a code builds on (optional; design.md): another release of it is a change too.
MODEL_FIELD = "based_on"
CONTENT_FIELDS = {
    "value": ("name", "description"),
    "norm": ("title", "text", "kind", "explanation", "related_values", "legal_basis"),
    "example": ("title", "situation", "guidance"),
}


@dataclass
class Change:
    change: str  # "added" | "removed" | "changed"
    type: str  # "code" | "value" | "norm" | "example"
    key: str | None
    fields: list[str] = field(default_factory=list)
    old: Item | None = None
    new: Item | None = None

    def as_json(self) -> dict:
        return {"change": self.change, "type": self.type, "key": self.key, "fields": self.fields}


def _moved_keys(old: list[Item], new: list[Item]) -> set[str]:
    """Keys whose order among siblings changed: those outside the longest common order."""
    common = {i.key for i in old} & {i.key for i in new}
    old_parent = {i.key: i.parent for i in old}
    siblings_before: dict[str | None, list[str]] = {}
    siblings_after: dict[str | None, list[str]] = {}
    for i in old:
        if i.key in common:
            siblings_before.setdefault(i.parent, []).append(i.key)
    for i in new:
        # Only items that stayed under the same parent can have changed place among siblings.
        if i.key in common and old_parent[i.key] == i.parent:
            siblings_after.setdefault(i.parent, []).append(i.key)
    moved: set[str] = set()
    for parent, after in siblings_after.items():
        staying = set(after)
        before = [k for k in siblings_before.get(parent, []) if k in staying]
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        kept = {
            k
            for block in matcher.get_matching_blocks()
            for k in after[block.b : block.b + block.size]
        }
        moved.update(k for k in after if k not in kept)
    return moved


def compare(old_doc: dict, new_doc: dict) -> list[Change]:
    """The changes from `old_doc` to `new_doc`, in the order of the newer document.

    Removed items follow, in the order of the older document.
    """
    changes: list[Change] = []
    code_fields = [f for f in CODE_FIELDS if old_doc.get(f) != new_doc.get(f)]
    if old_doc.get(MODEL_FIELD) != new_doc.get(MODEL_FIELD):
        code_fields.append(MODEL_FIELD)
    if code_fields:
        changes.append(Change("changed", "code", None, code_fields))

    old_items = list(items(old_doc))
    new_items = list(items(new_doc))
    old_by_key = {i.key: i for i in old_items}
    new_keys = {i.key for i in new_items}
    moved = _moved_keys(old_items, new_items)

    for item in new_items:
        before = old_by_key.get(item.key)
        if before is None or before.type != item.type:
            changes.append(Change("added", item.type, item.key, new=item))
            continue
        fields = [f for f in CONTENT_FIELDS[item.type] if before.data.get(f) != item.data.get(f)]
        if before.parent != item.parent:
            fields.append("parent")
        elif item.key in moved:
            fields.append("position")
        if fields:
            changes.append(Change("changed", item.type, item.key, fields, old=before, new=item))
    for item in old_items:
        if item.key not in new_keys:
            changes.append(Change("removed", item.type, item.key, old=item))
    return changes


FIELD_LABELS = {
    "title": _("title"),
    "language": _("language"),
    "preamble": _("preamble"),
    "name": _("name"),
    "description": _("description"),
    "text": _("text"),
    "kind": _("kind"),
    "explanation": _("explanation"),
    "related_values": _("related values"),
    "legal_basis": _("legal basis"),
    "situation": _("situation"),
    "guidance": _("guidance"),
    "parent": _("moved to another place in the code"),
    "position": _("order"),
    "based_on": _("model code"),
}
KIND_LABELS = {
    "prohibition": _("Prohibition (must not)"),
    "obligation": _("Obligation (must)"),
    "aspiration": _("Aspiration (should, strive to)"),
}
TYPE_LABELS = {
    "code": _("The code"),
    "value": _("Core value"),
    "norm": _("Norm"),
    "example": _("Example"),
}


@dataclass
class FieldDiff:
    name: str
    label: str
    diff: SafeString | None  # word-level, for texts
    old: str
    new: str


@dataclass
class ChangeView:
    """A change with what a reader needs to see it: numbers, headings, word-level diffs."""

    change: Change
    type_label: str
    number: str
    heading: str
    anchor: str
    fields: list[FieldDiff]


def _field_text(name: str, value) -> str:
    if name == "kind":
        return str(KIND_LABELS.get(value, value))
    if name == "legal_basis":
        return "; ".join(map(legal_basis.as_text, value))
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _code_field_text(doc: dict, name: str) -> str:
    if name != MODEL_FIELD:
        return doc[name]
    based_on = doc.get(MODEL_FIELD)
    if based_on is None:
        return ""
    return _("%(title)s, version %(version)d (%(publisher)s)") % based_on


def present(changes: list[Change], old_doc: dict, new_doc: dict) -> list[ChangeView]:
    """Turn changes into what the comparison pages show, with word-level diffs of texts."""
    value_names = {v["key"]: v["name"] for v in old_doc["values"]}
    value_names.update({v["key"]: v["name"] for v in new_doc["values"]})
    norm_titles = {
        i.key: f"{i.number} {i.data['title']}".strip()
        for doc in (old_doc, new_doc)
        for i in items(doc)
        if i.type == "norm"
    }
    out = []
    for change in changes:
        item = change.new or change.old
        if change.type == "code":
            fields = []
            for f in change.fields:
                old, new = _code_field_text(old_doc, f), _code_field_text(new_doc, f)
                fields.append(FieldDiff(f, str(FIELD_LABELS[f]), word_diff(old, new), old, new))
            out.append(
                ChangeView(change, str(TYPE_LABELS["code"]), "", new_doc["title"], "", fields)
            )
            continue
        data = item.data
        heading = (
            data.get("name")
            or data.get("title")
            or Truncator(data.get("text") or data.get("situation") or "").words(10)
        )
        fields = []
        for name in change.fields:
            if name == "parent":
                names = value_names if change.type == "norm" else norm_titles
                old, new = names.get(change.old.parent, ""), names.get(change.new.parent, "")
                fields.append(FieldDiff(name, str(FIELD_LABELS[name]), None, old, new))
            elif name == "position":
                old, new = change.old.number, change.new.number
                fields.append(FieldDiff(name, str(FIELD_LABELS[name]), None, old, new))
            else:
                old = _field_text(name, change.old.data.get(name))
                new = _field_text(name, change.new.data.get(name))
                is_text = name not in ("kind",)
                fields.append(
                    FieldDiff(
                        name,
                        str(FIELD_LABELS[name]),
                        word_diff(old, new) if is_text else None,
                        old,
                        new,
                    )
                )
        out.append(
            ChangeView(
                change,
                str(TYPE_LABELS[change.type]),
                item.number,
                heading,
                f"{change.type}-{item.key}" if change.type in ("value", "norm") else "",
                fields,
            )
        )
    return out
