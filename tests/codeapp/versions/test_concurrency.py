"""Two officers publishing at the same moment get exactly one new version (PostgreSQL)."""

import datetime
import threading
from collections import Counter

import pytest
from django.db import connection
from django.utils import timezone

from codeapp.models import CodeVersion
from codeapp.versions.chain import versions_verify
from codeapp.versions.services import PublishConflict, version_publish


def publish_at_once(user, expected_latest: int) -> Counter:
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def officer() -> None:
        try:
            barrier.wait(timeout=10)
            version = version_publish(
                user=user,
                effective_from=timezone.localdate(),
                established_by="College van B&W",
                change_summary="",
                expected_latest=expected_latest,
            )
            outcomes.append(f"v{version.number}")
        except PublishConflict:
            outcomes.append("conflict")
        except Exception as error:  # noqa: BLE001 - reported in the assertion below
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=officer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return Counter(outcomes)


@pytest.mark.django_db(transaction=True)
def test_it_publishes_the_first_version_once_when_two_officers_race(roles, officer, code):
    outcomes = publish_at_once(officer, expected_latest=0)

    assert outcomes == Counter({"v1": 1, "conflict": 1})
    assert CodeVersion.objects.count() == 1
    assert versions_verify() == 1


@pytest.mark.django_db(transaction=True)
def test_it_publishes_a_next_version_once_when_two_officers_race(roles, officer, code):
    version_publish(
        user=officer,
        effective_from=timezone.localdate() - datetime.timedelta(days=1),
        established_by="College van B&W",
        change_summary="",
        retroactive=True,
        retroactive_reason="Besluit van gisteren.",
    )

    outcomes = publish_at_once(officer, expected_latest=1)

    assert outcomes == Counter({"v2": 1, "conflict": 1})
    assert CodeVersion.objects.count() == 2
    assert versions_verify() == 2
