"""Accessibility: keyboard use, both languages, and axe-core on the pages people meet."""

import pytest
from playwright.sync_api import Page, expect

from codeapp.drafting.views import draft as draft_views
from tests.helpers import PASSWORD
from tests.helpers.browser import assert_accessible, login
from values.models import Value

pytestmark = pytest.mark.browser


def _focus(page: Page, selector: str, max_tabs: int = 30) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(max_tabs):
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"{selector} not reached with {max_tabs} presses of Tab on {page.url}")


def _focused(page: Page) -> str:
    return page.evaluate("document.activeElement.outerHTML.slice(0, 120)")


def test_it_can_be_used_by_keyboard_alone(page: Page, live_server, editor):
    # Sign in with the keyboard only.
    page.goto(f"{live_server.url}/accounts/login/")
    _focus(page, "#id_username")
    page.keyboard.type("editor")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_password", _focused(page)
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/draft/")

    # The first Tab reaches the skip link, which is then visible; Enter moves focus to main.
    page.goto(f"{live_server.url}/draft/")
    page.keyboard.press("Tab")
    skip_link = page.locator("a.skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/draft/#main")
    expect(page.locator("main#main")).to_be_focused()

    # From main, the next Tab is inside the content; a form filled and sent by keyboard.
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")
    _focus(page, 'main a[href="/draft/values/new/"]')
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/draft/values/new/")
    _focus(page, "#id_name")
    page.keyboard.type("Betrouwbaarheid")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_description", _focused(page)
    page.keyboard.type("Afspraak is afspraak.")
    _focus(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(
        f"{live_server.url}/draft/?value=betrouwbaarheid&at=betrouwbaarheid#value-betrouwbaarheid"
    )
    value = Value.objects.get(key="betrouwbaarheid")
    assert (value.name, value.description) == ("Betrouwbaarheid", "Afspraak is afspraak.")


def test_it_switches_the_interface_to_english(page: Page, live_server, code, editor):
    login(page, live_server, "editor")
    page.locator("header button[name=language][value=en]").click()
    expect(page).to_have_url(f"{live_server.url}/draft/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Working draft", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Working draft of the code")
    expect(page.locator("header button[value=en]")).to_have_attribute("aria-pressed", "true")
    assert_accessible(page)
    page.goto(f"{live_server.url}/draft/norms/geschenken/edit/")
    expect(page.get_by_label("Reason for change")).to_be_visible()
    assert_accessible(page)


def test_its_pages_pass_axe(new_page, live_server, code, employee):
    page = new_page()
    login(page, live_server, "editor")  # the login page is checked on the way in
    url = live_server.url

    # The draft with an example folded open.
    page.goto(f"{url}/draft/")
    examples = page.locator("#norm-geschenken details.examples")
    examples.locator("summary").click()
    expect(examples.locator("#example-wijn")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{url}/draft/norms/bijblijven/retire/")
    expect(page.locator("main form #id_reason")).to_be_visible()
    assert_accessible(page)

    # One value, a search with its finds, a search refused, the move form with its error.
    page.goto(f"{url}/draft/?value=eerlijkheid")
    expect(page.locator("#norm-steekpenningen")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{url}/draft/?q=geschenk&kind=obligation")
    expect(page.locator("main .found-item")).to_have_count(1)
    assert_accessible(page)
    page.goto(f"{url}/draft/?value=no-such-value")
    expect(page.locator("main .invalid-feedback")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{url}/draft/norms/geschenken/move/")
    page.locator("#id_place").fill("0")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main .invalid-feedback").first).to_be_visible()
    assert_accessible(page)

    page.goto(f"{url}/draft/norms/geschenken/history/")
    expect(page.locator("main .revision")).to_have_count(1)
    assert_accessible(page)

    # A form with its errors showing.
    page.goto(f"{url}/draft/norms/new/")
    page.locator("main form button[type=submit]:not([name=preview])").click()
    expect(page.locator("main .invalid-feedback").first).to_be_visible()
    assert_accessible(page)

    page.goto(f"{url}/accounts/password_change/")
    expect(page.locator("#id_old_password")).to_be_visible()
    assert_accessible(page)

    response = page.goto(f"{url}/draft/norms/no-such-norm/history/")
    assert response.status == 404
    assert_accessible(page)

    employee_page = new_page()
    login(employee_page, live_server, "employee")
    response = employee_page.goto(f"{url}/draft/")
    assert response.status == 403
    assert_accessible(employee_page)


def test_the_outline_of_a_long_draft_passes_axe(page: Page, live_server, code, monkeypatch):
    monkeypatch.setattr(draft_views, "FULL_PAGE_NORMS", 1)
    login(page, live_server, "editor")

    page.goto(f"{live_server.url}/draft/")

    expect(page.locator("main .value-outline")).to_have_count(2)
    assert_accessible(page)


def test_on_a_narrow_screen_the_menu_opens_from_its_button_with_the_keyboard(
    page: Page, live_server, code, officer
):
    login(page, live_server, "officer")
    page.set_viewport_size({"width": 900, "height": 800})
    page.goto(f"{live_server.url}/code/")
    menu_link = page.get_by_role("link", name="Gezondheid", exact=True)
    expect(menu_link).to_be_hidden()

    _focus(page, "button.navbar-toggler")
    page.keyboard.press("Enter")

    expect(menu_link).to_be_visible()
    expect(page.locator("button.navbar-toggler")).to_have_attribute("aria-expanded", "true")
    assert_accessible(page)


def test_naming_a_deputy_works_by_keyboard_and_passes_axe(
    page: Page, live_server, code, editor, admin_user, employee
):
    from reflection.models import Proposal
    from reflection.services.proposals import proposal_create, proposal_submit

    proposal = proposal_create(
        proposal=Proposal(
            title="Geschenken direct melden", action="reword", target="norm", norm=code["gifts"],
            proposed={"text": "Je meldt elk geschenk."}, rationale="Uit de praktijk.",
            origin="other",
        ),
        user=editor,
    )  # fmt: skip
    proposal_submit(proposal=proposal, user=editor)
    login(page, live_server, "admin")
    page.goto(f"{live_server.url}/proposals/{proposal.pk}/")
    page.get_by_role("link", name="Plaatsvervanger aanwijzen").click()
    assert_accessible(page)

    # Without a reason: the form comes back with its error.
    page.locator("#id_deputy").select_option(label="employee")
    _focus(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page.locator("main .invalid-feedback").first).to_be_visible()
    assert_accessible(page)

    page.locator("#id_reason").fill("De enige integriteitsfunctionaris is afwezig.")
    _focus(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/proposals/{proposal.pk}/")
    expect(page.locator(".proposal-deputy")).to_contain_text("employee")
    assert_accessible(page)
    assert Proposal.objects.get(pk=proposal.pk).deputy == employee
