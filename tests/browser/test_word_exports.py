"""The Word and OpenDocument downloads in the browser: reached and started with the keyboard,
and the pages that offer them (the draft's comparison, the page that says there is nothing
to compare with) pass axe."""

import pytest
from playwright.sync_api import Page, expect

from tests.helpers import days, publish
from tests.helpers.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def _focus(page: Page, selector: str, max_tabs: int = 60) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(max_tabs):
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"{selector} not reached with {max_tabs} presses of Tab on {page.url}")


def test_the_comparison_downloads_by_keyboard_and_passes_axe(
    page: Page, live_server, code, titled, editor
):
    publish(editor, days(-10))
    login(page, live_server, "editor")

    page.goto(f"{live_server.url}/draft/compare/")
    expect(page.locator("#compare-downloads-heading")).to_be_visible()
    assert_accessible(page)
    _focus(page, 'main a[href="/draft/compare/docx/"]')
    with page.expect_download() as download:
        page.keyboard.press("Enter")

    assert download.value.suggested_filename == (
        "gedragscode-gemeente-voorbeeld-werkversie-vergeleken-met-v1.docx"
    )


def test_without_a_version_in_force_the_page_says_so_and_passes_axe(
    page: Page, live_server, code, titled
):
    login(page, live_server, "editor")

    response = page.goto(f"{live_server.url}/draft/compare/odt/")

    assert response.status == 404
    expect(page.locator(".nothing-to-compare")).to_contain_text("nog geen versie")
    assert_accessible(page)
    _focus(page, 'main a[href="/draft/odt/"]')
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "gedragscode-gemeente-voorbeeld-werkversie.odt"
