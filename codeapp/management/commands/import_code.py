"""Replace the working draft with a `living-code/1` document, all or nothing."""

import datetime
import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from codeapp.documents import DocumentError
from codeapp.services import PublishConflict, code_import, version_publish

# Far beyond any real code (a 1,000-norm code with examples is a few megabytes); a larger
# file is a mistake, and reading it whole would only exhaust the memory.
MAX_FILE_BYTES = 50 * 1024 * 1024


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--effective-from {text!r} is not a date YYYY-MM-DD.") from None


class Command(BaseCommand):
    help = (
        "Replace the working draft with the document in FILE (items matched by key: updated, "
        "created, or retired when absent). A document with a filled version block is restored "
        "as that exact version. With --publish, the result is published as the next version."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="a living-code/1 JSON document")
        parser.add_argument("--publish", action="store_true", help="publish the imported draft")
        parser.add_argument("--effective-from", help="with --publish: YYYY-MM-DD (default today)")
        parser.add_argument(
            "--established-by", default="", help="with --publish: who established it"
        )
        parser.add_argument("--change-summary", default="", help="with --publish: what changed")
        parser.add_argument(
            "--retroactive-reason",
            default="",
            help="with --publish and a date before today: why it has retroactive effect",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise CommandError(
                    f"{path}: is {size:,} bytes; a document may be at most {MAX_FILE_BYTES:,} "
                    "bytes (is it the right file?)."
                )
            raw = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: cannot be read ({error.strerror}).") from None
        try:
            doc = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise CommandError(f"{path}: is not UTF-8 text.") from None
        except json.JSONDecodeError as error:
            raise CommandError(
                f"{path}: is not valid JSON "
                f"(line {error.lineno}, column {error.colno}: {error.msg})."
            ) from None
        if options["publish"] and isinstance(doc, dict) and doc.get("version") is not None:
            raise CommandError(
                "--publish: this document is a published version already; "
                "import it without --publish to restore it."
            )
        effective_from = (
            _date(options["effective_from"]) if options["effective_from"] else timezone.localdate()
        )
        try:
            with transaction.atomic():
                restored = code_import(doc=doc, user=None, reason=f"Imported from {path.name}")
                published = None
                if options["publish"]:
                    published = version_publish(
                        user=None,
                        effective_from=effective_from,
                        established_by=options["established_by"] or "import_code",
                        change_summary=options["change_summary"],
                        retroactive=bool(options["retroactive_reason"]),
                        retroactive_reason=options["retroactive_reason"],
                    )
        except DocumentError as error:
            raise CommandError(f"{path}: {error.path}: {error.message}") from None
        except ValidationError as error:
            raise CommandError(f"{path}: " + " ".join(error.messages)) from None
        except PublishConflict:
            raise CommandError(
                "Another version was published at the same moment; nothing was changed."
            ) from None
        if restored:
            self.stdout.write(
                self.style.SUCCESS(f"Restored version {restored.number} ({restored.sha256}).")
            )
        self.stdout.write(self.style.SUCCESS(f"Imported {path} into the working draft."))
        if published:
            self.stdout.write(
                self.style.SUCCESS(f"Published version {published.number} ({published.sha256}).")
            )
