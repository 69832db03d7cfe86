"""Which teams a user leads: a unit each, not the units below it; asked in one query."""

import pytest

from people.models import Source, TeamLead, Unit
from people.teamleads import is_team_lead, led_units, unit_roles

pytestmark = pytest.mark.django_db


def test_a_team_lead_leads_their_units_only(teamlead, manager, employee, django_assert_num_queries):
    north = Unit.objects.get(name="Team Noord")
    below = Unit.objects.create(name="Team Noord-West", parent=north)
    TeamLead.objects.create(unit=Unit.objects.create(name="Team Zuid"), user=teamlead,
                            source=Source.ADMIN)  # fmt: skip
    with django_assert_num_queries(1):
        assert [u.name for u in led_units(teamlead)] == ["Team Noord", "Team Zuid"]
    assert below not in led_units(teamlead)
    with django_assert_num_queries(1):
        assert is_team_lead(teamlead)
    assert not is_team_lead(employee) and not led_units(employee).exists()
    with django_assert_num_queries(1):
        assert unit_roles(manager) == (True, False)
    assert unit_roles(teamlead) == (False, True)
    teamlead.is_active = False
    assert not is_team_lead(teamlead) and unit_roles(teamlead) == (False, False)
