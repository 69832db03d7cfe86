"""E-mail when a version is published: everyone with an address hears of it, in blind-copy
batches, after commit; a failing mail server breaks nothing."""

import datetime
import logging

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from codeapp.models import CodeVersion
from core.mail import muted
from tests.helpers import (
    OFFICER_NAME,
    PROPOSER_NAME,
    SITE,
    publish,
    recipients,
)

pytestmark = pytest.mark.django_db


# --- a version is published ------------------------------------------------------------------


def test_everyone_with_an_address_hears_of_a_new_version(
    code, named, other_users, approve, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(officer, datetime.date(2026, 1, 1))
    first = list(mail.outbox)
    mail.outbox.clear()
    proposal = approve(code["gifts"], "Ook afgeslagen geschenken.", title="Afgeslagen geschenken")

    with django_capture_on_commit_callbacks(execute=True):
        publish(officer, datetime.date(2026, 4, 1), summary="Geschenken aangescherpt.")

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
    code, named, other_users, officer, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BATCH_SIZE = 3

    with django_capture_on_commit_callbacks(execute=True):
        publish(officer, datetime.date(2026, 1, 1))

    readers = recipients()
    assert len(readers) > 3
    assert len(mail.outbox) == -(-len(readers) // 3)  # batches of three, rounded up
    for message in mail.outbox:
        assert message.to == [settings.DEFAULT_FROM_EMAIL]  # nobody sees another's address
        assert 1 <= len(message.bcc) <= 3
    assert len(set(readers)) == len(readers)  # each reader once


def test_a_publish_that_fails_sends_nothing(code, officer, django_capture_on_commit_callbacks):
    publish(officer, datetime.date(2026, 5, 1))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(ValidationError):
            publish(officer, datetime.date(2026, 4, 1))

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

    with caplog.at_level(logging.ERROR, logger="core.mail"):
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


def test_muted_sends_nothing(code, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with muted():
            publish(officer, datetime.date(2026, 1, 1))

    assert mail.outbox == []
