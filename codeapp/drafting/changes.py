"""What publishing the working draft now would change: the draft beside the latest version,
the approved proposals it would incorporate, what the health check says, and a first summary.

The publish page and the draft's comparison page show it (drafting/views/publishing.py).
"""

from collections import Counter
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from codeapp.health.findings import sealing_findings
from codeapp.health.report import Finding
from codeapp.models import CodeVersion, HealthSettings
from codeapp.versions.compare import Change, ChangeView, compare, present
from codeapp.versions.documents import build_draft_document, items
from codeapp.versions.services import carried_by
from reflection.models import Proposal


@dataclass
class DraftChanges:
    """The working draft beside the latest published version: what publishing now would change.

    The latest version, not the one in force, is what a new version succeeds; when the
    latest still has to come into force the pages say so.
    """

    draft: dict
    latest: CodeVersion | None
    in_force: CodeVersion | None
    raw_changes: list[Change] = field(default_factory=list)
    changes: list[ChangeView] = field(default_factory=list)
    # The approved proposals publishing now would incorporate, by number.
    approved: list[Proposal] = field(default_factory=list)
    # What the health check says about the draft, for the officer before sealing.
    findings: list[Finding] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.draft["values"]

    @property
    def latest_is_in_force(self) -> bool:
        return self.latest is not None and self.in_force == self.latest

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(c.change.change for c in self.changes)
        return {kind: counted[kind] for kind in ("added", "changed", "removed")}

    @property
    def size(self) -> dict[str, int]:
        norms = [n for v in self.draft["values"] for n in v["norms"]]
        return {
            "values": len(self.draft["values"]),
            "norms": len(norms),
            "examples": sum(len(n["examples"]) for n in norms),
        }

    def summary(self) -> str:
        """A first change summary for the officer to adjust, in the language of the code.

        The approved proposals come first, then every change: added, removed, reworded and
        moved items alike, each with the proposal that made it, if one did.
        """
        with translation.override(self.draft["language"]):
            amendments = summarise_amendments(self.approved)
            if self.latest is None:
                return "\n\n".join(filter(None, [_("First version of the code."), amendments]))
            by_proposal = {p.applied_key: p.number for p in self.approved if p.applied_key}
            # Presented again: labels and headings in the code's language, not the reader's.
            shown = present(self.raw_changes, self.latest.document, self.draft)
            return "\n".join(filter(None, [amendments, summarise(shown, by_proposal)]))


def draft_changes() -> DraftChanges:
    latest, in_force = CodeVersion.objects.latest_and_in_force()
    draft = build_draft_document()
    approved = Proposal.objects.approved_not_incorporated().select_related("session")
    # Only those whose change the draft holds: the version will name no others.
    state = DraftChanges(
        draft=draft,
        latest=latest,
        in_force=in_force,
        approved=carried_by(
            list(approved.order_by("number")), keys={item.key for item in items(draft)}
        ),
        findings=sealing_findings(draft, HealthSettings.current()),
    )
    if latest is not None:
        state.raw_changes = compare(latest.document, draft)
        state.changes = present(state.raw_changes, latest.document, draft)
    return state


def summarise_amendments(proposals: list[Proposal]) -> str:
    """One Markdown list item per proposal: “- #12 Gifts: also refused gifts (session 3 March)”."""
    lines = []
    for proposal in proposals:
        line = f"- #{proposal.number} {proposal.title}"
        if proposal.session is not None:
            day = date_format(proposal.session.date, "DATE_FORMAT")
            session = proposal.session.name_for_the_public()
            line += " (" + _("%(session)s of %(date)s") % {"session": session, "date": day} + ")"
        lines.append(line)
    return "\n".join(lines)


def summarise(changes: list[ChangeView], by_proposal: dict[str, int] | None = None) -> str:
    """One Markdown list item per change: “- Norm 2.3 “Gifts”: text changed”, followed by
    “(proposal #12)” when `by_proposal` says which proposal made it (by the item's key)."""
    by_proposal = by_proposal or {}
    lines = []
    for view in changes:
        change = view.change
        if change.type == "code":
            fields = ", ".join(f.label for f in view.fields)
            lines.append(_("The code: %(fields)s changed") % {"fields": fields})
            continue
        what = {"type": view.type_label, "number": view.number, "heading": view.heading}
        if change.change == "added":
            lines.append(_("%(type)s %(number)s “%(heading)s” added") % what)
        elif change.change == "removed":
            lines.append(_("%(type)s %(number)s “%(heading)s” removed") % what)
        else:
            content = [f.label for f in view.fields if f.name not in ("parent", "position")]
            what["fields"] = ", ".join(content)
            moved = "parent" in change.fields or "position" in change.fields
            if moved and content:
                line = _("%(type)s %(number)s “%(heading)s” moved; %(fields)s changed")
            elif "parent" in change.fields:
                line = _("%(type)s %(number)s “%(heading)s” moved to another place")
            elif moved:
                line = _("%(type)s %(number)s “%(heading)s” moved")
            else:
                line = _("%(type)s %(number)s “%(heading)s”: %(fields)s changed")
            lines.append(line % what)
        if change.key in by_proposal:
            lines[-1] += " " + _("(proposal #%(number)d)") % {"number": by_proposal[change.key]}
    return "\n".join(f"- {line}" for line in lines)
