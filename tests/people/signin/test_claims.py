"""From claims to a person: the mapping of people/signin/claims.py, without a database."""

import pytest

from codeapp.settings import OIDC_CLAIM_DEFAULTS
from people.signin.claims import MissingClaims, profile_from_claims

ROLE_MAP = {"P&O-redactie": "editor", "Integriteit": "integrity officer"}
CLAIMS = {
    "sub": "0a1b",
    "preferred_username": "anna@example.nl",
    "email": "anna@example.nl",
    "name": "Anna de Vries",
    "department": "Team Zuid",
    "job_title": "Beleidsmedewerker",
    "groups": ["P&O-redactie", "Sport", "Integriteit"],
}


def profile(claims, names=OIDC_CLAIM_DEFAULTS, role_map=ROLE_MAP, email_required=True):
    return profile_from_claims(
        claims, names=names, role_map=role_map, email_required=email_required
    )


def test_it_maps_every_claim():
    p = profile(CLAIMS)

    assert (p.subject, p.username, p.email) == ("0a1b", "anna@example.nl", "anna@example.nl")
    assert (p.first_name, p.last_name) == ("Anna de Vries", "")
    assert (p.unit, p.function) == ("Team Zuid", "Beleidsmedewerker")
    assert p.roles == {"editor", "integrity officer"}
    assert p.managed_roles == {"editor", "integrity officer"}
    assert p.manages is None
    assert p.leads is None


def test_it_ignores_groups_outside_the_mapping_and_reads_a_single_group_as_a_list():
    assert profile({**CLAIMS, "groups": "Integriteit"}).roles == {"integrity officer"}
    assert profile({**CLAIMS, "groups": ["Sport"]}).roles == frozenset()


def test_no_groups_claim_means_no_mapped_role():
    assert profile({k: v for k, v in CLAIMS.items() if k != "groups"}).roles == frozenset()


def test_without_a_mapping_roles_are_left_alone():
    assert profile(CLAIMS, role_map={}).roles is None


def test_given_and_family_names_win_over_the_full_name():
    p = profile({**CLAIMS, "given_name": "Anna", "family_name": "de Vries"})
    assert (p.first_name, p.last_name) == ("Anna", "de Vries")


def test_claims_not_sent_leave_unit_and_function_as_they_are():
    p = profile({"sub": "x", "email": "x@example.nl"})
    assert (p.unit, p.function, p.username) == (None, None, "x@example.nl")


def test_renamed_claims_are_read_under_their_names():
    names = {**OIDC_CLAIM_DEFAULTS, "subject": "oid", "unit": "afdeling", "manages": "leidt"}
    claims = {"oid": "9", "email": "b@example.nl", "afdeling": "P&O", "leidt": ["P&O", "ICT"]}
    p = profile(claims, names=names)
    assert (p.subject, p.unit, p.manages) == ("9", "P&O", ("P&O", "ICT"))


@pytest.mark.parametrize(
    ("claims", "missing"),
    [
        ({"email": "a@example.nl"}, ["sub"]),
        ({"sub": "  "}, ["sub", "email"]),
        ({"sub": "1"}, ["email"]),
    ],
)
def test_it_names_the_missing_claims(claims, missing):
    with pytest.raises(MissingClaims) as raised:
        profile(claims)
    assert raised.value.names == missing


def test_an_email_is_not_needed_when_the_email_scope_is_not_asked():
    assert profile({"sub": "1"}, email_required=False).username == "1"


def test_groups_left_out_for_being_too_many_are_unknown_not_empty():
    """Entra ID's groups overage: roles must not be taken away for it."""
    claims = {**CLAIMS, "_claim_names": {"groups": "src1"}}
    del claims["groups"]
    with pytest.raises(MissingClaims) as raised:
        profile(claims)
    assert raised.value.names == ["groups"]


def test_the_leads_claim_names_the_teams_the_person_leads_when_configured():
    names = {**OIDC_CLAIM_DEFAULTS, "leads": "teams"}
    claims = {"sub": "9", "email": "b@example.nl", "teams": "Team Noord"}
    p = profile_from_claims(claims, names=names, role_map={}, email_required=True)
    assert p.leads == ("Team Noord",)
    # Not configured: not read, whatever the provider sends.
    p = profile_from_claims(claims, names=OIDC_CLAIM_DEFAULTS, role_map={}, email_required=True)
    assert p.leads is None
