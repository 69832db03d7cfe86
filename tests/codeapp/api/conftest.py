"""The API tests read the published versions of the `published` fixture (tests/conftest.py)."""

import pytest

from tests.helpers import english


@pytest.fixture
def client(client):
    """The test client, asking for English so the tests can read the messages."""
    return english(client)
