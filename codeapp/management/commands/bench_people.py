"""Add an organisation at scale (people in units) for the campaign benchmark."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from codeapp.demo.scale import PREFIX, load_people
from people.models import Unit


class Command(BaseCommand):
    help = (
        "Add --users people in --units units (departments with teams), a share of them having "
        "confirmed the version in force. For `make bench` only: a fresh database with the demo."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--users", type=int, default=30_000)
        parser.add_argument("--units", type=int, default=400)

    def handle(self, *args: Any, users: int, units: int, **options: Any) -> None:
        if users < 1 or units < 1:
            raise CommandError("--users and --units must be 1 or more.")
        if Unit.objects.filter(external_id__startswith=f"{PREFIX}-").exists():
            raise CommandError("The bench organisation is loaded already; use a fresh database.")
        self.stdout.write(json.dumps(load_people(users=users, units=units)))
