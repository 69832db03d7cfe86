"""Helpers for the tests of deciding proposals: the review queue, a submitted proposal, the
decide page and everything a refused step must leave alone."""

from django.urls import reverse

from reflection.models import Proposal
from reflection.services.proposals import proposal_create, proposal_submit
from tests.helpers.proposals import NEW_TEXT

REVIEW = reverse("reflection:review")


def submit(user, **fields) -> Proposal:
    defaults = {
        "title": "Geschenken direct melden", "action": "reword", "target": "norm",
        "proposed": {"text": NEW_TEXT}, "rationale": "Uit de dilemmasessie.", "origin": "other",
    }  # fmt: skip
    proposal = proposal_create(proposal=Proposal(**{**defaults, **fields}), user=user)
    return proposal_submit(proposal=proposal, user=user)


def decide_url(proposal: Proposal) -> str:
    return reverse("reflection:proposal-decide", args=[proposal.pk])


def snapshot(proposal: Proposal, *items) -> tuple:
    """Everything an illegal step must leave alone: the proposal, its history, the items."""
    return (
        Proposal.objects.filter(pk=proposal.pk).values().get(),
        proposal.history.count(),
        [type(i).objects.filter(pk=i.pk).values().get() for i in items],
        [type(i).history.filter(id=i.pk).count() for i in items],
    )
