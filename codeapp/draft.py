"""The working draft as one document: values → norms → examples, numbered as readers see them."""

from dataclasses import dataclass, field
from datetime import timedelta
from itertools import chain

from django.utils import timezone

from norms.models import Example, Norm
from values.models import Value

# How long an edit counts as "recent" on the working code page.
RECENT_DAYS = 14


@dataclass
class ExampleNode:
    item: Example
    number: str


@dataclass
class NormNode:
    item: Norm
    number: str
    examples: list[ExampleNode] = field(default_factory=list)
    related: list[Value] = field(default_factory=list)


@dataclass
class ValueNode:
    item: Value
    number: str
    norms: list[NormNode] = field(default_factory=list)


@dataclass
class WorkingCode:
    values: list[ValueNode]
    retired: list[Value | Norm | Example]
    recent_changes: list
    recent_keys: set[str]

    @property
    def norm_count(self) -> int:
        return sum(len(v.norms) for v in self.values)

    @property
    def example_count(self) -> int:
        return sum(len(n.examples) for v in self.values for n in v.norms)


def working_code() -> WorkingCode:
    """Load the whole working draft in a fixed number of queries, whatever its size."""
    values = list(Value.objects.order_by("position", "id"))
    norms = list(Norm.objects.order_by("position", "id"))
    examples = list(Example.objects.order_by("position", "id"))
    by_id = {v.pk: v for v in values}
    by_key = {v.key: v for v in values}
    norms_by_id = {n.pk: n for n in norms}

    nodes: list[ValueNode] = []
    value_nodes: dict[int, ValueNode] = {}
    for value in values:
        if not value.retired:
            node = ValueNode(value, str(len(nodes) + 1))
            nodes.append(node)
            value_nodes[value.pk] = node

    norm_nodes: dict[int, NormNode] = {}
    retired: list = [v for v in values if v.retired]
    for norm in norms:
        norm.value = by_id[norm.value_id]
        parent = value_nodes.get(norm.value_id)
        if norm.retired or parent is None:
            retired.append(norm)
            continue
        related = [by_key[k] for k in norm.related_values if k in by_key]
        node = NormNode(norm, f"{parent.number}.{len(parent.norms) + 1}", related=related)
        parent.norms.append(node)
        norm_nodes[norm.pk] = node

    for example in examples:
        example.norm = norms_by_id[example.norm_id]
        parent = norm_nodes.get(example.norm_id)
        if example.retired or parent is None:
            retired.append(example)
            continue
        parent.examples.append(ExampleNode(example, f"{parent.number}.{len(parent.examples) + 1}"))

    since = timezone.now() - timedelta(days=RECENT_DAYS)
    recent = sorted(
        chain.from_iterable(
            model.history.filter(history_date__gte=since)
            .select_related("history_user")
            .order_by("-history_date")[:10]
            for model in (Value, Norm, Example)
        ),
        key=lambda r: r.history_date,
        reverse=True,
    )[:10]
    recent_keys: set[str] = set()
    for model in (Value, Norm, Example):
        recent_keys.update(
            model.history.filter(history_date__gte=since, history_type="~").values_list(
                "key", flat=True
            )
        )
    return WorkingCode(nodes, retired, recent, recent_keys)
