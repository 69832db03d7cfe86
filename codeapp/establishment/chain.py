"""Verifying the establishment logs: every entry's seal recomputed, and each linked to the
one before it (the first to its version's seal). Run by `verify_versions` after the
versions' own chain."""

from codeapp.establishment.models import EstablishmentEntry
from codeapp.versions import documents
from core.codes import ActiveCodeId


class LogError(Exception):
    """An entry of a version's establishment log whose seal or link does not hold."""

    def __init__(self, number: int, position: int, message: str):
        super().__init__(f"establishment log entry {position}: {message}")
        self.number = number
        self.position = position


def logs_verify() -> int:
    """Recompute every log entry's seal and link; raise LogError at the first bad one.
    Returns the number of entries verified."""
    count = 0
    # The active code's (core.codes): each code's versions are numbered on their own.
    entries = (
        EstablishmentEntry.objects.filter(version__code_id=ActiveCodeId())
        .select_related("version")
        .order_by("version__number", "pk")
    )
    previous: EstablishmentEntry | None = None
    position = 0
    for entry in entries.iterator():
        version = entry.version
        if previous is None or previous.version_id != entry.version_id:
            position, expected_previous = 1, version.sha256
        else:
            position, expected_previous = position + 1, previous.sha256
        if entry.previous_sha256 != expected_previous:
            raise LogError(version.number, position, "the link to the seal before it is broken")
        if entry.compute_seal(version.number) != entry.sha256:
            raise LogError(version.number, position, "the seal does not match the entry")
        try:
            if entry.step == EstablishmentEntry.Step.LEGAL_BASIS:
                documents.law_reference(entry.fields, "fields")
            else:
                documents.step(entry.step, entry.fields, "fields")
        except (documents.DocumentError, KeyError) as error:
            raise LogError(version.number, position, f"it is not a valid step ({error})") from None
        previous = entry
        count += 1
    return count
