"""Groups over SCIM, and the roles their members get through ROLE_MAP.

A group is kept whether or not the mapping names it (the provider reads back what it wrote);
only a mapped group gives a role. Roles are set with people.roles.set_groups under
Source.SCIM, so every role a membership gives or takes is recorded as a RoleChange.
"""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Prefetch, QuerySet
from scim2_models import (
    InvalidValueException,
    Meta,
    NotFoundException,
    UniquenessException,
)

from people.models import ScimGroup, Source
from people.roles import set_groups
from people.scim.resources import Group, GroupMember
from people.scim.users import visible_users


def all_groups(*, with_members: bool = True) -> QuerySet:
    groups = ScimGroup.objects.order_by("pk")
    if with_members:  # one query for the members of the whole page, not one per group
        groups = groups.prefetch_related(
            Prefetch("members", queryset=get_user_model().objects.only("pk"))
        )
    return groups


def group_for(resource_id: str, *, lock: bool = False) -> ScimGroup:
    """The group, locked for the transaction when it is about to be written: two PATCHes
    adding members at once must not each write the members they read before the other."""
    if resource_id.isdigit():
        groups = ScimGroup.objects.select_for_update() if lock else ScimGroup.objects
        group = groups.filter(pk=int(resource_id)).first()
        if group is not None:
            return group
    raise NotFoundException(detail=f"Group {resource_id[:60]!r} not found.")


def as_resource(
    group: ScimGroup, location: str, user_location, *, with_members: bool = True
) -> Group:
    """The group as the provider reads it; `user_location(pk)` gives a member's address."""
    members = None
    if with_members:
        pks = sorted(member.pk for member in group.members.all())
        members = [
            GroupMember(value=str(pk), ref=user_location(pk), type="User") for pk in pks
        ] or None
    return Group(
        id=str(group.pk),
        display_name=group.display_name,
        external_id=group.external_id or None,
        members=members,
        meta=Meta(
            resource_type="Group",
            created=group.created_at,
            last_modified=group.updated_at,
            location=location,
        ),
    )


def _member_ids(resource: Group) -> set[int]:
    wanted: set[int] = set()
    for member in resource.members or []:
        if member.type not in (None, "User"):
            raise InvalidValueException(detail="A group holds users only, not other groups.")
        if not (member.value or "").isdigit():
            raise InvalidValueException(detail=f"No user {member.value!r}.")
        wanted.add(int(member.value))
    found = set(visible_users().filter(pk__in=wanted).values_list("pk", flat=True))
    if missing := wanted - found:
        raise InvalidValueException(detail=f"No user {sorted(missing)[0]}.")
    return wanted


def write(resource: Group, *, group: ScimGroup | None = None) -> ScimGroup:
    """Write the SCIM Group (a new one when `group` is None); the caller holds a transaction."""
    name = (resource.display_name or "").strip()
    if not name:
        raise InvalidValueException(detail="displayName is required.")
    if len(name) > 300:
        raise InvalidValueException(detail="displayName is longer than 300 characters.")
    others = ScimGroup.objects.exclude(pk=group.pk) if group else ScimGroup.objects.all()
    if others.filter(display_name__iexact=name).exists():
        raise UniquenessException(detail=f"The displayName {name!r} is taken.")
    wanted = _member_ids(resource)
    group = group or ScimGroup()
    renamed = group.pk is not None and group.display_name != name
    group.display_name = name
    group.external_id = (resource.external_id or "")[:255]
    group.save()
    current = set(group.members.values_list("pk", flat=True))
    if added := wanted - current:
        group.members.add(*added)
    if removed := current - wanted:
        group.members.remove(*removed)
    touched = (wanted | current) if renamed else (added | removed)
    sync_roles(touched)
    return group


def remove(group: ScimGroup) -> None:
    members = set(group.members.values_list("pk", flat=True))
    group.delete()
    sync_roles(members)


def forget_member(user) -> None:
    """A user the provider deleted leaves its groups, and the roles they gave."""
    if ScimGroup.objects.filter(members=user).exists():
        user.scim_groups.clear()
        sync_roles([user.pk])


def sync_roles(user_ids: Iterable[int]) -> None:
    """Give each user exactly the roles their provisioned groups map to (ROLE_MAP)."""
    role_map: dict[str, str] = settings.ROLE_MAP
    managed = set(role_map.values())
    if not managed:
        return
    users = get_user_model().objects.filter(pk__in=set(user_ids))
    for user in users:
        names = ScimGroup.objects.filter(members=user).values_list("display_name", flat=True)
        wanted = {role_map[name] for name in names if name in role_map}
        set_groups(user, wanted, managed=managed, source=Source.SCIM)
