"""Publishing a version and reading it, in a real browser, with axe on every page.

The newcomer's loop: an integrity officer publishes the reworded working draft as version 2;
an employee reads it, cites a norm, confirms having read it, compares it with version 1,
searches it and fetches the PDF; an anonymous citizen reads the versions; the officer sees
who confirmed. Texts on the screen are taken from Django's own catalogue (`nl()`), so the
tests still hold when a translation is missing or reworded.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from codeapp.models import CodeVersion, Confirmation
from codeapp.reading.confirming import version_confirm
from codeapp.versions.services import version_publish
from core.services import item_update
from tests.helpers import days, nl, nl_date
from tests.helpers.browser import assert_accessible, login

pytestmark = pytest.mark.browser

OLD_TEXT = "Je meldt elk geschenk."  # what tests.helpers.add_norm gives the gifts norm
NEW_TEXT = "Je meldt ieder geschenk schriftelijk."
NEW_WORD = "schriftelijk"  # only in the new text: what the employee searches for
ESTABLISHED_BY = "College van B&W, besluit 2026/123"
NORM = "#norm-geschenken"


@pytest.fixture
def reworded(code, editor) -> CodeVersion:
    """The `code` fixture published as version 1 a month ago, then the gifts norm reworded."""
    v1 = version_publish(
        user=editor,
        effective_from=days(-30),
        established_by="College van B&W",
        change_summary="Eerste versie.",
        retroactive=True,
        retroactive_reason="Besluit met terugwerkende kracht.",
    )
    gifts = code["gifts"]
    assert gifts.text == OLD_TEXT
    item_update(
        item=gifts, expected_revision=gifts.revision, changes={"text": NEW_TEXT}, user=editor
    )
    return v1


@pytest.fixture
def published(reworded, officer, employee) -> CodeVersion:
    """What the officer's test publishes through the form: version 2, in force from today."""
    return version_publish(
        user=officer,
        effective_from=days(0),
        established_by=ESTABLISHED_BY,
        change_summary="- Norm 1.1 “Geschenken melden”: tekst gewijzigd",
    )


def expect_reworded(change) -> None:
    """The gifts norm's change, word by word: “elk” out, “ieder” and “schriftelijk” in."""
    expect(change.locator(".diff del")).to_contain_text(["elk"])
    expect(change.locator(".diff ins")).to_contain_text(["ieder", NEW_WORD])


def test_it_lets_the_officer_publish_the_reworded_draft_as_version_2(
    page: Page, live_server, reworded, officer
):
    login(page, live_server, "officer")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert_accessible(page)

    # The working draft, from the main menu.
    page.locator('header a[href="/draft/"]').click()
    expect(page).to_have_url(f"{live_server.url}/draft/")
    assert_accessible(page)

    page.locator('main a[href="/draft/publish/"]').click()
    expect(page).to_have_url(f"{live_server.url}/draft/publish/")
    assert_accessible(page)

    # What changed since version 1: the reworded norm, folded under its counts.
    changes = page.locator("details.change-details")
    changes.locator("summary").click()
    expect(changes).to_have_attribute("open", "")
    gifts = changes.locator(".change", has_text="Geschenken melden")
    expect(gifts).to_have_count(1)
    expect_reworded(gifts)
    assert_accessible(page)  # with the changes unfolded

    # The date, who established it; the summary stays as proposed.
    summary = page.locator("#id_change_summary").input_value()
    assert "Geschenken melden" in summary
    expect(page.locator("#id_effective_from")).to_have_attribute("type", "date")
    page.locator("#id_effective_from").fill(days(0).isoformat())
    page.locator("#id_established_by").fill(ESTABLISHED_BY)
    page.locator("main form.publish-form button[type=submit]").click()

    expect(page).to_have_url(f"{live_server.url}/code/v2/")
    expect(page.locator("main .messages .alert-success")).to_have_text(
        nl("Version %(number)d has been published; it comes into force on %(date)s.")
        % {"number": 2, "date": nl_date(days(0))}
    )
    expect(page.locator(f"{NORM} .norm-text")).to_have_text(NEW_TEXT)
    assert_accessible(page)

    v2 = CodeVersion.objects.get(number=2)
    assert (v2.effective_from, v2.established_by) == (days(0), ESTABLISHED_BY)
    assert v2.change_summary == summary.strip()
    assert v2.published_by == officer


