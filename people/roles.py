"""Every change of a user's roles is recorded: who, when, from which source.

Roles are Django groups (core.roles). Whatever changes a user's groups — the identity provider
at sign-in, SCIM, a CSV import or an administrator in the admin — passes Django's `m2m_changed`
signal, and the handler here writes a `RoleChange` for each group added or taken away. The
source is what the surrounding `acting_as(...)` block says; outside one it is the
administrator, and the person is the signed-in user of the request (simple-history's request
middleware keeps it).
"""

import contextlib
import contextvars
from collections.abc import Iterable, Iterator

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.db import transaction
from django.db.models.signals import m2m_changed
from simple_history.models import HistoricalRecords

from people.models import RoleChange, Source

_source: contextvars.ContextVar[tuple[str, AbstractBaseUser | None] | None] = (
    contextvars.ContextVar("role_source", default=None)
)


@contextlib.contextmanager
def acting_as(source: str, by: AbstractBaseUser | None = None) -> Iterator[None]:
    """Record role changes made inside this block as coming from `source` (a people.Source)."""
    token = _source.set((source, by))
    try:
        yield
    finally:
        _source.reset(token)


def _current_source() -> tuple[str, AbstractBaseUser | None]:
    given = _source.get()
    if given is not None:
        return given
    request = getattr(HistoricalRecords.context, "request", None)
    user = getattr(request, "user", None)
    return Source.ADMIN, user if user is not None and user.is_authenticated else None


@transaction.atomic
def set_groups(
    user: AbstractBaseUser, names: Iterable[str], *, managed: Iterable[str], source: str
) -> None:
    """Give `user` exactly the groups `names` among the `managed` ones; others stay as they are.

    `managed` are the groups the source decides (e.g. those named in the identity provider's
    group mapping); a group an administrator gave by hand outside them is left alone.
    """
    wanted, managed = set(names), set(managed) | set(names)
    current = set(user.groups.filter(name__in=managed).values_list("name", flat=True))
    with acting_as(source):
        if to_add := wanted - current:
            user.groups.add(*Group.objects.filter(name__in=to_add))
        if to_remove := current - wanted:
            user.groups.remove(*Group.objects.filter(name__in=to_remove))


def _record(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """Write a RoleChange for each (user, group) pair an add, remove or clear touches."""
    if action == "pre_clear":  # clear() gives no pk_set: read what is about to go
        pk_set = set(
            instance.user_set.values_list("pk", flat=True)
            if reverse
            else instance.groups.values_list("pk", flat=True)
        )
    elif action not in ("post_add", "post_remove"):
        return
    if not pk_set:
        return
    source, by = _current_source()
    change = RoleChange.Change.GRANTED if action == "post_add" else RoleChange.Change.REVOKED
    if reverse:  # group.user_set.add(...): the instance is the group, the keys are users
        pairs = [(user, instance.name) for user in pk_set]
    else:
        names = Group.objects.filter(pk__in=pk_set).values_list("name", flat=True)
        pairs = [(instance.pk, name) for name in names]
    RoleChange.objects.bulk_create(
        RoleChange(user_id=user, role=role, change=change, source=source, changed_by=by)
        for user, role in pairs
    )


def connect_signals() -> None:
    m2m_changed.connect(
        _record, sender=get_user_model().groups.through, dispatch_uid="people.roles.record"
    )
