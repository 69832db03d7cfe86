"""The proposal pages issue 12 changed, checked with axe-core and the keyboard: a merged text
awaiting agreement, a rewording of a retired norm, and an employee's draft suggestion."""

import datetime

import pytest
from playwright.sync_api import expect

from codeapp.versions.services import version_publish
from core.services import item_set_retired, item_update
from reflection.models import Proposal
from reflection.services.proposals import proposal_create, proposal_decide, proposal_submit
from tests.helpers.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def test_the_changed_proposal_pages_pass_axe(
    new_page, live_server, code, editor, editor2, officer, employee
):
    url = live_server.url
    version_publish(
        user=officer, effective_from=datetime.date(2025, 1, 1), established_by="B&W",
        change_summary="", retroactive=True, retroactive_reason="Besluit met terugwerkende kracht.",
    )  # fmt: skip

    def reword(norm, text: str) -> Proposal:
        proposal = proposal_create(
            proposal=Proposal(
                title="Scherper", action="reword", target="norm", norm=norm,
                proposed={"text": text}, rationale="Uit de sessie.", origin="other",
            ),
            user=editor,
        )  # fmt: skip
        return proposal_submit(proposal=proposal, user=editor)

    merged = reword(code["gifts"], "Je meldt elk geschenk direct.")
    changed = item_update(
        item=code["gifts"], expected_revision=1, changes={"text": "Je meldt elk geschenk."},
        user=editor2,
    )  # fmt: skip
    changed = item_update(
        item=changed, expected_revision=changed.revision,
        changes={"text": "Je meldt elk geschenk boven 50 euro."}, user=editor2,
    )  # fmt: skip
    proposal_decide(
        proposal=merged, user=officer, approve=True, reason="Samengevoegd.",
        resolved={"text": "Je meldt elk geschenk boven 50 euro direct."},
        resolved_revision=changed.revision,
    )  # fmt: skip
    retired = reword(code["bribes"], "Je neemt nooit geld aan.")
    item_set_retired(item=code["bribes"], retired=True, user=editor2)
    suggestion = proposal_create(
        proposal=Proposal(
            title="Ook kleine geschenken", action="reword", target="norm", norm=code["learn"],
            proposed={"text": "Je volgt elk jaar een cursus."}, rationale="Onduidelijk.",
            origin="suggestion", published_fields={"title": "Bijblijven", "text": ""},
            published_version=1,
        ),
        user=employee,
    )  # fmt: skip

    officer_page = new_page()
    login(officer_page, live_server, "officer")
    officer_page.goto(f"{url}/proposals/review/")
    expect(officer_page.locator("#agreeing-heading")).to_be_visible()
    assert_accessible(officer_page)

    # Another editor, with the merged text waiting for them, agrees by keyboard.
    page = new_page()
    login(page, live_server, "editor2")
    page.goto(f"{url}/proposals/")
    expect(page.locator("#agree-heading")).to_be_visible()
    assert_accessible(page)
    page.goto(f"{url}{merged.get_absolute_url()}")
    agree = page.locator("button[name=agree][value=yes]")
    expect(agree).to_be_visible()
    assert_accessible(page)
    agree.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".alert-success")).to_be_visible()
    assert Proposal.objects.get(pk=merged.pk).state == "approved"

    officer_page.goto(f"{url}/proposals/{retired.pk}/decide/")
    expect(officer_page.locator("#id_decision_0")).to_be_visible()
    assert_accessible(officer_page)

    employee_page = new_page()
    login(employee_page, live_server, "employee")
    employee_page.goto(f"{url}{suggestion.get_absolute_url()}edit/")
    expect(employee_page.locator("#id_text")).to_be_visible()
    assert_accessible(employee_page)
    employee_page.goto(f"{url}{suggestion.get_absolute_url()}")
    assert_accessible(employee_page)
