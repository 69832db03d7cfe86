"""The plain error pages (shown when the database or the request cannot be trusted) are
accessible in both languages."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from playwright.sync_api import Page

from tests.helpers.browser import assert_accessible

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("template", ["400.html", "500.html", "503.html"])
def test_the_plain_error_pages_are_accessible(page: Page, live_server, template, language):
    with translation.override(language):
        html = render_to_string(template)
    # Open a page of the live server first, so the stylesheets load from it.
    page.goto(f"{live_server.url}/static/css/app.css")
    page.set_content(html)

    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)


def test_the_not_found_page_is_accessible(page: Page, live_server):
    page.goto(f"{live_server.url}/no/such/page/")

    assert page.locator("h1").inner_text()
    assert_accessible(page)
