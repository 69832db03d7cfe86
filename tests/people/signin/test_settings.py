"""The sign-in settings come from the environment and refuse nonsense, naming the variable."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from codeapp.settings import oidc_settings
from tests.helpers.servers import STRONG_KEY, manage

BASE = {
    "OIDC_ISSUER": "https://login.example.nl/realms/gemeente/",
    "OIDC_CLIENT_ID": "gedragscode",
    "OIDC_CLIENT_SECRET": "s3cret",
}


def test_single_sign_on_is_off_without_an_issuer():
    assert oidc_settings({}) == {"OIDC_ISSUER": ""}
    assert oidc_settings({"OIDC_ISSUER": "  ", "OIDC_CLIENT_ID": "x"}) == {"OIDC_ISSUER": ""}


def test_it_reads_the_whole_configuration():
    got = oidc_settings(
        {
            **BASE,
            "OIDC_SCOPES": "openid email profile groups",
            "OIDC_ROLE_MAP": "P&O-redactie=editor; Integriteit = integrity officer;",
            "OIDC_CLAIM_UNIT": "afdeling",
            "OIDC_CLAIM_MANAGES": "leidt",
        }
    )

    assert got["OIDC_ISSUER"] == "https://login.example.nl/realms/gemeente"
    assert (got["OIDC_RP_CLIENT_ID"], got["OIDC_RP_CLIENT_SECRET"]) == ("gedragscode", "s3cret")
    assert got["OIDC_RP_SCOPES"] == "openid email profile groups"
    assert got["OIDC_RP_SIGN_ALGO"] == "RS256"
    assert got["OIDC_ROLE_MAP"] == {"P&O-redactie": "editor", "Integriteit": "integrity officer"}
    assert got["OIDC_CLAIMS"]["unit"] == "afdeling"
    assert got["OIDC_CLAIMS"]["manages"] == "leidt"
    assert got["OIDC_CLAIMS"]["groups"] == "groups"
    assert got["OIDC_USE_PKCE"] and got["OIDC_STORE_ID_TOKEN"]
    assert got["AUTHENTICATION_BACKENDS"][-1] == "people.signin.backend.SignInBackend"
    assert "https://login.example.nl" in got["SECURE_CSP"]["form-action"]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"OIDC_ISSUER": "login.example.nl"}, "OIDC_ISSUER='login.example.nl' is not a web"),
        ({"OIDC_CLIENT_ID": ""}, "OIDC_CLIENT_ID must be set"),
        ({"OIDC_CLIENT_SECRET": ""}, "OIDC_CLIENT_SECRET must be set"),
        ({"OIDC_SCOPES": "email profile"}, "OIDC_SCOPES='email profile' must include openid"),
        ({"OIDC_SIGN_ALGO": "HS256"}, "OIDC_SIGN_ALGO='HS256' is not an asymmetric"),
        ({"OIDC_TIMEOUT": "soon"}, "OIDC_TIMEOUT='soon'"),
        ({"OIDC_ROLE_MAP": "P&O-redactie"}, "OIDC_ROLE_MAP: 'P&O-redactie' is not group=role"),
        ({"OIDC_ROLE_MAP": "P&O=editer"}, "OIDC_ROLE_MAP: 'P&O=editer' is not group=role"),
        ({"OIDC_CLAIM_SUBJECT": " "}, "OIDC_CLAIM_SUBJECT may not be empty"),
    ],
)
def test_it_refuses_a_bad_value_naming_the_variable(env, message):
    with pytest.raises(ImproperlyConfigured, match=message.replace("(", r"\(")):
        oidc_settings({**BASE, **env})


def test_the_application_refuses_to_start_with_a_bad_role_map():
    result = manage(
        "check", DJANGO_SECRET_KEY=STRONG_KEY, **BASE, OIDC_ROLE_MAP="Integriteit=officer"
    )
    assert result.returncode != 0
    assert "OIDC_ROLE_MAP: 'Integriteit=officer' is not group=role" in result.stderr


def test_the_password_switch_is_a_yes_no_value():
    result = manage("check", DJANGO_SECRET_KEY=STRONG_KEY, DJANGO_PASSWORD_LOGIN="nope")
    assert result.returncode != 0
    assert "DJANGO_PASSWORD_LOGIN='nope' is not a yes/no value" in result.stderr
