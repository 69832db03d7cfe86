"""Which teams a person leads: a team lead runs live dilemma sessions for their own units.

Given per unit (`TeamLead`: the admin, or the sign-in claim `OIDC_CLAIM_LEADS`). Leading a
unit covers that unit only, not the units below it: a team is one unit.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, QuerySet

from people.models import TeamLead, Unit, UnitManager


def led_units(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Unit]:
    """The units `user` leads, by name (one query when read; none for an anonymous user)."""
    if not (user.is_authenticated and user.is_active):
        return Unit.objects.none()
    return Unit.objects.filter(team_leads__user_id=user.pk).order_by("name", "pk")


def is_team_lead(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether `user` leads any team (one query)."""
    return bool(
        user.is_authenticated
        and user.is_active
        and TeamLead.objects.filter(user_id=user.pk).exists()
    )


def unit_roles(user: AbstractBaseUser | AnonymousUser) -> tuple[bool, bool]:
    """(manages a unit, leads a team), in one query: the menu asks both on every page."""
    if not (user.is_authenticated and user.is_active):
        return False, False
    row = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            manages=Exists(UnitManager.objects.filter(user_id=OuterRef("pk"))),
            leads=Exists(TeamLead.objects.filter(user_id=OuterRef("pk"))),
        )
        .values_list("manages", "leads")
        .first()
    )
    return row or (False, False)
