"""The mail every notice of the site sends: written to an outbox in the transaction of what it is
about, delivered by a background task, in one language.

A notice writes one `core.models.OutgoingMail` row per message inside the caller's transaction,
rendered at that moment from the plain-text templates `templates/email/<name>.<language>.txt`
(first line the subject) in the site's language (settings.LANGUAGE_CODE). A transaction that is
rolled back takes its mail with it; one that commits enqueues the delivery task
(core.tasks.deliver_mail), which a worker runs outside any web request. `key` names the occasion:
an address gets one mail per key, however often the occasion repeats. The notices themselves
live with what they are about: reflection.notifications (proposals),
codeapp.versions.notifications (versions), codeapp.campaigns (reminders).

Delivery (deliver_due) takes one due row at a time with SELECT … FOR UPDATE SKIP LOCKED, in its
own transaction, sends it with the Message-ID the row was given when written, and marks it sent
in that same transaction. Workers side by side never take the same row; a worker that dies
mid-message leaves its transaction open, which the database rolls back when the connection
drops: the row is due again, and the next run sends it. What no outbox can close is the moment
after the mail server has taken a message and before the mark commits: a worker killed exactly
there sends that one message again on the next run — with the same Message-ID, by which mail
programs show it once. The window is the time of one UPDATE and COMMIT on one row; holding the
row lock for the whole send keeps it that short (a claim committed before sending would widen
it to the whole send).
"""

import contextlib
import contextvars
import datetime
import logging
import re
import smtplib
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import EmailMessage, mailers, make_msgid
from django.db import transaction
from django.db.models import Min
from django.template.loader import select_template
from django.utils import timezone, translation

from core.models import OutgoingMail

logger = logging.getLogger(__name__)

_muted: contextvars.ContextVar[bool] = contextvars.ContextVar("mail_muted", default=False)


@contextlib.contextmanager
def muted() -> Iterator[None]:
    """Send nothing for what happens inside this block (e.g. while seeding the demo)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def is_muted() -> bool:
    """Whether mail is muted here: work queued for later (a task) should not be queued."""
    return _muted.get()


def on_commit_keeping_mute(func: Callable[[], object]) -> None:
    """Run `func` once the transaction commits, muted if it is registered inside `muted()`.

    The mute is a context variable: without this, what a muted block hands to on_commit
    would run after the block has ended, and send its mail.
    """
    if not _muted.get():
        transaction.on_commit(func)
        return

    def run_muted() -> None:
        with muted():
            func()

    transaction.on_commit(run_muted)


def absolute_url(path: str) -> str:
    """A link for an e-mail: the site's address (settings.SITE_URL) and the path."""
    return settings.SITE_URL + path


def send_after_commit(
    template: str,
    recipients: Callable[[], Iterable[AbstractBaseUser]],
    context: Callable[[], dict[str, Any]],
    *,
    bulk: bool = False,
    key: str | None = None,
) -> None:
    """Mail `template` to each recipient: written to the outbox now, sent after commit.

    Both callables run now, inside the caller's transaction, so the mail says what that
    transaction saw; rolled back, it leaves nothing behind. A `bulk` notice, the same text
    for everyone, goes out in blind-copy batches of settings.EMAIL_BATCH_SIZE (tens of
    thousands of readers cost a few hundred messages). With a `key`, repeating the occasion
    sends nothing twice; without one, every call is an occasion of its own.
    """
    if _muted.get():
        return
    occasion = key or f"{template}-{uuid.uuid4().hex}"
    addresses = sorted({user.email for user in recipients() if user.email})
    if not addresses:
        return
    if bulk:
        if OutgoingMail.objects.filter(key__startswith=f"{occasion}#").exists():
            return
        size = settings.EMAIL_BATCH_SIZE
        # Addressed to the site itself, so no reader sees another's address.
        letters = [
            (f"{occasion}#{n}", settings.DEFAULT_FROM_EMAIL, addresses[i : i + size])
            for n, i in enumerate(range(0, len(addresses), size), start=1)
        ]
    else:
        letters = [(occasion, address, []) for address in addresses]
    subject, body = render_mail(template, context())
    _queue(template, [(k, address, bcc, subject, body) for k, address, bcc in letters])


def send_to_each(
    template: str,
    letters: Iterable[tuple[AbstractBaseUser, dict[str, Any]]],
    *,
    key: str,
) -> int:
    """Mail each (recipient, context) its own `template`: written now, sent after commit.

    For personal notices (a reminder naming the person's deadline). `key` names the
    occasion ("campaign-3-reminder-2"): a recipient gets one mail per key however often this
    runs. Returns how many mails were queued (those already queued for the key not counted).
    """
    if _muted.get():
        return 0
    letters = {user.email: context for user, context in letters if user.email}
    # Not `address__in`: tens of thousands of parameters are too many for SQLite.
    done = set(OutgoingMail.objects.filter(key=key).values_list("address", flat=True))
    rows = []
    for address, context in letters.items():
        if address not in done:
            subject, body = render_mail(template, context)
            rows.append((key, address, [], subject, body))
    return _queue(template, rows)


