"""Practising alone with a dilemma: answer once, anonymously; see colleagues' choices only
once enough answered; bad input counts nothing."""

import pytest
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.models import Person, Unit
from reflection.models import Case, PracticeDone, PracticeTally
from reflection.services.practice import PracticeRefused, practice_answer, practice_who
from tests.helpers import text_of

pytestmark = pytest.mark.django_db

LIST = reverse("reflection:practice")


def page_url(case: Case) -> str:
    return reverse("reflection:practice-dilemma", kwargs={"pk": case.pk})


def make_dilemma(editor, title: str = "Een fles wijn", norms=(), options=3) -> Case:
    case = Case.objects.create(
        title=title, situation="Een leverancier stuurt **wijn**.", question="Wat doe je?",
        practice=True, reflection="Weeg de **aanbesteding** mee.", created_by=editor,
    )  # fmt: skip
    for position, text in enumerate(["Houden", "Teruggeven", "Melden", "Delen"][:options], 1):
        case.options.create(position=position, text=text)
    case.norms.set(norms)
    return case


@pytest.fixture
def dilemma(code, editor) -> Case:
    return make_dilemma(editor, norms=[code["gifts"]])


@pytest.fixture
def team(django_user_model) -> Unit:
    """A team of five who have not answered: a unit's answers count for it (and not only for
    the organisation) only where at least PRACTICE_MIN_ANSWERS people work."""
    unit = Unit.objects.create(name="Team Zuid", external_id="team-zuid")
    colleagues(django_user_model, 5, unit, prefix="zuid")
    return unit


def colleagues(django_user_model, count: int, unit: Unit | None, prefix: str = "c") -> list:
    users = []
    for i in range(count):
        user = django_user_model.objects.create(
            username=f"{prefix}{i}", password=make_password(None)
        )
        Person.objects.create(user=user, unit=unit)
        users.append(user)
    return users


def option(case: Case, position: int):
    return case.options.get(position=position)


def counts(case: Case) -> dict:
    return {
        (t.option.position, t.unit_id): t.count
        for t in PracticeTally.objects.filter(option__case=case, count__gt=0).select_related(
            "option"
        )
    }


# --- answering ---------------------------------------------------------------------------------


def test_it_shows_the_dilemma_with_its_options_as_radio_buttons(en, dilemma):
    html = text_of(en("employee").get(page_url(dilemma)))

    assert "<fieldset" in html and "<legend" in html and "Wat doe je?" in html
    assert html.count('type="radio" name="option"') == 3
    assert "Weeg de" not in html  # the reflection comes after answering


def test_it_counts_an_answer_once_and_anonymously(en, dilemma, employee, team):
    Person.objects.create(user=employee, unit=team)

    response = en("employee").post(page_url(dilemma), {"option": option(dilemma, 2).pk})

    assert response.status_code == 302 and response["Location"] == page_url(dilemma)
    assert counts(dilemma) == {(2, team.pk): 1}
    done = PracticeDone.objects.get()
    assert done.case == dilemma and done.who == practice_who(employee)
    assert len(done.who) == 64 and employee.username not in done.who
    page = text_of(en("employee").get(page_url(dilemma)))
    assert "aanbesteding" in page and 'type="radio"' not in page


def test_a_second_answer_counts_nothing(en, dilemma, employee):
    en("employee").post(page_url(dilemma), {"option": option(dilemma, 1).pk})

    response = en("employee").post(
        page_url(dilemma), {"option": option(dilemma, 3).pk}, follow=True
    )

    assert "already answered" in text_of(response)
    assert counts(dilemma) == {(1, None): 1}
    assert PracticeDone.objects.count() == 1


