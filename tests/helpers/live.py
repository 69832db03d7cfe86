"""Practice dilemmas and live sessions for the live session tests (until the demo's own)."""

import datetime

from django.utils import timezone

from reflection.models import Case, DilemmaOption, LiveSession
from reflection.services.live import live_create


def dilemma(title: str, options=("Ja", "Nee", "Ik vraag het eerst"), norms=()) -> Case:
    case = Case.objects.create(
        title=title, situation=f"{title}: wat doe je?", practice=True,
        reflection="Weeg af wat je **collega** en de burger verwachten.",
    )  # fmt: skip
    DilemmaOption.objects.bulk_create(
        DilemmaOption(case=case, position=n, text=text) for n, text in enumerate(options)
    )
    case.norms.set(norms)
    return case


def open_live(lead, unit, cases, title="Teamoverleg") -> LiveSession:
    return live_create(title=title, unit=unit, cases=list(cases), user=lead)


def expire(live: LiveSession) -> None:
    LiveSession.objects.filter(pk=live.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
