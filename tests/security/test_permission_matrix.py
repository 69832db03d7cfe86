"""Who gets what on a GET of every URL of the project.

The table (tests/helpers/permissions.py) is the permission contract in one place. A new
URL pattern without a row fails `test_it_has_a_row_for_every_url_pattern`, so nobody adds
a page without deciding who may open it.
"""

from urllib.parse import quote

import pytest
from django.urls import get_resolver, reverse

from codeapp.codes.addresses import urlconf_for
from codeapp.urls import reading_paths
from core import codes
from tests.helpers import PERSONAS
from tests.helpers.permissions import (
    EVERYONE,
    EXPECTED,
    LOGIN,
    VALUE,
    Redirect,
    row_for,
    url_of,
    walk,
)

pytestmark = pytest.mark.django_db


def _reading_names() -> set[str]:
    """The names of a code's reading pages (codeapp.urls.reading_paths)."""
    return {f"codeapp:{pattern.name}" for pattern in reading_paths("code/")}


def test_it_has_a_row_for_every_url_pattern():
    found = {row_for(ns, ident) for ns, ident in walk(get_resolver().url_patterns)}
    missing = sorted(found - EXPECTED.keys())
    assert not missing, f"URL patterns without a row in EXPECTED: {missing}"
    stale = sorted(EXPECTED.keys() - found)
    assert not stale, f"rows in EXPECTED for URL patterns that no longer exist: {stale}"


@pytest.mark.parametrize("persona", [*PERSONAS, "manager", "teamlead"])
@pytest.mark.parametrize("row", list(EXPECTED))
def test_it_answers_a_get_as_the_table_says(row, persona, client_for, matrix_data):
    kwargs, answers = EXPECTED[row]
    expected = answers[persona]
    url = url_of(row, kwargs)

    response = client_for(persona).get(url)

    if isinstance(expected, Redirect):
        assert response.status_code == 302, f"GET {url} as {persona}"
        target = f"/accounts/login/?next={quote(url)}" if expected is LOGIN else expected.to
        assert response["Location"] == target
    else:
        assert response.status_code == expected, f"GET {url} as {persona}"


READING_PREFIXES = ("codeapp:version", "codeapp:in-force", "codeapp:search", "api:")
READING_ROWS = [
    r for r in EXPECTED if r.startswith(READING_PREFIXES) and EXPECTED[r][1] == EVERYONE
]


@pytest.mark.parametrize("row", READING_ROWS)
def test_a_private_code_is_closed_to_anonymous_readers(row, client_for, matrix_data, settings):
    settings.CODE_PUBLIC = False
    kwargs, _answers = EXPECTED[row]
    url = url_of(row, kwargs)

    anonymous = client_for("anonymous").get(url)
    employee = client_for("employee").get(url)

    if row == "api:codes":
        # The list answers everyone, listing only what they may read: nothing here.
        assert anonymous.status_code == 200 and anonymous.json() == []
        assert [code["slug"] for code in employee.json()] == [codes.main_code().slug]
    elif row.startswith("api:") and row not in ("api:openapi-json", "api:openapi_document"):
        assert anonymous.status_code == 401, f"GET {url} anonymously"
        assert anonymous["Content-Type"].startswith("application/json")
    elif not row.startswith("api:"):
        assert anonymous.status_code == 302, f"GET {url} anonymously"
        assert anonymous["Location"] == f"/accounts/login/?next={quote(url)}"
    assert employee.status_code == 200, f"GET {url} as employee"


TWIN_ROWS = [
    row
    for row in EXPECTED
    if row.startswith("api:") or (row.startswith("codeapp:") and row in _reading_names())
]


@pytest.mark.parametrize("persona", [*PERSONAS, "manager"])
@pytest.mark.parametrize("row", TWIN_ROWS)
def test_each_codes_own_address_answers_as_the_main_codes(row, persona, client_for, matrix_data):
    """/codes/<slug>/… and /api/v1/codes/<slug>/… (codeapp/codes) are the same pages for one
    code: for the main code's twin, every persona gets what the table gives at /code/…."""
    kwargs, answers = EXPECTED[row]
    expected = answers[persona]
    url = reverse(row, kwargs=kwargs or None, urlconf=urlconf_for(codes.main_code()))
    assert url.startswith(("/codes/", "/api/v1/codes/")), url

    response = client_for(persona).get(url)

    if isinstance(expected, Redirect):
        assert response.status_code == 302, f"GET {url} as {persona}"
        if expected is LOGIN:
            assert response["Location"] == f"/accounts/login/?next={quote(url)}"
    else:
        assert response.status_code == expected, f"GET {url} as {persona}"


@pytest.mark.parametrize("persona", ["employee", "officer"])
def test_it_shows_the_no_access_page_to_a_signed_in_user_without_the_permission(
    persona, en_client_for, code
):
    response = en_client_for(persona).get(reverse("values:edit", kwargs=VALUE))

    assert response.status_code == 403
    assert "No access" in response.content.decode()
