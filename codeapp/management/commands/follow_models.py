"""Queue the check of every followed model code (for a daily timer; the task worker runs it)."""

from typing import Any

from django.core.management.base import BaseCommand

from codeapp.modelcodes.tasks import follow_models


class Command(BaseCommand):
    help = (
        "Queue a check of every model code the code follows by its address: a new version, its "
        "chain of seals verified, becomes amendment proposals. Run it daily (a timer)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = follow_models.enqueue()
        self.stdout.write(f"Model check queued ({result.id}).")
