"""Queue the day's campaign reminders (for a daily timer; the task worker sends them)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from codeapp.campaigns.tasks import run_reminders
from core.dates import NotADay, parse_day


class Command(BaseCommand):
    help = (
        "Queue the reminder run of every open campaign. Run it daily (a timer); a second run "
        "on the same day sends nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="Run as on this day (YYYY-MM-DD); default today.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"]
        if today:
            try:
                today = parse_day(today).isoformat()
            except NotADay:
                raise CommandError(f"--today {today!r} is not a date YYYY-MM-DD.") from None
        result = run_reminders.enqueue(today)
        self.stdout.write(f"Reminder run queued ({result.id}).")
