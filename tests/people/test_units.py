"""The tree of units as the coverage pages walk it: parents, order, what a manager sees."""

import pytest

from people.models import Unit
from people.units import UnitTree, visible_unit_ids

pytestmark = pytest.mark.django_db


def test_units_sort_as_people_read_numbers():
    top = Unit.objects.create(name="Gemeente")
    for name in ("Team 12", "team 2", "Team 1", "Afdeling"):
        Unit.objects.create(name=name, parent=top)

    tree = UnitTree.load()

    [root] = tree.roots
    assert [child.name for child in root.children] == ["Afdeling", "Team 1", "team 2", "Team 12"]


def test_a_manager_sees_their_units_and_every_unit_below():
    top = Unit.objects.create(name="Gemeente")
    department = Unit.objects.create(name="Afdeling", parent=top)
    team = Unit.objects.create(name="Team", parent=department)
    Unit.objects.create(name="Elders", parent=top)

    assert visible_unit_ids(UnitTree.load(), [department.pk]) == {department.pk, team.pk}
