"""Which teams a person leads: a team lead runs live dilemma sessions for their own units.

Given per unit (`TeamLead`: the admin, or the sign-in claim `OIDC_CLAIM_LEADS`). Leading a
unit covers that unit only, not the units below it: a team is one unit.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from people.models import TeamLead, Unit


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
