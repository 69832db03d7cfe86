"""E-mail on a proposal's way: the officers hear of a submitted proposal, the proposer of
the decision — after commit, in the site's language."""

import pytest
from django.core import mail
from django.urls import reverse

from reflection import notifications as proposal_notifications
from reflection.services.proposals import proposal_decide
from tests.helpers import SITE, new_proposal, recipients

pytestmark = pytest.mark.django_db


# --- a proposal is submitted -----------------------------------------------------------------


def test_the_integrity_officers_hear_of_a_submitted_proposal(
    code, editor, officer, other_users, admin_user, session, django_capture_on_commit_callbacks
):
    """Officers who may decide it; not an administrator who is no officer, nor the proposer."""
    proposal = new_proposal(
        editor, code["gifts"], "Ook afgeslagen geschenken.", title="Afgeslagen geschenken",
        session=session,
    )  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        proposal_notifications.notify_proposal_submitted(proposal)

    assert recipients() == ["officer2@example.org", "officer@example.org"]
    message = mail.outbox[0]
    assert len(message.to) == 1  # one message each: no one sees the other_users' addresses
    assert message.subject == (
        f"Wijzigingsvoorstel #{proposal.number} wacht op je beoordeling: Afgeslagen geschenken"
    )
    assert f"{SITE}{reverse('reflection:proposal', args=[proposal.pk])}" in message.body
    assert "Uit de reflectiebijeenkomst “Dilemmasessie” van 3 maart 2026." in message.body
    assert message.from_email == "gedragscode@localhost"


def test_an_officer_who_proposed_is_not_asked_to_decide_it(
    code, officer, other_users, django_capture_on_commit_callbacks
):
    proposal = new_proposal(officer, code["gifts"], "Ook afgeslagen.", title="Afgeslagen")

    with django_capture_on_commit_callbacks(execute=True):
        proposal_notifications.notify_proposal_submitted(proposal)

    assert recipients() == ["officer2@example.org"]


def test_nothing_is_sent_before_the_transaction_commits(
    code, editor, officer, django_capture_on_commit_callbacks
):
    proposal = new_proposal(editor, code["gifts"], "Ook afgeslagen.", title="Afgeslagen")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        proposal_notifications.notify_proposal_submitted(proposal)

    assert len(callbacks) == 1
    assert mail.outbox == []


# --- a proposal is decided -------------------------------------------------------------------


@pytest.mark.parametrize(("approve", "word"), [(True, "aangenomen"), (False, "afgewezen")])
def test_the_proposer_hears_the_decision_and_its_reasons(
    approve, word, code, editor, officer, other_users, django_capture_on_commit_callbacks
):
    proposal = new_proposal(editor, code["gifts"], "Ook afgeslagen.", title="Afgeslagen")
    proposal = proposal_decide(
        proposal=proposal, user=officer, approve=approve, reason="Past bij de praktijk."
    )

    with django_capture_on_commit_callbacks(execute=True):
        proposal_notifications.notify_proposal_decided(proposal)

    assert recipients() == ["editor@example.org"]
    message = mail.outbox[0]
    assert message.subject == f"Je wijzigingsvoorstel #{proposal.number} is {word}"
    assert "Motivering:\nPast bij de praktijk." in message.body
    assert f"{SITE}/proposals/{proposal.pk}/" in message.body


def test_the_mails_speak_the_sites_language(
    settings, code, editor, officer, django_capture_on_commit_callbacks
):
    settings.LANGUAGE_CODE = "en"
    proposal = new_proposal(editor, code["gifts"], "Ook afgeslagen.", title="Afgeslagen")
    proposal = proposal_decide(proposal=proposal, user=officer, approve=False, reason="Te vaag.")

    with django_capture_on_commit_callbacks(execute=True):
        proposal_notifications.notify_proposal_decided(proposal)

    assert mail.outbox[0].subject == (
        f"Your amendment proposal #{proposal.number} has been rejected"
    )
    assert "Reasons:\nTe vaag." in mail.outbox[0].body
