"""Who may read: anyone while CODE_PUBLIC is on; otherwise only signed-in users."""

import pytest

from tests.helpers import is_json

pytestmark = pytest.mark.django_db

READ_URLS = [
    "/api/v1/code",
    "/api/v1/code?on=2025-01-01",
    "/api/v1/versions",
    "/api/v1/versions/1",
    "/api/v1/compare/1/2",
]


@pytest.mark.parametrize("url", READ_URLS)
def test_anyone_reads_a_public_code(client_for, published, settings, url):
    settings.CODE_PUBLIC = True
    assert client_for("anonymous").get(url).status_code == 200


@pytest.mark.parametrize("url", READ_URLS)
def test_anonymous_gets_401_when_the_code_is_not_public(client_for, published, settings, url):
    settings.CODE_PUBLIC = False
    response = client_for("anonymous").get(url)
    assert response.status_code == 401
    assert is_json(response)
    assert set(response.json()) == {"detail"}


@pytest.mark.parametrize("persona", ["employee", "editor", "officer", "admin"])
@pytest.mark.parametrize("url", READ_URLS)
def test_signed_in_users_read_a_code_that_is_not_public(
    client_for, published, settings, persona, url
):
    settings.CODE_PUBLIC = False
    response = client_for(persona).get(url)
    assert response.status_code == 200
    assert is_json(response)


def test_the_openapi_document_stays_readable_when_the_code_is_not_public(
    client_for, published, settings
):
    # It describes the API, not the code: nothing in it is confidential.
    settings.CODE_PUBLIC = False
    assert client_for("anonymous").get("/api/v1/openapi.json").status_code == 200


def test_a_bad_date_from_an_anonymous_reader_of_a_closed_code_is_401(
    client_for, published, settings
):
    # Access is checked first: an outsider learns nothing, not even what is valid input.
    settings.CODE_PUBLIC = False
    assert client_for("anonymous").get("/api/v1/code?on=yesterday").status_code == 401


def directives(response) -> list[str]:
    return [d.strip() for d in response["Cache-Control"].split(",")]


@pytest.mark.parametrize("url", ["/api/v1/versions/1", "/code/v1/pdf/"])
def test_a_public_version_is_cached_by_anyone_for_a_year(client_for, published, settings, url):
    settings.CODE_PUBLIC = True

    response = client_for("anonymous").get(url)

    assert sorted(directives(response)) == ["immutable", "max-age=31536000", "public"]


@pytest.mark.parametrize("url", ["/api/v1/code", "/api/v1/versions/1", "/code/v1/pdf/"])
def test_a_code_that_is_not_public_is_kept_by_no_browser(client_for, published, settings, url):
    # Not even the reader's own browser: a copy would outlive signing out.
    settings.CODE_PUBLIC = False

    response = client_for("employee").get(url)

    assert response.status_code == 200
    assert sorted(directives(response)) == ["no-store", "private"]
