"""/code/: the version in force today, from its sealed document; the date picker."""

import pytest
from django.urls import reverse

from codeapp.models import CodeVersion
from core.services import item_update
from tests.helpers import days, english, publish, text_of

pytestmark = pytest.mark.django_db

IN_FORCE = reverse("codeapp:in-force")


def test_it_shows_the_version_in_force_today(client_for, two_versions):
    response = client_for("anonymous").get(IN_FORCE)

    assert response.status_code == 200
    assert response.context["version"] == two_versions["v2"]
    assert "codeapp/reading/version.html" in [t.name for t in response.templates]


def test_it_renders_the_sealed_document_not_the_working_draft(client_for, code, v1, editor):
    honesty = code["honesty"]
    item_update(
        item=honesty,
        expected_revision=honesty.revision,
        changes={"name": "Integriteit in wording"},
        user=editor,
    )

    page = text_of(client_for("anonymous").get(IN_FORCE))

    assert "Eerlijkheid" in page
    assert "Integriteit in wording" not in page


@pytest.mark.parametrize("persona", ["anonymous", "employee", "editor"])
def test_it_says_kindly_that_nothing_is_published_yet(persona, client_for, code):
    response = english(client_for(persona)).get(IN_FORCE)
    page = text_of(response)

    assert response.status_code == 200
    assert "Nothing has been published yet" in page
    assert (f'href="{reverse("codeapp:draft")}"' in page) is (persona == "editor")


def test_it_shows_an_upcoming_version_when_none_is_in_force_yet(client_for, code, editor):
    upcoming = publish(editor, days(20))

    response = english(client_for("anonymous")).get(IN_FORCE)
    page = text_of(response)

    assert response.status_code == 200
    assert response.context["version"] == upcoming
    assert "Not yet in force." in page
    assert "This version comes into force on" in page
    assert "No version of the code is in force before that date." in page


def test_it_announces_an_upcoming_successor(client_for, v1, editor):
    publish(editor, days(14), summary="Nieuwe versie.")

    page = text_of(english(client_for("employee")).get(IN_FORCE))

    assert "Upcoming:" in page
    assert "version 2 comes into force on" in page
    assert f'href="{reverse("codeapp:version", args=[2])}"' in page
    assert f'href="{reverse("codeapp:version-compare", args=[1, 2])}"' in page


def test_it_has_no_upcoming_banner_without_a_successor(client_for, v1):
    page = text_of(english(client_for("employee")).get(IN_FORCE))

    assert "Upcoming:" not in page
    assert "In force." in page


# --- the date picker ----------------------------------------------------------------------


def test_it_offers_a_date_picker(client_for, v1):
    page = text_of(client_for("anonymous").get(IN_FORCE))

    assert f'action="{IN_FORCE}"' in page
    assert 'type="date"' in page
    assert 'name="on"' in page
    assert '<label for="date-picker-on"' in page


def test_it_sends_the_date_picker_to_the_version_on_that_day(client_for, v1):
    response = client_for("anonymous").get(IN_FORCE, {"on": "2026-01-31"})

    assert response.status_code == 302
    assert response["Location"] == reverse("codeapp:version-on", args=["2026-01-31"])


@pytest.mark.parametrize("bad", ["2026-02-30", "31-01-2026", "gisteren", "", "2026-1-5"])
def test_it_asks_again_for_a_date_that_is_not_one(bad, client_for, v1):
    response = english(client_for("anonymous")).get(IN_FORCE, {"on": bad})
    page = text_of(response)

    assert response.status_code == 400
    assert "Enter a date in the calendar" in page
    assert 'aria-invalid="true"' in page
    assert CodeVersion.objects.count() == 1


def test_it_asks_again_for_a_bad_date_when_nothing_is_published(client_for, code):
    response = english(client_for("anonymous")).get(IN_FORCE, {"on": "2026-02-30"})

    assert response.status_code == 400
    assert "Enter a date in the calendar" in text_of(response)
