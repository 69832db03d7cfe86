"""E-mail along the loop: proposals submitted and decided, versions published — after commit."""

import datetime
import logging

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from codeapp.models import CodeVersion
from codeapp.versions import notifications
from core.roles import OFFICER_GROUP
from reflection import notifications as proposal_notifications
from reflection.services.proposals import proposal_decide
from tests.loop.conftest import OFFICER_NAME, PROPOSER_NAME, new_proposal

pytestmark = pytest.mark.django_db

SITE = "https://gedragscode.example.nl"


def recipients() -> list[str]:
    """Who received the mail: the blind copies of a bulk notice, else the addressees."""
    return sorted(address for message in mail.outbox for address in (message.bcc or message.to))


def add_user(django_user_model, username: str, group: str | None = None, **extra):
    email = extra.pop("email", f"{username}@example.org")
    user = django_user_model.objects.create_user(
        username=username, password="secret-pass-123", email=email, **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def others(django_user_model):
    """A second officer, an officer without an address, an inactive one, and an employee."""
    return {
        "officer2": add_user(django_user_model, "officer2", OFFICER_GROUP),
        "no_mail": add_user(django_user_model, "officer3", OFFICER_GROUP, email=""),
        "gone": add_user(django_user_model, "officer4", OFFICER_GROUP, is_active=False),
        "employee": add_user(django_user_model, "colleague"),
    }


# --- a proposal is submitted -----------------------------------------------------------------


def test_the_integrity_officers_hear_of_a_submitted_proposal(
    code, editor, officer, others, admin_user, session, django_capture_on_commit_callbacks
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
    assert len(message.to) == 1  # one message each: no one sees the others' addresses
    assert message.subject == (
        f"Wijzigingsvoorstel #{proposal.number} wacht op je beoordeling: Afgeslagen geschenken"
    )
    assert f"{SITE}{reverse('reflection:proposal', args=[proposal.pk])}" in message.body
    assert "Uit de reflectiebijeenkomst “Dilemmasessie” van 3 maart 2026." in message.body
    assert message.from_email == "gedragscode@localhost"


def test_an_officer_who_proposed_is_not_asked_to_decide_it(
    code, officer, others, django_capture_on_commit_callbacks
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
    approve, word, code, editor, officer, others, django_capture_on_commit_callbacks
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


# --- a version is published ------------------------------------------------------------------


def test_everyone_with_an_address_hears_of_a_new_version(
    code, named, others, approve, publish, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(datetime.date(2026, 1, 1))
    first = list(mail.outbox)
    mail.outbox.clear()
    proposal = approve(code["gifts"], "Ook afgeslagen geschenken.", title="Afgeslagen geschenken")

    with django_capture_on_commit_callbacks(execute=True):
        publish(datetime.date(2026, 4, 1), summary="Geschenken aangescherpt.")

    # Active users with an address: editor, officer, officer2, the employee.
    assert recipients() == [
        "colleague@example.org", "editor@example.org", "officer2@example.org",
        "officer@example.org",
    ]  # fmt: skip
    message = mail.outbox[0]
    assert message.subject == "Versie 2 van de gedragscode is vastgesteld"
    assert f"{SITE}/code/compare/1/2/" in message.body
    assert f"{SITE}/code/v2/" in message.body
    assert "treedt in werking op 1 april 2026" in message.body
    assert "Geschenken aangescherpt." in message.body
    assert f"- #{proposal.number} Afgeslagen geschenken" in message.body
    for name in (*PROPOSER_NAME, *OFFICER_NAME):
        assert name not in message.body
    # The first version links to itself: there is nothing to compare it with.
    assert f"{SITE}/code/v1/" in first[0].body and "/code/compare/" not in first[0].body


def test_the_notice_of_a_version_goes_in_blind_copy_batches(
    code, named, others, publish, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BATCH_SIZE = 3

    with django_capture_on_commit_callbacks(execute=True):
        publish(datetime.date(2026, 1, 1))

    readers = recipients()
    assert len(readers) > 3
    assert len(mail.outbox) == -(-len(readers) // 3)  # batches of three, rounded up
    for message in mail.outbox:
        assert message.to == [settings.DEFAULT_FROM_EMAIL]  # nobody sees another's address
        assert 1 <= len(message.bcc) <= 3
    assert len(set(readers)) == len(readers)  # each reader once


def test_a_publish_that_fails_sends_nothing(code, publish, django_capture_on_commit_callbacks):
    publish(datetime.date(2026, 5, 1))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(ValidationError):
            publish(datetime.date(2026, 4, 1))

    assert callbacks == []
    assert mail.outbox == []


def test_publishing_through_the_page_mails_after_commit(
    code, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("officer").post(
            reverse("codeapp:publish"),
            {
                "effective_from": "2099-01-01",
                "established_by": "College van B&W",
                "change_summary": "",
                "expected_latest": "0",
            },
        )

    assert response.status_code == 302
    assert "officer@example.org" in recipients()


def test_a_mail_server_that_fails_is_logged_and_breaks_nothing(
    code, client_for, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def refuse(self, messages):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)

    with caplog.at_level(logging.ERROR, logger="reflection.notifications"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for("officer").post(
                reverse("codeapp:publish"),
                {
                    "effective_from": "2099-01-01",
                    "established_by": "College van B&W",
                    "change_summary": "",
                    "expected_latest": "0",
                },
            )

    assert response.status_code == 302
    assert CodeVersion.objects.filter(number=1).exists()
    assert "Could not send the “version_published” e-mail" in caplog.text
    assert "no mail server" in caplog.text


def test_muted_sends_nothing(code, publish, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with notifications.muted():
            publish(datetime.date(2026, 1, 1))

    assert mail.outbox == []
