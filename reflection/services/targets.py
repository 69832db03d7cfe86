"""What a proposal can be about, and what it proposes.

The kinds of item a proposal targets and which of their fields it may propose, an item's
current text, the active items of the working draft numbered to choose from, and the
proposed values a form or an employee's suggestion amounts to.
"""

from dataclasses import dataclass
from typing import Any

from core.models import CodeItem
from core.outline import outline_of
from norms.models import Example, Norm
from reflection.models import Proposal
from values.models import Value

# Which fields a proposal may propose, per kind of item.
PROPOSABLE_FIELDS = {
    "value": ("name", "description"),
    "norm": ("title", "text", "kind", "explanation"),
    "example": ("title", "situation", "guidance"),
}
MODELS: dict[str, type[CodeItem]] = {"value": Value, "norm": Norm, "example": Example}


def current_fields(item: CodeItem | None, target: str) -> dict[str, Any]:
    """The item's proposable fields as they stand; empty for no item (an addition)."""
    if item is None:
        return {}
    return {name: getattr(item, name) for name in PROPOSABLE_FIELDS[target]}


def changed_fields(item: CodeItem, target: str, proposed: dict[str, Any]) -> dict[str, Any]:
    """Only what a rewording changes: the proposal then says exactly what it rewords."""
    current = current_fields(item, target)
    return {name: value for name, value in proposed.items() if value != current.get(name)}


@dataclass
class Outline:
    """The active items of the working draft in code order, numbered as readers see them."""

    values: list[Value]
    norms: list[Norm]
    examples: list[Example]
    numbers: dict[str, str]

    def of(self, target: str) -> list[CodeItem]:
        return {"value": self.values, "norm": self.norms, "example": self.examples}[target]

    def find(self, target: str, key: str | None) -> CodeItem | None:
        """The active item of that kind with that key, or None."""
        return next((i for i in self.of(target) if i.key == key), None)

    def label(self, item: CodeItem) -> str:
        number = self.numbers.get(item.key)
        return f"{number} {item}" if number else str(item)


def outline() -> Outline:
    """Number the active values, norms and examples (1, 1.2, 1.2.3) in three queries."""
    values = list(Value.objects.active().order_by("position", "id"))
    norms = list(Norm.objects.active().order_by("position", "id"))
    examples = list(Example.objects.active().order_by("position", "id"))
    numbered = outline_of(values, (norms, "value_id"), (examples, "norm_id"))
    # Only the items under an active parent are live; in reading order, as numbered.
    live_norms = [item for item in numbered if isinstance(item, Norm)]
    live_examples = [item for item in numbered if isinstance(item, Example)]
    numbers = {item.key: number for item, number in numbered.items()}
    return Outline(values, live_norms, live_examples, numbers)


def suggested_proposal(
    *, about: Norm | Value, change: str, title: str, text: str, kind: str, rationale: str
) -> Proposal:
    """The unsaved proposal an employee's suggestion about a norm or value amounts to.

    Rewording changes the norm's text or the value's description; adding puts a new
    example under the norm, or a new norm (of `kind`) under the value, titled `title`.
    """
    proposal = Proposal(
        title=title, action=change, rationale=rationale, origin=Proposal.Origin.SUGGESTION
    )
    is_norm = isinstance(about, Norm)
    if change == Proposal.Action.ADD:
        if is_norm:
            proposal.target, proposal.parent_norm = "example", about
            proposal.proposed = {"title": title, "situation": text, "guidance": ""}
        else:
            proposal.target, proposal.parent_value = "norm", about
            proposal.proposed = {"title": title, "text": text, "kind": kind, "explanation": ""}
        return proposal
    proposal.target = "norm" if is_norm else "value"
    setattr(proposal, proposal.target, about)
    text_field = "text" if is_norm else "description"
    proposal.proposed = {text_field: text} if change == Proposal.Action.REWORD else {}
    return proposal
