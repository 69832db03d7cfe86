"""Who may open a proposal's pages: the one lookup the proposal and review views share."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from reflection.models import Proposal


def get_proposal_for_user(user: AbstractBaseUser, pk: int) -> Proposal:
    """The proposal, for its proposer, its deputy and who may see proposals (403 for others).

    A draft is its proposer's own until it is submitted ("only you can see it", the
    suggestion form promises): to anyone else it answers 404, as if it did not exist yet.
    """
    proposal = get_object_or_404(Proposal.objects.with_relations(), pk=pk)
    if proposal.proposer_id == user.pk:
        return proposal
    if proposal.state == Proposal.State.DRAFT:
        raise Http404
    if proposal.deputy_id != user.pk and not user.has_perm("reflection.view_proposal"):
        raise PermissionDenied
    return proposal
