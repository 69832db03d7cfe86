"""An organisation at scale for measuring campaigns: 30,000 people in 400 units, made fast.

`make bench` runs bench/scale.py, which loads the demo, then this (`manage.py bench_people`)
and times starting a campaign for everyone and a reminder run (`manage.py bench_campaigns`).
People and units are written with bulk_create (the services would take many minutes); the
campaign and the reminders go through the campaign services exactly as in production.
"""

import datetime
import time
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, resolve, reverse
from django.utils import timezone

from codeapp.campaigns.audience import Audience
from codeapp.campaigns.services import campaign_start, run_reminders
from codeapp.models import CodeVersion, Confirmation
from people.models import Person, Source, Unit, UnitManager

PREFIX = "schaal"


def load_people(*, users: int = 30_000, units: int = 400, confirmed: float = 0.3) -> dict:
    """Units as departments with teams, `users` people spread over them, a manager per
    department, and a share `confirmed` of the people having confirmed the version in force."""
    departments = max(1, units // 20)
    with transaction.atomic():
        tops = Unit.objects.bulk_create(
            [
                Unit(name=f"Afdeling {i + 1}", external_id=f"{PREFIX}-a{i}")
                for i in range(departments)
            ]
        )
        teams = Unit.objects.bulk_create(
            [
                Unit(
                    name=f"Team {i + 1}", parent=tops[i % departments], external_id=f"{PREFIX}-t{i}"
                )
                for i in range(units - departments)
            ]  # fmt: skip
        )
        places = teams or tops
        unusable = make_password(None)
        User = get_user_model()
        made = User.objects.bulk_create(
            [
                User(
                    username=f"{PREFIX}{i:06d}",
                    email=f"{PREFIX}{i:06d}@bench.example",
                    first_name="Medewerker",
                    last_name=str(i),
                    password=unusable,
                )
                for i in range(users)
            ],  # fmt: skip
            batch_size=5000,
        )
        joined = timezone.localdate() - datetime.timedelta(days=1000)
        Person.objects.bulk_create(
            [
                Person(
                    user=user,
                    unit=places[i % len(places)],
                    joined_on=joined,
                    function="medewerker",
                    source=Source.DEMO,
                )
                for i, user in enumerate(made)
            ],  # fmt: skip
            batch_size=5000,
        )
        UnitManager.objects.bulk_create(
            [UnitManager(unit=top, user=made[i]) for i, top in enumerate(tops)]
        )
        version = CodeVersion.objects.in_force()
        count = int(len(made) * confirmed)
        if version is not None:
            Confirmation.objects.bulk_create(
                [Confirmation(user=user, version=version) for user in made[:count]],
                batch_size=5000,
                ignore_conflicts=True,
            )
    return {"users": len(made), "units": len(tops) + len(teams), "confirmed": count}


def _timed(work) -> tuple[Any, float, int]:
    """The result, seconds and queries of `work`, its commit (and the mail after it) included."""
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        with transaction.atomic():
            result = work()
        seconds = time.perf_counter() - start
    return result, seconds, len(queries)


def time_campaigns() -> dict[str, float]:
    """Start a campaign for everyone, then the reminder run 14 days before its deadline."""
    version = CodeVersion.objects.in_force()
    officer = get_user_model().objects.filter(username="officer").first()
    today = timezone.localdate()
    campaign, start_seconds, start_queries = _timed(
        lambda: campaign_start(
            user=officer,
            version=version,
            title="Schaaltest",
            message="",
            deadline=today + datetime.timedelta(days=30),
            reminder_days=[14, 3],
            weekly_after_deadline=True,
            audience=Audience(everyone=True),
        )  # fmt: skip
    )
    reminders, remind_seconds, remind_queries = _timed(
        lambda: run_reminders(today + datetime.timedelta(days=16))
    )
    timings = {
        "members": campaign.members.count(),
        "start_seconds": start_seconds,
        "start_queries": start_queries,
        "reminded": sum(r.recipients for r in reminders),
        "remind_seconds": remind_seconds,
        "remind_queries": remind_queries,
    }
    timings.update(time_coverage_page(officer))
    return timings


def time_coverage_page(officer, *, runs: int = 5) -> dict[str, float]:
    """The coverage page's own time (the least of `runs` after a first), if there is one."""
    try:
        path = reverse("codeapp:coverage")
    except NoReverseMatch:
        return {}
    view = resolve(path).func
    factory = RequestFactory()
    seconds = []
    with CaptureQueriesContext(connection) as queries:
        for _run in range(runs + 1):
            request = factory.get(path)
            request.user = officer
            request.session = {}
            start = time.perf_counter()
            response = view(request)
            getattr(response, "render", lambda: None)()
            seconds.append(time.perf_counter() - start)
    return {"coverage_ms": 1000 * min(seconds[1:]), "coverage_queries": len(queries) / (runs + 1)}
