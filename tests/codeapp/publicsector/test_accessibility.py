"""The accessibility statement (/toegankelijkheid/): the model's parts, the organisation's own
details from settings, open to everyone, in Dutch and English."""

import datetime

import pytest
from django.urls import reverse

from tests.helpers import english, text_of

pytestmark = pytest.mark.django_db

URL = reverse("publicsector:accessibility")


@pytest.fixture
def organisation(settings):
    settings.ORGANISATION_NAME = "Gemeente Zoëterwoude"
    settings.ACCESSIBILITY_CONTACT_EMAIL = "toegankelijkheid@example.nl"
    settings.ACCESSIBILITY_CONTACT_URL = "https://www.example.nl/contact"
    settings.ACCESSIBILITY_STATEMENT_DATE = datetime.date(2026, 11, 15)
    settings.SITE_URL = "https://gedragscode.example.nl"
    settings.ACCESSIBILITY_APPROVED_BY = "de gemeentesecretaris"


def test_the_address_is_the_dutch_convention():
    assert URL == "/toegankelijkheid/"


def test_it_follows_the_model_with_the_organisations_details(client, organisation):
    response = client.get(URL)

    assert response.status_code == 200
    text = text_of(response)
    assert "Toegankelijkheidsverklaring" in text
    assert "Gemeente Zoëterwoude" in text
    assert "https://gedragscode.example.nl" in text
    assert "voldoet gedeeltelijk" in text
    assert "WCAG" in text and "EN 301 549" in text
    assert "15 november 2026" in text
    assert "goedgekeurd door de gemeentesecretaris" in text
    assert "axe-core" in text
    assert 'href="mailto:toegankelijkheid@example.nl"' in text
    assert 'href="https://www.example.nl/contact"' in text
    assert "Nationale ombudsman" in text
    # The known exceptions are named, PDFs among them.
    assert "PDF/UA-1" in text and "ingevoerde documenten" in text.lower()


def test_it_is_in_english_for_an_english_reader(client, organisation, settings):
    settings.ACCESSIBILITY_STATUS = "full"
    text = text_of(english(client).get(URL))

    assert "Accessibility statement" in text
    assert "This site fully meets the requirements." in text
    assert "15 November 2026" in text
    assert "Nationale ombudsman" in text


def test_without_a_contact_it_points_to_the_usual_channels(client, settings):
    settings.ACCESSIBILITY_CONTACT_EMAIL = ""
    settings.ACCESSIBILITY_CONTACT_URL = ""
    settings.ORGANISATION_NAME = ""

    text = text_of(english(client).get(URL))

    assert "mailto:" not in text
    assert "Use the usual ways to contact the organisation" in text


def test_it_stays_open_when_the_code_is_not_public(client, settings):
    settings.CODE_PUBLIC = False
    assert client.get(URL).status_code == 200


def test_every_page_links_to_it_in_the_footer(client):
    footer = text_of(client.get(reverse("login"))).split("<footer", 1)[1]
    assert f'href="{URL}"' in footer


def test_it_refuses_other_methods(client):
    assert client.post(URL).status_code == 405


def test_it_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    client.get(URL)  # the first request of a process reads the codes (kept a minute)
    with django_assert_max_num_queries(0):
        client.get(URL)
