"""The reading pages in Chromium: axe-core in both languages, keyboard, and print."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from codeapp.models import Confirmation
from tests.helpers.browser import assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("browser_setup")]


def test_its_reading_pages_pass_axe(new_page, live_server, two_versions, employee, officer):
    Confirmation.objects.create(user=employee, version=two_versions["v1"])
    pages = [
        reverse("codeapp:in-force"),
        reverse("codeapp:version", args=[1]),
        reverse("codeapp:versions"),
        reverse("codeapp:version-compare", args=[1, 2]),
        reverse("codeapp:version-on", args=["2026-02-30"]),
        reverse("codeapp:in-force") + "?on=gisteren",
    ]
    anonymous = new_page()
    for path in pages:
        anonymous.goto(live_server.url + path)
        assert_accessible(anonymous)
    officer = new_page()
    login(officer, live_server, "officer")
    for path in [
        reverse("codeapp:version", args=[2]),
        reverse("codeapp:version-confirmations", args=[2]),
    ]:
        officer.goto(live_server.url + path)
        assert_accessible(officer)
    reader = new_page()
    login(reader, live_server, "employee")
    reader.locator("header button[name=language][value=en]").click()
    for path in [reverse("codeapp:in-force"), reverse("codeapp:changes-since-confirmed")]:
        reader.goto(live_server.url + path)
        expect(reader.locator("html")).to_have_attribute("lang", "en")
        assert_accessible(reader)


def test_it_confirms_reading_with_the_keyboard(page: Page, live_server, v1, employee):
    login(page, live_server, "employee")
    page.goto(live_server.url + reverse("codeapp:in-force"))
    button = page.locator(".confirm-box button[type=submit]")
    button.focus()
    page.keyboard.press("Enter")

    expect(page).to_have_url(live_server.url + reverse("codeapp:version", args=[1]))
    expect(page.locator(".confirm-box .confirmed")).to_be_visible()
    assert Confirmation.objects.filter(user__username="employee", version=v1).exists()


def test_it_jumps_to_a_date_with_the_date_picker(page: Page, live_server, two_versions):
    page.goto(live_server.url + reverse("codeapp:in-force"))
    page.locator("#date-picker-on").fill("2020-01-01")
    page.locator(".date-picker button[type=submit]").click()

    expect(page).to_have_url(live_server.url + reverse("codeapp:version-on", args=["2020-01-01"]))
    expect(page.locator("h1")).to_be_visible()


def test_it_prints_the_code_without_menus_and_with_examples_unfolded(
    page: Page,
    live_server,
    v1,
):
    page.goto(live_server.url + reverse("codeapp:version", args=[1]))
    expect(page.locator("#example-wijn")).to_be_hidden()

    page.emulate_media(media="print")

    expect(page.locator("#example-wijn")).to_be_visible()
    expect(page.locator("#example-diner")).to_be_visible()
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".date-picker")).to_be_hidden()
    expect(page.locator(".permalink").first).to_be_hidden()
    expect(page.locator("#norm-geschenken")).to_have_css("break-inside", "avoid")
