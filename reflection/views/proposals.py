"""Amendment proposals: recording, suggesting, following, reviewing and deciding them.

The views parse the request, call `reflection.services.proposals` and render; the rules
(states, four-eyes, applying an approved change to the draft) live in the services.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.display import display
from core.markup import word_diff
from core.models import CodeItem
from core.roles import can_view_draft
from reflection.forms.proposals import (
    MODELS,
    PREFIX,
    DecisionForm,
    ItemChoiceForm,
    ProposalForm,
    ResolveForm,
    StartForm,
    SuggestForm,
    current_fields,
    outline,
)
from reflection.models import Case, Proposal, Session, integrity_officers
from reflection.services import proposals as services

State = Proposal.State
Action = Proposal.Action
# How far back the review page lists decided proposals.
RECENTLY_DECIDED_DAYS = 30
RECENTLY_DECIDED_MAX = 20


def _with_relations(queryset: QuerySet[Proposal]) -> QuerySet[Proposal]:
    return queryset.select_related(
        "proposer", "decided_by", "session", "case", "value", "norm", "example",
        "parent_value", "parent_norm", "deputy",
    )  # fmt: skip


def _get_proposal_for_user(request: HttpRequest, pk: int) -> Proposal:
    """The proposal, for its proposer, its deputy and who may see proposals (403 for others).

    A draft is its proposer's own until it is submitted ("only you can see it", the
    suggestion form promises): to anyone else it answers 404, as if it did not exist yet.
    """
    proposal = get_object_or_404(_with_relations(Proposal.objects.all()), pk=pk)
    user = request.user
    if proposal.proposer_id == user.pk:
        return proposal
    if proposal.state == State.DRAFT:
        raise Http404
    if proposal.deputy_id != user.pk and not user.has_perm("reflection.view_proposal"):
        raise PermissionDenied
    return proposal


# ---------------------------------------------------------------------------------------------
# Presenting a proposal: its text beside the item's, and its history.


@dataclass
class FieldRow:
    label: str
    before: str
    after: str
    diff: SafeString

    @property
    def same(self) -> bool:
        return self.before == self.after


def _label(target: str, name: str) -> str:
    return str(MODELS[target]._meta.get_field(name).verbose_name).capitalize()


def _text(target: str, name: str, raw: Any) -> str:
    return display(MODELS[target], name, raw)


def _proposed_names(proposal: Proposal) -> list[str]:
    return [n for n in services.PROPOSABLE_FIELDS[proposal.target] if n in proposal.proposed]


def _when_written(proposal: Proposal) -> dict[str, Any] | None:
    """The item's fields at the revision the proposal was written against, from its history."""
    item = proposal.item
    if item is None or proposal.base_revision is None:
        return None
    record = item.history.filter(revision=proposal.base_revision).order_by("-history_date").first()
    if record is None:
        return None
    return {name: getattr(record, name) for name in services.PROPOSABLE_FIELDS[proposal.target]}


def _rows(proposal: Proposal, before: dict[str, Any]) -> list[FieldRow]:
    rows = []
    for name in _proposed_names(proposal):
        old = _text(proposal.target, name, before.get(name))
        new = _text(proposal.target, name, proposal.proposed[name])
        if proposal.action == Action.ADD and not new:
            continue
        rows.append(FieldRow(_label(proposal.target, name), old, new, word_diff(old, new)))
    return rows


def _comparison(proposal: Proposal) -> tuple[list[FieldRow], str]:
    """The proposed text compared with the item's: (rows, what it is compared with).

    An open proposal is compared with the current text; a closed one with the text
    as it was when the proposal was written, since an approval made them equal.
    """
    if proposal.action == Action.ADD:
        return _rows(proposal, {}), "new"
    if proposal.state in (State.DRAFT, State.SUBMITTED):
        return _rows(proposal, current_fields(proposal.item, proposal.target)), "current"
    written = _when_written(proposal)
    if written is None:
        return _rows(proposal, current_fields(proposal.item, proposal.target)), "current"
    return _rows(proposal, written), "written"


