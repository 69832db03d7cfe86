"""Who a campaign asks: the audience as a query over active accounts.

Everyone, or anyone who is in one of the chosen units (or a unit below one), holds one of
the chosen roles, has one of the chosen functions, or joined since a day. A user without a
Person row has no unit or function and joined on the day the account was made. Deactivated
accounts are never in an audience.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q, QuerySet
from django.utils import timezone

from people.models import Person, Unit


@dataclass
class Audience:
    """The audience as asked (the campaign's fields, before or after it is stored)."""

    everyone: bool = False
    units: list[Unit] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    functions: list[str] = field(default_factory=list)
    joined_since: datetime.date | None = None

    def is_empty(self) -> bool:
        return not (
            self.everyone or self.units or self.groups or self.functions or self.joined_since
        )


def subtree_ids(unit_ids: Iterable[int]) -> set[int]:
    """The units `unit_ids` and every unit below them, from one query over the tree."""
    children: dict[int | None, list[int]] = {}
    for pk, parent in Unit.objects.values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    found: set[int] = set()
    todo = list(unit_ids)
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo.extend(children.get(pk, []))
    return found


def audience_users(audience: Audience) -> QuerySet:
    """The active accounts in the audience, each once (the criteria are subqueries, not joins)."""
    users = get_user_model().objects.filter(is_active=True)
    if audience.everyone:
        return users
    if audience.is_empty():
        return users.none()
    people = Person.objects.all()
    wanted = Q()
    if audience.units:
        unit_ids = subtree_ids(unit.pk for unit in audience.units)
        wanted |= Q(pk__in=people.filter(unit_id__in=unit_ids).values("user_id"))
    if audience.groups:
        memberships = get_user_model().groups.through.objects
        wanted |= Q(pk__in=memberships.filter(group__in=audience.groups).values("user_id"))
    if audience.functions:
        wanted |= Q(pk__in=people.filter(function__in=audience.functions).values("user_id"))
    if audience.joined_since:
        since = audience.joined_since
        start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
        wanted |= Q(pk__in=people.filter(joined_on__gte=since).values("user_id")) | (
            Q(person__isnull=True) & Q(date_joined__gte=start)
        )
    return users.filter(wanted)
