"""Signing in with the work account, end to end: Chromium, this application on the live
server and a real OpenID provider (oidc-provider, tests/idp/) — no mock of the protocol."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from core.roles import EDITOR_GROUP, OFFICER_GROUP
from people.models import Person, RoleChange, Source, TeamLead
from tests.helpers.browser import assert_accessible
from tests.helpers.idp import sign_in_with_work_account

pytestmark = pytest.mark.browser

ANNA = {
    "email": "anna@example.nl",
    "name": "Anna de Vries",
    "department": "Team Zuid",
    "job_title": "Beleidsmedewerker",
    "groups": ["P&O-redactie", "Sport"],
}


@pytest.fixture(autouse=True)
def _setup(browser_setup) -> None:
    """Live server, role groups, plain static files."""


def test_it_signs_in_takes_the_role_from_groups_and_signs_out_at_the_provider_too(
    page: Page, live_server, sso
):
    sso.account("anna", **ANNA)
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.locator("#sign-in-work-account")).to_be_visible()
    assert_accessible(page)

    sign_in_with_work_account(page, live_server, "anna")

    expect(page.locator(".site-account")).to_contain_text("Anna de Vries")
    person = Person.objects.select_related("user", "unit").get(external_id="anna")
    assert person.source == Source.SIGN_IN
    assert (person.user.email, person.function) == ("anna@example.nl", "Beleidsmedewerker")
    assert person.unit.name == "Team Zuid"
    assert list(person.user.groups.values_list("name", flat=True)) == [EDITOR_GROUP]
    granted = RoleChange.objects.get(user=person.user)
    assert (granted.role, granted.change, granted.source) == (EDITOR_GROUP, "granted", "sign-in")

    page.locator("form[action='/accounts/logout/'] button").click()  # sign out
    page.locator("button[name=logout]").click()  # the provider asks to confirm
    page.wait_for_url(f"{live_server.url}/**")
    expect(page.locator(".site-account")).not_to_contain_text("Anna de Vries")
    # The provider's session has ended too: signing in asks for the account again.
    page.goto(f"{live_server.url}/accounts/oidc/authenticate/")
    expect(page.locator("input[name=login]")).to_be_visible()


def test_a_person_taken_out_of_the_group_loses_the_role_at_the_next_sign_in(
    new_page, live_server, sso
):
    sso.account("ben", email="ben@example.nl", name="Ben Bakker", groups=["Integriteit"])
    sign_in_with_work_account(new_page(), live_server, "ben")
    user = get_user_model().objects.get(person__external_id="ben")
    assert user.groups.filter(name=OFFICER_GROUP).exists()

    sso.account("ben", email="ben@example.nl", name="Ben Bakker", groups=[])
    sign_in_with_work_account(new_page(), live_server, "ben")

    assert not user.groups.exists()
    changes = list(RoleChange.objects.filter(user=user).values_list("change", "role", "source"))
    assert changes == [
        ("revoked", OFFICER_GROUP, Source.SIGN_IN),
        ("granted", OFFICER_GROUP, Source.SIGN_IN),
    ]


@pytest.mark.parametrize(("mode", "reason"), [("tamper", "token"), ("expire", "expired")])
def test_a_tampered_or_expired_id_token_is_refused_with_a_clear_page(
    page: Page, live_server, sso, mode, reason
):
    sso.account("mallory", email="mallory@example.nl", name="M", groups=["Integriteit"])
    sso.mode(mode)

    sign_in_with_work_account(page, live_server, "mallory")

    expect(page.locator(f"[data-sign-in-failure={reason}]")).to_be_visible()
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)
    assert not Person.objects.exists(), "nothing is written for a refused sign-in"
    page.goto(f"{live_server.url}/code/changes/")
    assert "/accounts/login/" in page.url, "not signed in"


def test_a_deactivated_person_is_refused(page: Page, live_server, sso):
    sso.account("carl", email="carl@example.nl", name="Carl", groups=["P&O-redactie"])
    sign_in_with_work_account(page, live_server, "carl")
    user = get_user_model().objects.get(person__external_id="carl")
    user.is_active = False
    user.save()
    page.context.clear_cookies()

    sign_in_with_work_account(page, live_server, "carl")

    expect(page.locator("[data-sign-in-failure=inactive]")).to_be_visible()
    assert_accessible(page)
    assert not user.role_changes.filter(change="revoked").exists(), "nothing was written"


def test_with_passwords_off_the_login_page_offers_only_the_work_account(
    page: Page, live_server, sso, settings
):
    settings.PASSWORD_LOGIN = False

    page.goto(f"{live_server.url}/accounts/login/")

    expect(page.locator("#sign-in-work-account")).to_be_visible()
    expect(page.locator("input[name=password]")).to_have_count(0)
    assert_accessible(page)


def test_the_leads_claim_makes_the_person_a_team_lead_with_the_change_recorded(
    new_page, live_server, sso, settings
):
    settings.OIDC_CLAIMS = {**settings.OIDC_CLAIMS, "leads": "teams"}
    sso.account("fatima", email="fatima@example.nl", name="Fatima El Amrani", teams=["Team Zuid"])
    page = new_page()
    sign_in_with_work_account(page, live_server, "fatima")

    user = get_user_model().objects.get(person__external_id="fatima")
    assert list(TeamLead.objects.filter(user=user).values_list("unit__name", "source")) == [
        ("Team Zuid", Source.SIGN_IN)
    ]
    granted = RoleChange.objects.get(user=user)
    assert (granted.role, granted.change, granted.source) == (
        "team lead of Team Zuid", "granted", Source.SIGN_IN,
    )  # fmt: skip
    page.goto(f"{live_server.url}/live/")
    expect(page.locator("h1")).to_be_visible()

    sso.account("fatima", email="fatima@example.nl", name="Fatima El Amrani", teams=[])
    sign_in_with_work_account(new_page(), live_server, "fatima")
    assert not TeamLead.objects.filter(user=user).exists()
