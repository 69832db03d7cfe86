"""Import accounts and units from a CSV file: a dry run unless --apply, all or nothing."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from people.importing import COLUMNS, users_import

# A CSV of 30,000 people is a few megabytes; a larger file is a mistake.
MAX_FILE_BYTES = 20 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Import accounts with their units, roles and managers from the CSV file FILE "
        f"(columns: {', '.join(COLUMNS)}; only username is required). Without --apply it is "
        "a dry run: every row is checked and what would change is reported, nothing is "
        "written. An error in any row writes nothing, and names the line and the column."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="a CSV file, UTF-8, with a header row")
        parser.add_argument(
            "--apply", action="store_true", help="write the import (default: a dry run)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            if (size := path.stat().st_size) > MAX_FILE_BYTES:
                raise CommandError(f"{path}: is {size:,} bytes; at most {MAX_FILE_BYTES:,}.")
            text = path.read_bytes().decode("utf-8-sig")
        except OSError as error:
            raise CommandError(f"{path}: cannot be read ({error.strerror}).") from None
        except UnicodeDecodeError:
            raise CommandError(f"{path}: is not UTF-8 text.") from None

        report = users_import(text=text, apply=options["apply"])

        if report.errors:
            for error in report.errors:
                self.stderr.write(f"{path}: {error}")
            raise CommandError(f"{len(report.errors)} error(s) in {path}; nothing was imported.")
        units = f", {len(report.units_created)} new unit(s)" if report.units_created else ""
        summary = f"{report.created} new account(s), {report.updated} updated{units}"
        if options["apply"]:
            self.stdout.write(f"Imported: {summary}.")
        else:
            self.stdout.write(
                f"Dry run, nothing written: {summary}. Run again with --apply to import."
            )
