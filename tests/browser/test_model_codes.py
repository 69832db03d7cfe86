"""The model code pages in a browser: accessible (axe), and used by keyboard alone."""

import re

import pytest
from playwright.sync_api import Page, expect

from codeapp.modelcodes.starting import item_leave_out, model_start
from codeapp.models import ModelChange, ModelRelease
from core.services import item_update
from norms.models import Norm
from tests.helpers import publish
from tests.helpers.browser import assert_accessible, login
from tests.helpers.models import GIR_2016, GIR_2019, PUBLISHER, gir

pytestmark = pytest.mark.browser


def _focus(page: Page, locator) -> None:
    for _ in range(120):
        if page.evaluate("e => document.activeElement === e", locator.element_handle()):
            return
        page.keyboard.press("Tab")
    expect(locator).to_be_focused()


def test_an_editor_starts_from_a_model_and_takes_its_new_release_by_keyboard(
    page: Page, live_server, editor, officer
):
    login(page, live_server, "editor")
    page.goto(f"{live_server.url}/draft/model/")
    assert_accessible(page)
    page.locator("#id_file").set_input_files(str(GIR_2016))
    _focus(page, page.locator("#id_publisher"))
    page.keyboard.type(PUBLISHER)
    _focus(page, page.locator("#id_minimum"))
    page.keyboard.press("Space")
    _focus(page, page.locator("main form button[type=submit]"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/draft/$"))
    expect(page.locator(".origin-model").first).to_be_visible()
    assert_accessible(page)

    # Leave a norm out, with a reason: the minimum model warns.
    page.goto(f"{live_server.url}/draft/model/leave-out/sociale-media/")
    expect(page.locator(".minimum-warning")).to_be_visible()
    assert_accessible(page)
    _focus(page, page.locator("#id_reason"))
    page.keyboard.type("Onze eigen richtlijn gaat verder.")
    _focus(page, page.locator("main form button[type=submit]"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/draft/"))
    assert Norm.objects.get(key="sociale-media").retired

    # An adapted norm shows the model's wording one click (or key) away.
    norm = Norm.objects.get(key="geschenken")
    item_update(
        item=norm, expected_revision=norm.revision, changes={"text": "Nooit iets aannemen."},
        user=editor,
    )  # fmt: skip
    page.goto(f"{live_server.url}/draft/")
    summary = page.locator("#norm-geschenken .model-wording summary")
    _focus(page, summary)
    page.keyboard.press("Enter")
    expect(page.locator("#norm-geschenken .model-wording details")).to_have_attribute("open", "")
    assert_accessible(page)

    # The 2019 release arrives as proposals; one is adapted to our own wording.
    page.goto(f"{live_server.url}/draft/model/releases/new/")
    assert_accessible(page)
    page.locator("#id_file").set_input_files(str(GIR_2019))
    _focus(page, page.locator("main form button[type=submit]"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/draft/model/releases/\d+/$"))
    expect(page.locator(".three-way").first).to_be_visible()
    assert_accessible(page)
    change = ModelChange.objects.get(key="geheimhouding")
    page.goto(f"{live_server.url}/draft/model/changes/{change.pk}/adapt/")
    assert_accessible(page)
    text = page.locator("#id_text")
    _focus(page, text)
    page.keyboard.press("Control+A")
    page.keyboard.type("Je houdt vertrouwelijke informatie geheim, ook online.")
    _focus(page, page.locator("main form button[type=submit]"))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/draft/model/releases/\d+/$"))
    change.proposal.refresh_from_db()
    assert change.proposal.proposed["text"].endswith("ook online.")
    assert ModelRelease.objects.count() == 1


def test_a_reader_sees_the_origins_and_compares_with_the_model(
    page: Page, live_server, editor, officer
):
    model_start(model=gir(2016), publisher=PUBLISHER, user=editor)
    norm = Norm.objects.get(key="uitnodigingen")
    item_update(
        item=norm, expected_revision=norm.revision, changes={"text": "Alleen met akkoord."},
        user=editor,
    )  # fmt: skip
    item_leave_out(key="sociale-media", reason="Eigen richtlijn.", user=editor)
    publish(officer, "2020-01-01")
    page.goto(f"{live_server.url}/code/v1/")
    expect(page.locator(".origin-adapted").first).to_be_visible()
    assert_accessible(page)
    link = page.locator(".based-on a")
    _focus(page, link)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/code/v1/model/$"))
    expect(page.locator(".change-counts")).to_be_visible()
    assert_accessible(page)
