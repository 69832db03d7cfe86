"""The life of an amendment proposal.

draft → submitted → approved | rejected (always with reasons), or → withdrawn;
an approval with an officer's merged text → agreeing → approved once a second person
agrees; approved → incorporated when a published version carries it. Every transition
runs in a transaction on a locked row, so two officers deciding at once give one decision
and a clear message for the other (`DecisionConflict`). Changing the working draft is
`applying`'s; what a proposal may be about is `targets`'.
"""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.revision import lock, save_revision
from core.roles import can_view_draft
from core.services import item_update
from reflection import notifications
from reflection.models import Proposal
from reflection.services.applying import (
    amendment_reason,
    merged_fields,
    not_changed_since,
    out_of_code,
    proposal_apply,
)
from reflection.services.errors import (
    ApplyConflict,
    DecisionConflict,
    ItemRetired,
    TransitionError,
)

State = Proposal.State


def _require(current: Proposal, *states: str, conflict: bool = False) -> None:
    if current.state in states:
        return
    if conflict:
        raise DecisionConflict(current)
    raise TransitionError(
        _("Proposal #%(number)d is %(state)s; this step is not possible now.")
        % {"number": current.number, "state": current.get_state_display().lower()}
    )


def proposal_create(*, proposal: Proposal, user: AbstractBaseUser) -> Proposal:
    """Store a new proposal (a draft) with the next number, noting the item's revision."""
    proposal.proposer = user
    proposal.state = State.DRAFT
    item = proposal.item if proposal.action != Proposal.Action.ADD else None
    proposal.base_revision = item.revision if item is not None else None
    for _attempt in range(3):
        try:
            with transaction.atomic():
                top = Proposal.objects.aggregate(top=Max("number"))["top"] or 0
                proposal.number = top + 1
                # The unique number is the database's to guard; a clash retries below.
                proposal.full_clean(validate_unique=False)
                proposal._history_user = user
                proposal.save()
                return proposal
        except IntegrityError:
            proposal.pk = None  # someone took the number at the same moment: take the next
    raise TransitionError(_("The proposal could not be numbered; please try again."))


def proposal_update(
    *, proposal: Proposal, changes: dict[str, Any], user: AbstractBaseUser
) -> Proposal:
    """Change a draft proposal; only its proposer may, and only while it is a draft."""
    with transaction.atomic():
        current = lock(Proposal, proposal.pk)
        if current.proposer_id != user.pk:
            raise PermissionDenied(_("Only the proposer may change a draft proposal."))
        _require(current, State.DRAFT)
        for field, value in changes.items():
            setattr(current, field, value)
        item = current.item if current.action != Proposal.Action.ADD else None
        current.base_revision = item.revision if item is not None else None
        save_revision(current, user=user)
    return current


def proposal_submit(*, proposal: Proposal, user: AbstractBaseUser) -> Proposal:
    with transaction.atomic():
        current = lock(Proposal, proposal.pk)
        if current.proposer_id != user.pk:
            raise PermissionDenied(_("Only the proposer may submit a proposal."))
        _require(current, State.DRAFT)
        current.state = State.SUBMITTED
        current.submitted_at = timezone.now()
        current.session_facilitator_id = current.session.facilitator_id if current.session else None
        save_revision(current, user=user, reason=_("Submitted"))
        notifications.notify_proposal_submitted(current)
    return current


def proposal_withdraw(*, proposal: Proposal, user: AbstractBaseUser) -> Proposal:
    with transaction.atomic():
        current = lock(Proposal, proposal.pk)
        if current.proposer_id != user.pk:
            raise PermissionDenied(_("Only the proposer may withdraw a proposal."))
        _require(
            current,
            State.DRAFT,
            State.SUBMITTED,
            State.AGREEING,
            conflict=current.state != State.DRAFT,
        )
        current.state = State.WITHDRAWN
        save_revision(current, user=user, reason=_("Withdrawn"))
    return current


