"""The synonym list in a browser: accessible, kept by keyboard, and a clear error on nonsense."""

import pytest
from playwright.sync_api import Page, expect

from codeapp.models import SynonymList
from tests.helpers.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def test_an_editor_adds_a_group_by_keyboard_and_sees_it_in_the_history(
    page: Page, live_server, editor
):
    login(page, live_server, "editor")
    page.goto(f"{live_server.url}/code/search/synonyms/")
    assert_accessible(page)

    text = page.locator("#id_text")
    for _ in range(40):
        if page.evaluate("t => document.activeElement === t", text.element_handle()):
            break
        page.keyboard.press("Tab")
    expect(text).to_be_focused()
    page.keyboard.press("Control+End")
    page.keyboard.type("wijn = drank")
    page.keyboard.press("Tab")
    page.keyboard.type("Gehoord in de dilemmasessie")
    button = page.locator("main form button[type=submit]")
    for _ in range(5):
        if page.evaluate("b => document.activeElement === b", button.element_handle()):
            break
        page.keyboard.press("Tab")
    expect(button).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.locator(".alert-success")).to_be_visible()
    saved = SynonymList.objects.get()
    assert saved.text.endswith("wijn = drank\n")
    assert saved.history.get().history_change_reason == "Gehoord in de dilemmasessie"
    expect(page.locator("main .revision")).to_have_count(1)
    expect(page.locator("main .revision ins").first).to_contain_text("drank")
    assert_accessible(page)


def test_a_group_of_one_term_is_refused_clearly(page: Page, live_server, officer):
    login(page, live_server, "officer")
    page.goto(f"{live_server.url}/code/search/synonyms/")
    page.locator("#id_text").fill("cadeau = geschenk\nnevenfunctie\n")
    page.locator("main form button[type=submit]").click()

    expect(page.locator("#id_text")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("main .invalid-feedback")).to_contain_text("Regel 2")
    assert not SynonymList.objects.exists()
    assert_accessible(page)
