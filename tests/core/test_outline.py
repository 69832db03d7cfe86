"""The one outline numbering (core/outline.py): "2", "2.3", "2.3.1" from the order of the code."""

from dataclasses import dataclass

import pytest

from core.outline import numbered, outline_number, outline_of
from norms.models import Norm
from values.models import Value


@dataclass(frozen=True)
class Row:
    pk: int
    kind: str
    parent: int | None = None


@pytest.mark.parametrize(
    ("places", "number"),
    [((1,), "1"), ((2, 3), "2.3"), ((2, 3, 1), "2.3.1"), (("2.3", 4), "2.3.4")],
)
def test_it_writes_places_as_readers_see_them(places, number):
    assert outline_number(*places) == number


def test_it_numbers_in_order_from_one():
    assert list(numbered(["a", "b"])) == [("1", "a"), ("2", "b")]


def test_it_numbers_beneath_a_parent():
    assert list(numbered(["a", "b"], "3.1")) == [("3.1.1", "a"), ("3.1.2", "b")]


def test_it_numbers_nothing_when_there_is_nothing():
    assert list(numbered([])) == []


def test_it_numbers_a_tree_of_flat_rows_in_reading_order():
    values = [Row(10, "value"), Row(20, "value")]
    norms = [Row(1, "norm", 20), Row(2, "norm", 10), Row(3, "norm", 20)]
    examples = [Row(7, "example", 3), Row(8, "example", 3), Row(9, "example", 2)]

    numbers = outline_of(values, (norms, "parent"), (examples, "parent"))

    assert list(numbers.items()) == [
        (Row(10, "value"), "1"),
        (Row(2, "norm", 10), "1.1"),
        (Row(9, "example", 2), "1.1.1"),
        (Row(20, "value"), "2"),
        (Row(1, "norm", 20), "2.1"),
        (Row(3, "norm", 20), "2.2"),
        (Row(7, "example", 3), "2.2.1"),
        (Row(8, "example", 3), "2.2.2"),
    ]


def test_it_leaves_out_rows_whose_parent_is_not_numbered():
    values = [Row(10, "value")]
    norms = [Row(1, "norm", 99), Row(2, "norm", 10)]  # 99: a retired value, not in the list
    examples = [Row(5, "example", 1)]

    numbers = outline_of(values, (norms, "parent"), (examples, "parent"))

    assert numbers == {Row(10, "value"): "1", Row(2, "norm", 10): "1.1"}


def test_it_keeps_rows_of_different_kinds_with_the_same_id_apart():
    value, norm = Row(1, "value"), Row(1, "norm", 1)

    assert outline_of([value], ([norm], "parent")) == {value: "1", norm: "1.1"}


def test_it_numbers_model_rows_of_different_models_with_the_same_pk_apart():
    # With their code given: the default (the active code) would ask the database.
    value, norm = Value(pk=1, code_id=1), Norm(pk=1, value_id=1, code_id=1)

    assert outline_of([value], ([norm], "value_id")) == {value: "1", norm: "1.1"}
