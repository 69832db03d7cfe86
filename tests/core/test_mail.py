"""The mail machinery every notice uses (core/mail.py): after commit, in the site's language."""

from types import SimpleNamespace

import pytest
from django.core import mail

from core.mail import absolute_url, muted, render_mail, send_after_commit

pytestmark = pytest.mark.django_db

PROPOSAL = SimpleNamespace(
    number=7,
    title="Geschenken melden",
    get_action_display="Reword",
    get_target_display="norm",
)


def _person(email: str) -> SimpleNamespace:
    return SimpleNamespace(email=email)


def test_it_renders_the_subject_and_body_in_the_sites_language(settings):
    settings.LANGUAGE_CODE = "en"

    subject, body = render_mail("deputy_named", {"proposal": PROPOSAL, "url": "https://x/p/7/"})

    assert subject == "You were named to decide amendment proposal #7: Geschenken melden"
    assert "https://x/p/7/" in body
    assert "\n\n\n" not in body and body.endswith("\n")


def test_it_links_to_the_site(settings):
    settings.SITE_URL = "https://gedragscode.example.nl"

    assert absolute_url("/code/") == "https://gedragscode.example.nl/code/"


def test_it_sends_once_the_transaction_commits(django_capture_on_commit_callbacks):
    context = {"proposal": PROPOSAL, "url": "https://x/p/7/"}
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        send_after_commit("deputy_named", lambda: [_person("a@example.org")], lambda: context)
        assert mail.outbox == []

    for callback in callbacks:
        callback()
    assert [message.to for message in mail.outbox] == [["a@example.org"]]


def test_a_bulk_notice_goes_in_blind_copy_batches(settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BATCH_SIZE = 2
    people = [_person(f"{n}@example.org") for n in range(5)] + [_person("")]
    context = {"proposal": PROPOSAL, "url": "https://x/p/7/"}

    with django_capture_on_commit_callbacks(execute=True):
        send_after_commit("deputy_named", lambda: people, lambda: context, bulk=True)

    assert [len(message.bcc) for message in mail.outbox] == [2, 2, 1]
    assert all(message.to == [settings.DEFAULT_FROM_EMAIL] for message in mail.outbox)


def test_muted_sends_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), muted():
        send_after_commit("deputy_named", lambda: [_person("a@example.org")], lambda: {})

    assert mail.outbox == []
