"""The evidence of one person: every version they confirmed, when, and each version's seal;
which version was in force on a day, and whether they had confirmed one that counts for it.

What an integrity officer hands to a lawyer ("did this employee know the code in force on
the day?"). Which version counts is `Confirmation.objects.covering` and nothing else; which
version was in force when is the reading timeline (`codeapp.reading.timeline`) and
`CodeVersion.objects.in_force_on`. The number of queries does not grow with the number of
confirmations: one union query answers "first confirmation that counts" for every version.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Min, QuerySet, Value
from django.utils import timezone

from codeapp.models import CodeVersion, Confirmation
from codeapp.reading.timeline import Standing, timeline
from core.codes import ActiveCodeId
from people.models import Person


@dataclass(frozen=True)
class VersionRecord:
    """A published version, where it stands in time, and the person's confirmations for it."""

    standing: Standing
    # When the person first confirmed a version that counts for this one; None: never.
    first_counting: datetime.datetime | None
    # When they confirmed exactly this version; None: not this one.
    confirmed_itself: datetime.datetime | None

    @property
    def version(self) -> CodeVersion:
        return self.standing.version


@dataclass(frozen=True)
class OnDay:
    """What was in force on `day`, and the person's confirmation that counts for it."""

    day: datetime.date
    version: CodeVersion | None
    # The latest confirmation that counts for it made on or before the day.
    by_then: Confirmation | None
    # Otherwise the first one made after the day.
    later: Confirmation | None


@dataclass(frozen=True)
class Evidence:
    user: AbstractBaseUser
    person: Person | None
    confirmations: list[Confirmation]
    versions: list[VersionRecord]
    on_day: OnDay | None
    made_at: datetime.datetime

    @property
    def left(self) -> bool:
        return not self.user.is_active


def _first_counting(user: AbstractBaseUser, versions: list[CodeVersion]) -> dict[int, object]:
    """Per version number: when `user` first confirmed a version that counts for it."""
    parts: list[QuerySet] = [
        Confirmation.objects.covering(version)
        .filter(user=user)
        .values("user")
        .annotate(first=Min("confirmed_at"), number=Value(version.number))
        .values_list("number", "first")
        for version in versions
    ]
    if not parts:
        return {}
    return dict(parts[0].union(*parts[1:], all=True)) if len(parts) > 1 else dict(parts[0])


def on_day(user: AbstractBaseUser, day: datetime.date) -> OnDay:
    version = CodeVersion.objects.defer("document").in_force_on(day)
    if version is None:
        return OnDay(day=day, version=None, by_then=None, later=None)
    counting = Confirmation.objects.covering(version).filter(user=user).select_related("version")
    by_then = counting.filter(confirmed_at__date__lte=day).order_by("-confirmed_at").first()
    later = None
    if by_then is None:
        later = counting.filter(confirmed_at__date__gt=day).order_by("confirmed_at").first()
    return OnDay(day=day, version=version, by_then=by_then, later=later)


def evidence_of(user: AbstractBaseUser, *, day: datetime.date | None = None) -> Evidence:
    """Everything the evidence page and its PDF show about `user`."""
    today = timezone.localdate()
    standings = timeline(today)
    versions = [s.version for s in standings]
    confirmations = list(
        # Of the code worked on (core.codes), as the versions beside them.
        Confirmation.objects.filter(user=user, version__code_id=ActiveCodeId())
        .select_related("version")
        .defer("version__document")
        .order_by("confirmed_at", "pk")
    )
    own = {c.version.number: c.confirmed_at for c in confirmations}
    first = _first_counting(user, versions)
    records = [
        VersionRecord(
            standing=s,
            first_counting=first.get(s.version.number),
            confirmed_itself=own.get(s.version.number),
        )
        for s in reversed(standings)
    ]
    return Evidence(
        user=user,
        person=Person.objects.filter(user=user).select_related("unit").first(),
        confirmations=confirmations,
        versions=records,
        on_day=on_day(user, day) if day else None,
        made_at=timezone.now(),
    )
