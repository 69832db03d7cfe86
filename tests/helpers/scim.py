"""Talking to the SCIM service in tests: a token, headers, and the service as a WSGI app."""

from collections.abc import Callable, Iterable

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

TOKEN = "scim-test-token-0123456789-abcdefghijklmnop"
BASE = "/scim/v2"


def auth(token: str = TOKEN) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def wsgi_app() -> Callable:
    """Django as a WSGI application that keeps the test's database transaction open.

    A request normally ends by closing "old" database connections, which would close the
    test's transaction; Django's own test client avoids it the same way.
    """
    handler = WSGIHandler()

    def app(environ: dict, start_response: Callable) -> Iterable[bytes]:
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            result = handler(environ, start_response)
            try:
                return [b"".join(result)]
            finally:
                result.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)

    return app


def scim_user(user_name: str = "bjensen", **extra) -> dict:
    """A SCIM User as an identity provider sends it (Microsoft Entra's default mapping)."""
    return {
        "schemas": [
            "urn:ietf:params:scim:schemas:core:2.0:User",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
        ],
        "userName": user_name,
        "externalId": f"ext-{user_name}",
        "active": True,
        "displayName": "Barbara Jensen",
        "name": {"givenName": "Barbara", "familyName": "Jensen", "formatted": "Barbara Jensen"},
        "emails": [{"value": f"{user_name}@example.nl", "type": "work", "primary": True}],
        "title": "beleidsmedewerker",
        "phoneNumbers": [{"value": "+31 6 1234 5678", "type": "mobile"}],
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
            "department": "Team Zuid",
            "employeeNumber": "70123",
        },
        **extra,
    }


def patch(*operations: dict) -> dict:
    return {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": list(operations),
    }
