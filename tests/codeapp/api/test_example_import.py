"""A real code imported as sealed version 1 comes out of the API unchanged."""

import json
from pathlib import Path

import pytest

from codeapp.api.schemas import CodeDocument
from codeapp.versions.importing import code_import

pytestmark = pytest.mark.django_db

EXAMPLE = Path("/work/shared/examples/published-uk-icrir-v1.json")
SEAL = "e0066855cb9149169035a7de04f2f12da10c337edab2f1d01d15af5880b78049"


@pytest.fixture
def example_doc() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def test_the_imported_version_is_served_identically(client, example_doc):
    version = code_import(doc=example_doc, user=None)
    assert version.sha256 == SEAL
    response = client.get("/api/v1/versions/1")
    assert response.status_code == 200
    assert response.json() == json.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert response.json()["version"]["sha256"] == SEAL
    assert response["ETag"] == f'"{SEAL}"'
    CodeDocument.model_validate(response.json())


def test_it_is_in_force_since_its_date(client, example_doc):
    code_import(doc=example_doc, user=None)
    assert client.get("/api/v1/code?on=2024-04-30").status_code == 404
    assert client.get("/api/v1/code?on=2024-05-01").json()["version"]["sha256"] == SEAL
    listed = client.get("/api/v1/versions").json()
    assert [(row["number"], row["sha256"]) for row in listed] == [(1, SEAL)]