def test_it_walks_an_employee_through_reading_citing_confirming_and_finding(
    page: Page, live_server, published, employee
):
    login(page, live_server, "employee")
    page.goto(f"{live_server.url}/code/")
    expect(page.locator(".version-label")).to_have_text(nl("Version %(number)s") % {"number": 2})
    norm = page.locator(NORM)
    expect(norm.locator(".norm-text")).to_have_text(NEW_TEXT)
    assert_accessible(page)

    # The citation names version 2 and its permanent address, not /code/.
    cite = norm.locator("details.cite")
    cite.locator("summary").click()
    expect(cite.locator(".citation-text")).to_contain_text(
        nl("%(title)s, version %(number)d (in force from %(date)s)")
        % {"title": published.document["title"], "number": 2, "date": nl_date(days(0))}
    )
    expect(cite.locator(".citation-url")).to_have_text(f"{live_server.url}/code/v2/{NORM}")
    assert_accessible(page)  # with the citation unfolded

    # Confirm having read it.
    page.locator(".confirm-box button[type=submit]").click()
    expect(page).to_have_url(f"{live_server.url}/code/v2/")
    expect(page.locator("main .messages .alert-success")).to_have_text(
        nl("Thank you. You confirmed on %(date)s that you have read version %(number)d.")
        % {"date": nl_date(days(0)), "number": 2}
    )
    expect(page.locator(".confirm-box .confirmed")).to_be_visible()
    expect(page.locator(".confirm-box button")).to_have_count(0)
    assert Confirmation.objects.filter(user=employee, version=published).exists()
    assert_accessible(page)

    # What changed since version 1.
    page.locator('main a[href="/code/compare/1/2/"]').first.click()
    expect(page).to_have_url(f"{live_server.url}/code/compare/1/2/")
    gifts = page.locator(".change", has_text="Geschenken melden")
    expect(gifts).to_have_count(1)
    expect(gifts.locator("h3 a")).to_have_attribute("href", f"/code/v2/{NORM}")
    expect_reworded(gifts)
    assert_accessible(page)

    # Search for a word of the new text, from the main menu, and follow the hit.
    page.locator('header a[href="/code/search/"]').click()
    expect(page).to_have_url(f"{live_server.url}/code/search/")
    assert_accessible(page)
    page.locator("#search-q").fill(NEW_WORD)
    page.locator("#search-q").press("Enter")
    expect(page).to_have_url(f"{live_server.url}/code/search/?q={NEW_WORD}")
    hit = page.locator(f'.search-hit a[href="/code/v2/{NORM}"]')
    expect(hit).to_have_count(1)
    expect(page.locator(".search-hit mark").first).to_have_text(re.compile(NEW_WORD, re.IGNORECASE))
    assert_accessible(page)
    hit.click()
    expect(page).to_have_url(f"{live_server.url}/code/v2/{NORM}")
    expect(page.locator(NORM)).to_be_in_viewport()

    # The PDF of version 2.
    pdf_link = page.locator('main a[href="/code/v2/pdf/"]')
    expect(pdf_link).to_have_count(1)
    response = page.request.get(live_server.url + pdf_link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


def test_it_lets_anyone_read_the_versions_without_signing_in(page: Page, live_server, published):
    # The code in force: version 2, nothing to confirm.
    page.goto(f"{live_server.url}/code/")
    expect(page.locator(".version-label")).to_have_text(nl("Version %(number)s") % {"number": 2})
    expect(page.locator(".status-in-force")).to_be_visible()
    expect(page.locator(f"{NORM} .norm-text")).to_have_text(NEW_TEXT)
    expect(page.locator(".confirm-box")).to_have_count(0)
    assert_accessible(page)

    # All versions: 2 in force, 1 no longer.
    page.goto(f"{live_server.url}/code/versions/")
    expect(page.locator(".version-row")).to_have_count(2)
    expect(page.locator("#version-2")).to_have_class(re.compile(r"\bstate-in-force\b"))
    expect(page.locator("#version-1")).to_have_class(re.compile(r"\bstate-old\b"))
    expect(page.locator("#version-2")).to_contain_text(ESTABLISHED_BY)
    assert_accessible(page)

    # Version 1 says it is no longer in force and links to the version in force.
    page.locator('#version-1 th a[href="/code/v1/"]').click()
    expect(page).to_have_url(f"{live_server.url}/code/v1/")
    status = page.locator(".status-old")
    expect(status).to_contain_text(nl("No longer in force."))
    expect(status).to_contain_text(
        nl("This version was in force from %(start)s until %(end)s.")
        % {"start": nl_date(days(-30)), "end": nl_date(days(-1))}
    )
    current = status.locator('a[href="/code/"]')
    expect(current).to_have_text(
        nl("Read the version in force now (version %(number)s).") % {"number": 2}
    )
    expect(page.locator(f"{NORM} .norm-text")).to_have_text(OLD_TEXT)
    assert_accessible(page)

    # The code as it was on a day when version 1 was in force.
    day = days(-20)
    page.goto(f"{live_server.url}/code/on/{day.isoformat()}/")
    expect(page.locator(".status-asked")).to_have_text(
        nl("You asked for the code as it was in force on %(date)s: that is version %(number)s.")
        % {"date": nl_date(day), "number": 1}
    )
    expect(page.locator(".version-label")).to_have_text(nl("Version %(number)s") % {"number": 1})
    expect(page.locator(f"{NORM} .norm-text")).to_have_text(OLD_TEXT)
    assert_accessible(page)


def test_it_shows_the_officer_who_confirmed_reading_version_2(
    page: Page, live_server, published, employee
):
    version_confirm(user=employee, version=published)
    login(page, live_server, "officer")
    page.goto(f"{live_server.url}/code/v2/")
    page.locator('main a[href="/code/v2/confirmations/"]').click()
    expect(page).to_have_url(f"{live_server.url}/code/v2/confirmations/")

    # Three active users (editor, officer, employee); the employee confirmed.
    progress = page.locator("progress.confirmation-progress")
    expect(progress).to_have_attribute("value", "1")
    expect(progress).to_have_attribute("max", "3")
    expect(page.locator("#confirmed-share")).to_have_text(re.compile(r"^1\D+3\D"))
    expect(page.locator(".pending-table tbody td:first-child")).to_have_text(["editor", "officer"])
    assert_accessible(page)


def _tab_to(page: Page, selector: str, max_tabs: int = 10) -> None:
    """Press Tab until the element matching `selector` has the focus."""
    for _ in range(max_tabs):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return
    pytest.fail(f"{selector} not reached with {max_tabs} presses of Tab on {page.url}")


def test_it_opens_examples_and_citations_and_confirms_with_the_keyboard(
    page: Page, live_server, published, employee
):
    login(page, live_server, "employee")
    page.goto(f"{live_server.url}/code/")
    norm = page.locator(NORM)
    examples, cite = norm.locator("details.examples"), norm.locator("details.cite")
    expect(norm.locator("#example-wijn")).to_be_hidden()

    # From the norm's permalink, Tab reaches the examples, then “cite this”.
    norm.locator("a.permalink").focus()
    _tab_to(page, f"{NORM} details.examples > summary")
    expect(examples.locator("summary")).to_have_css("outline-style", "solid")
    page.keyboard.press("Enter")
    expect(examples).to_have_attribute("open", "")
    expect(norm.locator("#example-wijn")).to_be_visible()

    _tab_to(page, f"{NORM} details.cite > summary")
    page.keyboard.press("Enter")
    expect(cite).to_have_attribute("open", "")
    expect(cite.locator(".citation-url")).to_be_visible()
    assert_accessible(page)  # with both unfolded

    # Enter on the focused summary folds it again.
    page.keyboard.press("Enter")
    expect(cite).not_to_have_attribute("open", "")

    # The confirm button, reached with Tab from the last link above it, shows its focus.
    page.locator('main a[href="/code/versions/"]').focus()
    _tab_to(page, ".confirm-box button[type=submit]")
    expect(page.locator(".confirm-box button")).to_have_css("outline-style", "solid")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{live_server.url}/code/v2/")
    expect(page.locator(".confirm-box .confirmed")).to_be_visible()
    assert Confirmation.objects.filter(user=employee, version=published).exists()
