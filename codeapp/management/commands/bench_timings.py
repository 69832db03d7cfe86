"""Time publishing and comparing a large code, in-process, leaving the database unchanged."""

import json
from typing import Any

from django.core.management.base import BaseCommand

from codeapp.demo.bench import time_large_code


class Command(BaseCommand):
    help = (
        "Grow the draft to --norms norms, time publishing it twice and comparing the two "
        "versions, then roll everything back. Prints the seconds as JSON."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--norms", type=int, default=1000)

    def handle(self, *args: Any, norms: int, **options: Any) -> None:
        self.stdout.write(json.dumps(time_large_code(norms)))