def test_answers_without_a_unit_and_of_several_units_add_up(dilemma, django_user_model, team):
    for user in colleagues(django_user_model, 2, team) + colleagues(
        django_user_model, 2, None, "n"
    ):
        practice_answer(case=dilemma, option_id=option(dilemma, 1).pk, user=user)

    assert counts(dilemma) == {(1, team.pk): 2, (1, None): 2}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose one of the courses of action"),
        ({"option": "wijn"}, "Choose one of the courses of action"),
        ({"option": "999999"}, "Choose one of the courses of action of this dilemma"),
    ],
)
def test_it_refuses_a_missing_or_unknown_option(en, dilemma, data, message):
    response = en("employee").post(page_url(dilemma), data)

    assert response.status_code == 200
    assert message in text_of(response) and 'aria-invalid="true"' in text_of(response)
    assert not PracticeTally.objects.exists() and not PracticeDone.objects.exists()


def test_it_refuses_an_option_of_another_dilemma(en, dilemma, editor):
    other = make_dilemma(editor, "Een ander dilemma")

    response = en("employee").post(page_url(dilemma), {"option": option(other, 1).pk})

    assert "of this dilemma" in text_of(response)
    assert not PracticeTally.objects.exists() and not PracticeDone.objects.exists()


def test_a_case_that_is_not_for_practice_is_not_found(client_for, dilemma, employee):
    Case.objects.filter(pk=dilemma.pk).update(practice=False)

    assert client_for("employee").get(page_url(dilemma)).status_code == 404
    response = client_for("employee").post(page_url(dilemma), {"option": option(dilemma, 1).pk})
    assert response.status_code == 404
    with pytest.raises(PracticeRefused):
        practice_answer(
            case=Case.objects.get(pk=dilemma.pk), option_id=option(dilemma, 1).pk, user=employee
        )
    assert not PracticeTally.objects.exists() and not PracticeDone.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client_for, dilemma):
    for url in (LIST, page_url(dilemma)):
        response = client_for("anonymous").get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    response = client_for("anonymous").post(page_url(dilemma), {"option": option(dilemma, 1).pk})
    assert response.status_code == 302 and not PracticeTally.objects.exists()


def test_answers_in_a_unit_smaller_than_the_minimum_count_for_the_organisation_only(
    dilemma, django_user_model, settings
):
    settings.PRACTICE_MIN_ANSWERS = 5
    small = Unit.objects.create(name="Team Klein")
    for user in colleagues(django_user_model, 4, small, "k"):
        practice_answer(case=dilemma, option_id=option(dilemma, 1).pk, user=user)

    assert counts(dilemma) == {(1, None): 4}


def test_the_first_answer_of_a_unit_makes_a_row_for_every_option(dilemma, employee, team):
    """The order rows appear in tells nothing of what the first to answer chose."""
    Person.objects.create(user=employee, unit=team)

    practice_answer(case=dilemma, option_id=option(dilemma, 3).pk, user=employee)

    rows = PracticeTally.objects.filter(unit=team).order_by("pk")
    assert [(t.option.position, t.count) for t in rows] == [(1, 0), (2, 0), (3, 1)]


def test_no_table_links_a_person_to_an_option():
    """What is stored: (case, hash) and (option, unit, count), nothing else — no user, no time."""
    with connection.cursor() as cursor:
        done = [c.name for c in connection.introspection.get_table_description(
            cursor, PracticeDone._meta.db_table)]  # fmt: skip
        tally = [c.name for c in connection.introspection.get_table_description(
            cursor, PracticeTally._meta.db_table)]  # fmt: skip
    assert sorted(done) == ["case_id", "id", "who"]
    assert sorted(tally) == ["count", "id", "option_id", "unit_id"]


# --- results -----------------------------------------------------------------------------------


def answer_as(users, case: Case, position: int) -> None:
    for user in users:
        practice_answer(case=case, option_id=option(case, position).pk, user=user)


