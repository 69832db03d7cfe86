"""Render every published version's texts and reading pages ahead of time."""

from typing import Any

from django.core.management.base import BaseCommand

from codeapp.codes.addresses import working_on
from codeapp.reading.rendering import render_missing
from core.codes import all_codes


class Command(BaseCommand):
    help = (
        "Render the Markdown texts and reading pages (nl and en, anonymous and signed-in "
        "readers) of every published version of every code that has none for this "
        "deployment yet, and remove renders an older deployment made. Versions published "
        "from now on are rendered when published; without this command, older ones render "
        "on first need. Safe to run again; changes no version or seal."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        rendered = removed = 0
        for code in all_codes():
            with working_on(code):
                done, gone = render_missing()
            rendered, removed = rendered + done, removed + gone
        self.stdout.write(
            self.style.SUCCESS(
                f"{rendered} versions rendered; {removed} renders of an older deployment removed."
            )
        )
