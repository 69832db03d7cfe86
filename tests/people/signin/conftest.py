"""Sign-in tests: the OpenID provider (one for the whole run) and the settings that turn
single sign-on on against it."""

from collections.abc import Iterator

import pytest

from people.signin import provider
from tests.helpers.idp import Idp, running_idp


@pytest.fixture(scope="session")
def idp(live_server) -> Iterator[Idp]:
    """tests/idp/server.js, with the live server registered as its client."""
    with running_idp(live_server.url) as started:
        yield started


@pytest.fixture
def sso(settings, idp) -> Idp:
    """Single sign-on on against the test provider, with honest tokens."""
    for name, value in idp.settings().items():
        setattr(settings, name, value)
    provider.forget()
    idp.mode("")
    yield idp
    idp.mode("")
    provider.forget()
