"""Odd and hostile requests get a SCIM error, never a 500, and change nothing."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from people.models import Person, ScimGroup, ScimUser, Unit
from tests.helpers.scim import BASE, TOKEN, auth, patch, scim_user

pytestmark = pytest.mark.django_db

USER_PATCHES = [
    patch({"op": "replace", "path": "id", "value": "5"}),
    patch({"op": "add", "path": "meta.created", "value": "2020-01-01T00:00:00Z"}),
    patch({"op": "remove", "path": "userName"}),
    patch({"op": "remove", "path": "active"}),
    patch({"op": "replace", "path": "userName", "value": ""}),
    patch({"op": "replace", "path": "emails[value eq 1", "value": "x"}),
    patch({"op": "move", "path": "title", "value": "x"}),
    patch({"op": "replace", "path": "name", "value": "not an object"}),
    patch(),
    {"Operations": "none"},
    {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [None]},
    [1, 2, 3],
    "null",
]
GROUP_BODIES = [
    {"displayName": "G", "members": "everyone"},
    {"displayName": "G", "members": [{"value": None}]},
    {"displayName": ["G"]},
]
QUERIES = [
    {"filter": 'meta.lastModified gt "2020-01-01"'},
    {"filter": 'userName eq "a" and'},
    {"filter": "x" * 5000},
    {"startIndex": "-5", "count": "99999999999999999999"},
    {"attributes": "nonsense"},
    {"attributes": "userName", "excludedAttributes": "emails"},
    {"sortBy": "userName"},
]


@pytest.fixture
def scim(settings) -> Client:
    settings.SCIM_TOKEN = TOKEN
    return Client(raise_request_exception=True)


def send(client, method, url, body):
    data = body if isinstance(body, str) else json.dumps(body)
    return getattr(client, method)(BASE + url, data, content_type="application/scim+json", **auth())


def everything() -> list:
    return [
        list(model.objects.order_by("pk").values())
        for model in (get_user_model(), Person, ScimUser, Unit, ScimGroup)
    ]


@pytest.mark.parametrize("body", USER_PATCHES)
def test_an_odd_user_patch_is_refused_and_changes_nothing(scim, body):
    pk = send(scim, "post", "/Users", scim_user()).json()["id"]
    before = everything()

    response = send(scim, "patch", f"/Users/{pk}", body)

    assert 400 <= response.status_code < 500, response.content
    assert response["Content-Type"] == "application/scim+json"
    assert everything() == before


@pytest.mark.parametrize("body", GROUP_BODIES)
def test_an_odd_group_is_refused(scim, body):
    response = send(scim, "post", "/Groups", body)
    assert 400 <= response.status_code < 500, response.content
    assert not ScimGroup.objects.exists()


@pytest.mark.parametrize("query", QUERIES)
def test_an_odd_query_is_answered_without_a_500(scim, query):
    send(scim, "post", "/Users", scim_user())
    response = scim.get(f"{BASE}/Users", query, **auth())
    assert response.status_code in (200, 400), response.content
    assert response["Content-Type"] == "application/scim+json"


def test_put_cannot_change_the_id(scim):
    pk = send(scim, "post", "/Users", scim_user()).json()["id"]
    response = send(scim, "put", f"/Users/{pk}", {**scim_user(), "id": "12345"})
    assert response.status_code in (200, 400)
    assert get_user_model().objects.filter(pk=pk).exists()
    if response.status_code == 200:
        assert response.json()["id"] == pk


def test_a_patch_of_an_attribute_not_kept_is_accepted_and_changes_nothing(scim):
    """Identity providers send their whole mapping; what we do not keep is dropped."""
    pk = send(scim, "post", "/Users", scim_user()).json()["id"]
    before = everything()

    response = send(
        scim, "patch", f"/Users/{pk}", patch({"op": "replace", "path": "nickName", "value": "B"})
    )

    assert response.status_code == 200
    assert "nickName" not in response.json()
    assert everything() == before
