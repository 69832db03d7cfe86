"""GET /api/v1/compare/<A>/<B>: the comparison document of design.md."""

import pytest

from codeapp.api.comparison import comparison_document
from tests.helpers import is_json

pytestmark = pytest.mark.django_db


def test_it_gives_the_changes_from_a_to_b(client, published):
    v1, v2, _v3 = published
    response = client.get("/api/v1/compare/1/2")
    assert response.status_code == 200
    assert is_json(response)
    body = response.json()
    assert body == comparison_document(v1.document, v2.document, 1, 2)
    assert list(body) == ["from", "to", "changes"]
    assert body["from"] == 1 and body["to"] == 2
    assert {"change": "changed", "type": "norm", "key": "geschenken", "fields": ["text"]} in (
        body["changes"]
    )
    assert {"change": "added", "type": "value", "key": "integriteit", "fields": []} in (
        body["changes"]
    )
    assert {"change": "added", "type": "norm", "key": "nevenfuncties", "fields": []} in (
        body["changes"]
    )


def test_backwards_the_additions_are_removals(client, published):
    body = client.get("/api/v1/compare/2/1").json()
    assert {"change": "removed", "type": "value", "key": "integriteit", "fields": []} in (
        body["changes"]
    )


def test_a_version_with_itself_has_no_changes(client, published):
    assert client.get("/api/v1/compare/3/3").json() == {"from": 3, "to": 3, "changes": []}


def test_an_added_example(client, published):
    body = client.get("/api/v1/compare/2/3").json()
    assert body["changes"] == [
        {"change": "added", "type": "example", "key": "contant", "fields": []}
    ]


@pytest.mark.parametrize("url", ["/api/v1/compare/1/9", "/api/v1/compare/9/1"])
def test_an_unknown_version_is_404(client, published, url):
    response = client.get(url)
    assert response.status_code == 404
    assert is_json(response)
    assert response.json() == {"detail": "There is no version 9."}
