"""The working draft as one document: values → norms → examples, numbered as readers see them."""

from dataclasses import dataclass, field
from datetime import timedelta
from itertools import chain

from django.utils import timezone

from core.codes import ActiveCodeId
from core.outline import outline_number
from norms import legal_basis
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

    @property
    def legal_basis(self) -> list[dict]:
        """The legal basis as shown: text, and a link when it names a law by its identifier."""
        return [legal_basis.shown(b) for b in self.item.legal_basis]


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
    def keys(self) -> set[str]:
        """The keys of every item in the draft (what the next version would hold)."""
        keys = set()
        for value in self.values:
            keys.add(value.item.key)
            for norm in value.norms:
                keys.add(norm.item.key)
                keys.update(example.item.key for example in norm.examples)
        return keys

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
            node = ValueNode(value, outline_number(len(nodes) + 1))
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
        number = outline_number(parent.number, len(parent.norms) + 1)
        node = NormNode(norm, number, related=related)
        parent.norms.append(node)
        norm_nodes[norm.pk] = node

    for example in examples:
        example.norm = norms_by_id[example.norm_id]
        parent = norm_nodes.get(example.norm_id)
        if example.retired or parent is None:
            retired.append(example)
            continue
        number = outline_number(parent.number, len(parent.examples) + 1)
        parent.examples.append(ExampleNode(example, number))

    since = timezone.now() - timedelta(days=RECENT_DAYS)
    recent = sorted(
        chain.from_iterable(
            model.history.filter(code_id=ActiveCodeId(), history_date__gte=since)
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
            model.history.filter(
                code_id=ActiveCodeId(), history_date__gte=since, history_type="~"
            ).values_list("key", flat=True)
        )
    return WorkingCode(nodes, retired, recent, recent_keys)


# --- finding one's way in a large draft -------------------------------------------------------

# Up to this many norms the draft page shows the whole document; past it, an outline of
# titles whose values open one at a time (the whole 1,000-norm bench code was 5.7 MB).
FULL_PAGE_NORMS = 100
# The most items a search lists; the editor narrows the search to see the rest.
FOUND_SHOWN = 100


@dataclass
class Found:
    """An item that matches a search of the draft, with where it sits."""

    item: Value | Norm | Example
    number: str  # "" for a retired item
    value: Value  # the value it belongs to (itself for a value)
    excerpt: str  # its main text, as written


def _value_of(item: Value | Norm | Example) -> Value:
    if isinstance(item, Value):
        return item
    if isinstance(item, Norm):
        return item.value
    return item.norm.value


def _texts(item: Value | Norm | Example) -> list[str]:
    if isinstance(item, Value):
        return [item.key, item.name, item.description]
    if isinstance(item, Norm):
        laws = map(legal_basis.as_text, item.legal_basis)
        return [item.key, item.title, item.text, item.explanation, *laws]
    return [item.key, item.title, item.situation, item.guidance]


def _excerpt(item: Value | Norm | Example) -> str:
    if isinstance(item, Value):
        return item.description
    return item.text if isinstance(item, Norm) else item.situation


def find(
    code: WorkingCode, *, text: str = "", kind: str = "", value_key: str = "", retired: bool = False
) -> list[Found]:
    """The items of the draft that match every criterion given, in the order of the code.

    `text` matches any of an item's texts and its key, ignoring case; `kind` keeps only
    norms of that kind; `value_key` keeps what belongs to that value; `retired` searches
    the retired items (and those under a retired item) instead of the active ones.
    """
    if retired:
        candidates = [(item, "") for item in code.retired]
    else:
        candidates = []
        for v in code.values:
            candidates.append((v.item, v.number))
            for n in v.norms:
                candidates.append((n.item, n.number))
                candidates.extend((e.item, e.number) for e in n.examples)
    needle = text.casefold()
    found = []
    for item, number in candidates:
        if kind and not (isinstance(item, Norm) and item.kind == kind):
            continue
        value = _value_of(item)
        if value_key and value.key != value_key:
            continue
        if needle and not any(needle in t.casefold() for t in _texts(item)):
            continue
        found.append(Found(item, number, value, _excerpt(item)))
    return found


def keys_of(value: ValueNode) -> set[str]:
    """The keys of a value and of every active item under it."""
    keys = {value.item.key}
    for n in value.norms:
        keys.add(n.item.key)
        keys.update(e.item.key for e in n.examples)
    return keys


def retired_under(code: WorkingCode, value: Value) -> list[Norm | Example]:
    """The retired norms and examples of an active value (and examples of its retired norms)."""
    return [i for i in code.retired if not isinstance(i, Value) and _value_of(i).pk == value.pk]
