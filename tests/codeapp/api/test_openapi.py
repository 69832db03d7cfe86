"""GET /api/v1/openapi.json: the OpenAPI document, generated from the endpoints."""

import json

import pytest

from tests.helpers import is_json

pytestmark = pytest.mark.django_db

PATHS = {
    "/api/v1/code",
    "/api/v1/codes",
    "/api/v1/versions",
    "/api/v1/versions/{number}",
    "/api/v1/compare/{a}/{b}",
    "/api/v1/openapi.json",
}


def test_it_is_an_openapi_3_document_listing_every_endpoint(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert is_json(response)
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == PATHS
    for path in PATHS:
        assert set(schema["paths"][path]) == {"get"}, path


def test_it_describes_the_document_and_the_errors(client):
    schema = client.get("/api/v1/openapi.json").json()
    code = schema["paths"]["/api/v1/code"]["get"]
    assert code["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/CodeDocument"
    }
    assert {"400", "401", "404"} <= set(code["responses"])
    assert [p["name"] for p in code["parameters"]] == ["on"]
    components = schema["components"]["schemas"]
    assert components["CodeDocument"]["additionalProperties"] is False
    assert set(components["CodeDocument"]["required"]) == {
        "format", "title", "language", "preamble", "version", "values"
    }  # fmt: skip
    assert "from" in components["Comparison"]["properties"]
    number = schema["paths"]["/api/v1/versions/{number}"]["get"]["parameters"][0]["schema"]
    assert number["type"] == "integer" and number["minimum"] == 1


def test_there_is_no_interactive_page_loading_from_a_cdn(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 404
    assert b"cdn" not in response.content.lower()
