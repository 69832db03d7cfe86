"""Only the identity provider, with the bearer token, reaches the SCIM service."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from tests.helpers import PERSONAS
from tests.helpers.scim import BASE, TOKEN, auth, scim_user
from tests.helpers.servers import STRONG_KEY, manage

pytestmark = pytest.mark.django_db

URLS = ["/Users", "/Users/1", "/Groups", "/ServiceProviderConfig", "/Schemas", "/Nothing"]


@pytest.mark.parametrize("url", URLS)
def test_it_is_not_there_without_a_token_set(url, settings):
    settings.SCIM_TOKEN = ""
    response = Client().get(BASE + url, **auth())
    assert response.status_code == 404
    assert response["Content-Type"] == "application/scim+json"


@pytest.mark.parametrize("persona", [*PERSONAS, "manager"])
def test_scim_needs_the_token_from_every_persona(persona, client_for, settings):
    """A signed-in session is no SCIM client: the token is the only way in."""
    settings.SCIM_TOKEN = TOKEN
    client = client_for(persona)
    for url in URLS:
        response = client.get(BASE + url)
        assert response.status_code == 401, url
        assert response["WWW-Authenticate"].startswith("Bearer")
        body = response.json()
        assert body["status"] == "401"
        assert body["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]


@pytest.mark.parametrize(
    "header", ["Bearer wrong-token", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer", ""]
)
def test_a_wrong_token_is_refused_and_writes_nothing(header, settings):
    settings.SCIM_TOKEN = TOKEN
    response = Client().post(
        f"{BASE}/Users",
        json.dumps(scim_user()),
        content_type="application/scim+json",
        HTTP_AUTHORIZATION=header,
    )
    assert response.status_code == 401
    assert not get_user_model().objects.exists()


def test_the_scim_client_writes_without_a_csrf_token(settings):
    """The SCIM client persona: the token and nothing else, no cookie, no CSRF token."""
    settings.SCIM_TOKEN = TOKEN
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        f"{BASE}/Users", json.dumps(scim_user()), content_type="application/scim+json", **auth()
    )
    assert response.status_code == 201
    assert client.get(f"{BASE}/Users", **auth()).json()["totalResults"] == 1
    assert client.get(f"{BASE}/ServiceProviderConfig", **auth()).status_code == 200


def test_a_token_too_short_stops_the_start():
    result = manage("check", SCIM_TOKEN="short", DJANGO_SECRET_KEY=STRONG_KEY)
    assert result.returncode != 0
    assert "SCIM_TOKEN is shorter than 32 characters" in result.stderr
