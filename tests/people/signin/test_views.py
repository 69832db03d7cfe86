"""The sign-in pages without a provider: the login page, passwords switched off and the
break-glass account, the failure page for an answer that belongs to no sign-in, discovery
that fails or is cached, and signing out at the provider."""

import logging
from unittest import mock

import pytest
import requests
from django.urls import reverse

from people.signin import provider
from tests.helpers import PASSWORD, english, make_user

pytestmark = pytest.mark.django_db

ISSUER = "https://login.example.nl/realms/gemeente"
DISCOVERY = {
    "issuer": ISSUER,
    "authorization_endpoint": f"{ISSUER}/auth",
    "token_endpoint": f"{ISSUER}/token",
    "jwks_uri": f"{ISSUER}/certs",
    "userinfo_endpoint": f"{ISSUER}/userinfo",
    "end_session_endpoint": f"{ISSUER}/logout",
}


@pytest.fixture
def sso_on(settings):
    from codeapp.settings import oidc_settings

    env = {"OIDC_ISSUER": ISSUER, "OIDC_CLIENT_ID": "app", "OIDC_CLIENT_SECRET": "s"}
    for name, value in oidc_settings(env).items():
        setattr(settings, name, value)
    provider.forget()
    yield
    provider.forget()


def discovery_answer(document=DISCOVERY, status=200):
    response = mock.Mock(status_code=status)
    response.json.return_value = document
    response.raise_for_status.return_value = None
    return response


def test_with_sso_off_the_login_page_is_the_password_form_and_oidc_is_not_there(client):
    page = client.get(reverse("login")).content.decode()
    assert 'name="password"' in page
    assert "sign-in-work-account" not in page
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert client.get(reverse("oidc_authentication_callback")).status_code == 404


def test_with_sso_on_the_login_page_offers_the_work_account_beside_passwords(client, sso_on):
    page = english(client).get(reverse("login") + "?next=/code/").content.decode()
    assert "Sign in with your work account" in page
    assert f'href="{reverse("oidc_authentication_init")}?next=/code/"' in page
    assert 'name="password"' in page


def test_with_passwords_off_only_the_work_account_is_offered(client, sso_on, settings):
    settings.PASSWORD_LOGIN = False
    page = client.get(reverse("login")).content.decode()
    assert "sign-in-work-account" in page
    assert 'name="password"' not in page


def test_with_passwords_off_a_password_post_is_refused_clearly(
    client, settings, employee, django_user_model
):
    settings.PASSWORD_LOGIN = False
    response = english(client).post(
        reverse("login"), {"username": "employee", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "Signing in with a password is switched off" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # The Django admin's login obeys the switch too.
    admin = make_user(django_user_model, "boss", is_staff=True, is_superuser=True)
    client.post("/admin/login/", {"username": admin.username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_a_break_glass_administrator_may_still_use_a_password_and_it_is_logged(
    client, settings, django_user_model, caplog
):
    settings.PASSWORD_LOGIN = False
    settings.BREAK_GLASS_USERS = ["boss"]
    make_user(django_user_model, "boss", is_staff=True, is_superuser=True)

    with caplog.at_level(logging.WARNING, logger="people.signin.passwords"):
        response = client.post(reverse("login"), {"username": "boss", "password": PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"]
    assert "Break-glass sign-in with a password by 'boss'" in caplog.text


def test_an_answer_for_no_sign_in_started_here_gets_the_clear_page(client, sso_on):
    response = english(client).get(
        reverse("oidc_authentication_callback"), {"code": "c", "state": "forged"}
    )
    assert response.status_code == 403
    assert "This sign-in was already used or is too old" in response.content.decode()


def test_a_refusal_by_the_provider_gets_the_clear_page_in_dutch(client, sso_on):
    response = client.get(
        reverse("oidc_authentication_callback"), {"error": "access_denied", "state": "s"}
    )
    assert response.status_code == 403
    assert 'data-sign-in-failure="refused"' in response.content.decode()
    assert "Je bent niet ingelogd" in response.content.decode()


def test_an_unreachable_provider_gets_a_clear_page_and_is_asked_again_next_time(client, sso_on):
    with mock.patch("requests.get", side_effect=requests.ConnectionError("refused")) as get:
        first = english(client).get(reverse("oidc_authentication_init"))
        english(client).get(reverse("oidc_authentication_init"))
    assert first.status_code == 503
    assert "The sign-in service cannot be reached" in first.content.decode()
    assert get.call_count == 2, "a failed discovery is not kept"


def test_discovery_is_read_once_and_starts_the_code_flow_with_pkce(client, sso_on):
    with mock.patch("requests.get", return_value=discovery_answer()) as get:
        first = client.get(reverse("oidc_authentication_init"), {"next": "/code/"})
        client.get(reverse("oidc_authentication_init"))
    get.assert_called_once_with(f"{ISSUER}/.well-known/openid-configuration", timeout=10)
    assert first.status_code == 302
    location = first["Location"]
    assert location.startswith(f"{ISSUER}/auth?")
    assert "code_challenge_method=S256" in location
    assert "client_id=app" in location


def test_discovery_naming_another_issuer_is_not_trusted(client, sso_on):
    other = {**DISCOVERY, "issuer": "https://evil.example.com"}
    with mock.patch("requests.get", return_value=discovery_answer(other)):
        response = client.get(reverse("oidc_authentication_init"))
    assert response.status_code == 503


def test_signing_out_after_a_work_account_sign_in_ends_the_provider_session(
    client, sso_on, employee
):
    client.force_login(employee)
    session = client.session
    session["oidc_id_token"] = "the.id.token"
    session.save()

    with mock.patch("requests.get", return_value=discovery_answer()):
        response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert response["Location"].startswith(f"{ISSUER}/logout?id_token_hint=the.id.token")
    assert "post_logout_redirect_uri=http%3A%2F%2Ftestserver%2F" in response["Location"]
    assert "_auth_user_id" not in client.session


def test_signing_out_after_a_password_sign_in_stays_here(client, sso_on, employee):
    client.force_login(employee)
    response = client.post(reverse("logout"))
    assert response["Location"] == "/"
