"""Amendment proposals: recording one, and following it — its page, editing a draft,
submitting, withdrawing, one's own list. Reviewing and deciding are in `review`.

The views parse the request, call `reflection.services.proposals` and render; the rules
(states, four-eyes, applying an approved change to the draft) live in the services.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.models import CodeItem
from core.roles import can_view_draft
from reflection import presentation
from reflection.access import get_proposal_for_user
from reflection.forms.proposals import PREFIX, ItemChoiceForm, ProposalForm, StartForm, SuggestForm
from reflection.models import Case, Proposal, Session
from reflection.services import proposals as services
from reflection.services.errors import DecisionConflict, TransitionError
from reflection.services.targets import MODELS, current_fields, outline

State = Proposal.State
Action = Proposal.Action


# ---------------------------------------------------------------------------------------------
# Recording a proposal (editors; an employee suggests one from the code they read).


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
def create(request: HttpRequest) -> HttpResponse:
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
    item = code.find(target, request.GET.get("item"))
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
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for_user(request.user, pk)
    user = request.user
    draft_visible = can_view_draft(user)
    rows, compared_with = (
        presentation.comparison(proposal)
        if draft_visible
        else presentation.published_comparison(proposal)
    )
    is_proposer = proposal.proposer_id == user.pk
    # The officer's merged text is made from the draft: only for those who may see it.
    merged_rows = presentation.merged_rows(proposal) if draft_visible else []
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
            may_decide_reason += " " + presentation.what_it_waits_for(proposal, officers)
    return render(
        request,
        "reflection/proposal_detail.html",
        {
            "proposal": proposal,
            "rows": rows,
            "compared_with": compared_with,
            "about": presentation.about(proposal, draft_visible),
            "timeline": presentation.timeline(proposal),
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
            "applied_anchor": presentation.item_anchor(proposal.target, proposal.applied_key)
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
    except TransitionError as error:
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
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_proposal_for_user(request.user, pk)
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
    proposal = get_proposal_for_user(request.user, pk)
    service = {"submit": services.proposal_submit, "withdraw": services.proposal_withdraw}[step]
    try:
        service(proposal=proposal, user=request.user)
    except TransitionError as error:
        messages.error(request, " ".join(error.messages))
    except DecisionConflict as conflict:
        messages.error(
            request,
            presentation.decided_meanwhile(conflict.current),
        )
    else:
        done = (
            _("Proposal #%(number)d was submitted to the integrity officers.")
            if step == "submit"
            else _("Proposal #%(number)d was withdrawn.")
        )
        messages.success(request, done % {"number": proposal.number})
    return HttpResponseRedirect(proposal.get_absolute_url())


@require_POST
@login_required
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, "submit")


@require_POST
@login_required
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, "withdraw")


@require_http_methods(["GET", "HEAD"])
@login_required
def mine(request: HttpRequest) -> HttpResponse:
    proposals = (
        Proposal.objects.filter(proposer=request.user)
        .with_relations()
        .order_by("-created_at", "-number")
    )
    # Merged texts this user is the second pair of eyes for (editors, and proposers who may
    # see the draft).
    waiting = Proposal.objects.filter(state=State.AGREEING).with_relations().order_by("number")
    to_agree = [p for p in waiting if services.may_agree(p, request.user) is None]
    return render(
        request, "reflection/my_proposals.html", {"proposals": proposals, "to_agree": to_agree}
    )