def _merged_rows(proposal: Proposal) -> list[FieldRow]:
    """An officer's merged text beside the proposed one, field by field."""
    rows = []
    for name in services.PROPOSABLE_FIELDS[proposal.target]:
        if name not in proposal.merged:
            continue
        proposed = _text(proposal.target, name, proposal.proposed.get(name))
        merged = _text(proposal.target, name, proposal.merged[name])
        rows.append(
            FieldRow(_label(proposal.target, name), proposed, merged, word_diff(proposed, merged))
        )
    return rows


@dataclass
class Shown:
    """The item a proposal is about (for an addition: its place), as this reader may see it."""

    heading: str
    body: str
    # The published version the wording comes from; None when it is the working draft's.
    version: int | None = None


def _about(proposal: Proposal, draft_visible: bool) -> Shown | None:
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


def _published_comparison(proposal: Proposal) -> tuple[list[FieldRow], str]:
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


def _timeline(proposal: Proposal) -> list[Event]:
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


def _item_anchor(target: str, key: str) -> str:
    return f"{reverse('codeapp:draft')}#{target}-{key}"


# ---------------------------------------------------------------------------------------------
# Recording a proposal (editors) and suggesting one (everyone signed in).


def _int_param(request: HttpRequest, name: str) -> int | None:
    raw = request.GET.get(name, "")
    return int(raw) if raw.isdigit() else None


def _prefill(request: HttpRequest, action: str, target: str, item: CodeItem | None) -> dict:
    """Initial values from the item being reworded and from ?session= and ?case=."""
    initial: dict[str, Any] = {}
    if item is not None:
        initial["item"] = item.key
        if action == Action.REWORD:
            initial.update({PREFIX + k: v for k, v in current_fields(item, target).items()})
    session = Session.objects.filter(pk=_int_param(request, "session")).first()
    if session is not None:
        initial.update(origin=Proposal.Origin.SESSION, session=session.pk)
    case = Case.objects.filter(pk=_int_param(request, "case")).first()
    if case is not None:
        initial["case"] = case.pk
        if action == Action.ADD and target == "example":
            initial.update({PREFIX + "title": case.title, PREFIX + "situation": case.situation})
            initial.setdefault("title", case.title)
            norm = case.norms.filter(retired=False).order_by("position", "id").first()
            if norm is not None:
                initial["parent"] = norm.key
    if request.GET.get("parent"):
        initial["parent"] = request.GET["parent"]
    return initial


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("reflection.add_proposal", raise_exception=True)
def proposal_create(request: HttpRequest) -> HttpResponse:
    """Record a proposal in steps that work without JavaScript.

    The query string says what is proposed (?action=&target=, and ?item= for a
    rewording, whose current text then fills the form); what it does not say yet
    is asked first, with a GET form. The last step posts to the same URL.
    """
    action, target = request.GET.get("action", ""), request.GET.get("target", "")
    carried = {k: request.GET.get(k, "") for k in ("session", "case")}
    if action not in Action.values or target not in Proposal.Target.values:
        form = StartForm(initial={"action": action, "target": target, **carried})
        return render(request, "reflection/proposal_start.html", {"form": form})
    code = outline()
    item = next((i for i in code.of(target) if i.key == request.GET.get("item")), None)
    if action == Action.REWORD and item is None:
        form = ItemChoiceForm(
            initial={"action": action, "target": target, **carried}, target=target, code=code
        )
        return render(
            request,
            "reflection/proposal_start.html",
            {"form": form, "action": action, "target": target, "choose_item": True},
        )
    form = ProposalForm(
        request.POST or None,
        action=action,
        target=target,
        code=code,
        item=item if action == Action.REWORD else None,
        initial=_prefill(request, action, target, item),
    )
    if request.method == "POST" and form.is_valid():
        proposal = Proposal(action=action, target=target, **form.proposal_fields())
        try:
            services.proposal_create(proposal=proposal, user=request.user)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                _("Proposal #%(number)d was saved as a draft. Submit it when it is ready.")
                % {"number": proposal.number},
            )
            return HttpResponseRedirect(proposal.get_absolute_url())
    return render(
        request,
        "reflection/proposal_form.html",
        {
            "form": form,
            "proposal": None,
            "action_label": Action(action).label,
            "target_label": Proposal.Target(target).label,
            "item": item if action == Action.REWORD else None,
            "item_number": code.numbers.get(item.key) if item else None,
            "action": action,
        },
    )


