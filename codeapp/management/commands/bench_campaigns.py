"""Time starting a campaign for everyone and a reminder run, in-process (for make bench)."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from codeapp.demo.scale import time_campaigns
from codeapp.models import CodeVersion


class Command(BaseCommand):
    help = (
        "Start a campaign for everyone and run the reminders 14 days before its deadline; "
        "print seconds and queries as JSON. Changes the database: for make bench only."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if CodeVersion.objects.in_force() is None:
            raise CommandError("No version is in force: load the demo first (seed_demo).")
        self.stdout.write(json.dumps(time_campaigns()))
