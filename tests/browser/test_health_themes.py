"""The integrity themes page and the dashboard's new parts in a browser: accessible (axe), and
a theme mapped to a norm by keyboard alone."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from codeapp.health.models import IntegrityTheme
from reflection.models import Case, DilemmaOption, LiveSession, NormSignal, PracticeTally
from tests.helpers.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def _focus(page: Page, locator) -> None:
    """Tab until `locator` has the focus: no mouse."""
    for _ in range(200):
        if page.evaluate("el => document.activeElement === el", locator.element_handle()):
            return
        page.keyboard.press("Tab")
    expect(locator).to_be_focused()


def test_an_editor_maps_a_theme_by_keyboard_and_the_dashboard_shows_it(
    page: Page, live_server, default_themes, code, editor, manager
):
    case = Case.objects.create(title="Wijn van een leverancier", situation="Wijn.", practice=True)
    case.norms.add(code["gifts"])
    for i, count in enumerate([3, 3]):
        option = DilemmaOption.objects.create(case=case, position=i, text=f"Keuze {i}")
        PracticeTally.objects.create(option=option, count=count)
    now = timezone.now()
    live = LiveSession.objects.create(
        title="Teamoverleg", join_code="123456", state="closed", expires_at=now, closed_at=now
    )
    NormSignal.objects.create(live=live, kind="unclear", norm=code["bribes"])
    NormSignal.objects.create(live=live, kind="missing", text="Iets over thuiswerken")
    theme = IntegrityTheme.objects.get(name_en="Gifts and invitations")
    login(page, live_server, "editor")

    page.goto(f"{live_server.url}/health/themes/")
    assert_accessible(page)
    link = page.get_by_role("link", name=theme.name_nl, exact=True)
    _focus(page, link)
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_contain_text(theme.name_nl)
    assert_accessible(page)
    checkbox = page.get_by_label("1.1 Geschenken melden")
    _focus(page, checkbox)
    page.keyboard.press("Space")
    expect(checkbox).to_be_checked()
    _focus(page, page.locator("main form.item-form button[type=submit]"))
    page.keyboard.press("Enter")

    expect(page).to_have_url(f"{live_server.url}/health/themes/")
    expect(page.locator(".themes-table")).to_contain_text("1.1 Geschenken melden")
    assert list(theme.norms.all()) == [code["gifts"]]

    page.goto(f"{live_server.url}/health/")
    expect(page.locator(".disputes-table")).to_contain_text("Wijn van een leverancier")
    expect(page.locator(".signals-table")).to_contain_text("Geen steekpenningen")
    expect(page.locator(".missing-norms")).to_contain_text("Iets over thuiswerken")
    expect(page.locator(".health-themes")).to_contain_text("1.1 Geschenken melden")
    assert_accessible(page)
