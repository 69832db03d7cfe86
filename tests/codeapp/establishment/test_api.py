"""The API returns the establishment record: sealed in the version's document, and the steps
logged later in the version list (`establishment_log`), both as the OpenAPI document says."""

from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from codeapp.api.endpoints import openapi_schema
from codeapp.api.schemas import CodeDocument, VersionSummary
from codeapp.establishment.services import establishment_steps_record
from codeapp.versions.services import version_publish
from tests.helpers import days

pytestmark = pytest.mark.django_db

LAW = {"label": "Ambtenarenwet 2017", "bwb": "BWBR0001905", "article": "4"}
RECORD = {
    "works_council": {"date": "2026-03-02", "reference": "OR-2026-014"},
    "decision": {"body": "College van B&W", "date": "2026-03-10", "reference": "2026/123"},
    "publication": None,
    "legal_basis": [LAW],
}
PUBLICATION = {
    "gazette": "Gemeenteblad",
    "date": "2026-03-12",
    "reference": "gmb-2026-123456",
    "url": "https://zoek.officielebekendmakingen.nl/gmb-2026-123456.html",
}


@pytest.fixture
def established(code, officer, editor):
    """Version 1 with its sealed record and a publication logged later; version 2 without."""
    from core.services import item_update

    first = version_publish(
        user=officer, effective_from=days(10), established_by="College van B&W",
        change_summary="", establishment=RECORD,
    )  # fmt: skip
    establishment_steps_record(version=first, record={"publication": PUBLICATION}, user=officer)
    gifts = code["gifts"]
    item_update(
        item=gifts, expected_revision=gifts.revision, user=editor,
        changes={"legal_basis": ["Gedragscode", LAW]},
    )  # fmt: skip
    version_publish(
        user=officer, effective_from=days(20), established_by="College", change_summary=""
    )
    return first


def test_the_document_carries_the_sealed_record(client, established):
    doc = client.get("/api/v1/versions/1").json()

    assert doc["version"]["establishment"] == RECORD
    CodeDocument.model_validate(doc)
    second = client.get("/api/v1/versions/2").json()
    assert "establishment" not in second["version"]
    norm = next(n for v in second["values"] for n in v["norms"] if n["key"] == "geschenken")
    assert norm["legal_basis"] == ["Gedragscode", LAW]
    CodeDocument.model_validate(second)


def test_the_version_list_carries_the_log_where_there_is_one(client, established):
    listed = {v["number"]: v for v in client.get("/api/v1/versions").json()}

    log = listed[1]["establishment_log"]
    assert [(e["step"], e["fields"]) for e in log] == [("publication", PUBLICATION)]
    assert log[0]["previous_sha256"] == established.sha256
    assert "recorded_by" not in log[0]  # no people
    assert "establishment_log" not in listed[2]
    assert listed[2]["previous_sha256"] == established.sha256
    for item in listed.values():
        VersionSummary.model_validate(item)


schema = schemathesis.openapi.from_dict(openapi_schema())
schema.app = get_wsgi_application()


@pytest.fixture
def keep_the_test_connection() -> Iterator[None]:
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.include(path_regex="^/api/v1/versions").parametrize()
@hypothesis_settings(
    max_examples=15,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_answers_match_the_openapi_document(case, established, keep_the_test_connection):
    case.call_and_validate()
