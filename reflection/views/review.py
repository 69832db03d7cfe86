"""Reviewing amendment proposals: the review queue, deciding one (approve or reject, with
reasons), merging when the item changed since it was written, and agreeing to a merge.

Integrity officers decide, and a deputy an administrator named for one proposal; a merged
text waits for a second person (the proposer or another editor) to agree to it.
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.markup import word_diff
from core.models import CodeItem
from reflection import presentation
from reflection.access import get_proposal_for_user
from reflection.forms.proposals import PREFIX
from reflection.forms.review import DecisionForm, ResolveForm
from reflection.models import Proposal, integrity_officers
from reflection.services import proposals as services
from reflection.services.applying import out_of_code, restore_blockers
from reflection.services.errors import ApplyConflict, DecisionConflict, ItemRetired

State = Proposal.State
Action = Proposal.Action
# How far back the review page lists decided proposals.
RECENTLY_DECIDED_DAYS = 30
RECENTLY_DECIDED_MAX = 20


@require_http_methods(["GET", "HEAD"])
@login_required
@permission_required("reflection.decide_proposal", raise_exception=True)
def queue(request: HttpRequest) -> HttpResponse:
    """Submitted proposals, oldest first, and those decided recently."""
    waiting = Proposal.objects.open().with_relations().order_by("submitted_at", "number")
    since = timezone.now() - timedelta(days=RECENTLY_DECIDED_DAYS)
    decided = Proposal.objects.filter(decided_at__gte=since).with_relations()
    decided = decided.order_by("-decided_at")[:RECENTLY_DECIDED_MAX]
    officers = list(integrity_officers())
    listed = []
    for proposal in waiting:
        refusal = services.may_decide(proposal, request.user)
        if refusal:
            left = [o for o in officers if o.pk not in proposal.kept_out_by_four_eyes()]
            refusal += " " + presentation.what_it_waits_for(proposal, left)
        listed.append((proposal, refusal))
    # Out of the queue but not decided yet: an officer's merged text awaiting a second person.
    agreeing = Proposal.objects.filter(state=State.AGREEING).select_related("merged_by")
    return render(
        request,
        "reflection/review.html",
        {
            # A model code's release: its proposals together under one heading.
            "queue": presentation.in_groups(listed),
            "agreeing": agreeing.order_by("number"),
            "decided": decided,
            "decided_days": RECENTLY_DECIDED_DAYS,
        },
    )


def _retired_item(proposal: Proposal) -> tuple[bool, list[str]]:
    """Whether the item a rewording is about was retired since, and why it cannot come back."""
    item = proposal.item
    if proposal.action != Action.REWORD or item is None:
        return False, []
    item = type(item)._default_manager.get(pk=item.pk)
    if not out_of_code(item):
        return False, []
    return True, restore_blockers(item)


def _decision_form(proposal: Proposal, data: Any = None, **kwargs: Any) -> DecisionForm:
    """The decision form with the choices the item's state leaves."""
    retired, blockers = _retired_item(proposal)
    return DecisionForm(data, retired=retired, may_restore=not blockers, **kwargs)


def _decide_page(
    request: HttpRequest, proposal: Proposal, form: DecisionForm, status: int = 200
) -> HttpResponse:
    rows, _compared = presentation.comparison(proposal)
    item = proposal.item
    retired, cannot_restore = _retired_item(proposal)
    changed_since = (
        proposal.action == Action.REWORD
        and item is not None
        and not retired
        and item.revision != proposal.base_revision
    )
    blockers = item.retire_blockers() if proposal.action == Action.RETIRE and item else []
    return render(
        request,
        "reflection/proposal_decide.html",
        {
            "proposal": proposal,
            "rows": rows,
            "about": presentation.about(proposal, draft_visible=True),
            "form": form,
            "changed_since": changed_since,
            "blockers": blockers,
            "retired": retired,
            "restore_blockers": cannot_restore,
        },
        status=status,
    )


def _refused(
    request: HttpRequest, proposal: Proposal, reason: str, agreeing: bool = False
) -> HttpResponse:
    return render(
        request,
        "reflection/proposal_refused.html",
        {"proposal": proposal, "reason": reason, "agreeing": agreeing},
        status=403,
    )


