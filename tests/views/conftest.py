"""Fixtures for the view tests: fast, manifest-free settings and English-speaking clients."""

from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.forms import BaseForm
from django.test import Client


@pytest.fixture(autouse=True)
def view_test_settings(settings):
    """Settings that keep the view tests independent and quick.

    Plain static storage, so a page renders without a collectstatic manifest (pytest run
    on its own); a quick hasher keeps the many persona users cheap.
    """
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.STATIC_ROOT = None
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def speak_english(client: Client) -> Client:
    """Make the client ask for the English interface, so tests can read the UI text."""
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def en_client_for(client_for) -> Callable[[str], Client]:
    """Like `client_for`, with the English interface: en_client_for("editor")."""

    def make(persona: str) -> Client:
        return speak_english(client_for(persona))

    return make


@pytest.fixture
def en_editor_client(editor_client) -> Client:
    return speak_english(editor_client)


def form_data(form: BaseForm) -> dict[str, Any]:
    """What a browser would post back for a rendered form: its current values."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = value
    return data


def text_of(response) -> str:
    return response.content.decode()
