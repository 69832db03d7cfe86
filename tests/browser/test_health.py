"""The code health dashboard in a browser: accessible, and the next session planned by keyboard."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from codeapp.versions.services import version_publish
from reflection.models import Case, Session
from tests.helpers.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def test_an_officer_reads_the_dashboard_and_plans_the_session_by_keyboard(
    page: Page, live_server, code, officer
):
    case = Case.objects.create(title="Een fles wijn van de leverancier", situation="Wijn.")
    case.norms.add(code["gifts"])
    held = Session.objects.create(
        title="Dilemmasessie", date=timezone.localdate() - datetime.timedelta(days=90),
        format="dilemma", held=True,
    )  # fmt: skip
    held.norms_discussed.add(code["bribes"])
    version_publish(
        user=officer, effective_from=timezone.localdate(), established_by="B&W", change_summary=""
    )
    login(page, live_server, "officer")

    page.goto(f"{live_server.url}/health/")
    assert_accessible(page)
    expect(page.locator("svg[role=img]")).to_have_count(4)
    expect(page.locator("#agenda .agenda-norms li")).to_have_count(3)

    # Tab to the button and press Enter: no mouse.
    button = page.locator("#agenda form button[type=submit]")
    for _ in range(60):
        if page.evaluate("b => document.activeElement === b", button.element_handle()):
            break
        page.keyboard.press("Tab")
    expect(button).to_be_focused()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/reflection/sessions/\d+/$"))
    session = Session.objects.get(held=False)
    assert page.url.endswith(session.get_absolute_url())
    expect(page.locator("main")).to_contain_text(case.title)
    assert_accessible(page)


def test_the_settings_page_is_accessible_and_refuses_nonsense(page: Page, live_server, officer):
    login(page, live_server, "officer")
    page.goto(f"{live_server.url}/health/settings/")
    assert_accessible(page)

    page.locator("#id_months_until_neglected").fill("0")
    page.locator("main form button[type=submit]").click()

    expect(page.locator("#id_months_until_neglected")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
