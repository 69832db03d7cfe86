"""The organisation's codes as a reader sees them: each with its published title and the
version in force, and only those the reader may read (a code's draft is never shown here)."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import OuterRef, Q, Subquery
from django.db.models.fields.json import KT

from codeapp.models import CodeVersion
from core.codes import all_codes
from core.models import Code


@dataclass(frozen=True)
class Listed:
    code: Code
    title: str  # the published title; the code's name while nothing is published
    version: CodeVersion | None  # the version in force today (or the first, still to come)


def readable(code: Code, signed_in: bool) -> bool:
    """Whether a reader may read `code`'s published versions (codeapp.reading.access)."""
    return signed_in or (settings.CODE_PUBLIC and code.public)


def listed_codes(today: datetime.date, *, signed_in: bool, staff: bool) -> list[Listed]:
    """Every code the reader may read with its version in force (one query); staff also see
    the codes with nothing published yet, under the name they gave them."""
    codes = [code for code in all_codes() if readable(code, signed_in)]
    if not codes:
        return []
    of_code = CodeVersion.everywhere.filter(code=OuterRef("code"))
    in_force = of_code.filter(effective_from__lte=today).order_by("-effective_from", "-number")
    to_come = of_code.filter(effective_from__gt=today).order_by("effective_from", "number")
    found: dict[int, CodeVersion] = {}
    for version in (
        CodeVersion.everywhere.filter(code__in=codes)
        .filter(
            Q(pk=Subquery(in_force.values("pk")[:1])) | Q(pk=Subquery(to_come.values("pk")[:1]))
        )
        .defer("document")
        .annotate(
            published_title=KT("document__title"), published_language=KT("document__language")
        )
        .order_by("effective_from")
    ):
        # The one in force (earlier) wins over the one still to come.
        found.setdefault(version.code_id, version)
    rows = []
    for code in codes:
        version = found.get(code.pk)
        if version is None and not staff:
            continue
        rows.append(Listed(code, version.published_title if version else code.name, version))
    return rows
