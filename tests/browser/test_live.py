"""Live team sessions in the browser: the big screen and the phone page pass axe, the phone
works by keyboard at phone size, and an answer shows on the screen without a reload."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from people.models import Unit
from reflection.models import LiveNote, LiveSession
from reflection.services.live import live_close, live_show_reflection
from tests.helpers.browser import assert_accessible, login
from tests.helpers.live import dilemma, open_live

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def live(code, teamlead):
    cases = [dilemma("De fles wijn", norms=[code["gifts"]]), dilemma("Het etentje")]
    return open_live(teamlead, Unit.objects.get(name="Team Noord"), cases)


def test_a_phone_answers_by_keyboard_and_the_screen_counts_it_without_a_reload(
    new_page, live_server, live
):
    screen: Page = new_page()
    login(screen, live_server, "teamlead")
    screen.goto(live_server.url + reverse("reflection:live-screen", args=[live.pk]))
    expect(screen.locator(".live-code")).to_contain_text(live.join_code)
    assert_accessible(screen)
    screen.evaluate("window.__notReloaded = true")

    phone: Page = new_page()
    phone.set_viewport_size(PHONE)
    phone.goto(live_server.url + reverse("reflection:join"))
    assert_accessible(phone)
    phone.locator("#id_code").fill(live.join_code.lower())
    phone.keyboard.press("Enter")
    expect(phone.locator("h2")).to_have_text("De fles wijn")
    assert_accessible(phone)

    # Keyboard only: Tab to the options, arrow to the second, Tab to the button, Enter.
    first = phone.locator("input[name=option]").first
    for _ in range(60):
        if phone.evaluate("e => document.activeElement === e", first.element_handle()):
            break
        phone.keyboard.press("Tab")
    expect(first).to_be_focused()
    phone.keyboard.press("Space")
    phone.keyboard.press("ArrowDown")
    expect(phone.locator("input[name=option]").nth(1)).to_be_checked()
    phone.keyboard.press("Tab")
    expect(phone.locator(".live-answer-form button[type=submit]")).to_be_focused()
    phone.keyboard.press("Enter")
    expect(phone.locator("[data-waiting]")).to_be_visible()
    assert_accessible(phone)

    second = screen.locator("[data-live-bars] li").nth(1).locator("[data-count]")
    expect(second).to_have_text("1", timeout=5000)
    expect(screen.locator("[data-total]")).to_have_text("1")
    assert screen.evaluate("window.__notReloaded === true"), "counted without a reload"

    # The lead moves on in another tab: the phone shows the next dilemma by itself.
    control = new_page()
    login(control, live_server, "teamlead")
    control.goto(live_server.url + reverse("reflection:live-control", args=[live.pk]))
    assert_accessible(control)
    control.get_by_role("button", name="Volgend dilemma").click()
    expect(phone.locator("h2")).to_have_text("Het etentje", timeout=6000)
    expect(screen.locator(".live-dilemma-title")).to_have_text("Het etentje", timeout=6000)


def test_the_lead_opens_a_session_by_keyboard_and_every_page_passes_axe(
    new_page, live_server, code, teamlead
):
    dilemma("De fles wijn", norms=[code["gifts"]])
    page: Page = new_page()
    login(page, live_server, "teamlead")
    page.goto(live_server.url + reverse("reflection:live-sessions"))
    assert_accessible(page)
    page.goto(live_server.url + reverse("reflection:live-create"))
    assert_accessible(page)
    page.locator("#id_title").fill("Teamoverleg")
    page.locator("#id_title").press("Enter")  # submits the form: the first dilemma is chosen
    expect(page.locator("h1")).to_have_text("Teamoverleg")
    opened = LiveSession.objects.get()
    page.locator("a[href*='close=1']").click()  # closing asks first
    expect(page.locator(".live-close-confirm")).to_be_visible()
    assert_accessible(page)
    page.locator("button[value=close]").click()
    expect(page.locator(".alert-success").first).to_be_visible()
    assert_accessible(page)

    phone: Page = new_page()
    phone.set_viewport_size(PHONE)
    phone.goto(live_server.url + reverse("reflection:join-code", args=[opened.join_code]))
    expect(phone.locator(".live-ended")).to_be_visible()
    assert_accessible(phone)
    page.goto(live_server.url + reverse("reflection:live-screen", args=[opened.pk]))
    assert_accessible(page)


def test_the_lead_starts_a_proposal_from_a_note_by_keyboard_and_its_edit_page_passes_axe(
    new_page, live_server, live, v1, teamlead
):
    LiveNote.objects.create(
        live=live, dilemma=live.dilemmas.get(position=0), text="Zeg iets over kleine attenties."
    )
    live_close(live=live, expected_revision=live.revision, user=teamlead)
    page: Page = new_page()
    login(page, live_server, "teamlead")
    page.goto(live_server.url + reverse("reflection:live-control", args=[live.pk]))
    page.locator(".live-notes button").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#id_text")).to_be_visible()
    assert "None" not in page.locator("main").inner_text()
    assert_accessible(page)
    page.goto(live_server.url + reverse("reflection:live-control", args=[live.pk]))
    expect(page.locator(".live-notes a")).to_be_visible()


SITUATION = (
    "Een leverancier met wie je team al jaren werkt, stuurt rond de feestdagen een fles wijn "
    "naar je huisadres, met een kaartje: ‘Dank voor de fijne samenwerking.’ Volgende maand "
    "beslist jouw team over een nieuwe aanbesteding waarop deze leverancier waarschijnlijk "
    "inschrijft. Je collega zegt dat iedereen zo'n fles krijgt en dat het niets betekent."
)


@pytest.mark.parametrize("size", [{"width": 1920, "height": 1080}, {"width": 1280, "height": 720}])
def test_the_big_screen_fits_a_projector_without_chrome_or_overlap(
    new_page, live_server, code, teamlead, size
):
    case = dilemma(
        "De fles wijn",
        options=(
            "Ik houd de fles en zeg niets",
            "Ik stuur de fles terug met een vriendelijk briefje",
            "Ik meld het bij mijn leidinggevende en vraag wat ik moet doen",
        ),
        norms=[code["gifts"]],
    )
    case.situation = SITUATION
    case.question = "Wat doe je met de fles?"
    case.save()
    live = open_live(teamlead, Unit.objects.get(name="Team Noord"), [case])
    page: Page = new_page()
    page.set_viewport_size(size)
    login(page, live_server, "teamlead")
    page.goto(live_server.url + reverse("reflection:live-screen", args=[live.pk]))
    expect(page.locator(".live-code")).to_contain_text(live.join_code)
    assert page.locator("header, footer, .site-menu, .working-code").count() == 0, "no chrome"
    expect(page.locator(".live-back")).to_have_attribute(
        "href", reverse("reflection:live-control", args=[live.pk])
    )
    page.screenshot(path=f"/tmp/live-screen-{size['width']}.png")

    def box(selector):
        return page.locator(selector).first.bounding_box()

    side, stage, code_box = box(".live-side"), box(".live-stage"), box(".live-code")
    assert code_box["x"] + code_box["width"] <= side["x"] + side["width"] + 1, "code fits"
    assert side["x"] + side["width"] <= stage["x"], "the join column stays beside the dilemma"
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= size["width"], "nothing runs off to the side"
    last_bar = page.locator(".live-bar").last.bounding_box()
    assert last_bar["y"] + last_bar["height"] <= size["height"], "the bars show above the fold"
    qr = box(".live-qr svg")
    assert qr["y"] + qr["height"] <= size["height"] and qr["width"] >= 150
    assert_accessible(page)

    # With the reflection shown, the bars still show without scrolling the page.
    live_show_reflection(live=live, show=True, expected_revision=live.revision, user=teamlead)
    expect(page.locator(".live-reflection")).to_be_visible(timeout=6000)
    last_bar = page.locator(".live-bar").last.bounding_box()
    assert last_bar["y"] + last_bar["height"] <= size["height"]
    assert page.evaluate("document.documentElement.scrollHeight") <= size["height"]
    page.screenshot(path=f"/tmp/live-screen-{size['width']}-reflection.png")
    assert_accessible(page)
