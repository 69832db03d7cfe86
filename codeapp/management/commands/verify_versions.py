"""Recompute every version's seal and the chain between them, for every code (or one)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from codeapp.codes.addresses import working_on
from codeapp.codes.commands import the_code
from codeapp.establishment.chain import LogError, logs_verify
from codeapp.versions.chain import ChainError, versions_verify
from core.codes import all_codes


class Command(BaseCommand):
    help = (
        "Recompute every seal and the chain of every code (or of the one --code names), and "
        "the establishment logs; exit 1 naming the first bad version."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--code", metavar="SLUG", help="only this code (default: every code)")

    def handle(self, *args: Any, **options: Any) -> None:
        chosen = the_code(options["code"])
        codes = [chosen] if chosen else all_codes()
        for code in codes:
            named = f"{code.slug}: " if len(codes) > 1 or chosen else ""
            with working_on(code):
                try:
                    count = versions_verify()
                    # Each version's establishment log is a chain of its own, hung on its seal.
                    entries = logs_verify()
                except (ChainError, LogError) as error:
                    raise CommandError(
                        f"{named}Version {error.number} fails verification: {error}"
                    ) from None
            self.stdout.write(
                self.style.SUCCESS(
                    f"{named}All {count} versions verified: seals and chain intact; "
                    f"{entries} establishment log entries intact."
                )
            )
