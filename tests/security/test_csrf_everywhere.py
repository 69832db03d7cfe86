"""Every URL refuses a POST without a CSRF token, including any URL added later.

The walk takes its URLs from the permission matrix, which must list every URL pattern
(its own test fails otherwise), so a new form is covered without anyone adding it here.
The read-only API is exempt, answering no method but GET and HEAD; so is switching the
interface language, which only sets a preference cookie; and so is the SCIM service, which
takes no cookie and answers only its bearer token (tests/people/scim/test_auth.py).
"""

from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from tests.helpers import PASSWORD
from tests.helpers.documents import everything
from tests.helpers.permissions import EXPECTED, url_of

pytestmark = pytest.mark.django_db

FORM_ROWS = [
    row for row in EXPECTED if not row.startswith(("api:", "scim:")) and row != "set_language"
]
API_ROWS = [row for row in EXPECTED if row.startswith("api:")]
# A draft proposal is edited by its proposer only; everywhere else the superuser may post.
POSTER = {"reflection:proposal-edit": "editor", "reflection:proposal-submit": "editor"}
# The admin's pages are one row in the matrix; these stand for the forms behind it.
ADMIN_URLS = ["admin:index", "admin:logout", "admin:auth_user_add", "admin:auth_group_add"]


def strict(user) -> Client:
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def assert_refused_for_csrf(response, url: str) -> None:
    assert response.status_code == 403, f"POST {url} without a CSRF token"
    assert "403_csrf.html" in [t.name for t in response.templates], url
    assert "The form has expired" in response.content.decode()


def test_a_post_without_a_token_is_refused_and_changes_nothing(
    published,  # noqa: F811
    admin_user,
    editor,
):
    """One walk over every form URL (a refused POST changes nothing, so they can share data)."""
    clients = {"admin": strict(admin_user), "editor": strict(editor)}
    before = everything()
    for row in FORM_ROWS:
        url = url_of(row, EXPECTED[row][0])
        client = clients[POSTER.get(row, "admin")]

        response = client.post(url, {"title": "Overgenomen", "reason": "x", "decision": "adopted"})

        assert_refused_for_csrf(response, url)
    assert everything() == before


@pytest.mark.parametrize("name", ADMIN_URLS)
def test_the_admin_refuses_a_post_without_a_token(name, admin_user):
    client = strict(admin_user)
    before = everything()

    response = client.post(reverse(name), {"username": "mallory", "name": "x"})

    assert_refused_for_csrf(response, name)
    assert everything() == before


def test_signing_in_needs_a_token_too(employee):
    response = strict(None).post(reverse("login"), {"username": "employee", "password": PASSWORD})
    assert_refused_for_csrf(response, "login")


@pytest.mark.parametrize("row", API_ROWS)
def test_the_api_exempt_from_csrf_accepts_no_write(row, published):  # noqa: F811
    url = url_of(row, EXPECTED[row][0])
    response = strict(None).post(url, {})
    assert response.status_code in (404, 405), url
    assert response["Content-Type"].startswith("application/json")


def exempt_routes(patterns: list, prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from exempt_routes(pattern.url_patterns, route)
        elif getattr(pattern.callback, "csrf_exempt", False):
            yield route


def test_no_view_outside_the_api_is_exempt_from_csrf():
    exempt = set(exempt_routes(get_resolver().url_patterns))
    assert "api/v1/code" in exempt  # the walk does see an exemption
    # Switching the language sets a preference cookie only (codeapp/urls.py says why).
    assert {route for route in exempt if not route.startswith(("api/", "scim/v2/"))} == {
        "i18n/setlang/"
    }