def test_four_answers_show_nothing_five_show_the_shares(
    en, dilemma, django_user_model, employee, settings
):
    settings.PRACTICE_MIN_ANSWERS = 5
    others = colleagues(django_user_model, 4, None)
    answer_as(others[:3], dilemma, 1)
    answer_as([employee], dilemma, 2)

    page = text_of(en("employee").get(page_url(dilemma)))
    assert "Shown once 5 colleagues answered" in page
    assert "%" not in page

    answer_as(others[3:], dilemma, 2)
    page = text_of(en("employee").get(page_url(dilemma)))
    assert "5 colleagues answered" in page
    assert "60%" in page and "40%" in page and "0%" in page
    assert "right answer" in page  # there is none


def test_a_units_own_shares_need_the_minimum_in_that_unit(
    en, dilemma, django_user_model, employee, team, settings
):
    settings.PRACTICE_MIN_ANSWERS = 5
    Person.objects.create(user=employee, unit=team)
    answer_as([employee, *colleagues(django_user_model, 3, team)], dilemma, 1)
    answer_as(colleagues(django_user_model, 4, None, "n"), dilemma, 2)

    page = text_of(en("employee").get(page_url(dilemma)))
    assert "8 colleagues answered" in page
    assert "In Team Zuid" in page and "Shown once 5 colleagues of your unit answered" in page

    answer_as(colleagues(django_user_model, 1, team, "z"), dilemma, 3)
    page = text_of(en("employee").get(page_url(dilemma)))
    assert "5 colleagues of your unit answered" in page


def test_results_are_shown_only_after_answering(en, dilemma, django_user_model, settings):
    settings.PRACTICE_MIN_ANSWERS = 1
    answer_as(colleagues(django_user_model, 3, None), dilemma, 1)

    page = text_of(en("employee").get(page_url(dilemma)))

    assert "How colleagues chose" not in page and "100%" not in page


# --- the list ----------------------------------------------------------------------------------


def test_the_list_shows_dilemmas_newest_first_and_which_i_did(en, code, editor, employee):
    old = make_dilemma(editor, "Oud dilemma", norms=[code["gifts"]])
    new = make_dilemma(editor, "Nieuw dilemma", norms=[code["bribes"]])
    Case.objects.create(title="Geen oefening", situation="…", created_by=editor)
    practice_answer(case=old, option_id=option(old, 1).pk, user=employee)

    page = text_of(en("employee").get(LIST))

    assert page.index("Nieuw dilemma") < page.index("Oud dilemma")
    assert "Geen oefening" not in page
    assert page.count("not answered yet") == 1
    filtered = text_of(en("employee").get(LIST, {"norm": "steekpenningen"}))
    assert "Nieuw dilemma" in filtered and "Oud dilemma" not in filtered
    unknown = en("employee").get(LIST, {"norm": "bestaat-niet"})
    assert unknown.status_code == 200 and "No norm has this key" in text_of(unknown)
    assert new.pk


def queries(client, method: str, url: str, data: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data or {})
        assert response.status_code in (200, 302)
    return len(captured)


def test_the_pages_run_the_same_queries_at_any_size(
    client_for, code, editor, employee, team, django_user_model, settings
):
    """Few dilemmas and few answers, then many of both: the same number of queries."""
    settings.PRACTICE_MIN_ANSWERS = 2
    Person.objects.create(user=employee, unit=team)
    client = client_for("employee")
    measured = []
    for size in (2, 25):
        cases = [
            make_dilemma(editor, f"Dilemma {size}-{i}", norms=[code["gifts"], code["bribes"]],
                         options=4)
            for i in range(size)
        ]  # fmt: skip
        for case in cases:
            answer_as([employee], case, 1)
        answer_as(colleagues(django_user_model, size, team, f"u{size}-"), cases[0], 2)
        fresh = make_dilemma(editor, f"Nieuw {size}", norms=[code["gifts"]], options=4)
        measured.append(
            (
                queries(client, "get", LIST),
                queries(client, "get", page_url(cases[0])),
                queries(client, "post", page_url(fresh), {"option": option(fresh, 2).pk}),
            )
        )
    assert measured[0] == measured[1]
    list_page, results_page, answer = measured[0]
    assert list_page <= 10 and results_page <= 12 and answer <= 12
