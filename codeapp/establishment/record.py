"""A version's establishment record as pages show it: the steps sealed with the version, then
the steps logged after publication, each with its dates, references and links."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from codeapp.establishment.models import EstablishmentEntry
from codeapp.models import CodeVersion
from codeapp.versions import documents
from core.dates import parse_day
from norms import legal_basis

TITLES = {
    "works_council": _("Consent of the works council"),
    "decision": _("Decision of the competent authority"),
    "publication": _("Official publication"),
    "legal_basis": _("Legal basis"),
}


@dataclass
class Step:
    """One step as shown: `sealed` when it is part of the version's seal; a logged one has
    when it was recorded and whether that was after the version came into force."""

    kind: str
    title: str
    sealed: bool
    date: datetime.date | None = None
    reference: str = ""
    body: str = ""
    gazette: str = ""
    url: str | None = None
    laws: list[dict] = field(default_factory=list)  # {"text", "url"} (norms.legal_basis.shown)
    recorded_on: datetime.date | None = None
    late: bool = False


def _step(kind: str, data: dict, *, sealed: bool) -> Step:
    if kind == "legal_basis":
        return Step(kind, TITLES[kind], sealed, laws=[legal_basis.shown(data)])
    return Step(
        kind,
        TITLES[kind],
        sealed,
        date=parse_day(data["date"]),
        reference=data.get("reference", ""),
        body=data.get("body", ""),
        gazette=data.get("gazette", ""),
        url=data.get("url"),
    )


def steps(
    version: CodeVersion, sealed: dict | None, entries: list[EstablishmentEntry]
) -> list[Step]:
    """The record in order: the sealed steps (their laws as one step), then the log."""
    out = []
    sealed = sealed or {}
    for kind in documents.STEPS:
        if sealed.get(kind):
            out.append(_step(kind, sealed[kind], sealed=True))
    if sealed.get("legal_basis"):
        laws = [legal_basis.shown(law) for law in sealed["legal_basis"]]
        out.append(Step("legal_basis", TITLES["legal_basis"], True, laws=laws))
    for entry in entries:
        shown = _step(entry.step, entry.fields, sealed=False)
        shown.recorded_on = timezone.localdate(entry.recorded_at)
        shown.late = shown.recorded_on >= version.effective_from
        out.append(shown)
    return out


def recorded_steps(version: CodeVersion, entries: list[EstablishmentEntry]) -> set[str]:
    """The steps (not laws) the version's record holds already, sealed or logged."""
    sealed = (version.document.get("version") or {}).get("establishment") or {}
    done = {kind for kind in documents.STEPS if sealed.get(kind)}
    return done | {e.step for e in entries if e.step != EstablishmentEntry.Step.LEGAL_BASIS}


def log_of(version: CodeVersion) -> list[EstablishmentEntry]:
    """The version's log in order; no query when the version, as read for the timeline,
    says it has none (codeapp.reading.timeline annotates where each log ends)."""
    if hasattr(version, "log_seal") and version.log_seal is None:
        return []
    return list(EstablishmentEntry.objects.filter(version=version).order_by("pk"))
