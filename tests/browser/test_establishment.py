"""The establishment record in a real browser, with axe: the officer fills it in on the
publish form (by keyboard), the reading page shows it, and a step is added afterwards."""

import pytest
from playwright.sync_api import Page, expect

from codeapp.establishment.models import EstablishmentEntry
from codeapp.models import CodeVersion
from tests.helpers import days
from tests.helpers.browser import assert_accessible, login

pytestmark = pytest.mark.browser


def test_the_officer_publishes_with_the_record_and_readers_see_it(
    page: Page, live_server, code, officer
):
    login(page, live_server, "officer")
    page.goto(f"{live_server.url}/draft/publish/")
    assert_accessible(page)
    expect(page.locator("fieldset.establishment-works_council legend")).to_be_visible()

    page.locator("#id_effective_from").fill(days(1).isoformat())
    page.locator("#id_established_by").fill("College van B&W, besluit 2026/123")
    # A partly filled step and a bad law line: the form comes back with clear errors.
    page.locator("#id_works_council_date").fill("2026-03-02")
    page.locator("#id_legal_basis").fill("Ambtenarenwet 2017")
    page.locator("main form.publish-form button[type=submit]").click()
    expect(page.locator("#id_works_council_reference")).to_have_class(
        "textinput form-control is-invalid"
    )
    expect(page.locator("main form.publish-form")).to_contain_text("Regel 1")
    assert_accessible(page)
    assert not CodeVersion.objects.exists()

    # By keyboard: from the reference field on through the decision's fields.
    page.locator("#id_works_council_reference").focus()
    page.keyboard.type("OR-2026-014")
    page.keyboard.press("Tab")
    page.keyboard.type("College van burgemeester en wethouders")
    page.keyboard.press("Tab")
    expect(page.locator("#id_decision_date")).to_be_focused()
    page.locator("#id_decision_date").fill("2026-03-10")
    page.locator("#id_decision_reference").fill("2026/123")
    page.locator("#id_legal_basis").fill("Ambtenarenwet 2017 (BWBR0001905, art. 4)")
    page.locator("main form.publish-form button[type=submit]").click()

    expect(page).to_have_url(f"{live_server.url}/code/v1/")
    section = page.locator("#established")
    expect(section.locator("h2")).to_have_text("Vastgesteld")
    expect(section).to_contain_text("OR-2026-014")
    expect(section).to_contain_text("College van burgemeester en wethouders")
    link = section.get_by_role("link", name="Ambtenarenwet 2017, art. 4")
    expect(link).to_have_attribute(
        "href", "https://wetten.overheid.nl/jci1.3:c:BWBR0001905&artikel=4"
    )
    assert_accessible(page)

    # The publication follows later: added to the log from the version's page.
    section.get_by_role("link", name="Stap van de vaststelling toevoegen").click()
    expect(page).to_have_url(f"{live_server.url}/code/v1/establishment/")
    assert_accessible(page)
    page.locator("#id_publication_gazette").select_option("Gemeenteblad")
    page.locator("#id_publication_date").fill("2026-03-12")
    page.locator("#id_publication_reference").fill("gmb-2026-123456")
    page.locator("#id_publication_url").fill(
        "https://zoek.officielebekendmakingen.nl/gmb-2026-123456.html"
    )
    page.locator("main form.establishment-form button[type=submit]").click()

    expect(page).to_have_url(f"{live_server.url}/code/v1/#established")
    logged = page.locator("#established .logged-step")
    expect(logged).to_contain_text("Gemeenteblad")
    expect(logged).to_contain_text("vaststellingslogboek")
    assert_accessible(page)
    assert EstablishmentEntry.objects.get().step == "publication"
