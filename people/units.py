"""The units as a tree, read in one query, and which units a manager looks after.

Units form a tree through `Unit.parent`. Every question about it here — the units below a
unit, the order to show them in, what a manager may see — is answered from one read of the
whole table (a few hundred rows even in a ministry), so the number of queries never grows
with the depth or size of the tree. Coverage, campaign audiences and provisioning reuse it.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from people.models import Unit, UnitManager


@dataclass(frozen=True)
class UnitNode:
    """A unit as the tree knows it: no query behind any of its attributes."""

    pk: int
    name: str
    parent_id: int | None
    children: list["UnitNode"] = field(default_factory=list, compare=False, repr=False)

    def __str__(self) -> str:
        return self.name


class UnitTree:
    """All units, with their children, ancestors and subtrees: built from one query."""

    def __init__(self, rows: Iterable[tuple[int, str, int | None]]) -> None:
        self.nodes: dict[int, UnitNode] = {
            pk: UnitNode(pk=pk, name=name, parent_id=parent) for pk, name, parent in rows
        }
        self.roots: list[UnitNode] = []
        for node in self.nodes.values():
            parent = self.nodes.get(node.parent_id) if node.parent_id is not None else None
            (parent.children if parent else self.roots).append(node)
        for node in [*self.nodes.values()]:
            node.children.sort(key=_by_name)
        self.roots.sort(key=_by_name)

    @classmethod
    def load(cls) -> "UnitTree":
        """The whole tree, in one query."""
        return cls(Unit.objects.values_list("pk", "name", "parent_id"))

    def __contains__(self, pk: object) -> bool:
        return pk in self.nodes

    def get(self, pk: int) -> UnitNode | None:
        return self.nodes.get(pk)

    def subtree_ids(self, pk: int) -> set[int]:
        """The unit and every unit below it."""
        found, todo = set(), [pk]
        while todo:
            current = todo.pop()
            if current in found or current not in self.nodes:
                continue  # a cycle cannot be stored (parents are checked), but never loop
            found.add(current)
            todo.extend(child.pk for child in self.nodes[current].children)
        return found

    def ancestors(self, pk: int) -> list[UnitNode]:
        """The units above `pk`, nearest first."""
        chain, seen = [], {pk}
        node = self.nodes.get(pk)
        while node is not None and node.parent_id is not None and node.parent_id not in seen:
            seen.add(node.parent_id)
            node = self.nodes.get(node.parent_id)
            if node is not None:
                chain.append(node)
        return chain

    def path(self, pk: int) -> str:
        """ "Afdeling Dienstverlening / Team Noord": the unit's place, from the top."""
        node = self.nodes[pk]
        return " / ".join([*(a.name for a in reversed(self.ancestors(pk))), node.name])

    def walk(self, roots: Iterable[UnitNode] | None = None) -> Iterator[tuple[UnitNode, int]]:
        """Every unit below `roots` (default: the whole tree), depth first, with its depth."""
        stack = [(node, 0) for node in reversed(list(self.roots if roots is None else roots))]
        seen: set[int] = set()
        while stack:
            node, depth = stack.pop()
            if node.pk in seen:
                continue
            seen.add(node.pk)
            yield node, depth
            stack.extend((child, depth + 1) for child in reversed(node.children))

    def top_of(self, pks: Iterable[int]) -> list[UnitNode]:
        """The units among `pks` that have none of the others above them, by name."""
        pks = set(pks)
        return sorted(
            (
                self.nodes[pk]
                for pk in pks
                if pk in self.nodes and not any(a.pk in pks for a in self.ancestors(pk))
            ),
            key=_by_name,
        )


def _by_name(node: UnitNode) -> tuple[list[str | int], int]:
    """As people sort names: "Team 2" before "Team 12"."""
    parts = re.split(r"(\d+)", node.name.casefold())
    return ([int(p) if p.isdigit() else p for p in parts], node.pk)


def managed_unit_ids(user: AbstractBaseUser | AnonymousUser) -> set[int]:
    """The units `user` is a manager of (UnitManager rows), not those below them."""
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(UnitManager.objects.filter(user=user).values_list("unit_id", flat=True))


def visible_unit_ids(tree: UnitTree, managed: Iterable[int]) -> set[int]:
    """The units a manager of `managed` sees: those and every unit below them."""
    visible: set[int] = set()
    for pk in managed:
        visible |= tree.subtree_ids(pk)
    return visible


def managers_by_unit() -> dict[int, list[int]]:
    """The user ids of the managers of each unit that has any, in one query."""
    found: dict[int, list[int]] = {}
    for unit_id, user_id in UnitManager.objects.filter(user__is_active=True).values_list(
        "unit_id", "user_id"
    ):
        found.setdefault(unit_id, []).append(user_id)
    return found


def nearest_managers(
    tree: UnitTree, managers: dict[int, list[int]], unit_id: int | None
) -> list[int]:
    """The managers of `unit_id`, or of the nearest unit above it that has any; [] if none."""
    if unit_id is None or unit_id not in tree:
        return []
    for node in [tree.nodes[unit_id], *tree.ancestors(unit_id)]:
        if managers.get(node.pk):
            return managers[node.pk]
    return []
