"""The accessibility statement: reached from the footer by keyboard, axe-clean in both
languages, for a reader who is not signed in."""

import pytest
from playwright.sync_api import Page, expect

from tests.helpers.browser import assert_accessible

pytestmark = pytest.mark.browser


def test_the_statement_is_reached_by_keyboard_and_is_accessible(page: Page, live_server, settings):
    settings.ORGANISATION_NAME = "Gemeente Zoëterwoude"
    settings.ACCESSIBILITY_CONTACT_EMAIL = "toegankelijkheid@example.nl"
    page.goto(f"{live_server.url}/accounts/login/")

    # Tab through the page to the footer link, then follow it with Enter.
    for _ in range(40):
        if page.evaluate("document.activeElement?.closest('footer') !== null"):
            break
        page.keyboard.press("Tab")
    expect(page.locator("footer a").first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/toegankelijkheid/")

    expect(page.locator("h1")).to_have_text("Toegankelijkheidsverklaring")
    expect(page.locator("footer a[aria-current=page]")).to_have_count(1)
    assert_accessible(page)

    # The same page in English, through the language switch.
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.reload()
    expect(page.locator("h1")).to_have_text("Accessibility statement")
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)
