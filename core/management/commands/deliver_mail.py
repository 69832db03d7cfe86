"""Deliver the mail outbox: ask the worker to send what is due, or send it here; retry failures."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from core.mail import deliver_due, enqueue_delivery
from core.models import OutgoingMail


class Command(BaseCommand):
    help = (
        "Ask the task worker to send the outbox's due mail (--inline: send it in this process). "
        "--retry-failed first puts mail that failed every attempt back in line."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="Give mail that failed every attempt a new set of attempts.",
        )
        parser.add_argument(
            "--key",
            default="",
            help="With --retry-failed: only mail whose occasion starts with this.",
        )
        parser.add_argument(
            "--inline",
            action="store_true",
            help="Send here and now instead of through the task worker.",
        )

    def handle(self, *args: Any, retry_failed: bool, key: str, inline: bool, **options) -> None:
        if retry_failed:
            failed = OutgoingMail.objects.filter(
                status=OutgoingMail.Status.FAILED, key__startswith=key
            )
            # The last error stays as the record of why it failed before.
            count = failed.update(
                status=OutgoingMail.Status.PENDING, attempts=0, next_attempt_at=timezone.now()
            )
            self.stdout.write(f"{count} failed message(s) put back in line.")
        waiting = OutgoingMail.objects.due().count()
        if inline:
            outcome = deliver_due()
            self.stdout.write(
                self.style.SUCCESS(f"Sent {outcome['sent']}; failed {outcome['failed']}.")
            )
        else:
            enqueue_delivery()
            self.stdout.write(
                self.style.SUCCESS(f"{waiting} message(s) due; delivery asked of the worker.")
            )
