"""`--code SLUG` for the commands that work on one code (import, export, verify, render)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from codeapp.codes.addresses import working_on
from core.codes import all_codes, code_named
from core.models import Code


def the_code(slug: str | None) -> Code | None:
    """The code named by --code (None without it); an unknown name stops the command."""
    if slug is None:
        return None
    code = code_named(slug)
    if code is None:
        known = ", ".join(code.slug for code in all_codes())
        raise CommandError(f"--code {slug}: there is no such code (the codes are: {known}).")
    return code


class CodeCommand(BaseCommand):
    """A command about one code: the main code, or the one `--code SLUG` names."""

    code_help = "the code's short name (default: the main code)"

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument("--code", metavar="SLUG", help=self.code_help)
        return parser

    def execute(self, *args: Any, **options: Any) -> Any:
        code = the_code(options.get("code"))
        if code is None:
            return super().execute(*args, **options)
        with working_on(code):
            return super().execute(*args, **options)
