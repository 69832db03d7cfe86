"""Verifying the versions: every seal recomputed, and the chain from each version to the one
before it (`verify_versions`; also run after loading the bench code)."""

import datetime

from codeapp.models import CodeVersion
from codeapp.versions.documents import seal


class ChainError(Exception):
    """A version whose seal or link to its predecessor does not hold."""

    def __init__(self, number: int, message: str):
        super().__init__(f"version {number}: {message}")
        self.number = number


def versions_verify() -> int:
    """Recompute every seal and the chain; raise ChainError at the first bad version."""
    previous: CodeVersion | None = None
    count = 0
    for version in CodeVersion.objects.order_by("number").iterator():
        doc = version.document
        block = doc.get("version") or {}
        if version.number != (previous.number + 1 if previous else 1):
            raise ChainError(version.number, "the numbering has a gap")
        if block.get("number") != version.number:
            raise ChainError(version.number, "the document names another version number")
        if seal(doc) != version.sha256 or block.get("sha256") != version.sha256:
            raise ChainError(version.number, "the seal does not match the document")
        # The columns the pages and the API read must say what the sealed document says.
        columns = {
            "effective_from": version.effective_from.isoformat(),
            "established_by": version.established_by,
            "change_summary": version.change_summary,
            "published_at": version.published_at,
        }
        for name, column in columns.items():
            sealed = block.get(name)
            if name == "published_at":
                sealed = sealed and datetime.datetime.fromisoformat(sealed)
            if sealed != column:
                raise ChainError(version.number, f"its {name} differs from the sealed document")
        expected_previous = previous.sha256 if previous else None
        if block.get("previous_sha256") != expected_previous or (
            (version.previous_sha256 or None) != expected_previous
        ):
            raise ChainError(version.number, "the link to the previous version is broken")
        previous = version
        count += 1
    return count
