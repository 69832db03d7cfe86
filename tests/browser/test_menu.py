"""The main menu on an office laptop, and where each role lands after signing in."""

import datetime

import pytest
from playwright.sync_api import Page, expect

from codeapp.versions.services import version_publish
from reflection.models import Proposal
from reflection.services.proposals import proposal_create, proposal_submit
from tests.helpers.browser import assert_accessible, login

pytestmark = pytest.mark.browser

LAPTOPS = [1280, 1366]
# What each role's menu holds (by href), and where signing in takes them.
MENU = {
    "employee": ["/code/", "/code/search/", "/proposals/"],
    "editor": ["/code/", "/code/search/", "/draft/", "/reflection/", "/proposals/", "/health/"],
    "officer": [
        "/code/", "/code/search/", "/draft/", "/reflection/", "/proposals/", "/health/",
        "/proposals/review/",
    ],
}  # fmt: skip
LANDING = {"employee": "/code/", "editor": "/draft/", "officer": "/proposals/review/"}


@pytest.fixture
def waiting(code, editor, officer) -> Proposal:
    """A published code and one proposal waiting for a decision."""
    version_publish(
        user=officer,
        effective_from=datetime.date(2025, 1, 1),
        established_by="B&W",
        change_summary="",
        retroactive=True,
        retroactive_reason="Besluit met terugwerkende kracht.",
    )
    proposal = proposal_create(
        proposal=Proposal(
            title="Geschenken sneller melden", action="reword", target="norm", norm=code["gifts"],
            proposed={"text": "Je meldt elk geschenk direct."}, rationale="Uit de praktijk.",
            origin="other",
        ),
        user=editor,
    )  # fmt: skip
    return proposal_submit(proposal=proposal, user=editor)


@pytest.mark.parametrize("width", LAPTOPS)
@pytest.mark.parametrize("role", ["employee", "editor", "officer"])
def test_it_shows_the_whole_menu_on_a_laptop_and_lands_where_the_work_is(
    page: Page, live_server, waiting, employee, role, width
):
    page.set_viewport_size({"width": width, "height": 800})
    login(page, live_server, role)

    expect(page).to_have_url(f"{live_server.url}{LANDING[role]}")
    expect(page.locator("button.navbar-toggler")).to_be_hidden()
    menu = page.locator("#main-menu")
    for href in MENU[role]:
        expect(menu.locator(f'a[href="{href}"]')).to_be_visible()
    # Nothing of the menu sticks out of the screen.
    box = menu.bounding_box()
    assert box is not None and box["x"] + box["width"] <= width
    if role == "officer":
        expect(page.locator("#queue-heading")).to_have_text("1 voorstel wacht")
    assert_accessible(page)
