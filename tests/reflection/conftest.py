"""Fixtures shared by the reflection tests: the English interface, a published code, the
services speaking English, and a facilitated session with the case it discussed."""

import datetime

import pytest
from django.utils import translation

from codeapp.versions.services import version_publish
from reflection.models import Case, Session


@pytest.fixture
def en(en_client_for):
    """A client for a persona, asking for the English interface: en("editor")."""
    return en_client_for


@pytest.fixture
def published_code(code, officer):
    """The `code` fixture published as version 1, in force: suggestions start from it."""
    version_publish(
        user=officer, effective_from=datetime.date(2025, 1, 1), established_by="B&W",
        change_summary="",
        retroactive=True, retroactive_reason="Besluit met terugwerkende kracht.",
    )  # fmt: skip
    return code


@pytest.fixture
def services_in_english():
    """The services speak the user's language; tests that use this read their English messages."""
    with translation.override("en"):
        yield


@pytest.fixture
def discussed_case(editor) -> Case:
    """A case, discussed in the facilitated session."""
    return Case.objects.create(
        title="Een fles wijn", situation="Een leverancier…", created_by=editor
    )


@pytest.fixture
def facilitated_session(code, editor, discussed_case) -> Session:
    """A held session, facilitated by the editor, that discussed honesty, gifts and a case."""
    session = Session.objects.create(
        title="Dilemmasessie team Vergunningen", date=datetime.date(2025, 3, 4), format="dilemma",
        held=True, facilitator=editor, participant_groups="team Vergunningen",
        participant_count=9, insights="Geschenken zijn **lastig**.\n\n<script>alert(1)</script>",
    )  # fmt: skip
    session.values_discussed.add(code["honesty"])
    session.norms_discussed.add(code["gifts"])
    session.cases.add(discussed_case)
    return session
