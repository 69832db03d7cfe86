"""Practising with a dilemma, checked with axe-core and the keyboard, on a desktop and on a
phone (390 × 844): choose a course of action with the arrow keys, send it, read the results."""

import datetime

import pytest
from django.contrib.auth.hashers import make_password
from playwright.sync_api import expect

from codeapp.versions.services import version_publish
from people.models import Person, Unit
from reflection.models import Case
from reflection.services.practice import practice_answer, practice_norms_changed
from tests.helpers.browser import assert_accessible, login

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def make_dilemma(editor, code, title: str) -> Case:
    case = Case.objects.create(
        title=title, situation="Een leverancier stuurt je **kaartjes** voor een concert.",
        question="Wat doe je met de kaartjes?", practice=True,
        reflection="Weeg mee dat er een **aanbesteding** aankomt.", created_by=editor,
    )  # fmt: skip
    for position, text in enumerate(["Aannemen", "Aannemen en melden", "Afslaan"], start=1):
        case.options.create(position=position, text=text)
    case.norms.set([code["gifts"]])
    return case


def earlier_answers(case: Case, django_user_model, unit: Unit) -> None:
    for i in range(6):
        user = django_user_model.objects.create(
            username=f"{case.pk}-{i}", password=make_password(None)
        )
        Person.objects.create(user=user, unit=unit)
        practice_answer(case=case, option_id=case.options.all()[i % 3].pk, user=user)


def answer_by_keyboard(page) -> None:
    first = page.locator("input[name=option]").first
    first.focus()
    page.keyboard.press("ArrowDown")  # the second course of action
    expect(page.locator("input[name=option]").nth(1)).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Verstuur mijn antwoord")).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_an_employee_practises_by_keyboard_and_the_pages_pass_axe(
    viewport, new_page, live_server, code, editor, employee, django_user_model
):
    team = Unit.objects.create(name="Team Zuid", external_id="team-zuid")
    Person.objects.create(user=employee, unit=team)
    case = make_dilemma(editor, code, "Kaartjes voor een concert")
    earlier_answers(case, django_user_model, team)
    page = new_page()
    if viewport:
        page.set_viewport_size(viewport)
    login(page, live_server, "employee")

    page.goto(f"{live_server.url}/practice/")
    expect(page.get_by_role("link", name="Kaartjes voor een concert")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/practice/{case.pk}/")
    expect(page.locator("fieldset legend")).to_have_text("Wat doe je met de kaartjes?")
    assert_accessible(page)
    answer_by_keyboard(page)

    expect(page.get_by_role("heading", name="Hoe collega's kozen")).to_be_visible()
    expect(page.get_by_text("7 collega's hebben geantwoord.", exact=True)).to_be_visible()
    expect(page.locator(".markdown strong", has_text="aanbesteding")).to_be_visible()
    assert_accessible(page)


def test_the_case_form_with_its_practice_fieldset_passes_axe(page, live_server, code, editor):
    case = make_dilemma(editor, code, "Kaartjes voor een concert")
    login(page, live_server, "editor")

    page.goto(f"{live_server.url}/reflection/cases/{case.pk}/edit/")

    expect(page.get_by_role("group", name="Oefendilemma")).to_be_visible()
    expect(page.get_by_label("Mogelijkheid 2")).to_have_value("Aannemen en melden")
    assert_accessible(page)
    page.goto(f"{live_server.url}/reflection/cases/")
    expect(page.get_by_text("oefendilemma", exact=True)).to_be_visible()
    assert_accessible(page)


def test_a_signed_in_reader_goes_from_a_norm_to_its_dilemma_by_keyboard(
    page, live_server, code, editor, officer, employee
):
    version_publish(
        user=officer, effective_from=datetime.date(2025, 1, 1), established_by="B&W",
        change_summary="", retroactive=True, retroactive_reason="Besluit met terugwerkende kracht.",
    )  # fmt: skip
    case = make_dilemma(editor, code, "Kaartjes voor een concert")
    practice_norms_changed()
    login(page, live_server, "employee")

    page.goto(f"{live_server.url}/code/")
    link = page.locator("#norm-geschenken a.practice-link")
    expect(link).to_have_count(1)
    expect(page.locator("a.practice-link")).to_have_count(1)
    assert_accessible(page)
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == f"{live_server.url}/practice/{case.pk}/"
