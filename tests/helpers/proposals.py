"""Helpers for the tests of proposal pages: a rewording to propose, the forms posting one or a
suggestion, the sign-in address and the stored state of a proposal."""

from urllib.parse import quote

from django.urls import reverse

from norms.models import Norm
from reflection.models import Proposal
from reflection.services.proposals import proposal_create

NEW_TEXT = "Je meldt elk geschenk direct bij je leidinggevende."


def reword(user, norm: Norm, **extra) -> Proposal:
    fields = {
        "title": "Geschenken direct melden", "action": "reword", "target": "norm", "norm": norm,
        "proposed": {"text": NEW_TEXT}, "rationale": "Uit de dilemmasessie.", "origin": "other",
        **extra,
    }  # fmt: skip
    return proposal_create(proposal=Proposal(**fields), user=user)


def login_url(url: str) -> str:
    return f"/accounts/login/?next={quote(url)}"


def state_of(proposal: Proposal) -> tuple:
    return tuple(
        Proposal.objects.filter(pk=proposal.pk).values_list("state", "title", "revision")[0]
    )


def rewording_post(**extra) -> dict:
    return {
        "item": "geschenken", "seen_revision": "1", "proposed_title": "Geschenken melden",
        "proposed_text": NEW_TEXT, "proposed_kind": "obligation", "proposed_explanation": "",
        "title": "Geschenken direct melden", "rationale": "Bleek onduidelijk.", "origin": "other",
        **extra,
    }  # fmt: skip


SUGGEST = reverse("codeapp:suggest")


def suggestion(**extra) -> dict:
    return {
        "change": "reword", "title": "Ook kleine geschenken melden", "text": NEW_TEXT,
        "rationale": "Ik wist niet dat een fles wijn ook telt.", "submit_now": "on", **extra,
    }  # fmt: skip
