"""Published versions to read through the API: two in force in the past, one to come."""

import datetime

import pytest
from django.utils import timezone

from codeapp.models import CodeVersion
from codeapp.versions.services import version_publish
from core.services import item_update
from tests.conftest import add_example, add_norm, add_value

FIRST_DAY = datetime.date(2025, 1, 1)
SECOND_DAY = datetime.date(2025, 6, 1)


def is_json(response) -> bool:
    return response["Content-Type"].startswith("application/json")


@pytest.fixture
def published(code, editor, officer) -> list[CodeVersion]:
    """Versions 1 and 2 (in force since 2025) and 3 (in force a year from today).

    Version 2 adds a value and a norm and rewords a norm of version 1; version 3
    adds an example.
    """
    version_publish(
        user=officer, effective_from=FIRST_DAY, established_by="College van B&W",
        change_summary="Eerste versie.",
        retroactive=True, retroactive_reason="Besluit met terugwerkende kracht.",
    )  # fmt: skip
    integrity = add_value(editor, "Integriteit", key="integriteit")
    add_norm(editor, integrity, "Nevenfuncties melden", key="nevenfuncties")
    gifts = code["gifts"]
    item_update(
        item=gifts, expected_revision=gifts.revision, user=editor, reason="Duidelijker",
        changes={"text": "Je meldt elk geschenk binnen een week."},
    )  # fmt: skip
    version_publish(
        user=officer, effective_from=SECOND_DAY, established_by="College van B&W",
        change_summary="Integriteit toegevoegd.",
        retroactive=True, retroactive_reason="Besluit met terugwerkende kracht.",
    )  # fmt: skip
    add_example(editor, code["bribes"], "Contant geld", key="contant")
    version_publish(
        user=officer, effective_from=timezone.localdate() + datetime.timedelta(days=365),
        established_by="College van B&W", change_summary="Een voorbeeld erbij.",
    )  # fmt: skip
    # As stored: the database may keep the keys of a document in another order (jsonb does).
    return list(CodeVersion.objects.order_by("number"))


@pytest.fixture
def client(client):
    """The test client, asking for English so the tests can read the messages."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
