"""Groups over SCIM: kept as sent; the mapped ones give roles, every change recorded."""

import json

import pytest
from django.contrib.auth.models import Group

from core.roles import EDITOR_GROUP, OFFICER_GROUP
from people.models import RoleChange, ScimGroup, Source
from tests.helpers.scim import BASE, TOKEN, auth, patch, scim_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def scim(settings, client):
    settings.SCIM_TOKEN = TOKEN
    settings.ROLE_MAP = {"P&O-redactie": EDITOR_GROUP, "Integriteit": OFFICER_GROUP}
    Group.objects.get_or_create(name=EDITOR_GROUP)
    Group.objects.get_or_create(name=OFFICER_GROUP)
    return client


def send(client, method: str, url: str, body=None):
    data = json.dumps(body) if body is not None else ""
    return getattr(client, method)(BASE + url, data, content_type="application/scim+json", **auth())


def new_user(client, name: str) -> str:
    return send(client, "post", "/Users", scim_user(name)).json()["id"]


def group(name: str, *members: str) -> dict:
    return {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
        "displayName": name,
        "members": [{"value": m} for m in members],
    }


def roles(user_id: str) -> set[str]:
    return set(Group.objects.filter(user__pk=user_id).values_list("name", flat=True))


def test_a_mapped_group_gives_its_role_and_the_change_is_recorded(scim):
    anna = new_user(scim, "anna")

    response = send(scim, "post", "/Groups", group("P&O-redactie", anna))

    assert response.status_code == 201
    assert response.json()["members"][0]["value"] == anna
    assert roles(anna) == {EDITOR_GROUP}
    change = RoleChange.objects.get(user_id=anna)
    assert (change.role, change.change, change.source) == (
        EDITOR_GROUP, RoleChange.Change.GRANTED, Source.SCIM,
    )  # fmt: skip


def test_members_are_added_and_removed_by_patch(scim):
    anna, bert = new_user(scim, "anna"), new_user(scim, "bert")
    pk = send(scim, "post", "/Groups", group("Integriteit", anna)).json()["id"]

    response = send(
        scim,
        "patch",
        f"/Groups/{pk}",
        patch(
            {"op": "add", "path": "members", "value": [{"value": bert}]},
            {"op": "remove", "path": f'members[value eq "{anna}"]'},
        ),
    )

    assert response.status_code == 200, response.content
    assert (roles(anna), roles(bert)) == (set(), {OFFICER_GROUP})
    revoked = RoleChange.objects.get(user_id=anna, change=RoleChange.Change.REVOKED)
    assert revoked.source == Source.SCIM


def test_entra_removes_a_member_with_a_value(scim):
    anna = new_user(scim, "anna")
    pk = send(scim, "post", "/Groups", group("Integriteit", anna)).json()["id"]

    response = send(
        scim,
        "patch",
        f"/Groups/{pk}",
        patch({"op": "Remove", "path": "members", "value": [{"value": anna}]}),
    )

    assert response.status_code == 200, response.content
    assert roles(anna) == set()


def test_a_group_not_in_the_map_is_kept_and_gives_nothing(scim):
    anna = new_user(scim, "anna")

    response = send(scim, "post", "/Groups", group("Kantine", anna))

    assert response.status_code == 201
    assert ScimGroup.objects.get(display_name="Kantine").members.count() == 1
    assert roles(anna) == set()
    assert not RoleChange.objects.exists()


def test_renaming_or_deleting_a_group_moves_the_roles(scim):
    anna = new_user(scim, "anna")
    pk = send(scim, "post", "/Groups", group("Kantine", anna)).json()["id"]

    send(
        scim,
        "patch",
        f"/Groups/{pk}",
        patch({"op": "replace", "path": "displayName", "value": "P&O-redactie"}),
    )
    assert roles(anna) == {EDITOR_GROUP}

    assert send(scim, "delete", f"/Groups/{pk}").status_code == 204
    assert roles(anna) == set()
    assert not ScimGroup.objects.exists()


def test_a_role_given_by_hand_outside_the_map_stays(scim, django_user_model):
    anna = new_user(scim, "anna")
    Group.objects.create(name="auditors").user_set.add(anna)
    pk = send(scim, "post", "/Groups", group("P&O-redactie", anna)).json()["id"]

    send(scim, "delete", f"/Groups/{pk}")

    assert roles(anna) == {"auditors"}


@pytest.mark.parametrize(
    "body",
    [
        group(""),
        group("Nieuw", "999"),
        group("Nieuw", "abc"),
        {**group("Nieuw"), "members": [{"value": "1", "type": "Group"}]},
        {"displayName": 12},
    ],
)
def test_a_malformed_group_is_a_400_and_changes_nothing(scim, body):
    response = send(scim, "post", "/Groups", body)
    assert response.status_code == 400, response.content
    assert not ScimGroup.objects.exists()


def test_a_taken_name_is_a_409(scim):
    send(scim, "post", "/Groups", group("Kantine"))
    response = send(scim, "post", "/Groups", group("kantine"))
    assert response.status_code == 409
    assert ScimGroup.objects.count() == 1


def test_a_failed_patch_leaves_the_roles_as_they_were(scim):
    anna = new_user(scim, "anna")
    pk = send(scim, "post", "/Groups", group("Integriteit", anna)).json()["id"]

    response = send(
        scim,
        "patch",
        f"/Groups/{pk}",
        patch(
            {"op": "remove", "path": "members"},
            {"op": "add", "path": "members", "value": [{"value": "999"}]},
        ),
    )

    assert response.status_code == 400
    assert roles(anna) == {OFFICER_GROUP}
    assert RoleChange.objects.count() == 1


def test_filter_and_members_left_out(scim):
    anna = new_user(scim, "anna")
    send(scim, "post", "/Groups", group("Kantine", anna))
    send(scim, "post", "/Groups", group("Integriteit"))

    found = scim.get(
        f"{BASE}/Groups",
        {"filter": 'displayName eq "Kantine"', "excludedAttributes": "members"},
        **auth(),
    ).json()

    assert found["totalResults"] == 1
    assert "members" not in found["Resources"][0]
    members = scim.get(f"{BASE}/Groups", {"filter": f'members.value eq "{anna}"'}, **auth())
    assert [g["displayName"] for g in members.json()["Resources"]] == ["Kantine"]


def test_it_lists_groups_in_a_bounded_number_of_queries(scim, django_assert_max_num_queries):
    people = [new_user(scim, f"user{n}") for n in range(6)]

    def add_groups(first: int, last: int) -> None:
        for n in range(first, last):
            send(scim, "post", "/Groups", group(f"Groep {n}", *people[: n % 6 + 1]))

    add_groups(0, 2)
    with django_assert_max_num_queries(6):
        listed = scim.get(f"{BASE}/Groups", **auth()).json()
    assert len(listed["Resources"][1]["members"]) == 2
    add_groups(2, 20)
    with django_assert_max_num_queries(6):
        assert scim.get(f"{BASE}/Groups", **auth()).json()["totalResults"] == 20


def test_a_deleted_user_leaves_its_groups_and_their_roles(scim):
    anna, bert = new_user(scim, "anna"), new_user(scim, "bert")
    pk = send(scim, "post", "/Groups", group("P&O-redactie", anna, bert)).json()["id"]

    send(scim, "delete", f"/Users/{anna}")

    members = send(scim, "get", f"/Groups/{pk}").json()["members"]
    assert [m["value"] for m in members] == [bert]
    assert roles(anna) == set()
    assert roles(bert) == {EDITOR_GROUP}
