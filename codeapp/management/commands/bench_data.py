"""Load the large bench code into an empty database (see codeapp.demo.bench)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from codeapp.demo.bench import NotEmpty, Scale, load


class Command(BaseCommand):
    help = (
        "Load a large code into an EMPTY database for `make bench`: values, norms and examples "
        "in bulk (keys registered, no history rows), versions sealed by the publishing service, "
        "users and confirmations in bulk, and the demo sign-ins (password “demo”). "
        "Refuses a database that has data."
    )

    def add_arguments(self, parser: Any) -> None:
        defaults = Scale()
        for name in ("values", "norms", "examples", "versions", "users", "confirmations"):
            parser.add_argument(f"--{name}", type=int, default=getattr(defaults, name))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            scale = Scale(**{name: options[name] for name in Scale.__dataclass_fields__})
            load(scale, log=self.stdout.write)
        except (NotEmpty, ValueError) as error:
            raise CommandError(str(error)) from None
