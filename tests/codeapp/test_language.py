"""The interface speaks Dutch by default and English on request."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.helpers import text_of

pytestmark = pytest.mark.django_db

SET_LANGUAGE = reverse("set_language")


def test_it_speaks_dutch_by_default(client_for, code):
    response = client_for("editor").get("/draft/")

    assert response.status_code == 200
    assert response["Content-Language"] == "nl"
    assert '<html lang="nl">' in text_of(response)


def test_it_uses_dutch_for_django_s_own_messages_too():
    response = Client().post(reverse("login"), {"username": "", "password": ""})

    assert response.context["form"].errors["username"] == ["Dit veld is verplicht."]


def test_it_speaks_english_when_the_browser_asks_for_it(client_for, code):
    response = client_for("editor").get("/draft/", HTTP_ACCEPT_LANGUAGE="en")

    assert response["Content-Language"] == "en"
    page = text_of(response)
    assert '<html lang="en">' in page
    assert "<title>Working draft" in page


def test_it_falls_back_to_dutch_for_a_language_it_does_not_speak(client_for, code):
    response = client_for("editor").get("/draft/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr")

    assert response["Content-Language"] == "nl"


def test_it_remembers_the_chosen_language_in_a_cookie(client_for, code):
    client = client_for("editor")

    response = client.post(SET_LANGUAGE, {"language": "en", "next": "/draft/"})

    assert response.status_code == 302
    assert response["Location"] == "/draft/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = text_of(client.get("/draft/"))
    assert '<html lang="en">' in page
    assert "Working draft" in page


def test_it_lets_an_anonymous_visitor_choose_a_language():
    client = Client()

    response = client.post(SET_LANGUAGE, {"language": "en", "next": "/"})

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get("/")["Content-Language"] == "en"


def test_it_switches_back_to_dutch(client_for, code):
    client = client_for("editor")
    client.post(SET_LANGUAGE, {"language": "en"})

    client.post(SET_LANGUAGE, {"language": "nl"})

    assert client.get("/draft/")["Content-Language"] == "nl"


def test_it_ignores_a_language_it_does_not_offer():
    client = Client()

    response = client.post(SET_LANGUAGE, {"language": "fr", "next": "/"})

    assert response.status_code == 302
    # Django stores any language it has a catalogue for, but only offered ones are used.
    assert client.get("/")["Content-Language"] == "nl"


def test_it_does_not_follow_next_to_another_site():
    response = Client().post(SET_LANGUAGE, {"language": "en", "next": "https://evil.example/"})

    assert response["Location"] == "/"


def test_it_changes_nothing_on_get():
    response = Client().get(SET_LANGUAGE, {"language": "en"})

    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