def may_decide(proposal: Proposal, user: AbstractBaseUser) -> str | None:
    """Why `user` may not decide `proposal` (four-eyes), or None when they may.

    Integrity officers decide, and the deputy an administrator named for this proposal.
    """
    is_deputy = proposal.deputy_id is not None and proposal.deputy_id == user.pk
    if not (user.has_perm("reflection.decide_proposal") or is_deputy):
        return _("Only integrity officers decide proposals.")
    if proposal.proposer_id == user.pk:
        return _("You made this proposal: another integrity officer decides it.")
    facilitators = {proposal.session_facilitator_id}
    if proposal.session_id:
        facilitators.add(proposal.session.facilitator_id)
    if user.pk in facilitators:
        return _("You facilitated the session this proposal came from: another officer decides it.")
    return None


def proposal_name_deputy(
    *, proposal: Proposal, deputy: AbstractBaseUser, user: AbstractBaseUser, reason: str
) -> Proposal:
    """Let `deputy` decide this one submitted proposal; for administrators only.

    Four-eyes leaves an organisation with one integrity officer no one to decide that
    officer's own proposal: an administrator names someone else. The deputy is recorded
    in the proposal's history, with who named them and why.
    """
    if not user.is_superuser:
        raise PermissionDenied(_("Only an administrator names a deputy."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why a deputy decides this proposal.")})
    with transaction.atomic():
        current = lock(Proposal, proposal.pk)
        _require(current, State.SUBMITTED, conflict=True)
        if not deputy.is_active:
            raise ValidationError({"deputy": _("This user can no longer sign in.")})
        if deputy.pk in current.kept_out_by_four_eyes():
            raise ValidationError(
                {"deputy": _("Four-eyes: the proposer or the session's facilitator cannot decide.")}
            )
        current.deputy = deputy
        why = _("Deputy named: %(deputy)s. %(reason)s") % {
            "deputy": deputy.get_username(),
            "reason": reason.strip(),
        }
        save_revision(current, user=user, reason=why)
        notifications.notify_deputy_named(current)
    return current


def proposal_decide(
    *,
    proposal: Proposal,
    user: AbstractBaseUser,
    approve: bool,
    reason: str,
    resolved: dict[str, Any] | None = None,
    resolved_revision: int | None = None,
    restore: bool = False,
) -> Proposal:
    """Approve (applying the change to the draft) or reject, with reasons, in one transaction.

    When the item changed since the proposal was written, approving raises
    ApplyConflict unless `resolved` gives the fields to apply after the officer
    has compared the proposal with the current text, which was at
    `resolved_revision`; a later edit raises ApplyConflict again. When a reworded
    item was retired since, approving raises ItemRetired unless `restore` brings
    it back with the proposed text.
    """
    if not reason.strip():
        raise ValidationError({"decision_reason": _("Give the reasons for the decision.")})
    with transaction.atomic():
        current = lock(Proposal, proposal.pk)
        _require(current, State.SUBMITTED, conflict=True)
        refusal = may_decide(current, user)
        if refusal:
            raise PermissionDenied(refusal)
        if approve and resolved is not None and _needs_agreement(current, resolved):
            # Four-eyes holds for the merged text too: it waits for a second person.
            _await_agreement(
                current, user=user, fields=resolved, seen_revision=resolved_revision, reason=reason
            )
            return current
        if approve:
            proposal_apply(
                proposal=current,
                user=user,
                resolved=resolved,
                resolved_revision=resolved_revision,
                restore=restore,
            )
        current.state = State.APPROVED if approve else State.REJECTED
        current.decided_by = user
        current.decided_at = timezone.now()
        current.decision_reason = reason.strip()
        save_revision(current, user=user, reason=current.get_state_display())
        notifications.notify_proposal_decided(current)
    return current


def _needs_agreement(proposal: Proposal, resolved: dict[str, Any]) -> bool:
    """Whether a merged text is the officer's own: neither the proposed nor the current text."""
    if proposal.action != Proposal.Action.REWORD:
        return False
    fields = merged_fields(proposal, resolved)
    item = type(proposal.item)._default_manager.get(pk=proposal.item.pk)
    proposed = {name: proposal.proposed.get(name) for name in fields}
    current = {name: getattr(item, name) for name in fields}
    return fields != proposed and fields != current


def _await_agreement(
    proposal: Proposal,
    *,
    user: AbstractBaseUser,
    fields: dict[str, Any],
    seen_revision: int | None,
    reason: str,
) -> None:
    """Keep the officer's merged text on the proposal until someone else agrees to it."""
    item = proposal.item
    stored = lock(type(item), item.pk)
    if out_of_code(stored):
        raise ItemRetired(proposal, stored)
    if stored.revision == proposal.base_revision:
        raise not_changed_since()
    if seen_revision is not None and stored.revision != seen_revision:
        raise ApplyConflict(proposal, stored)
    proposal.state = State.AGREEING
    proposal.merged = merged_fields(proposal, fields)
    proposal.merged_revision = stored.revision
    proposal.merged_by = user
    proposal.decision_reason = reason.strip()
    save_revision(proposal, user=user, reason=_("Merged text awaits agreement"))


def may_agree(proposal: Proposal, user: AbstractBaseUser) -> str | None:
    """Why `user` may not agree to an officer's merged text, or None when they may.

    The second pair of eyes is the proposer or another editor, someone who may see the
    working draft the merged text was made from; never the officer who merged it.
    """
    if proposal.merged_by_id == user.pk:
        return _("You wrote this merged text: the proposer or another editor agrees to it.")
    if not can_view_draft(user):
        return _("The merged text is made from the working draft: an editor agrees to it.")
    if proposal.proposer_id != user.pk and not user.has_perm("reflection.add_proposal"):
        return _("Only the proposer or an editor agrees to a merged text.")
    return None


def _back_to_officers(proposal: Proposal, *, user: AbstractBaseUser, reason: str) -> None:
    proposal.state = State.SUBMITTED
    proposal.merged, proposal.merged_revision, proposal.merged_by = {}, None, None
    proposal.decision_reason = ""
    save_revision(proposal, user=user, reason=reason)


def proposal_agree(*, proposal: Proposal, user: AbstractBaseUser, agree: bool) -> Proposal:
    """Agree to an officer's merged text (it enters the draft: approved) or not (submitted
    again, for an officer to decide anew). When the item changed once more since the merge,
    nothing is applied and the proposal goes back to the officers as well."""
    with transaction.atomic():
        current = lock(Proposal, proposal.pk)
        _require(current, State.AGREEING, conflict=True)
        refusal = may_agree(current, user)
        if refusal:
            raise PermissionDenied(refusal)
        if not agree:
            _back_to_officers(current, user=user, reason=_("Merged text not agreed"))
            return current
        item = current.item
        stored = lock(type(item), item.pk)
        if out_of_code(stored) or stored.revision != current.merged_revision:
            _back_to_officers(
                current, user=user, reason=_("The item changed again before the merge was agreed")
            )
            return current
        item_update(
            item=stored, expected_revision=current.merged_revision, changes=current.merged,
            user=user, reason=amendment_reason(current),
        )  # fmt: skip
        current.state = State.APPROVED
        current.decided_by = current.merged_by
        current.decided_at = timezone.now()
        current.applied_key = item.key
        save_revision(current, user=user, reason=_("Merged text agreed"))
        notifications.notify_proposal_decided(current)
    return current


def proposals_incorporate(
    *, proposals: list[Proposal], version_number: int, user: AbstractBaseUser | None
) -> list[Proposal]:
    """Mark the approved proposals a version carries as incorporated in it.

    The caller (publishing) has locked them, and the submitted ones, before reading the draft,
    so no decision can slip in between the document and this record.
    """
    incorporated = []
    for proposal in proposals:
        proposal.state = State.INCORPORATED
        proposal.incorporated_in = version_number
        save_revision(
            proposal, user=user, reason=_("Incorporated in version %(n)d") % {"n": version_number}
        )
        incorporated.append(proposal)
    return incorporated
