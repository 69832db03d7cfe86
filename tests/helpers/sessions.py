"""Helpers for the tests of the reflection programme and its sessions: their addresses, a valid
form and everything a refused request must leave alone."""

import datetime

from django.urls import reverse
from django.utils import timezone

from reflection.models import Session

PROGRAMME = reverse("reflection:programme")
CREATE = reverse("reflection:session-create")
TODAY = timezone.localdate()
PAST = TODAY - datetime.timedelta(days=10)


def detail_url(session: Session) -> str:
    return reverse("reflection:session", kwargs={"pk": session.pk})


def edit_url(session: Session) -> str:
    return reverse("reflection:session-edit", kwargs={"pk": session.pk})


def valid_post(code, **changes) -> dict:
    data = {
        "title": "Intervisie team Handhaving",
        "date": PAST.isoformat(),
        "format": "intervision",
        "held": "on",
        "facilitator": "",
        "external_facilitator": "Bureau Integriteit, J. de Vries",
        "participant_groups": "team Handhaving",
        "participant_count": "7",
        "values_discussed": [code["honesty"].pk, code["expertise"].pk],
        "norms_discussed": [code["gifts"].pk],
        "insights": "De norm over geschenken is *onduidelijk*.",
        "reason": "Verslag van de intervisie",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def state() -> list[tuple]:
    """Everything about sessions a refused request must leave alone."""
    return [
        (
            s.pk, s.title, s.date, s.held, s.facilitator_id, s.external_facilitator,
            s.participant_count, s.insights, s.revision, s.history.count(),
            sorted(s.values_discussed.values_list("pk", flat=True)),
            sorted(s.norms_discussed.values_list("pk", flat=True)),
            sorted(s.cases.values_list("pk", flat=True)),
        )
        for s in Session.objects.order_by("pk")
    ]  # fmt: skip


def edit_post(session: Session, **changes) -> dict:
    data = {
        "title": session.title,
        "date": session.date.isoformat(),
        "format": session.format,
        "held": "on" if session.held else None,
        "facilitator": session.facilitator_id or "",
        "external_facilitator": session.external_facilitator,
        "participant_groups": session.participant_groups,
        "participant_count": session.participant_count or "",
        "values_discussed": list(session.values_discussed.values_list("pk", flat=True)),
        "norms_discussed": list(session.norms_discussed.values_list("pk", flat=True)),
        "cases": list(session.cases.values_list("pk", flat=True)),
        "insights": session.insights,
        "public_name": session.public_name,
        "revision": session.revision,
        "reason": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}