def _decided_first(request: HttpRequest, current: Proposal) -> HttpResponse:
    """Someone else decided or withdrew it first: say who and how; nothing was changed."""
    current = Proposal.objects.with_relations().get(pk=current.pk)
    return render(request, "reflection/proposal_decided.html", {"proposal": current}, status=409)


@dataclass
class ConflictRow:
    label: str
    written: str
    current: str
    proposed: str
    changed_since: SafeString
    proposed_change: SafeString


def _apply_conflict(
    request: HttpRequest,
    proposal: Proposal,
    current: CodeItem,
    decision: DecisionForm,
    resolve: ResolveForm | None = None,
    changed_again: bool = False,
) -> HttpResponse:
    """The item changed since the proposal was written: show the three texts, ready to merge."""
    target, names = proposal.target, tuple(presentation.proposed_names(proposal))
    written = presentation.when_written(proposal) or {}
    rows = []
    for name in names:
        then = presentation.field_text(target, name, written.get(name))
        now = presentation.field_text(target, name, getattr(current, name))
        proposed = presentation.field_text(target, name, proposal.proposed.get(name))
        rows.append(
            ConflictRow(
                presentation.field_label(target, name),
                then,
                now,
                proposed,
                word_diff(then, now),
                word_diff(then, proposed),
            )  # fmt: skip
        )
    rewording = proposal.action == Action.REWORD
    if rewording and resolve is None:
        resolve = ResolveForm(
            target=target,
            names=names,
            initial={
                "seen_revision": current.revision,
                **{PREFIX + n: proposal.proposed.get(n, "") for n in names},
            },
        )
    if not rewording:
        # Only rejecting is left: the item is already as the proposal would make it.
        reason = decision.data.get("reason", "") if decision.is_bound else ""
        decision = DecisionForm(allow_approve=False, initial={"reason": reason})
    latest = current.history.select_related("history_user").order_by("-history_date").first()
    return render(
        request,
        "reflection/proposal_conflict.html",
        {
            "proposal": proposal,
            "item": current,
            "rows": rows,
            "resolve": resolve if rewording else None,
            "decision": decision,
            "latest": latest,
            "changed_again": changed_again,
        },
        status=409,
    )


