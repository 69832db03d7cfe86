"""Where each item's wording comes from: the version that last changed it, and why.

Worked out once, when a version is stored, by comparing its document with the
previous version's; kept on the version's entries (VersionEntry.since_version and
.amendment), so a reading page finds it in one query whatever the size of the code.

An item added in a version, or whose content changed in it (not merely its place),
is "since" that version, through the amendment whose proposal made that change when
one did. Any other item keeps what the previous version said about it.
"""

from dataclasses import dataclass

from codeapp.models import CodeVersion, VersionEntry
from codeapp.versions.compare import compare
from codeapp.versions.documents import items
from core.dates import parse_day

# A change in these alone is a move, not a new wording.
PLACE_FIELDS = {"parent", "position"}


@dataclass(frozen=True)
class Origin:
    """Since which version an item reads as it does; the amendment behind it, if known.

    `amendment` is the entry of the exchange format — {number, title, decided_on,
    session: null | {title, date}} — and never names people.
    """

    since_version: int | None
    amendment: dict | None = None


UNKNOWN = Origin(None)


def trace(
    doc: dict,
    *,
    number: int,
    previous_doc: dict | None,
    previous: dict[str, Origin],
    amendment_keys: dict[str, dict],
) -> dict[str, Origin]:
    """The origin of every item of `doc`, the document of version `number`.

    `previous` holds the origins recorded for the previous version's items (empty for a
    first version); `amendment_keys` maps the key of an item an incorporated proposal
    created or changed to that proposal's amendment entry.
    """
    if previous_doc is None:
        changed = None  # a first version: everything in it starts here
    else:
        changed = {
            c.key
            for c in compare(previous_doc, doc)
            if c.change == "added" or (c.change == "changed" and set(c.fields) - PLACE_FIELDS)
        }
    origins = {}
    for item in items(doc):
        if changed is None or item.key in changed:
            origins[item.key] = Origin(number, amendment_keys.get(item.key))
        else:
            origins[item.key] = previous.get(item.key, UNKNOWN)
    return origins


def origins_before(version: CodeVersion | None) -> dict[str, Origin]:
    """The origins recorded for `version`'s items, for the next version to build on.

    A version stored before origins were recorded has none: then they are worked out
    again from the documents of every version up to it (in memory, once, at publish
    time — the entries themselves are never changed). Which amendments those older
    changes came from cannot be told from the documents: that stays unknown.
    """
    if version is None:
        return {}
    rows = list(version.entries.values_list("key", "since_version", "amendment"))
    if all(since is not None for _key, since, _amendment in rows):
        return {key: Origin(since, amendment) for key, since, amendment in rows}
    origins: dict[str, Origin] = {}
    previous_doc = None
    documents = (
        CodeVersion.objects.filter(number__lte=version.number)
        .order_by("number")
        .values_list("number", "document")
    )
    for number, doc in documents.iterator():
        origins = trace(
            doc, number=number, previous_doc=previous_doc, previous=origins, amendment_keys={}
        )
        previous_doc = doc
    return origins


def for_reading(version: CodeVersion) -> dict[str, Origin]:
    """The origins of a version's values and norms, as a reading page shows them (one query)."""
    rows = VersionEntry.objects.filter(
        version=version, kind__in=[VersionEntry.Kind.VALUE, VersionEntry.Kind.NORM]
    ).values_list("key", "since_version", "amendment")
    return {key: Origin(since, _with_dates(amendment)) for key, since, amendment in rows}


def _with_dates(amendment: dict | None) -> dict | None:
    """The amendment with its dates as dates, to format in the reader's language."""
    if amendment is None:
        return None
    day = parse_day
    session = amendment.get("session")
    return {
        **amendment,
        "decided_on": day(amendment["decided_on"]),
        "session": session and {**session, "date": day(session["date"])},
    }
