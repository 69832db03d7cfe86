"""A task worker killed in the middle of sending the outbox loses no message and sends none twice.

For real: the worker is `manage.py db_worker` (django-tasks-db) in a subprocess against the test
database, sending over SMTP to a small mail server in this process that records each message it
accepts. The server holds one message of the batch back while the test SIGKILLs the worker, then
a new worker (started as production starts one: `manage.py deliver_mail` enqueues a delivery of
all that is due, then `db_worker`) finishes the batch.

What the design guarantees, and what it cannot (core/mail.py): each message is sent inside its own
transaction holding its row's lock, and marked sent in that same transaction. A worker killed
before the server accepted the message leaves the transaction uncommitted; PostgreSQL rolls it back
when the connection drops, and the next worker sends the message — once. A worker killed after the
server accepted the message but before the mark committed sends it again on the next run: SMTP
cannot tell the two apart (RFC 1047). The second test shows that residual case: the message
arrives twice, with the same Message-ID, by which mail programs show it once.
"""

import io
import os
import signal
import smtplib
import socketserver
import subprocess
import sys
import threading
from collections.abc import Iterator
from email import message_from_bytes

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from core.mail import send_to_each
from core.models import OutgoingMail
from tests.helpers import ROOT
from tests.helpers.servers import database_url, server_env

pytestmark = pytest.mark.django_db(transaction=True)

MESSAGES = 20
HOLD_AT = 8  # the message the mail server holds back while the worker is killed
WAIT = 60  # seconds; generous for two shared cores


class MailSink(socketserver.ThreadingTCPServer):
    """Just enough of an SMTP server: it records every message it accepts (replies 250 to).

    At the `hold_at`-th message it stops before accepting (or, with `accept_held`, after
    recording but before replying) and waits for `release`; a held message it has not accepted
    is dropped, as a server drops a message whose sender vanished before the end of DATA.
    """

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, *, hold_at: int, accept_held: bool = False) -> None:
        super().__init__(("127.0.0.1", 0), SmtpHandler)
        self.hold_at = hold_at
        self.accept_held = accept_held
        self.received: list[tuple[str, list[str]]] = []  # (Message-ID, envelope recipients)
        self.seen = 0
        self.lock = threading.Lock()
        self.held = threading.Event()
        self.release = threading.Event()

    @property
    def port(self) -> int:
        return self.server_address[1]


class SmtpHandler(socketserver.StreamRequestHandler):
    server: MailSink

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self) -> None:
        self.reply("220 sink ESMTP")
        recipients: list[str] = []
        for raw in self.rfile:
            command = raw.decode().strip()
            verb = command.split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.reply("250-sink")
                self.reply("250 8BITMIME")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip().strip("<>"))
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                if not self.receive(self.read_data(), recipients):
                    return
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:  # HELO, RSET, NOOP
                self.reply("250 OK")

    def read_data(self) -> bytes:
        lines = []
        for raw in self.rfile:
            if raw == b".\r\n":
                break
            lines.append(raw[1:] if raw.startswith(b"..") else raw)
        return b"".join(lines)

    def receive(self, data: bytes, recipients: list[str]) -> bool:
        sink = self.server
        message_id = message_from_bytes(data)["Message-ID"]
        with sink.lock:
            sink.seen += 1
            hold = sink.seen == sink.hold_at
        if hold and sink.accept_held:
            with sink.lock:
                sink.received.append((message_id, recipients))
        if hold:
            sink.held.set()
            sink.release.wait(WAIT)
            if not sink.accept_held:
                return False  # the sender is gone: nothing accepted, connection dropped
        else:
            with sink.lock:
                sink.received.append((message_id, recipients))
        try:
            self.reply("250 OK queued")
        except OSError:
            return False
        return True


@pytest.fixture
def sink_factory() -> Iterator:
    sinks: list[MailSink] = []

    def make(**options) -> MailSink:
        sink = MailSink(**options)
        threading.Thread(target=sink.serve_forever, daemon=True).start()
        sinks.append(sink)
        return sink

    yield make
    for sink in sinks:
        sink.release.set()
        sink.shutdown()
        sink.server_close()


def worker_env(sink: MailSink) -> dict[str, str]:
    return server_env(
        DATABASE_URL=database_url(),
        DJANGO_TASKS="database",
        DJANGO_EMAIL_HOST="127.0.0.1",
        DJANGO_EMAIL_PORT=str(sink.port),
        DJANGO_MAIL_DELIVERY_BATCH="5",  # the killed message sits in the middle of a batch
    )


def manage(env: dict[str, str], *args: str, **popen) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, text=True, **popen
    )


