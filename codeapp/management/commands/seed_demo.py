"""Demo users and a Dutch demo code with history and published versions, for trying it out
(the seeding itself is codeapp.demo.seeding)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from codeapp.demo.seeding import DEMO_USERS, demo_seed


class Command(BaseCommand):
    help = "Create the demo users (password “demo”) and a Dutch demo code. Safe to run twice."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DJANGO_DEBUG off (not for production).",
        )

    def handle(self, *args: Any, force: bool = False, **options: Any) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates users with the password “demo”; it refuses to run with "
                "DJANGO_DEBUG off. Use --force if this really is a demo installation."
            )
        published = demo_seed(log=self.stdout.write)
        if published is None:
            self.stdout.write("The code already has content; the demo code was not added.")
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Demo code created, with {published} published versions.")
            )
        self.stdout.write("Demo sign-ins (password “demo”): " + ", ".join(DEMO_USERS))
