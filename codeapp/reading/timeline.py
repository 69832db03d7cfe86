"""Where each published version stands in time: in force, old, future, or never in force.

Every reading page and the API start from the list of published versions (without their
documents), kept between requests until the next publication (codeapp.caching.pages).
"""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from codeapp.caching import pages as pagecache
from codeapp.caching.store import local
from codeapp.establishment.models import EstablishmentEntry
from codeapp.models import CodeVersion
from codeapp.versions.documents import items
from core.codes import active_code_id
from reflection.services.targets import PROPOSABLE_FIELDS


@dataclass(frozen=True)
class Standing:
    """A version's place on the timeline, seen from `today`.

    state: "in-force", "old" (in force until `until`), "future", or "never" (a later
    version came into force on the same day, so this one never applied).
    """

    version: CodeVersion
    state: str
    until: datetime.date | None = None
    successor: CodeVersion | None = None


def published_versions() -> list[CodeVersion]:
    """Every version (without its document) in the order they come into force; kept."""
    return pagecache.published_versions(
        lambda: list(
            CodeVersion.objects.defer("document")
            # Where each version's establishment log ends (None: no log), so a page knows
            # without a query of its own whether there are steps to show, and its validators
            # change when one is added (codeapp.establishment).
            .annotate(
                log_seal=Subquery(
                    EstablishmentEntry.objects.filter(version=OuterRef("pk"))
                    .order_by("-pk")
                    .values("sha256")[:1]
                )
            )
            .order_by("effective_from", "number")
        )
    )


def timeline(today: datetime.date) -> list[Standing]:
    """Every version (without its document) in the order they come into force (shared
    between requests while the list and the day are the same: not to be changed)."""
    ordered = published_versions()
    # The last timeline worked out in this process, for the list it was worked out from.
    last = local.get("timeline", (active_code_id(), today))
    if last is not None and last[0] is ordered:
        return last[1]
    out = []
    for i, version in enumerate(ordered):
        successor = ordered[i + 1] if i + 1 < len(ordered) else None
        if version.effective_from > today:
            out.append(Standing(version, "future", successor=successor))
        elif successor is None or successor.effective_from > today:
            out.append(Standing(version, "in-force", successor=successor))
        elif successor.effective_from == version.effective_from:
            out.append(Standing(version, "never", successor=successor))
        else:
            until = successor.effective_from - datetime.timedelta(days=1)
            out.append(Standing(version, "old", until, successor))
    local.put("timeline", (active_code_id(), today), (ordered, out))
    return out


def in_force_in(standings: list[Standing]) -> CodeVersion | None:
    """The version in force on the timeline's day, if any."""
    return next((s.version for s in standings if s.state == "in-force"), None)


def published_wording(item) -> tuple[int, dict] | None:
    """The number of the version in force and what it says of a value or norm (its proposable
    fields), or None when no version is in force or it does not hold the item: what a
    proposal started for someone who may not see the working draft is shown against."""
    version = CodeVersion.objects.in_force()
    if version is None:
        return None
    kind = "norm" if hasattr(item, "text") else "value"
    found = next((i for i in items(version.document) if i.key == item.key), None)
    if found is None or found.type != kind:
        return None
    return version.number, {name: found.data.get(name, "") for name in PROPOSABLE_FIELDS[kind]}
