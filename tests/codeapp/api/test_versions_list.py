"""GET /api/v1/versions: every published version, newest first."""

import datetime

import pytest

from tests.helpers import is_json

pytestmark = pytest.mark.django_db


def test_it_lists_the_versions_newest_first(client, published):
    response = client.get("/api/v1/versions")
    assert response.status_code == 200
    assert is_json(response)
    rows = response.json()
    assert [row["number"] for row in rows] == [3, 2, 1]
    v3 = published[2]
    assert rows[0] == {
        "number": 3,
        "effective_from": v3.effective_from.isoformat(),
        "published_at": rows[0]["published_at"],
        "established_by": "College van B&W",
        "change_summary": "Een voorbeeld erbij.",
        "sha256": v3.sha256,
        "previous_sha256": published[1].sha256,
        "url": "http://testserver/api/v1/versions/3",
    }
    assert datetime.datetime.fromisoformat(rows[0]["published_at"]) == v3.published_at
    assert rows[-1]["previous_sha256"] is None


def test_each_url_gives_that_version(client, published):
    for row in client.get("/api/v1/versions").json():
        doc = client.get(row["url"]).json()
        assert doc["version"]["number"] == row["number"]
        assert doc["version"]["sha256"] == row["sha256"]


def test_without_versions_the_list_is_empty(client, db):
    response = client.get("/api/v1/versions")
    assert response.status_code == 200
    assert response.json() == []
