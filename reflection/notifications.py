"""E-mail about amendment proposals, sent only once the change to them has been committed.

How mail is rendered and sent (after commit, in the site's language, never breaking the
request) is core.mail's; here are only the notices about proposals and who receives them.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse

from core.mail import absolute_url, send_after_commit
from reflection.models import Proposal


def officers_for(proposal: Proposal) -> list[AbstractBaseUser]:
    """The integrity officers with an e-mail address who may decide `proposal` (four-eyes)."""
    return list(proposal.officers_who_may_decide().exclude(email=""))


def _proposal_context(proposal: Proposal) -> dict[str, Any]:
    return {
        "proposal": proposal,
        "url": absolute_url(reverse("reflection:proposal", args=[proposal.pk])),
    }


def notify_proposal_submitted(proposal: Proposal) -> None:
    """After commit: ask the integrity officers who may decide it to review the proposal."""
    send_after_commit(
        "proposal_submitted",
        lambda: officers_for(proposal),
        lambda: _proposal_context(proposal),
    )


def notify_deputy_named(proposal: Proposal) -> None:
    """After commit: ask the deputy an administrator named to decide the proposal."""

    def deputy() -> list[AbstractBaseUser]:
        user = get_user_model().objects.filter(pk=proposal.deputy_id, is_active=True).first()
        return [user] if user is not None else []

    send_after_commit("deputy_named", deputy, lambda: _proposal_context(proposal))


def notify_proposal_decided(proposal: Proposal) -> None:
    """After commit: tell the proposer the decision and its reasons."""

    def proposer() -> list[AbstractBaseUser]:
        user = get_user_model().objects.filter(pk=proposal.proposer_id, is_active=True).first()
        return [user] if user is not None else []

    send_after_commit("proposal_decided", proposer, lambda: _proposal_context(proposal))
