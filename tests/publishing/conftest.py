"""Fixtures for the publishing tests: plain static files, English clients, versions at hand."""

import datetime
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from codeapp.models import CodeVersion
from codeapp.versions.services import version_publish
from tests.views.conftest import speak_english


@pytest.fixture(autouse=True)
def publishing_test_settings(settings):
    """Plain static storage (no collectstatic manifest needed) and a quick password hasher."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.STATIC_ROOT = None
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def en_client_for(client_for) -> Callable[[str], Client]:
    """Like `client_for`, with the English interface: en_client_for("officer")."""

    def make(persona: str) -> Client:
        return speak_english(client_for(persona))

    return make


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def publish_version(officer) -> Callable[..., CodeVersion]:
    """Publish the working draft as it is now: publish_version(days_ago=30)."""

    def make(days_ago: int = 0, established_by: str = "College van B&W") -> CodeVersion:
        return version_publish(
            user=officer,
            effective_from=timezone.localdate() - datetime.timedelta(days=days_ago),
            established_by=established_by,
            change_summary="",
            retroactive=True,
            retroactive_reason="Besluit met terugwerkende kracht.",
        )

    return make
