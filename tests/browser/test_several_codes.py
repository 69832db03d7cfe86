"""Several codes in a browser: the list of codes, choosing the code to work on, and a code's own
reading page — accessible (axe) and used by keyboard alone."""

import re

import pytest
from playwright.sync_api import Page, expect

from codeapp.codes.addresses import working_on
from core.models import Code
from tests.helpers import FIRST_DAY, add_norm, add_value, publish, set_profile
from tests.helpers.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def _focus(page: Page, locator) -> None:
    for _ in range(80):
        if page.evaluate("e => document.activeElement === e", locator.element_handle()):
            return
        page.keyboard.press("Tab")
    expect(locator).to_be_focused()


def test_an_officer_chooses_the_council_code_and_reads_it_by_keyboard(
    page: Page, live_server, editor, officer, code
):
    publish(officer, FIRST_DAY, summary="Eerste versie.")
    council = Code.objects.create(slug="raad", name="Gedragscode raadsleden", audience="council")
    with working_on(council):
        set_profile(editor, title="Gedragscode voor raadsleden")
        value = add_value(editor, "Onafhankelijkheid", key="onafhankelijkheid")
        add_norm(editor, value, "Nevenfuncties openbaar maken", key="nevenfuncties")
        publish(officer, FIRST_DAY, summary="Eerste versie van de raadscode.")

    login(page, live_server, "officer")
    page.goto(f"{live_server.url}/codes/")
    expect(page.locator("#code-raad h2")).to_contain_text("Gedragscode voor raadsleden")
    assert_accessible(page)
    _focus(page, page.locator("#code-raad button[type=submit]"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/proposals/review/$"))  # an officer's own start
    expect(page.locator(".working-code")).to_contain_text("Gedragscode raadsleden")
    page.goto(f"{live_server.url}/draft/")
    expect(page.locator("main")).to_contain_text("Nevenfuncties openbaar maken")
    assert_accessible(page)

    page.goto(f"{live_server.url}/codes/")
    _focus(page, page.locator("#code-raad h2 a"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/codes/raad/$"))
    expect(page.locator("main")).to_contain_text("Nevenfuncties openbaar maken")
    assert_accessible(page)
