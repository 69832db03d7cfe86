"""The norm form's readability figures, refreshed while an editor types, in a real browser."""

import pytest
from playwright.sync_api import Page, expect

from norms.readability import readability
from tests.helpers import PASSWORD, nl
from tests.helpers.browser import DESKTOP, assert_accessible, login

pytestmark = pytest.mark.browser

HINT = "Probably harder than language level B1: use shorter sentences and everyday words."
BUREAUCRATIC = (
    "Het is de medewerker, behoudens voorafgaande schriftelijke toestemming van de "
    "leidinggevende, niet toegestaan om geschenken, giften of andere voordelen van derden "
    "met een geldelijke waarde aan te nemen, te behouden of anderszins te accepteren."
)


def readability_requests(page: Page) -> list[str]:
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.method) if "/readability/" in r.url else None)
    return asked


def test_the_hint_appears_in_the_live_region_once_typing_pauses(page: Page, live_server, code):
    login(page, live_server, "editor")
    page.goto(f"{live_server.url}/draft/norms/geschenken/edit/")
    region = page.locator("#id_text-readability")
    expect(region).to_have_attribute("aria-live", "polite")
    expect(region.locator("[data-readability=hint]")).to_be_hidden()
    assert_accessible(page)
    asked = readability_requests(page)

    page.locator("#id_text").fill(BUREAUCRATIC)

    expect(region.locator("[data-readability=hint]")).to_have_text(nl(HINT))
    words = readability(BUREAUCRATIC, "nl").words
    expect(region.locator("[data-readability=words]")).to_have_text(str(words))
    assert_accessible(page)

    # Key by key: one request once the typing pauses, not one per key.
    page.locator("#id_text").press_sequentially(" Ook niet.")
    expect(region.locator("[data-readability=words]")).to_have_text(str(words + 2))
    assert asked == ["POST", "POST"]


def test_the_live_figures_work_under_the_sites_own_csp(browser, live_server, code):
    # The other browser tests bypass the CSP to run axe; this one keeps it.
    context = browser.new_context(locale="nl-NL", viewport=DESKTOP)
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    page.goto(f"{live_server.url}/accounts/login/?next=/draft/norms/geschenken/edit/")
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    # The form's script listens for typing once the page has loaded, not before.
    page.wait_for_url("**/draft/norms/geschenken/edit/", wait_until="load")

    page.locator("#id_text").fill(BUREAUCRATIC)

    expect(page.locator("#id_text-readability [data-readability=hint]")).to_be_visible()
    assert refused == []
    context.close()
