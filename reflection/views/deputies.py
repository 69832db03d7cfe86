"""Naming a deputy for one proposal, when four-eyes leaves no integrity officer to decide it.

An organisation with one integrity officer cannot decide that officer's own proposal,
nor one from a session they facilitated. An administrator (superuser) then names someone
to decide that proposal only; the service records it in the proposal's history.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from reflection import presentation
from reflection.forms.deputies import DeputyForm
from reflection.models import Proposal
from reflection.services.errors import DecisionConflict
from reflection.services.proposals import proposal_name_deputy


@require_http_methods(["GET", "POST"])
@login_required
def name_deputy(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_superuser:
        raise PermissionDenied
    proposal = get_object_or_404(
        Proposal.objects.select_related("proposer", "session", "deputy"), pk=pk
    )
    if proposal.state != Proposal.State.SUBMITTED:
        messages.info(
            request,
            _("Proposal #%(number)d is %(state)s: it needs no deputy.")
            % {"number": proposal.number, "state": proposal.get_state_display().lower()},
        )
        return HttpResponseRedirect(proposal.get_absolute_url())
    form = DeputyForm(request.POST or None, proposal=proposal)
    if request.method == "POST" and form.is_valid():
        try:
            proposal_name_deputy(
                proposal=proposal,
                deputy=form.cleaned_data["deputy"],
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except DecisionConflict as conflict:
            messages.error(
                request,
                presentation.decided_meanwhile(conflict.current),
            )
            return HttpResponseRedirect(proposal.get_absolute_url())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(deputy)s may now decide proposal #%(number)d.")
                % {"deputy": form.cleaned_data["deputy"].get_username(), "number": proposal.number},
            )
            return HttpResponseRedirect(proposal.get_absolute_url())
    return render(
        request,
        "reflection/proposal_deputy.html",
        {
            "proposal": proposal,
            "form": form,
            "officers": list(proposal.officers_who_may_decide().order_by("username")),
        },
    )
