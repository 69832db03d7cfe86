"""Helpers for the tests of proposals through the services: a rewording to propose, the stored
proposal afresh, and an officer's merged text."""

from norms.models import Norm
from reflection.models import Proposal, Session
from reflection.services.proposals import proposal_create
from tests.helpers.proposals import NEW_TEXT

MERGED = "Meld elk geschenk boven de 50 euro direct bij je leidinggevende."


def reword(user, norm: Norm, *, text: str = NEW_TEXT, session: Session | None = None) -> Proposal:
    return proposal_create(
        proposal=Proposal(
            title="Geschenken direct melden", action="reword", target="norm", norm=norm,
            proposed={"text": text}, rationale="Uit de dilemmasessie.",
            origin="session" if session else "other", session=session,
        ),
        user=user,
    )  # fmt: skip


def fresh(proposal: Proposal) -> Proposal:
    return Proposal.objects.get(pk=proposal.pk)
