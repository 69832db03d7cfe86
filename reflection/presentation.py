"""How a proposal is shown: its text beside the item's, its history as a timeline.

Shared by the proposal pages and the review pages. Who may see the working draft sees the
proposal against the draft's text; everyone else only against the published wording it
was made from, never the draft.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from core.display import display, label
from core.markup import word_diff
from core.pages import landing_url
from reflection.models import Proposal
from reflection.services.targets import MODELS, PROPOSABLE_FIELDS, current_fields

State = Proposal.State
Action = Proposal.Action


@dataclass
class FieldRow:
    label: str
    before: str
    after: str
    diff: SafeString

    @property
    def same(self) -> bool:
        return self.before == self.after


def field_label(target: str, name: str) -> str:
    """The label of one of the item's fields, for a kind of item ("norm")."""
    return label(MODELS[target], name)


def field_text(target: str, name: str, raw: Any) -> str:
    """One of the item's fields as a reader sees it."""
    return display(MODELS[target], name, raw)


def proposed_names(proposal: Proposal) -> list[str]:
    return [n for n in PROPOSABLE_FIELDS[proposal.target] if n in proposal.proposed]


def when_written(proposal: Proposal) -> dict[str, Any] | None:
    """The item's fields at the revision the proposal was written against, from its history."""
    item = proposal.item
    if item is None or proposal.base_revision is None:
        return None
    record = item.history.filter(revision=proposal.base_revision).order_by("-history_date").first()
    if record is None:
        return None
    return {name: getattr(record, name) for name in PROPOSABLE_FIELDS[proposal.target]}


def _rows(proposal: Proposal, before: dict[str, Any]) -> list[FieldRow]:
    rows = []
    for name in proposed_names(proposal):
        old = field_text(proposal.target, name, before.get(name))
        new = field_text(proposal.target, name, proposal.proposed[name])
        if proposal.action == Action.ADD and not new:
            continue
        rows.append(FieldRow(field_label(proposal.target, name), old, new, word_diff(old, new)))
    return rows


def comparison(proposal: Proposal) -> tuple[list[FieldRow], str]:
    """The proposed text compared with the item's: (rows, what it is compared with).

    An open proposal is compared with the current text; a closed one with the text
    as it was when the proposal was written, since an approval made them equal.
    """
    if proposal.action == Action.ADD:
        return _rows(proposal, {}), "new"
    if proposal.state in (State.DRAFT, State.SUBMITTED):
        return _rows(proposal, current_fields(proposal.item, proposal.target)), "current"
    written = when_written(proposal)
    if written is None:
        return _rows(proposal, current_fields(proposal.item, proposal.target)), "current"
    return _rows(proposal, written), "written"


def merged_rows(proposal: Proposal) -> list[FieldRow]:
    """An officer's merged text beside the proposed one, field by field."""
    rows = []
    for name in PROPOSABLE_FIELDS[proposal.target]:
        if name not in proposal.merged:
            continue
        proposed = field_text(proposal.target, name, proposal.proposed.get(name))
        merged = field_text(proposal.target, name, proposal.merged[name])
        rows.append(
            FieldRow(
                field_label(proposal.target, name), proposed, merged, word_diff(proposed, merged)
            )
        )
    return rows


@dataclass
class Shown:
    """The item a proposal is about (for an addition: its place), as this reader may see it."""

    heading: str
    body: str
    # The published version the wording comes from; None when it is the working draft's.
    version: int | None = None


def about(proposal: Proposal, draft_visible: bool) -> Shown | None:
    """The item's heading and text: the draft's for those who may see the draft; for others
    only the published wording the proposal was made against, or nothing."""
    if draft_visible:
        item = proposal.item or proposal.parent_value or proposal.parent_norm
        if item is None:
            return None
        body = next(
            (getattr(item, n) for n in ("text", "description", "situation") if hasattr(item, n)),
            "",
        )
        return Shown(str(item), body)
    fields = proposal.published_fields
    if not fields:
        return None
    heading = fields.get("title") or fields.get("name") or ""
    body = fields.get("text") or fields.get("description") or ""
    return Shown(heading, body, proposal.published_version)