# ---------------------------------------------------------------------------------------------
# Following a proposal: its page, editing a draft, submitting, withdrawing, one's own list.


@require_http_methods(["GET", "HEAD"])
@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _get_proposal_for_user(request, pk)
    user = request.user
    draft_visible = can_view_draft(user)
    rows, compared_with = (
        _comparison(proposal) if draft_visible else _published_comparison(proposal)
    )
    is_proposer = proposal.proposer_id == user.pk
    # The officer's merged text is made from the draft: only for those who may see it.
    merged_rows = _merged_rows(proposal) if draft_visible else []
    may_agree_reason = None
    if proposal.state == State.AGREEING:
        may_agree_reason = services.may_agree(proposal, user)
    may_decide_reason = None
    can_decide = False
    if proposal.state == State.SUBMITTED and (
        user.has_perm("reflection.decide_proposal") or proposal.deputy_id == user.pk
    ):
        may_decide_reason = services.may_decide(proposal, user)
        can_decide = may_decide_reason is None
        if may_decide_reason:
            officers = list(proposal.officers_who_may_decide())
            may_decide_reason += " " + _what_it_waits_for(proposal, officers)
    return render(
        request,
        "reflection/proposal_detail.html",
        {
            "proposal": proposal,
            "rows": rows,
            "compared_with": compared_with,
            "about": _about(proposal, draft_visible),
            "timeline": _timeline(proposal),
            "is_proposer": is_proposer,
            "can_edit": is_proposer and proposal.state == State.DRAFT,
            "can_withdraw": is_proposer
            and proposal.state in (State.DRAFT, State.SUBMITTED, State.AGREEING),
            "merged_rows": merged_rows,
            "can_agree": proposal.state == State.AGREEING and may_agree_reason is None,
            "may_agree_reason": may_agree_reason,
            "can_decide": can_decide,
            "may_decide_reason": may_decide_reason,
            "can_name_deputy": user.is_superuser and proposal.state == State.SUBMITTED,
            "applied_anchor": _item_anchor(proposal.target, proposal.applied_key)
            if proposal.applied_key
            else "",
        },
    )


def _suggestion_initial(proposal: Proposal, form_text_field: str) -> dict[str, Any]:
    """The suggestion form's fields as the draft suggestion fills them."""
    proposed = proposal.proposed
    text = {
        Action.REWORD: proposed.get(form_text_field, ""),
        Action.ADD: proposed.get("situation") or proposed.get("text", ""),
    }.get(proposal.action, "")
    return {
        "change": proposal.action, "title": proposal.title, "text": text,
        "kind": proposed.get("kind", ""), "rationale": proposal.rationale,
    }  # fmt: skip


def _save_changes(
    request: HttpRequest, proposal: Proposal, *, changes: dict[str, Any], form: forms.Form
) -> HttpResponse | None:
    """Save a draft proposal's edit: the redirect to it, or None with the refusal on `form`."""
    try:
        services.proposal_update(proposal=proposal, changes=changes, user=request.user)
    except services.TransitionError as error:
        messages.error(request, " ".join(error.messages))
    except ValidationError as error:
        form.add_error(None, error.messages)
        return None
    else:
        messages.success(
            request, _("Proposal #%(number)d was saved.") % {"number": proposal.number}
        )
    return HttpResponseRedirect(proposal.get_absolute_url())


