"""Bringing a Word document in, in a browser: upload, check and correct by keyboard, land;
the upload and preview pages pass axe."""

import re

import pytest
from playwright.sync_api import Page, expect

from norms.models import Norm
from tests.helpers.browser import assert_accessible, login
from tests.helpers.word import gedragscode_docx
from values.models import Value

pytestmark = pytest.mark.browser


def test_an_editor_uploads_corrects_and_lands_a_word_document(
    page: Page, live_server, editor, tmp_path
):
    document = tmp_path / "Gedragscode 2019.docx"
    document.write_bytes(gedragscode_docx())
    login(page, live_server, "editor")

    page.goto(f"{live_server.url}/draft/")
    page.get_by_role("link", name="Word-document binnenhalen").click()
    expect(page).to_have_url(re.compile(r"/draft/word/$"))
    assert_accessible(page)
    page.locator("#id_file").set_input_files(str(document))
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/draft/word/\d+/$"))
    expect(page.locator("main .word-tree")).to_contain_text("Integriteit")
    assert_accessible(page)
    # By keyboard: the kind of the first norm (paragraph 4) becomes an obligation.
    kind = page.get_by_label("Soort, als alinea 4 een norm is")
    kind.focus()
    kind.select_option("obligation")
    button = page.get_by_role("button", name="Correcties bewaren")
    for _ in range(60):
        if page.evaluate("b => document.activeElement === b", button.element_handle()):
            break
        page.keyboard.press("Tab")
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("Je correcties staan in het voorstel")
    assert_accessible(page)

    page.get_by_role("button", name="In het concept zetten").click()

    expect(page).to_have_url(re.compile(r"/draft/$"))
    expect(page.locator("main")).to_contain_text("staat in het concept")
    assert Value.objects.count() == 3
    assert Norm.objects.get(text__startswith="Je gaat zorgvuldig").kind == "obligation"


def test_the_summary_for_a_draft_with_items_is_accessible_and_confirmed_by_keyboard(
    page: Page, live_server, code, tmp_path
):
    document = tmp_path / "Gedragscode 2019.docx"
    document.write_bytes(gedragscode_docx())
    login(page, live_server, "editor")
    page.goto(f"{live_server.url}/draft/word/")
    page.locator("#id_file").set_input_files(str(document))
    page.locator("main form button[type=submit]").click()
    page.get_by_role("button", name="In het concept zetten").click()

    expect(page.locator("main .word-plan-counts")).to_contain_text("7 ingetrokken")
    assert_accessible(page)
    confirm = page.get_by_role("button", name="Bevestigen: in het concept zetten")
    confirm.focus()
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/draft/$"))
    assert Value.objects.active().count() == 3