def start_worker(env: dict[str, str], *extra: str) -> subprocess.Popen:
    return manage(
        env,
        "db_worker", "--interval", "0.1", "--no-startup-delay", "--no-reload", *extra,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip


def queue_batch(settings) -> list[OutgoingMail]:
    """The outbox of MESSAGES personal mails, and the delivery task waiting in the database."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    people = [_Person(f"person{n:02}@example.org") for n in range(MESSAGES)]
    context = {"proposal": _Proposal(), "url": "https://gedragscode.example.nl/p/7/"}
    with transaction.atomic():
        send_to_each("deputy_named", [(p, context) for p in people], key="kill-test")
    return list(OutgoingMail.objects.order_by("pk"))


def kill_mid_batch(sink: MailSink, env: dict[str, str]) -> None:
    """Start a worker, SIGKILL it while the mail server holds message HOLD_AT, then release."""
    worker = start_worker(env)
    try:
        assert sink.held.wait(WAIT), "the worker did not reach the held message"
        # The worker waits for the server's answer, inside the transaction locking the row:
        # nobody else can take that message now.
        with transaction.atomic():
            free = OutgoingMail.objects.due().select_for_update(skip_locked=True)
            assert len(free) == MESSAGES - HOLD_AT
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(WAIT)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    sink.release.set()
    wait_until_unlocked()


def wait_until_unlocked() -> None:
    """PostgreSQL rolls back the dead worker's transaction when it sees the connection close."""
    with connection.cursor() as cursor:
        for _ in range(WAIT * 10):
            cursor.execute(
                "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                "WHERE c.relname = %s AND l.pid <> pg_backend_pid() "
                "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                [OutgoingMail._meta.db_table],
            )
            if cursor.fetchone()[0] == 0:
                return
            threading.Event().wait(0.1)
    raise AssertionError("the killed worker's transaction still holds its locks")


def restart_and_finish(env: dict[str, str]) -> None:
    """What production does when a worker starts: enqueue a delivery of all that is due
    (`deliver_mail`, the unit's ExecStartPre; here in this process, to save a start-up),
    then work until the queue is empty."""
    call_command("deliver_mail", stdout=io.StringIO())
    worker = start_worker(env, "--batch")
    out, _ = worker.communicate(timeout=WAIT)
    assert worker.returncode == 0, out


def test_a_worker_killed_mid_batch_loses_and_duplicates_nothing(settings, sink_factory):
    sink = sink_factory(hold_at=HOLD_AT)
    env = worker_env(sink)
    rows = queue_batch(settings)

    kill_mid_batch(sink, env)

    # What the server accepted before the kill is marked sent; the held message is waiting.
    assert len(sink.received) == HOLD_AT - 1
    statuses = dict(OutgoingMail.objects.values_list("pk", "status"))
    assert [statuses[row.pk] for row in rows] == (
        ["sent"] * (HOLD_AT - 1) + ["pending"] * (MESSAGES - HOLD_AT + 1)
    )

    restart_and_finish(env)

    # Every message arrived exactly once, with the Message-ID its row was given.
    message_ids = [message_id for message_id, _to in sink.received]
    assert sorted(message_ids) == sorted(row.message_id for row in rows)
    assert sorted(to for _id, (to,) in sink.received) == sorted(row.address for row in rows)
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {"sent"}
    assert set(OutgoingMail.objects.values_list("attempts", flat=True)) == {1}


def test_killed_after_the_server_accepted_it_the_message_comes_again_with_its_message_id(
    settings, sink_factory
):
    """The residual window, made wide on purpose: the server has accepted message HOLD_AT when
    the worker dies, before the worker could mark it sent. It is sent again — the one duplicate
    SMTP allows — under the same Message-ID; nothing is lost and no other message repeats."""
    sink = sink_factory(hold_at=HOLD_AT, accept_held=True)
    env = worker_env(sink)
    rows = queue_batch(settings)

    kill_mid_batch(sink, env)
    restart_and_finish(env)

    message_ids = [message_id for message_id, _to in sink.received]
    assert len(message_ids) == MESSAGES + 1
    assert sorted(set(message_ids)) == sorted(row.message_id for row in rows)
    repeated = {m for m in message_ids if message_ids.count(m) > 1}
    assert repeated == {rows[HOLD_AT - 1].message_id}
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {"sent"}


class _Person:
    def __init__(self, email: str) -> None:
        self.email = email


class _Proposal:
    number = 7
    title = "Geschenken melden"
    get_action_display = "Reword"
    get_target_display = "norm"


def test_the_mail_sink_speaks_enough_smtp(sink_factory):
    """The recorder itself: a message sent with smtplib is recorded once with its id."""
    sink = sink_factory(hold_at=0)
    with smtplib.SMTP("127.0.0.1", sink.port, timeout=5) as client:
        client.sendmail(
            "from@example.org",
            ["to@example.org"],
            b"Message-ID: <a@b>\r\nSubject: x\r\n\r\n.hi\r\n",
        )
    assert sink.received == [("<a@b>", ["to@example.org"])]
