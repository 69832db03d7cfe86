"""An editor's work on the working draft, in a real browser, with axe on every page.

Links and fields are found by role and by the label the Dutch interface shows, taken from
Django's own catalogue (`nl()`), so the tests read like the screen and still hold when a
translation is missing or reworded.
"""

import pytest
from playwright.sync_api import Page, expect

from norms.models import Norm
from tests.helpers import PASSWORD, add_norm, add_value, nl
from tests.helpers.browser import assert_accessible, login
from values.models import Value

pytestmark = pytest.mark.browser

SAVE = "main form button[type=submit]:not([name=preview])"


def test_it_lets_an_editor_add_a_value_and_a_norm_then_reword_it(page: Page, live_server, editor):
    login(page, live_server, "editor")
    expect(page).to_have_url(f"{live_server.url}/draft/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert_accessible(page)

    # A new core value.
    page.get_by_role("link", name=nl("New core value"), exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/draft/values/new/")
    assert_accessible(page)
    page.locator("#id_name").fill("Integriteit")
    page.locator("#id_description").fill("Wij handelen **integer**.")
    page.locator(SAVE).click()
    expect(page).to_have_url(
        f"{live_server.url}/draft/?value=integriteit&at=integriteit#value-integriteit"
    )
    expect(page.locator("#value-integriteit-heading")).to_contain_text("Integriteit")
    assert Value.objects.get(key="integriteit").name == "Integriteit"
    assert_accessible(page)

    # A norm under it, through the link under that value.
    add_norm = page.locator("#value-integriteit").get_by_role("link", name=nl("Add norm"))
    expect(add_norm).to_have_attribute("href", "/draft/norms/new/?value=integriteit")
    add_norm.click()
    assert_accessible(page)
    expect(page.locator("#id_value")).to_have_value("integriteit")
    page.locator("#id_title").fill("Nevenwerkzaamheden melden")
    page.locator("#id_text").fill("Je meldt elke nevenfunctie vooraf bij je leidinggevende.")
    page.get_by_label(nl("Obligation (must)")).check()
    page.locator(SAVE).click()
    norm = Norm.objects.get(title="Nevenwerkzaamheden melden")
    assert (norm.value.key, norm.kind, norm.revision) == ("integriteit", "obligation", 1)
    expect(page).to_have_url(
        f"{live_server.url}/draft/?value=integriteit&at={norm.key}#norm-{norm.key}"
    )
    expect(page.locator(f"#norm-{norm.key}")).to_contain_text("nevenfunctie vooraf")

    # Reword it, with a reason for the change.
    page.get_by_role("link", name=f"{nl('Edit')} Nevenwerkzaamheden melden").click()
    assert_accessible(page)
    page.locator("#id_text").fill("Je meldt elke nevenfunctie vooraf schriftelijk bij P&O.")
    page.get_by_label(nl("Reason for change")).fill("Uitkomst dilemmasessie van 3 maart")
    page.locator(SAVE).click()
    expect(page).to_have_url(
        f"{live_server.url}/draft/?value=integriteit&at={norm.key}#norm-{norm.key}"
    )
    norm.refresh_from_db()
    assert norm.text == "Je meldt elke nevenfunctie vooraf schriftelijk bij P&O."
    assert norm.revision == 2

    # Its history: both revisions, newest first, who and why, and the word-level diff.
    page.get_by_role("link", name=f"{nl('History')} Nevenwerkzaamheden melden").click()
    expect(page).to_have_url(f"{live_server.url}/draft/norms/{norm.key}/history/")
    assert_accessible(page)
    revisions = page.locator("main .revision")
    expect(revisions).to_have_count(2)
    changed, created = revisions.nth(0), revisions.nth(1)
    expect(changed.locator("h2")).to_contain_text("editor")
    expect(created.locator("h2")).to_contain_text("editor")
    expect(changed).to_contain_text("Uitkomst dilemmasessie van 3 maart")
    expect(changed.locator(".diff del")).to_contain_text(["leidinggevende"])
    expect(changed.locator(".diff ins").first).to_contain_text("schriftelijk")
    expect(changed.locator(".diff ins").last).to_contain_text("P&O")
    expect(created).to_contain_text("Nevenwerkzaamheden melden")
    expect(created.locator(".diff del")).to_have_count(0)


def test_it_shows_the_second_editor_a_conflict_and_keeps_the_first_text(
    new_page, live_server, code, editor2
):
    first, second = new_page(), new_page()
    login(first, live_server, "editor")
    login(second, live_server, "editor2")
    edit_url = f"{live_server.url}/draft/norms/geschenken/edit/"
    first.goto(edit_url)
    second.goto(edit_url)

    first.locator("#id_text").fill("Je meldt elk geschenk binnen een week.")
    first.locator(SAVE).click()
    expect(first).to_have_url(
        f"{live_server.url}/draft/?value=eerlijkheid&at=geschenken#norm-geschenken"
    )

    second.locator("#id_text").fill("Je weigert elk geschenk boven de vijftig euro.")
    # The form's own POST, not the readability hint's that typing may send meanwhile.
    with second.expect_response(
        lambda r: r.request.method == "POST" and r.url.endswith("/edit/")
    ) as posted:
        second.locator(SAVE).click()
    assert posted.value.status == 409
    table = second.locator("main table.conflict-table")
    text_row = table.locator("tbody tr", has_text="vijftig euro")
    expect(text_row.locator("td").nth(0)).to_have_text(
        "Je weigert elk geschenk boven de vijftig euro."
    )
    expect(text_row.locator("td").nth(1)).to_have_text("Je meldt elk geschenk binnen een week.")
    expect(second.locator("main [role=alert].alert-warning")).to_contain_text("editor")
    # The form is there to merge, filled with their own text.
    expect(second.locator("#id_text")).to_have_value(
        "Je weigert elk geschenk boven de vijftig euro."
    )
    assert_accessible(second)

    norm = Norm.objects.get(key="geschenken")
    assert norm.text == "Je meldt elk geschenk binnen een week."
    assert norm.revision == 2
    assert norm.history.count() == 2


def test_it_previews_markdown_while_the_editor_types(page: Page, live_server, editor, code):
    login(page, live_server, "editor")
    page.goto(f"{live_server.url}/draft/values/eerlijkheid/edit/")
    preview = page.locator(".markdown-preview [data-preview=body]")
    expect(preview.locator("strong")).to_have_text("eerlijk")  # the stored text, on opening

    page.locator("#id_description").fill("Wij zijn **open** en *betrouwbaar*.\n\n- luisteren")

    expect(preview.locator("strong")).to_have_text("open")
    expect(preview.locator("em")).to_have_text("betrouwbaar")
    expect(preview.locator("li")).to_have_text("luisteren")
    page.get_by_text(nl("How to format text (Markdown)")).click()
    expect(page.locator(".markdown-help table")).to_be_visible()
    assert_accessible(page)
    assert Value.objects.get(key="eerlijkheid").description == "Wij zijn **eerlijk**."


def test_it_shows_the_confirmation_where_the_editor_lands_deep_in_a_long_draft(
    page: Page, live_server, editor
):
    # A draft of many screens; the norm saved is near the end of the last value.
    values = [add_value(editor, f"Waarde {v}", key=f"waarde-{v}") for v in range(4)]
    for value in values:
        for n in range(30):
            add_norm(editor, value, f"Norm {value.key} {n}", key=f"{value.key}-norm-{n}")
    login(page, live_server, "editor")
    page.goto(f"{live_server.url}/draft/norms/waarde-3-norm-28/edit/")
    page.locator("#id_text").fill("Je meldt het binnen een week.")
    page.locator(SAVE).click()

    expect(page).to_have_url(
        f"{live_server.url}/draft/?value=waarde-3&at=waarde-3-norm-28#norm-waarde-3-norm-28"
    )
    message = page.locator("#norm-waarde-3-norm-28 .alert-success")
    expect(message).to_contain_text("Norm waarde-3 28")
    expect(message).to_be_in_viewport()
    assert page.evaluate("window.scrollY") > 0  # it is deep in the page, not at its top
    expect(page.locator(".messages")).to_have_count(1)  # not at the top as well
    assert_accessible(page)


def test_it_moves_a_norm_to_another_place_without_script(browser, live_server, editor):
    value = add_value(editor, "Eerlijkheid", key="eerlijkheid")
    for n in range(8):
        add_norm(editor, value, f"Norm {n}", key=f"norm-{n}")
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        # Signed in by hand: axe, which login() runs, needs script.
        page.goto(f"{live_server.url}/accounts/login/")
        page.locator("#id_username").fill("editor")
        page.locator("#id_password").fill(PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.goto(f"{live_server.url}/draft/?value=eerlijkheid")
        page.get_by_role("link", name=f"{nl('Move to…')} Norm 6").click()
        expect(page).to_have_url(f"{live_server.url}/draft/norms/norm-6/move/")
        page.get_by_label(nl("Place")).fill("1")
        page.locator(SAVE).click()

        expect(page).to_have_url(
            f"{live_server.url}/draft/?value=eerlijkheid&at=norm-6#norm-norm-6"
        )
        expect(page.locator("#norm-norm-6 .alert-success")).to_be_visible()
        keys = Norm.objects.filter(value=value).order_by("position", "id")
        assert [n.key for n in keys][:2] == ["norm-6", "norm-0"]
    finally:
        context.close()
