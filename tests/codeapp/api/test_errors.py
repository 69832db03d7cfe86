"""Bad input, unknown things and other methods: always JSON {"detail": ...}, never HTML or 500."""

import pytest
from django.test import Client

from tests.helpers import is_json

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v1/code",
    "/api/v1/versions",
    "/api/v1/versions/1",
    "/api/v1/compare/1/2",
    "/api/v1/openapi.json",
]


def assert_json_error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert is_json(response)
    body = response.json()
    assert set(body) == {"detail"}
    assert isinstance(body["detail"], str) and body["detail"]
    return body


@pytest.mark.parametrize(
    "on", ["2026-02-30", "yesterday", "2026-13-01", "\x00", "20260101", "2026-W01-1",
           "2026-1-1", "", " 2026-01-01", "2026-01-01T00:00", "١٢٣٤-٠١-٠١", "9" * 5000],
)  # fmt: skip
def test_a_date_that_is_not_a_date_is_400(client, published, on):
    body = assert_json_error(client.get("/api/v1/code", {"on": on}), 400)
    assert "YYYY-MM-DD" in body["detail"]


@pytest.mark.parametrize(
    "number", ["abc", "-1", "0", "1.0", "+1", "1_0", "%201", "99999999999999999999",
               "2147483648", "9" * 5000, "%00", "1e3", "%D9%A1"],
)  # fmt: skip
def test_a_version_number_that_is_not_a_version_number_is_400(client, published, number):
    assert_json_error(client.get(f"/api/v1/versions/{number}"), 400)
    assert_json_error(client.get(f"/api/v1/compare/1/{number}"), 400)
    assert_json_error(client.get(f"/api/v1/compare/{number}/1"), 400)


def test_the_message_names_the_parameter(client, published):
    body = client.get("/api/v1/compare/1/x").json()
    assert body["detail"].startswith("b: ")
    body = client.get("/api/v1/versions/99999999999999999999").json()
    assert body["detail"].startswith("number: ")


def test_the_largest_number_is_simply_unknown(client, published):
    assert_json_error(client.get("/api/v1/versions/2147483647"), 404)


@pytest.mark.parametrize(
    "url",
    ["/api/v1/", "/api/v1/nothing", "/api/v1/code/", "/api/v1/versions/1/", "/api/v1/versions/",
     "/api/v1/compare/1", "/api/v1/compare/1/2/3", "/api/v1/versions/1/pdf", "/api/v1/docs"],
)  # fmt: skip
def test_an_unknown_path_is_a_json_404(client, published, url):
    assert_json_error(client.get(url), 404)


@pytest.mark.parametrize("url", ENDPOINTS)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options", "trace"])
def test_other_methods_are_a_json_405(client, published, url, method):
    response = getattr(client, method)(url)
    body = assert_json_error(response, 405)
    assert response["Allow"] == "GET, HEAD"
    assert method.upper() in body["detail"]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_a_signed_in_post_without_csrf_token_is_still_a_json_405(employee, published, url):
    # Not Django's HTML CSRF page: the API has nothing to post to at all.
    c = Client(enforce_csrf_checks=True)
    c.force_login(employee)
    assert_json_error(c.post(url), 405)


CRAFTED = [
    ("/api/v1/versions/abc", 400),
    ("/api/v1/versions/-1", 400),
    ("/api/v1/versions/99999999999999999999", 400),
    ("/api/v1/compare/1/x", 400),
    ("/api/v1/compare/x/y", 400),
    ("/api/v1/code?on=2026-13-01", 400),
    ("/api/v1/code?on=%00", 400),
    ("/api/v1/code?on=2026-02-30", 400),
    ("/api/v1/code?on=yesterday", 400),
    ("/api/v1/code?on=%ff%fe", 400),
    ("/api/v1/code?on=2026-01-01&on=yesterday", 400),
    ("/api/v1/code?on[]=1", 200),  # an unknown parameter, ignored
    ("/api/v1/versions/%2e%2e", 400),
    ("/api/v1/versions/..%2f..%2fetc%2fpasswd", 404),
    ("/api/v1/versions/1%00", 400),
    ("/api/v1/versions/%ef%bc%91", 400),  # a full-width digit one
    ("/api/v1/compare/-1/-2", 400),
    ("/api/v1/compare/0/0", 400),
    ("/api/v1/compare/1.5/2", 400),
    ("/api/v1/openapi.json/x", 404),
    ("/api/v1/%00", 404),
    ("/api/v1/<script>", 404),
]


@pytest.mark.parametrize(("url", "status"), CRAFTED)
def test_crafted_input_never_gives_500_or_html(client, published, url, status):
    response = client.get(url)
    assert response.status_code == status, response.content[:300]
    assert is_json(response)
    assert b"<html" not in response.content.lower()
    if status != 200:
        assert set(response.json()) == {"detail"}
