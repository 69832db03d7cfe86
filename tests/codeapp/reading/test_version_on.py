"""/code/on/<YYYY-MM-DD>/: the version in force on a day; clear 404s, never a 500."""

import datetime

import pytest
from django.urls import reverse

from tests.helpers import days, english, publish, text_of

pytestmark = pytest.mark.django_db


def on(day: str | datetime.date) -> str:
    return reverse("codeapp:version-on", args=[str(day)])


@pytest.mark.parametrize(
    ("day", "number"), [(-100, 1), (-50, 1), (-11, 1), (-10, 2), (0, 2), (365, 2)]
)
def test_it_shows_the_version_in_force_on_the_day(day, number, client_for, two_versions):
    response = client_for("anonymous").get(on(days(day)))

    assert response.status_code == 200
    assert response.context["version"].number == number
    assert response.context["asked_on"] == days(day)


def test_it_says_which_day_was_asked_for(client_for, two_versions):
    page = text_of(english(client_for("anonymous")).get(on(days(-50))))

    assert "You asked for the code as it was in force on" in page
    assert "that is version 1." in page
    assert "No longer in force." in page
    assert f'value="{days(-50).isoformat()}"' in page


def test_it_answers_404_with_a_message_before_the_first_version(client_for, two_versions):
    response = english(client_for("anonymous")).get(on(days(-101)))
    page = text_of(response)

    assert response.status_code == 404
    assert "No version of the code was in force on" in page
    assert "codeapp/reading/not_found.html" in [t.name for t in response.templates]


def test_it_answers_404_when_nothing_is_published(client_for, code):
    assert client_for("anonymous").get(on("2026-01-01")).status_code == 404


@pytest.mark.parametrize(
    "day", ["2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "0000-01-01"]
)
def test_it_answers_404_with_a_message_for_a_date_that_does_not_exist(day, client_for, v1):
    response = english(client_for("anonymous")).get(on(day))
    page = text_of(response)

    assert response.status_code == 404
    assert f"“{day}” is not a date in the calendar." in page
    assert 'type="date"' in page


def test_it_keeps_the_page_for_a_leap_day(client_for, v1):
    assert client_for("anonymous").get(on("2028-02-29")).status_code == 200


def test_it_needs_a_sign_in_for_a_bad_date_when_the_code_is_not_public(client_for, v1, settings):
    settings.CODE_PUBLIC = False

    assert client_for("anonymous").get(on("2026-02-30")).status_code == 302
    assert client_for("employee").get(on("2026-02-30")).status_code == 404


def test_a_day_after_a_coming_version_starts_shows_it_as_coming(client_for, two_versions, editor):
    publish(editor, days(20), summary="Drie.")

    response = english(client_for("anonymous")).get(on(days(25)))
    page = " ".join(text_of(response).split())

    assert response.context["version"].number == 3
    assert "as it will be in force on" in page and "that is version 3" in page
    assert "Coming." in page and "Until then, version 2 is in force." in page
    # Not the warning of a version asked for by its number, and nothing in the past tense.
    assert "Not yet in force." not in page and "as it was in force" not in page


def test_a_later_day_before_a_coming_version_shows_the_version_in_force(
    client_for, two_versions, editor
):
    publish(editor, days(20), summary="Drie.")

    response = english(client_for("anonymous")).get(on(days(19)))
    page = " ".join(text_of(response).split())

    assert response.context["version"].number == 2
    assert "as it will be in force on" in page and "that is version 2" in page
    assert "Upcoming:" in page and "version 3 comes into force on" in page
