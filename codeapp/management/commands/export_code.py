"""Write the code as a `living-code/1` document: a published version or the working draft."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.utils import timezone

from codeapp.codes.commands import CodeCommand
from codeapp.models import CodeVersion
from codeapp.versions.documents import build_draft_document
from core.dates import NotADay, parse_day


class Command(CodeCommand):
    help = (
        "Export the version in force (default), version N, the version in force on a date, "
        "or the working draft."
    )

    def add_base_argument(self, parser: Any, *args: Any, **kwargs: Any) -> None:
        # design.md fixes `--version N`; it takes the place of Django's own --version.
        if "--version" not in args:
            super().add_base_argument(parser, *args, **kwargs)

    def add_arguments(self, parser: Any) -> None:
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--version", type=int, dest="number", help="version number N")
        which.add_argument("--on", help="the version in force on YYYY-MM-DD")
        which.add_argument("--draft", action="store_true", help="the working draft")
        parser.add_argument("--output", help="file to write (default: standard output)")
        parser.add_argument(
            "--force", action="store_true", help="with --output: overwrite an existing file"
        )

    def handle(
        self,
        *args: Any,
        number: int | None,
        on: str | None,
        draft: bool,
        output: str | None,
        force: bool,
        **options: Any,
    ) -> None:
        if draft:
            doc = build_draft_document()
        elif number is not None:
            version = CodeVersion.objects.filter(number=number).first()
            if version is None:
                raise CommandError(f"There is no version {number}.")
            doc = version.document
        else:
            try:
                day = parse_day(on) if on else timezone.localdate()
            except NotADay as error:
                raise CommandError(f"--on {error}.") from None
            version = CodeVersion.objects.in_force_on(day)
            if version is None:
                raise CommandError(f"No version was in force on {day.isoformat()}.")
            doc = version.document
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        if output:
            try:
                # "x" refuses an existing file in the same step that creates the new one.
                with Path(output).open("w" if force else "x", encoding="utf-8") as file:
                    file.write(text)
            except FileExistsError:
                raise CommandError(
                    f"{output}: exists already; nothing was written. "
                    "Choose another file, or add --force to overwrite it."
                ) from None
            except OSError as error:
                raise CommandError(f"{output}: cannot be written ({error.strerror}).") from None
        else:
            self.stdout.write(text, ending="")
