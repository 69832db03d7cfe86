"""What changed between two documents, matched by key.

Because keys are stable, a norm whose text changed is "changed" (not removed and
added), one under another value is "changed" in its "parent", and one that only
changed place among its siblings is "changed" in its "position".
"""

import difflib
from dataclasses import dataclass, field

from codeapp.documents import Item, items

CODE_FIELDS = ("title", "language", "preamble")
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


def comparison_document(old_doc: dict, new_doc: dict, old_label, new_label) -> dict:
    """The comparison in the form the API gives (design.md)."""
    return {
        "from": old_label,
        "to": new_label,
        "changes": [c.as_json() for c in compare(old_doc, new_doc)],
    }
