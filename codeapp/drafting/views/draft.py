"""The working draft page: the whole code, an outline, one value, or what an editor searched."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from codeapp.drafting.document import (
    FOUND_SHOWN,
    FULL_PAGE_NORMS,
    RECENT_DAYS,
    WorkingCode,
    find,
    keys_of,
    retired_under,
    working_code,
)
from codeapp.drafting.forms import DraftSearchForm
from codeapp.modelcodes.marks import mark_draft
from codeapp.models import CodeProfile, CodeVersion
from codeapp.versions.services import carried_by
from reflection.models import Proposal


@require_http_methods(["GET", "HEAD"])
@login_required
@permission_required("values.view_value", raise_exception=True)
def draft(request: HttpRequest) -> HttpResponse:
    # Reading, not creating, the profile: a GET of the draft writes nothing.
    profile = CodeProfile.stored_or_default()
    latest, in_force = CodeVersion.objects.defer("document").latest_and_in_force()
    # What the next version will incorporate, for those who work with proposals.
    code = working_code()
    approved, left_out = [], []
    if request.user.has_perm("reflection.view_proposal"):
        every = list(
            Proposal.objects.approved_not_incorporated()
            .select_related("session")
            .order_by("number")
        )
        # Only those whose change the draft holds will be named by the next version.
        approved = carried_by(every, keys=code.keys)
        left_out = [p for p in every if p not in approved]
    context = {
        "code": code,
        "recent_days": RECENT_DAYS,
        "profile": profile,
        "latest_version": latest,
        "in_force_version": in_force,
        "approved_proposals": approved,
        "approved_left_out": left_out,
        # A code built on a model: each item's origin, the model's wording one click away.
        "model": mark_draft(code),
        **_draft_view(request, code, profile),
    }
    return render(request, "codeapp/draft.html", context, status=context.pop("status", 200))


def _draft_view(request: HttpRequest, code: WorkingCode, profile: CodeProfile) -> dict:
    """Which part of the draft to show: the whole, an outline, one value, or what matches.

    `?at=<key>` names the item the editor just saved, moved, retired or restored: the
    page lands on it (the address ends in its anchor), so the confirmation is shown
    there rather than at the top of a long page, out of sight.
    """
    form = DraftSearchForm(
        request.GET or None,
        values=[(v.item.key, f"{v.number}. {v.item.name}") for v in code.values],
    )
    view: dict = {"search_form": form, "mode": "whole", "found": None, "value": None}
    on_page: set[str] = set()
    if request.GET and not form.is_valid():
        view["status"] = 400
    elif request.GET and form.searches:
        found = find(
            code,
            text=form.cleaned_data["q"],
            kind=form.cleaned_data["kind"],
            value_key=form.cleaned_data["value"],
            retired=form.cleaned_data["retired"],
        )
        shown = found[:FOUND_SHOWN]
        view.update(mode="found", found=shown, found_count=len(found))
        on_page = {f.item.key for f in shown}
    elif request.GET and form.cleaned_data["value"]:
        value = next(v for v in code.values if v.item.key == form.cleaned_data["value"])
        view.update(mode="value", value=value, retired_here=retired_under(code, value.item))
        on_page = keys_of(value) | {i.key for i in view["retired_here"]}
    else:
        if code.norm_count > FULL_PAGE_NORMS:
            view["mode"] = "outline"
            on_page = {v.item.key for v in code.values} | {
                n.item.key for v in code.values for n in v.norms
            }
        else:
            on_page = set().union(*(keys_of(v) for v in code.values))
        on_page |= {i.key for i in code.retired} | {profile.key}
    at = request.GET.get("at", "")
    if at in on_page:
        # Shown beside the item instead of at the top: read now, so not shown again.
        view.update(at=at, feedback=list(messages.get_messages(request)), messages=None)
        # An example's norm opens its list of examples, or the message would stay folded away.
        view["at_norm"] = next(
            (
                n.item.key
                for v in code.values
                for n in v.norms
                for e in n.examples
                if e.item.key == at
            ),
            None,
        )
    return view
