"""The mail outbox (core/mail.py, core.models.OutgoingMail): rows written in the transaction they
are about, delivered once by the task, retried with back-off, kept as a read-only record."""

import datetime
import html
import io
import smtplib
from types import SimpleNamespace

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.mail import deliver_due, muted, send_after_commit, send_to_each
from core.models import OutgoingMail
from core.tasks import deliver_mail
from tests.helpers import recipients

pytestmark = pytest.mark.django_db

PROPOSAL = SimpleNamespace(
    number=7, title="Geschenken melden", get_action_display="Reword", get_target_display="norm"
)
CONTEXT = {"proposal": PROPOSAL, "url": "https://x/p/7/"}


def people(*addresses: str) -> list[SimpleNamespace]:
    return [SimpleNamespace(email=address) for address in addresses]


def make_due() -> None:
    """Let the back-off pass: every waiting row is due now."""
    OutgoingMail.objects.filter(status="pending").update(next_attempt_at=timezone.now())


@pytest.fixture
def failing_mailer(monkeypatch):
    def refuse(self, messages):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)


def test_the_rows_are_written_in_the_transaction_and_sent_after_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        send_to_each(
            "deputy_named", [(p, CONTEXT) for p in people("a@example.org", "b@example.org")],
            key="proposal-7-deputy",
        )  # fmt: skip
        # Written, rendered, not yet sent.
        rows = list(OutgoingMail.objects.order_by("address"))
        assert [(r.address, r.status) for r in rows] == [
            ("a@example.org", "pending"), ("b@example.org", "pending"),
        ]  # fmt: skip
        assert rows[0].template == "deputy_named" and "#7" in rows[0].subject
        assert "https://x/p/7/" in rows[0].body
        assert mail.outbox == []

    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    sent = OutgoingMail.objects.get(address="a@example.org")
    assert sent.status == "sent" and sent.sent_at is not None and sent.attempts == 1
    message = next(m for m in mail.outbox if m.to == ["a@example.org"])
    assert message.extra_headers["Message-ID"] == sent.message_id
    assert (message.subject, message.body) == (sent.subject, sent.body)


