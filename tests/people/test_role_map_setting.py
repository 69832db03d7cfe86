"""ROLE_MAP: the identity provider's groups and the roles they give, from the environment."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from codeapp.settings import env_role_map


def test_it_reads_group_role_pairs(monkeypatch):
    monkeypatch.setenv(
        "ROLE_MAP", "P&O-redactie=editor; Integriteit = integrity officer; Beheer=editor;"
    )
    monkeypatch.delenv("OIDC_ROLE_MAP", raising=False)

    assert env_role_map("OIDC_ROLE_MAP", "ROLE_MAP") == {
        "P&O-redactie": "editor",
        "Integriteit": "integrity officer",
        "Beheer": "editor",
    }


def test_the_sign_in_name_comes_first(monkeypatch):
    monkeypatch.setenv("OIDC_ROLE_MAP", "A=editor")
    monkeypatch.setenv("ROLE_MAP", "B=editor")
    assert env_role_map("OIDC_ROLE_MAP", "ROLE_MAP") == {"A": "editor"}


def test_unset_means_no_mapping(monkeypatch):
    monkeypatch.delenv("ROLE_MAP", raising=False)
    assert env_role_map("ROLE_MAP") == {}


@pytest.mark.parametrize("raw", ["editor", "=editor", "Groep=", "Groep editor", "P&O=editer"])
def test_it_refuses_what_it_cannot_read(raw, monkeypatch):
    monkeypatch.setenv("ROLE_MAP", raw)
    with pytest.raises(ImproperlyConfigured, match="ROLE_MAP: .* is not group=role"):
        env_role_map("ROLE_MAP")
