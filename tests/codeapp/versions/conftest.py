"""Fixtures for the tests of versions: the example documents, and the living loop's people,
session and decided proposals that flow into versions."""

from collections.abc import Callable

import pytest

from norms.models import Norm
from reflection.models import Proposal
from reflection.services.proposals import proposal_decide
from tests.helpers import OFFICER_NAME, PROPOSER_NAME, new_proposal, publish
from tests.helpers.documents import DRAFT_EXAMPLE, PUBLISHED_EXAMPLE, load, snapshot


@pytest.fixture
def draft_example() -> dict:
    return load(DRAFT_EXAMPLE)


@pytest.fixture
def published_example() -> dict:
    return load(PUBLISHED_EXAMPLE)


@pytest.fixture
def populated(tmp_path, code, officer):
    """A working draft and a published version, to see that a failed import touches neither."""
    publish(officer, "2024-01-01")
    return snapshot()


@pytest.fixture
def named(editor, officer):
    """Give the proposer (the editor) and the officer real-looking names to look out for."""
    editor.first_name, editor.last_name = PROPOSER_NAME
    editor.save()
    officer.first_name, officer.last_name = OFFICER_NAME
    officer.save()


@pytest.fixture
def approve(editor, officer) -> Callable[..., Proposal]:
    """Propose (as the editor) and approve (as the officer) a new text for a norm."""

    def make(norm: Norm, text: str, *, title: str, session=None) -> Proposal:
        norm.refresh_from_db()
        proposal = new_proposal(editor, norm, text, title=title, session=session)
        return proposal_decide(
            proposal=proposal, user=officer, approve=True, reason="Maakt de norm duidelijker."
        )

    return make