def test_a_rolled_back_transaction_leaves_no_mail(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            send_after_commit("deputy_named", lambda: people("a@example.org"), lambda: CONTEXT)
            send_to_each("deputy_named", [(people("b@example.org")[0], CONTEXT)], key="k")
            assert OutgoingMail.objects.count() == 2
            raise RuntimeError("the change fails")

    assert OutgoingMail.objects.count() == 0
    assert callbacks == [] and mail.outbox == []


def test_a_message_is_sent_once_however_often_delivery_runs(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_after_commit("deputy_named", lambda: people("a@example.org"), lambda: CONTEXT)

    assert deliver_due() == {"sent": 0, "failed": 0}
    out = io.StringIO()
    call_command("deliver_mail", inline=True, stdout=out)
    assert "Sent 0; failed 0." in out.getvalue()
    assert len(mail.outbox) == 1


def test_an_occasion_mails_an_address_once(django_capture_on_commit_callbacks):
    letters = [(p, CONTEXT) for p in people("a@example.org", "a@example.org", "b@example.org")]
    with django_capture_on_commit_callbacks(execute=True):
        assert send_to_each("deputy_named", letters, key="campaign-3-reminder-1") == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert send_to_each("deputy_named", letters, key="campaign-3-reminder-1") == 0
        more = letters + [(people("c@example.org")[0], CONTEXT)]
        assert send_to_each("deputy_named", more, key="campaign-3-reminder-1") == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_to_each("deputy_named", letters, key="campaign-3-reminder-2") == 2

    assert sorted(m.to[0] for m in mail.outbox) == [
        "a@example.org", "a@example.org", "b@example.org", "b@example.org", "c@example.org",
    ]  # fmt: skip


def test_a_bulk_notice_is_kept_as_blind_copy_batches_once_per_key(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BATCH_SIZE = 2
    readers = people(*(f"{n}@example.org" for n in range(5)), "")
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            send_after_commit(
                "deputy_named", lambda: readers, lambda: CONTEXT, bulk=True, key="version-1"
            )

    rows = list(OutgoingMail.objects.order_by("key"))
    assert [(r.key, len(r.bcc)) for r in rows] == [
        ("version-1#1", 2), ("version-1#2", 2), ("version-1#3", 1),
    ]  # fmt: skip
    assert {r.address for r in rows} == {settings.DEFAULT_FROM_EMAIL}
    assert [len(m.bcc) for m in mail.outbox] == [2, 2, 1]


def test_a_failing_mailer_is_retried_with_back_off_then_marked_failed(
    settings, failing_mailer, django_capture_on_commit_callbacks, caplog
):
    settings.MAIL_MAX_ATTEMPTS = 3
    settings.MAIL_RETRY_SECONDS = 60
    with django_capture_on_commit_callbacks(execute=True):
        send_to_each("deputy_named", [(people("a@example.org")[0], CONTEXT)], key="k")

    row = OutgoingMail.objects.get()
    assert (row.status, row.attempts) == ("pending", 1)
    assert row.last_error == "ConnectionRefusedError: no mail server"
    wait = row.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=55) < wait <= datetime.timedelta(seconds=60)
    assert deliver_due() == {"sent": 0, "failed": 0}  # not due yet

    make_due()
    assert deliver_due() == {"sent": 0, "failed": 1}
    row.refresh_from_db()
    wait = row.next_attempt_at - timezone.now()
    assert (row.status, row.attempts) == ("pending", 2)
    assert datetime.timedelta(seconds=115) < wait <= datetime.timedelta(seconds=120)

    make_due()
    deliver_due()
    row.refresh_from_db()
    assert (row.status, row.attempts, row.sent_at) == ("failed", 3, None)
    assert "Could not send the “deputy_named” e-mail (k) to a@example.org" in caplog.text
    assert "attempt 3 of 3; given up" in caplog.text
    make_due()
    assert deliver_due() == {"sent": 0, "failed": 0}  # a failed message stays failed


def test_failed_mail_is_retried_by_the_command(
    settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.MAIL_MAX_ATTEMPTS = 1
    with monkeypatch.context() as patch:
        patch.setattr(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            lambda self, messages: 0,
        )
        with django_capture_on_commit_callbacks(execute=True):
            send_to_each("deputy_named", [(people("a@example.org")[0], CONTEXT)], key="k")
    assert OutgoingMail.objects.get().status == "failed"

    with django_capture_on_commit_callbacks(execute=True):
        out = io.StringIO()
        call_command("deliver_mail", retry_failed=True, stdout=out)
    assert "1 failed message(s) put back in line." in out.getvalue()

    row = OutgoingMail.objects.get()
    assert (row.status, row.attempts) == ("sent", 1)
    assert row.last_error == ""
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_a_server_failure_ends_the_run_but_a_refused_recipient_does_not(
    monkeypatch, django_capture_on_commit_callbacks
):
    refused = {"a@example.org", "c@example.org"}

    def send(self, messages):
        if messages[0].to[0] in refused:
            raise smtplib.SMTPRecipientsRefused({messages[0].to[0]: (550, b"unknown")})
        mail.outbox.extend(messages)
        return 1

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", send)
    letters = [(p, CONTEXT) for p in people("a@example.org", "b@example.org", "c@example.org")]
    with django_capture_on_commit_callbacks(execute=True):
        send_to_each("deputy_named", letters, key="k")
    assert [m.to for m in mail.outbox] == [["b@example.org"]]

    monkeypatch.undo()
    make_due()
    refused.clear()
    with monkeypatch.context() as patch:
        patch.setattr(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            lambda self, messages: (_ for _ in ()).throw(OSError("connection reset")),
        )
        assert deliver_due() == {"sent": 0, "failed": 1}  # the first failure ends the run
    assert OutgoingMail.objects.filter(status="pending", attempts=1).count() == 1


def test_muted_writes_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, muted():
        send_after_commit("deputy_named", lambda: people("a@example.org"), lambda: CONTEXT)
        assert send_to_each("deputy_named", [(people("a@example.org")[0], CONTEXT)], key="k") == 0

    assert OutgoingMail.objects.count() == 0 and callbacks == []


@pytest.mark.parametrize("size", [3, 30])
def test_writing_personal_mail_costs_the_same_queries_at_any_size(
    size, django_assert_max_num_queries
):
    letters = [(p, CONTEXT) for p in people(*(f"{n}@example.org" for n in range(size)))]
    with django_assert_max_num_queries(3):
        assert send_to_each("deputy_named", letters, key="k") == size


def test_the_admin_shows_the_outbox_and_changes_nothing(
    client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_to_each("deputy_named", [(people("a@example.org")[0], CONTEXT)], key="k")
    row = OutgoingMail.objects.get()
    client = client_for("admin")

    change = reverse("admin:core_outgoingmail_change", args=[row.pk])
    listing = client.get(reverse("admin:core_outgoingmail_changelist"))
    assert listing.status_code == 200
    assert "a@example.org" in listing.text
    found = client.get(reverse("admin:core_outgoingmail_changelist"), {"q": "a@example"})
    assert found.status_code == 200 and "a@example.org" in found.text
    assert (
        "a@example.org"
        not in client.get(
            reverse("admin:core_outgoingmail_changelist"), {"q": "nobody@example"}
        ).text.split("<tbody>")[-1]
    )
    page = client.get(change)
    assert page.status_code == 200
    assert html.escape(row.message_id) in page.text and 'name="_save"' not in page.text
    assert client.post(change, {}).status_code == 403
    assert client.get(reverse("admin:core_outgoingmail_add")).status_code == 403
    assert client.get(reverse("admin:core_outgoingmail_delete", args=[row.pk])).status_code == 403
    officer = client_for("officer")
    assert officer.get(reverse("admin:core_outgoingmail_changelist")).status_code == 302


def test_a_web_request_only_queues_its_mail(
    code, client_for, settings, django_capture_on_commit_callbacks
):
    """With the database queue (production's), publishing writes the notice and a task; the
    mail goes out when a worker runs the task, not in the request."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
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
    assert mail.outbox == []
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {"pending"}
    (task,) = DBTaskResult.objects.all()
    assert (task.task_path, task.status) == ("core.tasks.deliver_mail", "READY")

    deliver_mail.call(*task.task_result.args, **task.task_result.kwargs)  # as the worker does

    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {"sent"}
    assert "officer@example.org" in recipients()
