"""GET /api/v1/code and /api/v1/versions/<N>: documents exactly as stored, with their seal."""

import datetime
import json

import pytest

from codeapp.api.schemas import CodeDocument
from codeapp.versions.documents import seal
from codeapp.versions.services import version_publish
from tests.helpers import FIRST_DAY, SECOND_DAY, is_json

pytestmark = pytest.mark.django_db


def same_json(a, b) -> bool:
    """Equal, and with the keys in the same order all the way down."""
    return a == b and json.dumps(a) == json.dumps(b)


def test_it_gives_the_version_in_force_today(client, published):
    response = client.get("/api/v1/code")
    assert response.status_code == 200
    assert is_json(response)
    v2 = published[1]
    assert same_json(response.json(), v2.document)
    assert response["Cache-Control"] == "no-cache"
    assert response["ETag"] == f'"{v2.sha256}"'


def test_the_seal_inside_the_document_holds(client, published):
    doc = client.get("/api/v1/code").json()
    assert doc["version"]["sha256"] == seal(doc) == published[1].sha256
    assert doc["version"]["previous_sha256"] == published[0].sha256


@pytest.mark.parametrize(
    ("day", "number"),
    [
        (FIRST_DAY, 1),
        (SECOND_DAY - datetime.timedelta(days=1), 1),
        (SECOND_DAY, 2),
        (datetime.date(2999, 12, 31), 3),
    ],
)
def test_it_gives_the_version_in_force_on_a_date(client, published, day, number):
    response = client.get("/api/v1/code", {"on": day.isoformat()})
    assert response.status_code == 200
    assert same_json(response.json(), published[number - 1].document)


def test_before_the_first_version_nothing_is_in_force(client, published):
    response = client.get("/api/v1/code", {"on": "2024-12-31"})
    assert response.status_code == 404
    assert is_json(response)
    assert response.json() == {"detail": "No version of the code is in force on 2024-12-31."}


def test_without_any_version_nothing_is_in_force(client, db):
    response = client.get("/api/v1/code")
    assert response.status_code == 404
    assert is_json(response)
    assert "detail" in response.json()


@pytest.mark.parametrize("number", [1, 2, 3])
def test_it_gives_each_version_as_stored(client, published, number):
    version = published[number - 1]
    response = client.get(f"/api/v1/versions/{number}")
    assert response.status_code == 200
    assert is_json(response)
    assert same_json(response.json(), version.document)
    assert response["ETag"] == f'"{version.sha256}"'
    assert seal(response.json()) == version.sha256


def test_the_documents_fit_the_schema_the_openapi_document_gives(client, published):
    for version in published:
        CodeDocument.model_validate(client.get(f"/api/v1/versions/{version.number}").json())


def test_an_editorial_version_fits_the_schema_and_the_schema_names_the_field(
    client, published, officer
):
    version_publish(
        user=officer, effective_from=datetime.date(2030, 1, 1), established_by="College van B&W",
        change_summary="Spelling.", editorial=True,
    )  # fmt: skip
    doc = client.get("/api/v1/versions/4").json()
    assert doc["version"]["editorial"] is True
    CodeDocument.model_validate(doc)
    block = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["VersionBlock"]
    assert "editorial" in block["properties"]
    assert "editorial" not in block["required"]


def test_an_unknown_version_is_404(client, published):
    response = client.get("/api/v1/versions/4")
    assert response.status_code == 404
    assert is_json(response)
    assert response.json() == {"detail": "There is no version 4."}


@pytest.mark.parametrize("url", ["/api/v1/versions/1", "/api/v1/code"])
def test_a_known_etag_gives_304(client, published, url):
    etag = client.get(url)["ETag"]
    response = client.get(url, headers={"If-None-Match": etag})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


@pytest.mark.parametrize(
    "header", ['"0000"', "", 'W/"0000", "1111"'], ids=["other", "empty", "list"]
)
def test_another_etag_gives_the_document(client, published, header):
    response = client.get("/api/v1/versions/1", headers={"If-None-Match": header})
    assert response.status_code == 200
    assert response.json() == published[0].document


def test_a_weak_or_listed_or_star_etag_matches(client, published):
    sha = published[0].sha256
    for header in [f'W/"{sha}"', f'"0000", "{sha}"', "*"]:
        response = client.get("/api/v1/versions/1", headers={"If-None-Match": header})
        assert response.status_code == 304, header


def test_an_old_etag_of_the_code_in_force_gives_the_new_document(client, published):
    response = client.get("/api/v1/code", headers={"If-None-Match": f'"{published[0].sha256}"'})
    assert response.status_code == 200
    assert response.json()["version"]["number"] == 2


def test_head_answers_like_get_without_a_body(client, published):
    response = client.head("/api/v1/versions/2")
    assert response.status_code == 200
    assert response.content == b""
    assert response["ETag"] == f'"{published[1].sha256}"'


@pytest.mark.parametrize(
    "url", ["/api/v1/code", "/api/v1/versions", "/api/v1/compare/1/2", "/api/v1/openapi.json"]
)
def test_head_works_on_every_endpoint(client, published, url):
    response = client.head(url)
    assert response.status_code == 200
    assert is_json(response)
