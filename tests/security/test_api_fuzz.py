"""Schemathesis against the API's own OpenAPI document: no server error, answers as described.

Run in-process on the WSGI application, so the requests see the test's database (a
published code of three versions). The number of examples is bounded to keep the suite
quick; the checks are schemathesis's own (no 5xx, documented status codes and content
types, responses that match their schemas).
"""

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from codeapp.api.endpoints import openapi_schema

# The document the endpoint serves, built without a request (no database at collection).
schema = schemathesis.openapi.from_dict(openapi_schema())
schema.app = get_wsgi_application()


@pytest.fixture
def keep_the_test_connection() -> Iterator[None]:
    """Django closes the connection after each request; the test's transaction lives in it.

    Django's own test client does the same while it runs a request.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(
    max_examples=50,
    database=None,  # nothing written into the working tree
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_every_generated_request_without_a_server_error(
    case,
    published,  # noqa: F811
    keep_the_test_connection,
):
    case.call_and_validate()


@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_a_private_code_answers_anonymous_requests_as_documented(
    case,
    published,  # noqa: F811
    keep_the_test_connection,
    settings,
):
    settings.CODE_PUBLIC = False
    case.call_and_validate()
