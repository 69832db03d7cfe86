"""The demo stays muted: seeding it writes nothing to the mail outbox and sends nothing."""

import pytest
from django.core import mail
from django.core.management import call_command

from core.models import OutgoingMail

pytestmark = pytest.mark.django_db


def test_seeding_the_demo_sends_no_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", force=True)

    assert OutgoingMail.objects.count() == 0
    assert mail.outbox == []