def _approved_message(request: HttpRequest, proposal: Proposal) -> None:
    anchor = presentation.item_anchor(proposal.target, proposal.applied_key)
    messages.success(
        request,
        format_html(
            '{} <a class="alert-link" href="{}">{}</a>',
            _("Proposal #%(number)d was approved. The working draft now carries the change.")
            % {"number": proposal.number},
            anchor,
            _("See it in the working draft"),
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    is_deputy = Proposal.objects.filter(pk=pk, deputy=user).exists()
    if not (user.has_perm("reflection.decide_proposal") or is_deputy):
        raise PermissionDenied
    proposal = get_object_or_404(Proposal.objects.with_relations(), pk=pk)
    if proposal.state == State.DRAFT and proposal.proposer_id != request.user.pk:
        raise Http404  # a draft is its proposer's own until submitted
    refusal = services.may_decide(proposal, request.user)
    if refusal:
        return _refused(request, proposal, refusal)
    if request.method == "GET":
        if proposal.state != State.SUBMITTED:
            messages.info(
                request,
                _("Proposal #%(number)d is %(state)s: there is nothing to decide.")
                % {"number": proposal.number, "state": proposal.get_state_display().lower()},
            )
            return HttpResponseRedirect(proposal.get_absolute_url())
        return _decide_page(request, proposal, _decision_form(proposal))

    rewording = proposal.action == Action.REWORD
    retired, _blockers = _retired_item(proposal)
    if retired and request.POST.get("decision") == "approve":
        # Retired since the officer opened the page: say so and offer what is left.
        initial = {"reason": request.POST.get("reason", "")}
        return _decide_page(request, proposal, _decision_form(proposal, initial=initial), 409)
    decision = _decision_form(proposal, request.POST)
    resolve = None
    if "resolved" in request.POST and rewording and not retired:
        resolve = ResolveForm(
            request.POST, target=proposal.target, names=tuple(presentation.proposed_names(proposal))
        )
    if resolve is not None:
        item = type(proposal.item)._default_manager.get(pk=proposal.item.pk)
        # Rejecting needs no merged text; approving needs a valid one.
        if not decision.is_valid() or (decision.approve and not resolve.is_valid()):
            return _apply_conflict(request, proposal, item, decision, resolve)
        if decision.approve and resolve.cleaned_data["seen_revision"] != item.revision:
            # Edited again while the officer was merging: show the newest text, keep theirs.
            data = request.POST.copy()
            data["seen_revision"] = str(item.revision)
            resolve = ResolveForm(data, target=proposal.target, names=resolve.proposed_names)
            return _apply_conflict(request, proposal, item, decision, resolve, changed_again=True)
    elif not decision.is_valid():
        return _decide_page(request, proposal, decision)

    resolved = resolve.resolved_fields() if resolve is not None and decision.approve else None
    try:
        decided = services.proposal_decide(
            proposal=proposal,
            user=request.user,
            approve=decision.approve,
            reason=decision.cleaned_data["reason"],
            resolved=resolved,
            resolved_revision=resolve.cleaned_data["seen_revision"] if resolved else None,
            restore=decision.restore,
        )
    except DecisionConflict as conflict:
        return _decided_first(request, conflict.current)
    except ItemRetired:
        # Retired while the officer was deciding: say so and offer what is left.
        reason = decision.cleaned_data["reason"]
        return _decide_page(
            request, proposal, _decision_form(proposal, initial={"reason": reason}), status=409
        )
    except PermissionDenied as refusal:
        return _refused(request, proposal, str(refusal))
    except ApplyConflict as conflict:
        return _apply_conflict(request, proposal, conflict.current, decision)
    except ValidationError as error:
        decision.add_error(None, error.messages)
        if resolve is not None:
            return _apply_conflict(request, proposal, proposal.item, decision, resolve)
        return _decide_page(request, proposal, decision)
    if decided.state == State.AGREEING:
        messages.info(
            request,
            _(
                "Your merged text for proposal #%(number)d now waits for agreement: the proposer "
                "or another editor agrees to it before it enters the working draft. Nothing in "
                "the draft has changed yet."
            )
            % {"number": decided.number},
        )
    elif decided.state == State.APPROVED:
        _approved_message(request, decided)
    else:
        messages.success(
            request,
            _("Proposal #%(number)d was rejected. The working draft is unchanged.")
            % {"number": decided.number},
        )
    return HttpResponseRedirect(decided.get_absolute_url())


@require_POST
@login_required
def agree(request: HttpRequest, pk: int) -> HttpResponse:
    """Agree, or not, to an officer's merged text: the second pair of eyes on it."""
    proposal = get_proposal_for_user(request.user, pk)
    answer = request.POST.get("agree", "")
    if answer not in ("yes", "no"):
        messages.error(request, _("Choose whether you agree to the merged text."))
        return HttpResponseRedirect(proposal.get_absolute_url())
    try:
        updated = services.proposal_agree(
            proposal=proposal, user=request.user, agree=answer == "yes"
        )
    except PermissionDenied as refusal:
        return _refused(request, proposal, str(refusal), agreeing=True)
    except DecisionConflict as conflict:
        messages.error(
            request,
            presentation.decided_meanwhile(conflict.current),
        )
        return HttpResponseRedirect(proposal.get_absolute_url())
    if updated.state == State.APPROVED:
        _approved_message(request, updated)
    elif answer == "yes":
        messages.warning(
            request,
            _(
                "The item changed again after the merge, so nothing was applied. Proposal "
                "#%(number)d is back with the integrity officers."
            )
            % {"number": updated.number},
        )
    else:
        messages.success(
            request,
            _(
                "You did not agree to the merged text. Proposal #%(number)d is back with the "
                "integrity officers; the working draft is unchanged."
            )
            % {"number": updated.number},
        )
    return HttpResponseRedirect(updated.get_absolute_url())
