"""Recompute every version's seal and the chain between them."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from codeapp.versions.chain import ChainError, versions_verify


class Command(BaseCommand):
    help = "Recompute every seal and the chain; exit 1 naming the first bad version."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            count = versions_verify()
        except ChainError as error:
            raise CommandError(f"Version {error.number} fails verification: {error}") from None
        self.stdout.write(
            self.style.SUCCESS(f"All {count} versions verified: seals and chain intact.")
        )
