"""Render every published version's texts and reading pages ahead of time."""

from typing import Any

from django.core.management.base import BaseCommand

from codeapp.reading.rendering import render_missing


class Command(BaseCommand):
    help = (
        "Render the Markdown texts and reading pages (nl and en, anonymous and signed-in "
        "readers) of every published version that has none for this deployment yet, and "
        "remove renders an older deployment made. Versions published from now on are "
        "rendered when published; without this command, older ones render on first need. "
        "Safe to run again; changes no version or seal."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        rendered, removed = render_missing()
        self.stdout.write(
            self.style.SUCCESS(
                f"{rendered} versions rendered; {removed} renders of an older deployment removed."
            )
        )
