"""Outline numbering: the one way items get the numbers readers see ("2", "2.3", "2.3.1").

The numbers are never stored: they follow from the order of the code (a value's place among
the active values, a norm's place among its value's norms, an example's among its norm's), so
every page, form, report and document derives them here and they cannot drift apart. This
module knows no value, norm or version: it numbers any tree, whether rows of the draft or the
lists of a published document.
"""

from collections.abc import Hashable, Iterable, Iterator
from typing import Any


def outline_number(*places: int | str) -> str:
    """The number at these places, each 1-based: (2,) is "2", (2, 3) is "2.3".

    A place may also be a parent's number already written out: ("2.3", 1) is "2.3.1".
    """
    return ".".join(str(place) for place in places)


def numbered[T](items: Iterable[T], within: str = "") -> Iterator[tuple[str, T]]:
    """Number items in code order beneath the number `within` ("" for the top level)."""
    for place, item in enumerate(items, 1):
        yield (outline_number(within, place) if within else outline_number(place)), item


def outline_of[R: Hashable](
    roots: Iterable[R], *levels: tuple[Iterable[R], str], parent_id: str = "pk"
) -> dict[R, str]:
    """Number a tree kept as flat lists of rows, each list in code order.

    `levels` are the lower levels, each as (rows, the attribute naming the parent's id), e.g.
    `outline_of(values, (norms, "value_id"), (examples, "norm_id"))`. A row whose parent is not
    numbered (retired, or left out of the lists) is not numbered either. The result keeps the
    reading order: 1, 1.1, 1.1.1, 1.2, 2, …
    """
    children: list[dict[Any, list[R]]] = []
    for rows, parent_attr in levels:
        grouped: dict[Any, list[R]] = {}
        for row in rows:
            grouped.setdefault(getattr(row, parent_attr), []).append(row)
        children.append(grouped)
    numbers: dict[R, str] = {}

    def walk(rows: Iterable[R], depth: int, within: str) -> None:
        for number, row in numbered(rows, within):
            numbers[row] = number
            if depth < len(children):
                walk(children[depth].get(getattr(row, parent_id), ()), depth + 1, number)

    walk(roots, 0, "")
    return numbers
