"""Fixtures for the living loop: proposals decided, published into versions, and mailed about."""

import datetime
from collections.abc import Callable

import pytest
from django.test import Client

from codeapp.models import CodeVersion
from codeapp.versions.services import version_publish
from norms.models import Norm
from reflection.models import Proposal, Session
from reflection.services.proposals import proposal_create, proposal_decide, proposal_submit
from tests.views.conftest import speak_english

SESSION_DAY = datetime.date(2026, 3, 3)
# Names that must never reach a version, a reading page or a published-version e-mail.
PROPOSER_NAME = ("Fenna", "Jansma")
OFFICER_NAME = ("Otto", "Bakker")


@pytest.fixture(autouse=True)
def loop_test_settings(settings):
    """Plain static storage, a quick hasher, a public code, a fixed address for mail links."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.STATIC_ROOT = None
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CODE_PUBLIC = True
    settings.SITE_URL = "https://gedragscode.example.nl"
    settings.LANGUAGE_CODE = "nl"


@pytest.fixture
def named(editor, officer):
    """Give the proposer (the editor) and the officer real-looking names to look out for."""
    editor.first_name, editor.last_name = PROPOSER_NAME
    editor.save()
    officer.first_name, officer.last_name = OFFICER_NAME
    officer.save()


@pytest.fixture
def session(db) -> Session:
    return Session.objects.create(
        title="Dilemmasessie",
        public_name="Dilemmasessie",
        date=SESSION_DAY,
        format=Session.Format.DILEMMA,
        held=True,
    )


def new_proposal(proposer, norm: Norm, text: str, *, title: str, session=None) -> Proposal:
    """A submitted proposal to reword `norm`'s text."""
    proposal = Proposal(
        title=title, action=Proposal.Action.REWORD, target=Proposal.Target.NORM, norm=norm,
        proposed={"text": text}, rationale="Uit de praktijk.",
        origin=Proposal.Origin.SESSION if session else Proposal.Origin.SUGGESTION,
        session=session,
    )  # fmt: skip
    proposal = proposal_create(proposal=proposal, user=proposer)
    return proposal_submit(proposal=proposal, user=proposer)


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


@pytest.fixture
def publish(officer) -> Callable[..., CodeVersion]:
    """Publish the working draft: publish(datetime.date(...)) or publish(days_ago=…)."""

    def make(on: datetime.date | None = None, summary: str = "") -> CodeVersion:
        return version_publish(
            user=officer,
            effective_from=on or datetime.date(2026, 1, 1),
            established_by="College van B&W",
            change_summary=summary,
            retroactive=True,
            retroactive_reason="Besluit met terugwerkende kracht.",
        )

    return make


@pytest.fixture
def en_client_for(client_for) -> Callable[[str], Client]:
    def make(persona: str) -> Client:
        return speak_english(client_for(persona))

    return make


def text_of(response) -> str:
    return response.content.decode()
