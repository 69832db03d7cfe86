"""Add a code to the organisation (also in the admin, under Codes)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.models import Code


class Command(BaseCommand):
    help = (
        "Add a code of conduct beside the main one, read at /codes/SLUG/ (before importing "
        "its versions with import_code --code SLUG, e.g. when restoring a backup)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("slug", help="its short name: a-z, digits and hyphens")
        parser.add_argument("name", help="how menus and lists call it")
        parser.add_argument(
            "--audience", choices=Code.Audience.values, default=Code.Audience.EVERYONE
        )
        parser.add_argument(
            "--private", action="store_true", help="only signed-in colleagues may read it"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        code = Code(
            slug=options["slug"],
            name=options["name"],
            audience=options["audience"],
            public=not options["private"],
        )
        try:
            code.full_clean()
        except ValidationError as error:
            problems = "; ".join(
                f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
            )
            raise CommandError(problems) from None
        code.save()
        self.stdout.write(self.style.SUCCESS(f"Code {code.slug} added: /codes/{code.slug}/"))
