"""The demo's organisation: units as a tree, the demo users and some made-up colleagues placed
in them, a manager, a running confirmation campaign with reminders sent, and a newcomer.

Made through the campaign services like real ones (codeapp.campaigns.services); run by
codeapp.demo.seeding inside its muted transaction. Safe to run twice: what exists is kept.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from codeapp.campaigns.audience import Audience
from codeapp.campaigns.models import Campaign
from codeapp.campaigns.services import campaign_start, onboard, run_reminders
from codeapp.models import CodeVersion, Confirmation
from people.models import Person, Source, TeamLead, Unit, UnitManager

# external id: (name, parent's external id)
UNITS = {
    "publiekszaken": ("Afdeling Publiekszaken", None),
    "burgerzaken": ("Team Burgerzaken", "publiekszaken"),
    "vergunningen": ("Team Vergunningen", "publiekszaken"),
    "bedrijfsvoering": ("Afdeling Bedrijfsvoering", None),
    "po": ("Team P&O", "bedrijfsvoering"),
    "financien": ("Team Financiën", "bedrijfsvoering"),
    "ruimte": ("Afdeling Ruimte", None),
    "openbare-ruimte": ("Team Openbare Ruimte", "ruimte"),
}
# The demo sign-ins: unit and function.
PLACES = {
    "editor": ("po", "adviseur P&O"),
    "officer": ("bedrijfsvoering", "integriteitscoördinator"),
    "employee": ("burgerzaken", "medewerker burgerzaken"),
    "admin": ("bedrijfsvoering", "functioneel beheerder"),
    "manager": ("publiekszaken", "afdelingshoofd"),
    "teamlead": ("vergunningen", "teamleider vergunningen"),
}
# Made-up colleagues (no sign-in): user name, first and last name, unit, function, and the
# day (days ago) they confirmed the campaign's version, or None.
COLLEAGUES = [
    ("f.dekker", "Fatima", "Dekker", "burgerzaken", "medewerker burgerzaken", 18),
    ("j.visser", "Jeroen", "Visser", "burgerzaken", "medewerker burgerzaken", 15),
    ("l.mulder", "Lotte", "Mulder", "burgerzaken", "medewerker burgerzaken", None),
    ("e.jansen", "Eva", "Jansen", "burgerzaken", "medewerker burgerzaken", 11),
    ("r.bos", "Rachid", "Bos", "vergunningen", "vergunningverlener", 12),
    ("s.smit", "Sanne", "Smit", "vergunningen", "vergunningverlener", None),
    ("t.meijer", "Tom", "Meijer", "vergunningen", "handhaver", 9),
    ("a.peters", "Anouk", "Peters", "po", "adviseur P&O", 17),
    ("d.hendriks", "Daan", "Hendriks", "financien", "controller", 6),
    ("m.vandam", "Mila", "van Dam", "financien", "medewerker financiën", None),
    ("k.degroot", "Kees", "de Groot", "openbare-ruimte", "opzichter", 3),
    ("y.koster", "Yara", "Koster", "openbare-ruimte", "beleidsmedewerker", None),
    ("b.willems", "Bram", "Willems", "openbare-ruimte", "opzichter", 1),
]
# A newcomer who started a few days ago: asked by the onboarding campaign.
NEWCOMER = ("n.nieuw", "Noor", "Nieuwenhuis", "vergunningen", "vergunningverlener", 5)

CAMPAIGN_TITLE = "Lees de vernieuwde gedragscode"
CAMPAIGN_MESSAGE = (
    "De gedragscode is bijgewerkt na de reflectiebijeenkomsten van het afgelopen jaar. "
    "Lees de wijzigingen en bevestig dat je de code kent."
)
# The campaign started this many days ago, with its deadline this many days from today.
STARTED_DAYS_AGO, DEADLINE_IN_DAYS = 20, 10


def demo_organisation(users: dict, *, email_domain: str = "lindewaard.example") -> None:
    units = _units()
    manager = users["manager"]
    UnitManager.objects.get_or_create(
        unit=units["publiekszaken"], user=manager, defaults={"source": Source.DEMO}
    )
    # The team lead of Team Vergunningen runs its live team sessions (codeapp/demo/live.py).
    TeamLead.objects.get_or_create(
        unit=units["vergunningen"], user=users["teamlead"], defaults={"source": Source.DEMO}
    )
    long_ago = timezone.localdate() - datetime.timedelta(days=3 * 365)
    for username, (unit, function) in PLACES.items():
        _place(users[username], units[unit], function, long_ago)
    colleagues = _colleagues(units, email_domain, long_ago)
    version = CodeVersion.objects.in_force()
    if version is not None and not Campaign.objects.filter(kind=Campaign.Kind.CAMPAIGN).exists():
        _campaign(version, users["officer"], colleagues)
    _newcomer(units, email_domain)


def _units() -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for external_id, (name, parent) in UNITS.items():
        units[external_id], _created = Unit.objects.get_or_create(
            external_id=external_id,
            defaults={"name": name, "parent": units[parent] if parent else None},
        )
    return units


def _place(user, unit: Unit, function: str, joined_on: datetime.date) -> Person:
    person, _created = Person.objects.get_or_create(
        user=user,
        defaults={"unit": unit, "function": function, "joined_on": joined_on,
                  "source": Source.DEMO},
    )  # fmt: skip
    return person


def _user(username: str, first: str, last: str, email_domain: str):
    user, _created = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@{email_domain}",
            # Colleagues of the story: they cannot sign in.
            "password": make_password(None),
        },
    )
    return user


def _colleagues(units: dict[str, Unit], email_domain: str, joined_on: datetime.date) -> dict:
    colleagues = {}
    for username, first, last, unit, function, confirmed in COLLEAGUES:
        user = _user(username, first, last, email_domain)
        _place(user, units[unit], function, joined_on)
        colleagues[username] = (user, confirmed)
    return colleagues


def _campaign(version: CodeVersion, officer, colleagues: dict) -> None:
    """A campaign for everyone, started weeks ago, some confirmed since, a reminder sent."""
    today = timezone.localdate()
    started = today - datetime.timedelta(days=STARTED_DAYS_AGO)
    campaign = campaign_start(
        user=officer,
        version=version,
        title=CAMPAIGN_TITLE,
        message=CAMPAIGN_MESSAGE,
        deadline=today + datetime.timedelta(days=DEADLINE_IN_DAYS),
        reminder_days=[14, 3],
        weekly_after_deadline=True,
        audience=Audience(everyone=True),
    )
    moment = timezone.make_aware(datetime.datetime.combine(started, datetime.time(9)))
    Campaign.objects.filter(pk=campaign.pk).update(started_at=moment)
    campaign.members.update(added_at=moment)
    Confirmation.objects.bulk_create(
        [
            Confirmation(
                user=user,
                version=version,
                confirmed_at=timezone.make_aware(
                    datetime.datetime.combine(
                        today - datetime.timedelta(days=days_ago), datetime.time(10)
                    )
                ),
            )
            for user, days_ago in colleagues.values()
            if days_ago is not None
        ],
        ignore_conflicts=True,
    )
    # The reminder 14 days before the deadline was due four days ago.
    run_reminders(today)


def _newcomer(units: dict[str, Unit], email_domain: str) -> None:
    username, first, last, unit, function, days_ago = NEWCOMER
    user = _user(username, first, last, email_domain)
    _place(user, units[unit], function, timezone.localdate() - datetime.timedelta(days=days_ago))
    # At once, not after the commit as for a real newcomer: the demo is complete when seeded.
    onboard([user.pk])
