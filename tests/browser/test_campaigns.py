"""The campaign pages in a browser: accessible, and a campaign started by keyboard alone."""

import re

import pytest
from playwright.sync_api import Page, expect

from codeapp.campaigns.models import Campaign
from codeapp.campaigns.services import run_reminders
from codeapp.models import Confirmation
from tests.helpers import days, publish
from tests.helpers.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def _focus(page: Page, locator) -> None:
    for _ in range(80):
        if page.evaluate("e => document.activeElement === e", locator.element_handle()):
            return
        page.keyboard.press("Tab")
    expect(locator).to_be_focused()


def test_an_officer_starts_a_campaign_by_keyboard_and_reads_its_page(
    page: Page, live_server, code, titled, editor, officer, employee
):
    version = publish(editor, days(-30))
    Confirmation.objects.create(user=editor, version=version)
    login(page, live_server, "officer")

    page.goto(f"{live_server.url}/campaigns/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/campaigns/new/")
    assert_accessible(page)

    title = page.locator("#id_title")
    _focus(page, title)
    page.keyboard.type("Lees de code")
    deadline = page.locator("#id_deadline")
    deadline.fill(days(3).isoformat())
    page.locator("#id_reminder_days").fill("1")
    count = page.locator("button[name=count]")
    _focus(page, count)
    page.keyboard.press("Enter")
    expect(page.locator(".audience-count")).to_be_visible()
    assert_accessible(page)

    start = page.locator("button[name=start]")
    _focus(page, start)
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/campaigns/\d+/$"))
    campaign = Campaign.objects.get()
    assert campaign.members.count() == 3
    run_reminders(days(2))
    page.reload()
    expect(page.locator("svg[role=img]")).to_have_count(1)
    expect(page.locator(".reminders-table tbody tr")).to_have_count(1)
    assert_accessible(page)


def test_a_bad_deadline_is_shown_accessibly(page: Page, live_server, code, titled, editor, officer):
    publish(editor, days(-30))
    login(page, live_server, "officer")
    page.goto(f"{live_server.url}/campaigns/new/")
    page.locator("#id_title").fill("Lees de code")
    page.locator("#id_deadline").fill(days(-3).isoformat())
    page.locator("button[name=start]").click()

    expect(page.locator("#id_deadline")).to_have_attribute("aria-invalid", "true")
    assert not Campaign.objects.exists()
    assert_accessible(page)
