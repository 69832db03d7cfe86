"""Replace the working draft with a `living-code/1` document, all or nothing."""

import datetime
import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from codeapp.codes.commands import CodeCommand
from codeapp.versions.documents import DocumentError, parse
from codeapp.versions.importing import ImportPlan, code_import, code_import_plan
from codeapp.versions.services import PublishConflict, version_publish
from core.dates import NotADay, parse_day

# Far beyond any real code (a 1,000-norm code with examples is a few megabytes); a larger
# file is a mistake, and reading it whole would only exhaust the memory.
MAX_FILE_BYTES = 50 * 1024 * 1024


def _date(text: str) -> datetime.date:
    try:
        return parse_day(text)
    except NotADay as error:
        raise CommandError(f"--effective-from {error}.") from None


class Command(CodeCommand):
    help = (
        "Replace the working draft with the document in FILE (items matched by key: updated, "
        "created, or retired when absent). A document with a filled version block is restored "
        "as that exact version. With --publish, the result is published as the next version. "
        "With --dry-run, it says what would be created, changed and retired, changing nothing."
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
            "--dry-run",
            action="store_true",
            help="say what the import would create, change and retire; change nothing",
        )
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
            doc = parse(raw.decode("utf-8"))
        except UnicodeDecodeError:
            raise CommandError(f"{path}: is not UTF-8 text.") from None
        except DocumentError as error:
            raise CommandError(f"{path}: {error.path}: {error.message}") from None
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
                plan = code_import_plan(doc=doc)
                if options["dry_run"]:
                    self._report(plan, dry_run=True)
                    if options["publish"]:
                        self.stdout.write(
                            "With --publish, the result would then be published as the next "
                            f"version, in force from {effective_from.isoformat()}."
                        )
                    return
                restored = code_import(doc=doc, user=None, source=path.name)
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
        self._report(plan, dry_run=False)
        if published:
            self.stdout.write(
                self.style.SUCCESS(f"Published version {published.number} ({published.sha256}).")
            )

    def _report(self, plan: ImportPlan, *, dry_run: bool) -> None:
        """The import item by item: the same lines for a dry run as for the real one."""
        out = self.stdout.write
        if dry_run:
            out("Dry run: nothing was changed. The import would do this:")
            if plan.restores:
                out(f"Restore version {plan.restores}.")
        out(
            f"Items: {len(plan.created)} new, {len(plan.changed)} changed, "
            f"{len(plan.retired)} retired."
        )
        if plan.code_fields:
            out("  changed  the code itself: " + ", ".join(plan.code_fields))
        for item in plan.created:
            data = item.data
            name = data.get("name") or data.get("title") or data.get("text") or data["situation"]
            out(f"  new      {item.type} {item.number} {item.key}: {_one_line(name)}")
        for item, fields in plan.changed:
            out(f"  changed  {item.type} {item.number} {item.key}: " + ", ".join(fields))
        for item in plan.retired:
            kind = type(item)._meta.model_name
            out(f"  retired  {kind} {item.key}: {_one_line(str(item))}")
        if plan.proposals:
            out(
                "Open proposals that would then be about retired items:"
                if dry_run
                else "Open proposals now about retired items (flagged in the review queue):"
            )
            for proposal in plan.proposals:
                out(f"  #{proposal.number} {proposal.title}")


def _one_line(text: str) -> str:
    """An item's name or title for the summary: one line, not too long."""
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"
