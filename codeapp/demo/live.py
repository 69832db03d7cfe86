"""The demo's live team session: the team lead of Team Vergunningen held one with two practice
dilemmas. Phones answered, the lead noted what the team said (one note became a draft
proposal), marked a norm unclear and a norm missing, and closing recorded the session in
the programme, so the health dashboard counts it.

Made through the live session services (reflection/services/live.py); idempotent: a demo
that has the session leaves it alone.
"""

from people.models import Unit
from reflection.models import Case, LiveSession, NormSignal
from reflection.services import live as services

TITLE = "Teamoverleg Vergunningen: geschenken en belangen"
TEAM = "vergunningen"  # the lead's unit (codeapp/demo/organisation.py), by external id
# Per dilemma, how many phones chose each option (in the options' order).
ANSWERS = [[5, 2, 4], [3, 8, 0, 0]]
NOTES = [
    "Het team twijfelt wanneer een attentie nog ‘klein’ is: een bedrag zou helpen.",
    "Melden voelt als verklikken; de code kan zeggen dat melden bij je leidinggevende "
    "ook mag als je twijfelt.",
]
MISSING = "Hoe ga je om met een aanvrager die je via sociale media benadert?"


def demo_live(users: dict, cases: list[Case]) -> LiveSession | None:
    """The held live session of the demo's team lead with up to two of `cases` (practice
    dilemmas with options); None when there are none, or nothing new when it exists."""
    lead = users["teamlead"]
    team = Unit.objects.filter(external_id=TEAM).first()
    existing = LiveSession.objects.filter(title=TITLE).first()
    dilemmas = [case for case in cases if case.options.count() >= 2][:2]
    if existing is not None or not dilemmas:
        return existing
    live = services.live_create(title=TITLE, unit=team, cases=dilemmas, user=lead)
    phone = 0
    for position, counts in enumerate(ANSWERS[: len(dilemmas)]):
        live.refresh_from_db()
        if position:
            live = services.live_go_to(
                live=live, position=position, expected_revision=live.revision, user=lead
            )
        options = list(dilemmas[position].options.all())
        for option, count in zip(options, counts, strict=False):
            for _n in range(count):
                # The same phones answer each dilemma: tokens by number, as phones would.
                services.answer(
                    live=live,
                    token=f"demo-phone-{phone % 13}",
                    position=position,
                    option_id=option.pk,
                )
                phone += 1
        live_dilemma = live.dilemmas.get(position=position)
        if position < len(NOTES):
            services.live_note(live=live, dilemma=live_dilemma, text=NOTES[position])
    norm = next((n for case in dilemmas for n in case.norms.all()), None)
    if norm is not None:
        services.live_signal(live=live, kind=NormSignal.Kind.UNCLEAR, norm=norm)
    services.live_signal(live=live, kind=NormSignal.Kind.MISSING, text=MISSING)
    live.refresh_from_db()
    services.live_close(live=live, expected_revision=live.revision, user=lead)
    first = live.notes.order_by("created_at", "id").first()
    services.proposal_from_note(note=first, user=lead)
    live.refresh_from_db()
    return live