def _edit_suggestion(request: HttpRequest, proposal: Proposal) -> HttpResponse:
    """A proposer who may not see the working draft changes their suggestion with the form
    they made it with, over the published wording it was made against: the draft's items,
    numbers and texts stay out of sight."""
    about = proposal.item or proposal.parent_value or proposal.parent_norm
    published = proposal.published_fields
    if type(about) not in (MODELS["norm"], MODELS["value"]):
        # Not a suggestion (an editor's proposal from before they lost sight of the draft):
        # it cannot be shown without the draft; withdrawing it is still possible.
        raise PermissionDenied
    is_norm = type(about) is MODELS["norm"]
    text_field = "text" if is_norm else "description"
    form = SuggestForm(
        request.POST or None,
        item=about,
        current_text=published.get(text_field, ""),
        initial=_suggestion_initial(proposal, text_field),
    )
    del form.fields["submit_now"]  # sending is the proposal page's own button
    if request.method == "POST" and form.is_valid():
        changed = form.proposal()
        changes = {
            name: getattr(changed, name)
            for name in ("action", "target", "value", "norm", "example", "parent_value",
                         "parent_norm", "proposed", "title", "rationale")
        }  # fmt: skip
        saved = _save_changes(request, proposal, changes=changes, form=form)
        if saved is not None:
            return saved
    return render(
        request,
        "reflection/suggest.html",
        {
            "form": form,
            "editing": proposal,
            "shown_text": published.get(text_field, ""),
            "shown_heading": published.get("title") or published.get("name", ""),
            "is_norm": is_norm,
            "version": {"number": proposal.published_version},
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def proposal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _get_proposal_for_user(request, pk)
    if proposal.proposer_id != request.user.pk:
        raise PermissionDenied
    if proposal.state != State.DRAFT:
        messages.error(
            request,
            _("Proposal #%(number)d is %(state)s: only a draft can be changed.")
            % {"number": proposal.number, "state": proposal.get_state_display().lower()},
        )
        return HttpResponseRedirect(proposal.get_absolute_url())
    if not can_view_draft(request.user):
        return _edit_suggestion(request, proposal)
    code = outline()
    item = proposal.item
    initial: dict[str, Any] = {
        "title": proposal.title, "rationale": proposal.rationale, "origin": proposal.origin,
        "session": proposal.session_id, "case": proposal.case_id,
    }  # fmt: skip
    if item is not None:
        initial["item"] = item.key
        initial.update({PREFIX + k: v for k, v in current_fields(item, proposal.target).items()})
    parent = proposal.parent_value or proposal.parent_norm
    if parent is not None:
        initial["parent"] = parent.key
    initial.update({PREFIX + k: v for k, v in proposal.proposed.items()})
    form = ProposalForm(
        request.POST or None,
        action=proposal.action,
        target=proposal.target,
        code=code,
        item=item,
        with_origin=proposal.origin != Proposal.Origin.SUGGESTION,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        saved = _save_changes(request, proposal, changes=form.proposal_fields(), form=form)
        if saved is not None:
            return saved
    return render(
        request,
        "reflection/proposal_form.html",
        {
            "form": form,
            "proposal": proposal,
            "action_label": proposal.get_action_display(),
            "target_label": proposal.get_target_display(),
            "item": item if proposal.action == Action.REWORD else None,
            "item_number": code.numbers.get(item.key) if item else None,
            "action": proposal.action,
        },
    )


def _transition(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    proposal = _get_proposal_for_user(request, pk)
    service = {"submit": services.proposal_submit, "withdraw": services.proposal_withdraw}[step]
    try:
        service(proposal=proposal, user=request.user)
    except services.TransitionError as error:
        messages.error(request, " ".join(error.messages))
    except services.DecisionConflict as conflict:
        messages.error(
            request,
            _("Proposal #%(number)d was %(state)s in the meantime; nothing was changed.")
            % {"number": conflict.current.number, "state": _state_text(conflict.current)},
        )
    else:
        done = (
            _("Proposal #%(number)d was submitted to the integrity officers.")
            if step == "submit"
            else _("Proposal #%(number)d was withdrawn.")
        )
        messages.success(request, done % {"number": proposal.number})
    return HttpResponseRedirect(proposal.get_absolute_url())


def _state_text(proposal: Proposal) -> str:
    return proposal.get_state_display().lower()


@require_POST
@login_required
def proposal_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, "submit")


@require_POST
@login_required
def proposal_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, "withdraw")


@require_http_methods(["GET", "HEAD"])
@login_required
def my_proposals(request: HttpRequest) -> HttpResponse:
    proposals = _with_relations(Proposal.objects.filter(proposer=request.user)).order_by(
        "-created_at", "-number"
    )
    # Merged texts this user is the second pair of eyes for (editors, and proposers who may
    # see the draft).
    waiting = _with_relations(Proposal.objects.filter(state=State.AGREEING)).order_by("number")
    to_agree = [p for p in waiting if services.may_agree(p, request.user) is None]
    return render(
        request, "reflection/my_proposals.html", {"proposals": proposals, "to_agree": to_agree}
    )


# ---------------------------------------------------------------------------------------------
# Reviewing and deciding (integrity officers, and a deputy an administrator named).


def _what_it_waits_for(proposal: Proposal, officers: list) -> str:
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


@require_http_methods(["GET", "HEAD"])
@login_required
@permission_required("reflection.decide_proposal", raise_exception=True)
def review_queue(request: HttpRequest) -> HttpResponse:
    """Submitted proposals, oldest first, and those decided recently."""
    waiting = _with_relations(Proposal.objects.open()).order_by("submitted_at", "number")
    since = timezone.now() - timedelta(days=RECENTLY_DECIDED_DAYS)
    decided = _with_relations(
        Proposal.objects.filter(decided_at__gte=since).order_by("-decided_at")
    )[:RECENTLY_DECIDED_MAX]
    officers = list(integrity_officers())
    queue = []
    for proposal in waiting:
        refusal = services.may_decide(proposal, request.user)
        if refusal:
            left = [o for o in officers if o.pk not in proposal.kept_out_by_four_eyes()]
            refusal += " " + _what_it_waits_for(proposal, left)
        queue.append((proposal, refusal))
    # Out of the queue but not decided yet: an officer's merged text awaiting a second person.
    agreeing = Proposal.objects.filter(state=State.AGREEING).select_related("merged_by")
    return render(
        request,
        "reflection/review.html",
        {
            "queue": queue,
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
    if not services.out_of_code(item):
        return False, []
    return True, services.restore_blockers(item)


def _decision_form(proposal: Proposal, data: Any = None, **kwargs: Any) -> DecisionForm:
    """The decision form with the choices the item's state leaves."""
    retired, blockers = _retired_item(proposal)
    return DecisionForm(data, retired=retired, may_restore=not blockers, **kwargs)


def _decide_page(
    request: HttpRequest, proposal: Proposal, form: DecisionForm, status: int = 200
) -> HttpResponse:
    rows, _compared = _comparison(proposal)
    item = proposal.item
    retired, restore_blockers = _retired_item(proposal)
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
            "about": _about(proposal, draft_visible=True),
            "form": form,
            "changed_since": changed_since,
            "blockers": blockers,
            "retired": retired,
            "restore_blockers": restore_blockers,
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
    current = _with_relations(Proposal.objects.all()).get(pk=current.pk)
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
    target, names = proposal.target, tuple(_proposed_names(proposal))
    written = _when_written(proposal) or {}
    rows = []
    for name in names:
        then = _text(target, name, written.get(name))
        now = _text(target, name, getattr(current, name))
        proposed = _text(target, name, proposal.proposed.get(name))
        rows.append(
            ConflictRow(
                _label(target, name),
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
    anchor = _item_anchor(proposal.target, proposal.applied_key)
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
def proposal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    is_deputy = Proposal.objects.filter(pk=pk, deputy=user).exists()
    if not (user.has_perm("reflection.decide_proposal") or is_deputy):
        raise PermissionDenied
    proposal = get_object_or_404(_with_relations(Proposal.objects.all()), pk=pk)
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
                % {"number": proposal.number, "state": _state_text(proposal)},
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
            request.POST, target=proposal.target, names=tuple(_proposed_names(proposal))
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
    except services.DecisionConflict as conflict:
        return _decided_first(request, conflict.current)
    except services.ItemRetired:
        # Retired while the officer was deciding: say so and offer what is left.
        reason = decision.cleaned_data["reason"]
        return _decide_page(
            request, proposal, _decision_form(proposal, initial={"reason": reason}), status=409
        )
    except PermissionDenied as refusal:
        return _refused(request, proposal, str(refusal))
    except services.ApplyConflict as conflict:
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
def proposal_agree(request: HttpRequest, pk: int) -> HttpResponse:
    """Agree, or not, to an officer's merged text: the second pair of eyes on it."""
    proposal = _get_proposal_for_user(request, pk)
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
    except services.DecisionConflict as conflict:
        messages.error(
            request,
            _("Proposal #%(number)d was %(state)s in the meantime; nothing was changed.")
            % {"number": conflict.current.number, "state": _state_text(conflict.current)},
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