def published_comparison(proposal: Proposal) -> tuple[list[FieldRow], str]:
    """The proposed text beside the published wording it was made against, never the draft's.

    Without that wording (a proposal recorded in the draft by someone who has since lost
    sight of it) only the proposed text is shown.
    """
    if proposal.action == Action.ADD:
        return _rows(proposal, {}), "new"
    if proposal.published_fields:
        return _rows(proposal, proposal.published_fields), "published"
    return _rows(proposal, {}), "proposed"


@dataclass
class Event:
    when: datetime
    what: str
    who: Any
    reasons: str = ""
    version: int | None = None


def timeline(proposal: Proposal) -> list[Event]:
    """What happened to the proposal, from its history: created, changed, submitted, decided…"""
    events: list[Event] = []
    previous = previous_deputy = None
    records = proposal.history.select_related("history_user").order_by("history_date", "history_id")
    for record in records:
        who = record.history_user
        if previous is None:
            events.append(Event(record.history_date, _("Created"), who))
        elif record.state != previous:
            what = {
                State.SUBMITTED: _("Submitted")
                if previous != State.AGREEING
                else _("Merged text not agreed: back to the integrity officers"),
                State.AGREEING: _("Approved with a merged text: awaiting agreement"),
                State.APPROVED: _("Approved"),
                State.REJECTED: _("Rejected"),
                State.WITHDRAWN: _("Withdrawn"),
                State.INCORPORATED: _("Incorporated in a published version"),
            }.get(record.state, record.get_state_display())
            decided = record.state in (State.AGREEING, State.APPROVED, State.REJECTED)
            events.append(
                Event(
                    record.history_date,
                    what,
                    who,
                    reasons=record.decision_reason if decided else "",
                    version=record.incorporated_in if record.state == State.INCORPORATED else None,
                )
            )
        elif record.state == State.DRAFT:
            events.append(Event(record.history_date, _("Changed"), who))
        elif record.deputy_id != previous_deputy:
            events.append(
                Event(
                    record.history_date,
                    _("Deputy named"),
                    who,
                    reasons=record.history_change_reason or "",
                )
            )
        previous, previous_deputy = record.state, record.deputy_id
    return events


def decided_meanwhile(current: Proposal) -> str:
    """What someone is told whose step came after another's decision (or withdrawal)."""
    return _("Proposal #%(number)d was %(state)s in the meantime; nothing was changed.") % {
        "number": current.number,
        "state": current.get_state_display().lower(),
    }


def item_anchor(target: str, key: str) -> str:
    """The working draft at an item, by its anchor."""
    return f"{landing_url()}#{target}-{key}"


def what_it_waits_for(proposal: Proposal, officers: list) -> str:
    """For an officer four-eyes keeps out: whom the proposal waits for, and what unblocks it.

    `officers` are the integrity officers who may decide it.
    """
    if proposal.deputy_id is not None:
        return _("It waits for %(deputy)s, whom an administrator named as deputy to decide it.") % {
            "deputy": proposal.deputy.get_username()
        }
    if officers:
        return _("It waits for another integrity officer: %(officers)s.") % {
            "officers": ", ".join(o.get_username() for o in officers)
        }
    return _(
        "No other integrity officer may decide it, so it waits until an administrator "
        "names a deputy for this proposal."
    )


# --- the review queue's groups ---------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """Proposals that arrived together (a model code's new release): shown under one heading."""

    key: object
    label: str
    url: str


# Told at start-up by the app that makes such proposals (reflection names none above it).
_grouping: list[Callable[[list[Proposal]], dict[int, Group]]] = []


def group_proposals_with(grouping: Callable[[list[Proposal]], dict[int, Group]]) -> None:
    _grouping[:] = [grouping]


def in_groups(rows: list[tuple[Proposal, str]]) -> list[tuple[Proposal, str, Group | None]]:
    """The queue's rows with the group each belongs to, a group's rows together where its
    first (oldest) row stands; rows of no group keep their place."""
    groups = _grouping[0]([proposal for proposal, _refusal in rows]) if _grouping else {}
    first_place: dict[object, int] = {}
    placed = []
    for index, (proposal, refusal) in enumerate(rows):
        group = groups.get(proposal.pk)
        place = first_place.setdefault(group.key, index) if group else index
        placed.append((place, index, (proposal, refusal, group)))
    return [row for _place, _index, row in sorted(placed, key=lambda item: item[:2])]
