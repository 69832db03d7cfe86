"""Users over SCIM: the mapping onto accounts, lists and filters, writes and refusals."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from people.models import Person, ScimUser, Source, Unit
from tests.helpers import make_user
from tests.helpers.scim import BASE, TOKEN, auth, patch, scim_user

pytestmark = pytest.mark.django_db
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"


@pytest.fixture
def scim(settings) -> Client:
    settings.SCIM_TOKEN = TOKEN
    return Client()


def send(client: Client, method: str, url: str, body=None):
    data = body if isinstance(body, str) else json.dumps(body) if body is not None else ""
    return getattr(client, method)(BASE + url, data, content_type="application/scim+json", **auth())


def everything() -> list:
    users = get_user_model().objects.order_by("pk").values()
    return [
        list(users),
        list(Person.objects.order_by("pk").values()),
        list(ScimUser.objects.order_by("pk").values()),
        list(Unit.objects.order_by("pk").values()),
    ]


def test_it_creates_an_account_from_a_user(scim):
    response = send(scim, "post", "/Users", scim_user())

    assert response.status_code == 201
    assert response["Content-Type"] == "application/scim+json"
    user = get_user_model().objects.get(username="bjensen")
    assert (user.first_name, user.last_name, user.email) == (
        "Barbara",
        "Jensen",
        "bjensen@example.nl",
    )
    assert user.is_active and not user.has_usable_password()
    person = user.person
    assert (person.external_id, person.function, person.source) == (
        "ext-bjensen", "beleidsmedewerker", Source.SCIM,
    )  # fmt: skip
    assert person.unit.name == "Team Zuid"  # made, as no unit had that name
    assert user.scim.employee_number == "70123"
    body = response.json()
    assert (
        response["Location"]
        == body["meta"]["location"]
        == f"http://testserver{BASE}/Users/{user.pk}"
    )
    assert body["name"] == {"givenName": "Barbara", "familyName": "Jensen"}
    assert body[ENTERPRISE] == {"department": "Team Zuid", "employeeNumber": "70123"}
    assert "phoneNumbers" not in body  # not kept, so not given back


def test_the_department_finds_a_unit_by_external_id_or_name(scim, manager):
    send(scim, "post", "/Users", scim_user("a", **{ENTERPRISE: {"department": "team-noord"}}))
    send(scim, "post", "/Users", scim_user("b", **{ENTERPRISE: {"department": "Team Noord"}}))

    noord = Unit.objects.get(external_id="team-noord")
    assert Person.objects.filter(unit=noord).count() == 3  # the manager, a and b
    assert Unit.objects.count() == 2


def test_a_display_name_alone_gives_the_names(scim):
    body = scim_user("jan")
    del body["name"]
    body["displayName"] = "Jan de Vries"

    send(scim, "post", "/Users", body)

    user = get_user_model().objects.get(username="jan")
    assert (user.first_name, user.last_name) == ("Jan", "de Vries")


def test_it_finds_users_by_filter(scim):
    for name in ("anna", "bert", "cor"):
        send(scim, "post", "/Users", scim_user(name))

    def found(text: str) -> list[str]:
        response = scim.get(f"{BASE}/Users", {"filter": text}, **auth())
        assert response.status_code == 200, response.content
        return [r["userName"] for r in response.json()["Resources"]]

    assert found('userName eq "Bert"') == ["bert"]
    assert found('externalId eq "ext-cor"') == ["cor"]
    assert found('emails.value eq "anna@example.nl"') == ["anna"]
    assert found('userName eq "anna" or userName eq "cor"') == ["anna", "cor"]
    assert found('userName eq "anna" and externalId eq "ext-bert"') == []
    assert found(f'{ENTERPRISE}:employeeNumber eq "70123"') == ["anna", "bert", "cor"]


@pytest.mark.parametrize("text", ["userName eq", 'shoeSize eq "42"', 'userName zz "a"', "(("])
def test_a_bad_filter_is_a_400(scim, text):
    response = scim.get(f"{BASE}/Users", {"filter": text}, **auth())
    assert response.status_code == 400
    assert response.json()["scimType"] == "invalidFilter"


def test_it_pages_with_start_index_and_count(scim):
    for number in range(5):
        send(scim, "post", "/Users", scim_user(f"user{number}"))

    page = scim.get(f"{BASE}/Users", {"startIndex": 2, "count": 2}, **auth()).json()

    assert page["totalResults"] == 5
    assert (page["startIndex"], page["itemsPerPage"]) == (2, 2)
    assert [r["userName"] for r in page["Resources"]] == ["user1", "user2"]
    assert scim.get(f"{BASE}/Users", {"count": 0}, **auth()).json()["Resources"] == []
    assert scim.get(f"{BASE}/Users", {"count": "x"}, **auth()).status_code == 400


def test_it_lists_in_a_bounded_number_of_queries(scim, django_assert_max_num_queries):
    for number in range(3):
        send(scim, "post", "/Users", scim_user(f"user{number}"))
    with django_assert_max_num_queries(6):
        assert scim.get(f"{BASE}/Users", **auth()).json()["totalResults"] == 3
    for number in range(3, 30):
        send(scim, "post", "/Users", scim_user(f"user{number}"))
    with django_assert_max_num_queries(6):
        assert scim.get(f"{BASE}/Users", **auth()).json()["totalResults"] == 30


def test_it_keeps_administrators_out_of_sight(scim, admin_user):
    assert scim.get(f"{BASE}/Users", **auth()).json()["totalResults"] == 0
    assert scim.get(f"{BASE}/Users/{admin_user.pk}", **auth()).status_code == 404
    response = send(scim, "post", "/Users", scim_user("admin"))
    assert response.status_code == 409


def test_put_replaces_the_account(scim):
    created = send(scim, "post", "/Users", scim_user()).json()
    body = scim_user("bjensen2", emails=[{"value": "b@elders.nl", "primary": True}])
    body["name"] = {"givenName": "Babs"}
    body.pop("title")

    response = send(scim, "put", f"/Users/{created['id']}", body)

    assert response.status_code == 200
    user = get_user_model().objects.get(pk=created["id"])
    assert (user.username, user.first_name, user.last_name) == ("bjensen2", "Babs", "")
    assert user.email == "b@elders.nl"
    assert user.person.function == ""


def test_patch_replaces_adds_and_removes(scim):
    created = send(scim, "post", "/Users", scim_user()).json()
    url = f"/Users/{created['id']}"

    response = send(
        scim,
        "patch",
        url,
        patch(
            {"op": "Replace", "path": "name.familyName", "value": "Jansen"},
            {"op": "Add", "path": 'emails[type eq "work"].value', "value": "nieuw@example.nl"},
            {"op": "Remove", "path": "title"},
            {"op": "Replace", "path": f"{ENTERPRISE}:department", "value": "Team West"},
        ),
    )

    assert response.status_code == 200, response.content
    user = get_user_model().objects.get(pk=created["id"])
    assert (user.last_name, user.email) == ("Jansen", "nieuw@example.nl")
    assert user.person.function == ""
    assert user.person.unit.name == "Team West"


def test_entra_sends_active_as_a_string_in_a_pathless_replace(scim):
    created = send(scim, "post", "/Users", scim_user()).json()

    response = send(
        scim,
        "patch",
        f"/Users/{created['id']}",
        patch({"op": "Replace", "value": {"active": "False"}}),
    )

    assert response.status_code == 200, response.content
    assert response.json()["active"] is False
    assert not get_user_model().objects.get(pk=created["id"]).is_active


def test_a_taken_user_name_or_external_id_is_a_409(scim):
    send(scim, "post", "/Users", scim_user("anna"))
    before = everything()

    same_name = send(scim, "post", "/Users", scim_user("ANNA", externalId="other"))
    same_external = send(scim, "post", "/Users", scim_user("bert", externalId="ext-anna"))

    for response in (same_name, same_external):
        assert response.status_code == 409
        assert response.json()["scimType"] == "uniqueness"
    assert everything() == before


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        "[]",
        {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"]},  # no userName
        {**scim_user(), "emails": [{"value": "not an address"}]},
        {**scim_user(), "active": "perhaps"},
        {**scim_user(), "userName": "spaties in naam"},
        {**scim_user(), "name": {"givenName": "x" * 151}},
        {**scim_user(), ENTERPRISE: {"department": "x" * 201}},
    ],
)
def test_a_malformed_user_is_a_400_and_changes_nothing(scim, body):
    before = everything()

    response = send(scim, "post", "/Users", body)

    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/scim+json"
    assert response.json()["status"] == "400"
    assert everything() == before


def test_a_malformed_patch_changes_nothing(scim):
    created = send(scim, "post", "/Users", scim_user()).json()
    before = everything()

    response = send(
        scim,
        "patch",
        f"/Users/{created['id']}",
        patch(
            {"op": "replace", "path": "name.familyName", "value": "Jansen"},
            {"op": "replace", "path": "emails", "value": [{"value": "geen adres"}]},
        ),
    )

    assert response.status_code == 400
    assert everything() == before


def test_an_unknown_user_is_a_404(scim):
    for method in ("get", "put", "patch", "delete"):
        response = send(scim, method, "/Users/999", scim_user() if method == "put" else None)
        assert response.status_code == 404, method
        assert response.json()["status"] == "404"
    assert scim.get(f"{BASE}/Users/abc", **auth()).status_code == 404


def test_delete_deactivates_and_hides_the_account(scim):
    created = send(scim, "post", "/Users", scim_user()).json()

    assert send(scim, "delete", f"/Users/{created['id']}").status_code == 204

    user = get_user_model().objects.get(pk=created["id"])
    assert not user.is_active and user.person.left_at is not None
    assert scim.get(f"{BASE}/Users/{created['id']}", **auth()).status_code == 404
    assert scim.get(f"{BASE}/Users", **auth()).json()["totalResults"] == 0


def test_provisioned_again_it_is_the_same_account(scim):
    created = send(scim, "post", "/Users", scim_user()).json()
    send(scim, "delete", f"/Users/{created['id']}")

    again = send(scim, "post", "/Users", scim_user())

    assert again.status_code == 201
    assert again.json()["id"] == created["id"]
    user = get_user_model().objects.get(pk=created["id"])
    assert user.is_active and user.person.left_at is None


def test_a_local_account_is_taken_over_by_patch(scim, django_user_model):
    """Accounts made before provisioning: the provider finds them by userName and writes."""
    local = make_user(django_user_model, "pieter", first_name="Piet")
    found = scim.get(f"{BASE}/Users", {"filter": 'userName eq "pieter"'}, **auth()).json()
    assert found["Resources"][0]["id"] == str(local.pk)

    response = send(
        scim,
        "patch",
        f"/Users/{local.pk}",
        patch({"op": "add", "path": "externalId", "value": "p1"}),
    )

    assert response.status_code == 200
    local.refresh_from_db()
    assert local.person.external_id == "p1"
    assert local.has_usable_password()  # the local password stays until an admin says otherwise


def test_a_body_too_large_is_a_413_and_changes_nothing(scim, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = scim_user(title="x" * 2000)

    response = send(scim, "post", "/Users", body)

    assert response.status_code == 413
    assert response["Content-Type"] == "application/scim+json"
    assert not get_user_model().objects.exists()


def test_a_method_the_address_does_not_take_is_a_405(scim):
    response = send(scim, "delete", "/Users")
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST"
    assert response.json()["status"] == "405"


def test_a_start_date_sets_the_day_the_person_joined(scim):
    extension = "urn:ietf:params:scim:schemas:extension:livingcode:2.0:User"
    body = scim_user(**{extension: {"startDate": "2024-03-01T00:00:00Z"}})
    body["schemas"].append(extension)

    response = send(scim, "post", "/Users", body)

    assert response.status_code == 201, response.content
    user = get_user_model().objects.get(username="bjensen")
    assert str(user.person.joined_on) == "2024-03-01"
    assert response.json()[extension]["startDate"].startswith("2024-03-01T00:00:00")
    send(scim, "patch", f"/Users/{user.pk}", patch({"op": "remove", "path": extension}))
    assert str(Person.objects.get(user=user).joined_on) == "2024-03-01"  # kept, no longer sent


def test_errors_are_in_english_whatever_the_site_language(scim):
    body = {**scim_user(), "name": {"givenName": "x" * 151}}
    response = scim.post(
        f"{BASE}/Users",
        json.dumps(body),
        content_type="application/scim+json",
        HTTP_ACCEPT_LANGUAGE="nl",
        **auth(),
    )
    assert "at most 150 characters" in response.json()["detail"]


def test_a_unique_value_taken_between_check_and_write_is_a_409(scim, monkeypatch):
    """Two creations of one user name at once: the database's constraint decides."""
    send(scim, "post", "/Users", scim_user("anna"))
    monkeypatch.setattr("people.scim.users._check_unique", lambda user, resource: None)
    before = everything()

    response = send(scim, "post", "/Users", scim_user("anna", externalId="other"))

    assert response.status_code == 409
    assert response.json()["scimType"] == "uniqueness"
    assert everything() == before
