"""Recompute every version's seal and the chain between them."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from codeapp.establishment.chain import LogError, logs_verify
from codeapp.versions.chain import ChainError, versions_verify


class Command(BaseCommand):
    help = (
        "Recompute every seal and the chain, and the establishment logs; exit 1 naming the "
        "first bad version."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            count = versions_verify()
        except ChainError as error:
            raise CommandError(f"Version {error.number} fails verification: {error}") from None
        # Each version's establishment log is a chain of its own, hung on the version's seal.
        try:
            entries = logs_verify()
        except LogError as error:
            raise CommandError(f"Version {error.number} fails verification: {error}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"All {count} versions verified: seals and chain intact; "
                f"{entries} establishment log entries intact."
            )
        )
