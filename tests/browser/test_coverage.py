"""Coverage and evidence in a browser: every new page passes axe, and works by keyboard."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from codeapp.campaigns.models import Campaign, CampaignMember
from codeapp.models import Confirmation
from people.models import Person, Unit
from tests.helpers import publish
from tests.helpers.browser import assert_accessible, login

pytestmark = pytest.mark.browser


@pytest.fixture
def organisation(code, editor, officer, manager, django_user_model):
    """Version 1 in force; Team Noord (the manager's) with a team below it, and a campaign
    whose deadline has passed: Bob confirmed, Eva (in the team below) did not."""
    today = timezone.localdate()
    version = publish(editor, today - datetime.timedelta(days=30))
    north = Unit.objects.get(name="Team Noord")
    west = Unit.objects.create(name="Team Noord-West", parent=north)
    campaign = Campaign.objects.create(
        version=version, title="Ronde 2026", deadline=today - datetime.timedelta(days=2)
    )
    for name, unit, confirmed in [("bob", north, True), ("eva", west, False)]:
        user = django_user_model.objects.create_user(
            username=name, first_name=name.title(), last_name="Jansen"
        )
        Person.objects.create(user=user, unit=unit, function="adviseur")
        CampaignMember.objects.create(campaign=campaign, user=user, deadline=campaign.deadline)
        if confirmed:
            Confirmation.objects.create(user=user, version=version)
    return {"version": version, "north": north, "west": west, "campaign": campaign}


def tab_to(page: Page, locator) -> None:
    """Press Tab until `locator` has the focus: no mouse."""
    for _ in range(80):
        if page.evaluate("e => document.activeElement === e", locator.element_handle()):
            return
        page.keyboard.press("Tab")
    expect(locator).to_be_focused()


def test_a_manager_walks_from_the_tree_to_a_unit_and_the_overdue_list_by_keyboard(
    page: Page, live_server, organisation
):
    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/code/search/")
    menu_link = page.locator('#main-menu a[href="/coverage/"]')
    tab_to(page, menu_link)
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{live_server.url}/coverage/")
    assert_accessible(page)
    expect(page.locator(".coverage-table tbody tr")).to_have_count(2)
    expect(page.locator(".coverage-table")).to_contain_text("Team Noord-West")
    # The nesting is said, not only shown: a screen reader hears the level and the parent.
    expect(page.locator(".coverage-table .depth-1 .visually-hidden")).to_contain_text("Team Noord")

    west = page.locator(".coverage-table a", has_text="Team Noord-West")
    tab_to(page, west)
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Team Noord-West")
    assert_accessible(page)
    expect(page.locator(".unit-people")).to_contain_text("Eva Jansen")
    expect(page.locator(".overdue-mark")).to_have_count(1)

    page.goto(f"{live_server.url}/coverage/overdue/")
    assert_accessible(page)
    expect(page.locator(".overdue-table")).to_contain_text("Eva Jansen")
    expect(page.locator(".overdue-table")).not_to_contain_text("Bob")


def test_an_officer_chooses_a_campaign_finds_a_person_and_reads_their_evidence(
    page: Page, live_server, organisation
):
    login(page, live_server, "officer")
    page.goto(f"{live_server.url}/coverage/")
    assert_accessible(page)
    choice = page.locator("#id_of")
    tab_to(page, choice)
    page.select_option("#id_of", value=f"c{organisation['campaign'].pk}")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("#coverage-total")).to_contain_text("Ronde 2026")

    page.goto(f"{live_server.url}/coverage/overdue/")
    assert_accessible(page)
    page.locator(".overdue-lists a").first.click()
    assert_accessible(page)

    page.goto(f"{live_server.url}/people/")
    assert_accessible(page)
    search = page.locator("#id_q")
    tab_to(page, search)
    page.keyboard.type("bob")
    page.keyboard.press("Enter")
    result = page.locator(".people-table a", has_text="Bob Jansen")
    expect(result).to_be_visible()
    tab_to(page, result)
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_contain_text("Bob Jansen")
    assert_accessible(page)
    expect(page.locator(".evidence-confirmations")).to_contain_text(organisation["version"].sha256)
    day = page.locator("#id_on")
    tab_to(page, day)
    page.keyboard.type("01012030")  # a date field: typed as the browser's locale asks
    page.keyboard.press("Enter")
    expect(page.locator(".on-day-version")).to_contain_text("versie 1")
    assert_accessible(page)


def test_an_employee_reads_their_own_confirmations(page: Page, live_server, organisation, employee):
    login(page, live_server, "employee")
    link = page.locator('#main-menu a[href="/me/confirmations/"]')
    tab_to(page, link)
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text("Mijn bevestigingen")
    assert_accessible(page)
    expect(page.locator('#main-menu a[href="/coverage/"]')).to_have_count(0)
