"""The health tests read the source (English) wording of the findings."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def in_english(settings):
    """Assert on the source (English) wording, whatever the translators make of it."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
