"""Every change of a user's roles is recorded with its source, whoever makes it."""

import pytest
from django.contrib.auth.models import Group

from core.roles import EDITOR_GROUP, OFFICER_GROUP
from people.models import RoleChange, Source
from people.roles import acting_as, set_groups
from tests.helpers import make_user

pytestmark = pytest.mark.django_db


def changes(user) -> list[tuple[str, str, str]]:
    return sorted(user.role_changes.values_list("role", "change", "source"))


def test_a_group_added_by_hand_is_recorded_as_the_administrators(django_user_model):
    user = make_user(django_user_model, "fenna")

    user.groups.add(Group.objects.get(name=EDITOR_GROUP))

    assert changes(user) == [(EDITOR_GROUP, "granted", Source.ADMIN)]


def test_the_source_named_around_a_change_is_recorded(django_user_model):
    user = make_user(django_user_model, "fenna", EDITOR_GROUP)
    RoleChange.objects.all().delete()

    with acting_as(Source.SCIM):
        user.groups.clear()

    assert changes(user) == [(EDITOR_GROUP, "revoked", Source.SCIM)]


def test_set_groups_gives_exactly_the_managed_groups_and_leaves_others(django_user_model):
    user = make_user(django_user_model, "fenna", EDITOR_GROUP)
    hand_made = Group.objects.create(name="vertrouwenspersoon")
    user.groups.add(hand_made)
    RoleChange.objects.all().delete()

    set_groups(user, [OFFICER_GROUP], managed=[EDITOR_GROUP, OFFICER_GROUP], source=Source.SIGN_IN)

    assert set(user.groups.values_list("name", flat=True)) == {OFFICER_GROUP, hand_made.name}
    assert changes(user) == [
        (EDITOR_GROUP, "revoked", Source.SIGN_IN),
        (OFFICER_GROUP, "granted", Source.SIGN_IN),
    ]


def test_setting_the_same_groups_again_records_nothing(django_user_model):
    user = make_user(django_user_model, "fenna", EDITOR_GROUP)
    RoleChange.objects.all().delete()

    set_groups(user, [EDITOR_GROUP], managed=[EDITOR_GROUP, OFFICER_GROUP], source=Source.SIGN_IN)

    assert not RoleChange.objects.exists()


def test_adding_users_to_a_group_records_each_of_them(django_user_model):
    a, b = make_user(django_user_model, "a"), make_user(django_user_model, "b")

    Group.objects.get(name=OFFICER_GROUP).user_set.add(a, b)

    assert changes(a) == changes(b) == [(OFFICER_GROUP, "granted", Source.ADMIN)]
