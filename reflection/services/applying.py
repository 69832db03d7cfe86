"""How an approved proposal changes the working draft, and what may stand in its way.

The change goes through the item services (`core.services`), recorded in the item's
history with the proposal as the reason. Before it, the item is checked against the text
the proposal was written for: changed since (`ApplyConflict`, the officer merges), or
retired since (`ItemRetired`, the officer may bring it back with the proposed text).
"""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.models import CodeItem
from core.revision import StaleEdit, lock
from core.services import item_create, item_set_retired, item_update
from reflection.models import Proposal
from reflection.services.errors import ApplyConflict, ItemRetired, TransitionError
from reflection.services.targets import MODELS, PROPOSABLE_FIELDS


def out_of_code(item: CodeItem) -> bool:
    """Whether the item is left out of the next version: it, or what it belongs to, is retired."""
    while item is not None:
        if item.retired:
            return True
        item = item.parent
    return False


def restore_blockers(item: CodeItem) -> list[str]:
    """Why approving a rewording cannot bring `item` back into the code; empty when it can.

    Only the item itself is restored: a retired value or norm it belongs to is the editors'
    to bring back first.
    """
    parent = item.parent
    while parent is not None:
        if parent.retired:
            return [_("“%(parent)s” is retired; restore it first.") % {"parent": parent}]
        parent = parent.parent
    return item.restore_blockers() if item.retired else []


def merged_fields(proposal: Proposal, resolved: dict[str, Any]) -> dict[str, Any]:
    """The fields of an officer's merged text that the proposal may change."""
    allowed = PROPOSABLE_FIELDS[proposal.target]
    return {k: v for k, v in resolved.items() if k in allowed}


def not_changed_since() -> TransitionError:
    """Merging is only for a real conflict: otherwise the proposal is decided as written."""
    return TransitionError(
        _("The item has not changed since the proposal was written; approve it as it is.")
    )


def amendment_reason(proposal: Proposal) -> str:
    """The reason an applied proposal leaves in the item's history."""
    return _("Amendment proposal #%(number)d: %(title)s") % {
        "number": proposal.number,
        "title": proposal.title,
    }


def proposal_apply(
    *,
    proposal: Proposal,
    user: AbstractBaseUser,
    resolved: dict[str, Any] | None,
    resolved_revision: int | None = None,
    restore: bool = False,
) -> None:
    """Change the working draft as the proposal says, recorded with the proposal as reason.

    Part of the decision: call it inside the decision's transaction, with the proposal
    locked. Sets `proposal.applied_key` (and `merged` for a merged text); the caller saves.
    """
    why = amendment_reason(proposal)
    fields = merged_fields(proposal, resolved or proposal.proposed)
    if proposal.action == Proposal.Action.ADD:
        _add(proposal, fields=fields, user=user, why=why)
        return
    item = proposal.item
    if proposal.action == Proposal.Action.RETIRE:
        if item.retired:
            raise ApplyConflict(proposal, item)
        item_set_retired(item=item, retired=True, user=user, reason=why)
    else:
        stored = lock(type(item), item.pk)
        if out_of_code(stored):
            if not restore:
                raise ItemRetired(proposal, stored)
            blockers = restore_blockers(stored)
            if blockers:
                raise ValidationError(blockers)
            # Bring it back and give it the proposed text: what was approved is what the
            # draft gets, and so the next version.
            stored = item_set_retired(item=stored, retired=False, user=user, reason=why)
            item_update(
                item=stored, expected_revision=stored.revision, changes=fields, user=user,
                reason=why,
            )  # fmt: skip
            proposal.applied_key = item.key
            return
        if restore:
            raise TransitionError(_("The item is not retired: approve the proposal as it is."))
        if resolved is None:
            expected = proposal.base_revision
        else:
            stored = type(item)._default_manager.get(pk=item.pk).revision
            if stored == proposal.base_revision:
                raise not_changed_since()
            expected = resolved_revision if resolved_revision is not None else stored
            # The record shows what was applied; the proposed text stays the proposer's own.
            proposal.merged = fields
        try:
            item_update(
                item=item, expected_revision=expected, changes=fields, user=user, reason=why
            )
        except StaleEdit as conflict:
            raise ApplyConflict(proposal, conflict.current) from None
    proposal.applied_key = item.key


def _add(proposal: Proposal, *, fields: dict[str, Any], user: AbstractBaseUser, why: str) -> None:
    """Create the proposed value, norm or example in its place."""
    parent = {"norm": proposal.parent_value, "example": proposal.parent_norm}.get(proposal.target)
    if parent is None and proposal.new_parent_key and proposal.target != "value":
        # Its place came with the same model release: it must be in the draft by now.
        place = MODELS["value" if proposal.target == "norm" else "norm"]
        parent = place.objects.filter(key=proposal.new_parent_key).first()
        if parent is None:
            raise ValidationError(
                _("“%(key)s”, the place of the new item, is not in the draft yet: add it first.")
                % {"key": proposal.new_parent_key}
            )
        if proposal.target == "norm":
            proposal.parent_value = parent
        else:
            proposal.parent_norm = parent
    if parent is not None and (
        parent.retired or (proposal.target == "example" and parent.value.retired)
    ):
        raise ValidationError(
            _("“%(parent)s” was retired; the new item would have no place in the code.")
            % {"parent": parent}
        )
    item = MODELS[proposal.target](**fields)
    if proposal.target == "norm":
        item.value = proposal.parent_value
    elif proposal.target == "example":
        item.norm = proposal.parent_norm
    item = item_create(item=item, user=user, reason=why, key=proposal.new_key)
    proposal.applied_key = item.key