def _queue(template: str, letters: list[tuple[str, str, list[str], str, str]]) -> int:
    """Write the rows (key, address, bcc, subject, body) and deliver them once committed."""
    if not letters:
        return 0
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or None
    now = timezone.now()
    OutgoingMail.objects.bulk_create(
        [
            OutgoingMail(
                key=key,
                address=address,
                bcc=bcc,
                template=template,
                subject=subject,
                body=body,
                message_id=make_msgid(domain=domain),
                created_at=now,
                next_attempt_at=now,
            )
            for key, address, bcc, subject, body in letters
        ],
        # No batch size: PostgreSQL takes every row in one INSERT (Django sends them as
        # arrays), so a reminder run for 30,000 people is one statement; SQLite is given
        # as many per statement as its parameter limit allows.
        # Another transaction that wrote the same occasion first wins; this one adds nothing.
        ignore_conflicts=True,
    )
    # robust: the rows are committed whatever happens here; if the queue cannot take the task,
    # the next delivery (the timer, the worker's start, the next mail) sends them.
    keys = sorted({key for key, *_rest in letters})
    transaction.on_commit(lambda: enqueue_delivery(keys=keys), robust=True)
    return len(letters)


def enqueue_delivery(
    *, keys: list[str] | None = None, run_after: datetime.datetime | None = None
) -> None:
    """Ask the task worker to deliver what is due (of the occasions `keys`, or all), at
    `run_after` if the backend can wait."""
    from core.tasks import deliver_mail  # noqa: PLC0415 (the task module imports this one)

    task = deliver_mail
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # the next delivery picks the message up
        task = task.using(run_after=run_after)
    task.enqueue(keys=keys)


def deliver_due(*, keys: list[str] | None = None) -> dict[str, int]:
    """Send the messages that are due (of the occasions `keys`, or all); the task worker's
    work. Returns how many were sent and how many failed.

    A transaction's task delivers what that transaction wrote; what waits for a retry, or
    was left by a worker that died, goes with the delayed task of the retry or the next
    delivery of all (`manage.py deliver_mail`, run by a timer and at each worker's start).

    Messages go over one connection to the mail server per batch of
    settings.MAIL_DELIVERY_BATCH; each in its own transaction holding its row's lock (see the
    module's docstring). A failure is recorded on the row, which is tried again after a
    back-off (settings.MAIL_RETRY_SECONDS, doubling) up to settings.MAIL_MAX_ATTEMPTS times
    and then marked failed. A failure of the server (anything but a refused recipient) ends
    the run: the rest waits for the retry rather than each message timing out in turn.
    """
    sent = failed = 0
    pause_until = None
    while pause_until is None:
        handled = 0
        connection = mailers.default
        try:
            while handled < settings.MAIL_DELIVERY_BATCH:
                outcome = _deliver_next(connection, keys)
                if outcome is None:
                    break
                handled += 1
                if outcome is True:
                    sent += 1
                else:
                    failed += 1
                    if not isinstance(outcome, smtplib.SMTPRecipientsRefused):
                        pause_until = timezone.now() + datetime.timedelta(
                            seconds=settings.MAIL_RETRY_SECONDS
                        )
                        break
        finally:
            with contextlib.suppress(Exception):
                connection.close()
        if handled < settings.MAIL_DELIVERY_BATCH:
            break
    # Messages waiting for a later attempt: a task for the moment the first is due. (Not for
    # rows due now: those are another worker's, locked; asking again would only spin.)
    if pause_until is None:
        pause_until = OutgoingMail.objects.filter(
            status=OutgoingMail.Status.PENDING, next_attempt_at__gt=timezone.now()
        ).aggregate(first=Min("next_attempt_at"))["first"]
    if pause_until is not None:
        enqueue_delivery(run_after=pause_until)
    return {"sent": sent, "failed": failed}


def _deliver_next(connection, keys: list[str] | None) -> bool | Exception | None:
    """Send the next due message: True when sent, the error when not, None when none is due."""
    due = OutgoingMail.objects.due()
    if keys is not None:
        due = due.filter(key__in=keys)
    with transaction.atomic():
        row = due.select_for_update(skip_locked=True).order_by("next_attempt_at", "pk").first()
        if row is None:
            return None
        message = EmailMessage(
            row.subject,
            row.body,
            to=[row.address],
            bcc=row.bcc,
            headers={"Message-ID": row.message_id},
        )
        row.attempts += 1
        try:
            if not connection.send_messages([message]):
                raise smtplib.SMTPException("the mail server took no message")
        except Exception as error:
            _record_failure(row, error)
            return error
        row.status = OutgoingMail.Status.SENT
        row.sent_at = timezone.now()
        row.last_error = ""
        row.save(update_fields=["status", "sent_at", "attempts", "last_error"])
        return True


def _record_failure(row: OutgoingMail, error: Exception) -> None:
    row.last_error = f"{type(error).__name__}: {error}"[:2000]
    final = row.attempts >= settings.MAIL_MAX_ATTEMPTS
    if final:
        row.status = OutgoingMail.Status.FAILED
    else:
        delay = settings.MAIL_RETRY_SECONDS * 2 ** (row.attempts - 1)
        row.next_attempt_at = timezone.now() + datetime.timedelta(seconds=delay)
    row.save(update_fields=["status", "attempts", "last_error", "next_attempt_at"])
    logger.error(
        "Could not send the “%s” e-mail (%s) to %s, attempt %d of %d%s: %s",
        row.template,
        row.key,
        row.address,
        row.attempts,
        settings.MAIL_MAX_ATTEMPTS,
        "; given up" if final else "",
        row.last_error,
    )


def render_mail(template: str, context: dict[str, Any]) -> tuple[str, str]:
    """Subject and body of a mail, in the site's language (dates formatted in it too)."""
    language = settings.LANGUAGE_CODE.split("-")[0]
    with translation.override(language):
        text = select_template(
            [f"email/{template}.{language}.txt", f"email/{template}.en.txt"]
        ).render(context)
    subject, _newline, body = text.strip().partition("\n")
    # Template tags on lines of their own leave blank lines behind: keep at most one.
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in body.splitlines()))
    return " ".join(subject.split()), body.strip() + "\n"
