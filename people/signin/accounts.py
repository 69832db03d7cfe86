"""Just-in-time accounts: the person behind a sign-in, made on the first and brought up to
date on every one, all or nothing.

The account is found by the identity provider's subject (`Person.external_id`), never by
e-mail: an address can pass to someone else, a subject cannot. Roles go through
`people.roles.set_groups` with the source "sign-in", so each grant and each loss is recorded
as a RoleChange.
"""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from people.models import Person, RoleChange, Source, TeamLead, Unit, UnitManager
from people.roles import set_groups
from people.signin.claims import Profile

log = logging.getLogger(__name__)


class AccountInactive(Exception):
    """The account exists but is switched off (the person left): no sign-in."""


def account_sign_in(*, profile: Profile) -> AbstractBaseUser:
    """The active account for `profile`, created or updated from it; raises AccountInactive."""
    try:
        return _sign_in(profile)
    except IntegrityError:
        # Two first sign-ins of one person at once: the other made the account; update it.
        return _sign_in(profile)


@transaction.atomic
def _sign_in(profile: Profile) -> AbstractBaseUser:
    person = (
        Person.objects.select_for_update()
        .select_related("user")
        .filter(external_id=profile.subject)
        .first()
    )
    if person is not None and not person.user.is_active:
        raise AccountInactive(profile.subject)
    if person is None:
        user = get_user_model().objects.create_user(
            _free_username(profile.username), email=profile.email
        )
        person = Person.objects.create(
            user=user, external_id=profile.subject, source=Source.SIGN_IN
        )
    user = person.user

    user.email = profile.email or user.email
    user.first_name, user.last_name = profile.first_name, profile.last_name
    user.save(update_fields=["email", "first_name", "last_name"])
    changed = []
    if profile.function is not None and person.function != profile.function:
        person.function = profile.function
        changed.append("function")
    if profile.unit is not None:
        unit = unit_named(profile.unit) if profile.unit else None
        if person.unit_id != (unit.pk if unit else None):
            person.unit = unit
            changed.append("unit")
    if changed:
        person.save(update_fields=changed)
    if profile.roles is not None:
        set_groups(user, profile.roles, managed=profile.managed_roles, source=Source.SIGN_IN)
    if profile.manages is not None:
        _set_managed_units(user, [unit_named(name) for name in profile.manages])
    if profile.leads is not None:
        _set_unit_roles(
            user, [unit_named(name) for name in profile.leads], TeamLead, "team lead of"
        )
    return user


def unit_named(name: str) -> Unit:
    """The unit the identity provider names: by external id, else by name, else a new one."""
    unit = Unit.objects.filter(external_id=name).first()
    if unit is None:
        unit = Unit.objects.filter(name=name).order_by("pk").first()
    if unit is None:
        unit = Unit.objects.create(name=name)
        log.info("Sign-in created unit %r", name)
    return unit


def _free_username(wanted: str) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`, … when a local account already has that name."""
    users = get_user_model().objects
    name, n = wanted, 1
    while users.filter(username=name).exists():
        n += 1
        suffix = f"-{n}"
        name = wanted[: 150 - len(suffix)] + suffix
    return name


def _set_managed_units(user: AbstractBaseUser, units: list[Unit]) -> None:
    """Make `units` the ones `user` manages by sign-in; managers set otherwise stay."""
    _set_unit_roles(user, units, UnitManager, "manager of")


def _set_unit_roles(
    user: AbstractBaseUser,
    units: list[Unit],
    model: type[UnitManager] | type[TeamLead],
    role: str,
) -> None:
    """Make `units` the ones `user` holds a per-unit role for by sign-in (`model`: managers
    or team leads); rows set otherwise stay. Each grant and loss is a RoleChange "`role` <unit>"."""
    wanted = {unit.pk: unit for unit in units}
    by_sign_in = model.objects.filter(user=user, source=Source.SIGN_IN).select_related("unit")
    current = {row.unit_id: row for row in by_sign_in}
    others = set(
        model.objects.filter(user=user)
        .exclude(source=Source.SIGN_IN)
        .values_list("unit_id", flat=True)
    )
    now = timezone.now()
    added = [unit for pk, unit in wanted.items() if pk not in current and pk not in others]
    removed = [row for pk, row in current.items() if pk not in wanted]
    model.objects.bulk_create(
        model(unit=unit, user=user, source=Source.SIGN_IN, since=now) for unit in added
    )
    model.objects.filter(pk__in=[row.pk for row in removed]).delete()
    RoleChange.objects.bulk_create(
        [
            RoleChange(
                user=user,
                role=f"{role} {unit.name}",
                change=RoleChange.Change.GRANTED,
                source=Source.SIGN_IN,
                changed_at=now,
            )
            for unit in added
        ]
        + [
            RoleChange(
                user=user,
                role=f"{role} {row.unit.name}",
                change=RoleChange.Change.REVOKED,
                source=Source.SIGN_IN,
                changed_at=now,
            )
            for row in removed
        ]
    )
