"""Practising alone with a dilemma: answering once, anonymously, and how colleagues chose.

An answer is kept as two unrelated facts, never as "who chose what":
- `PracticeDone(case, who)`: that a person answered the dilemma, `who` a keyed hash of their
  account (Django's `salted_hmac` with the project's secret key), so each counts once;
- `PracticeTally(option, unit) += 1`: how many of a unit chose an option.
Both are written in one transaction; a second answer of the same person fails on the unique
`(case, who)` and counts nothing.

How colleagues chose is shown only once at least `settings.PRACTICE_MIN_ANSWERS` people
answered: organisation-wide, and for the person's own unit only when that unit reached the
minimum too. There is no right answer and no score.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, QuerySet, Subquery, Sum
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from people.models import Person, Unit
from reflection.models import Case, DilemmaOption, PracticeDone, PracticeTally

logger = logging.getLogger(__name__)

# Part of the hash key: a `who` means nothing outside dilemma practice.
_WHO_SALT = "reflection.practice.who"


# The norms practice dilemmas are about, for the reading pages' links (codeapp.reading): kept
# in the cache a minute (in each process with the default per-process cache), dropped when
# an editor saves a case here.
NORMS_KEY = "practice-norms:1"
NORMS_TIMEOUT = 60


class PracticeRefused(Exception):
    """An answer that counts nothing; the message says why, for the person."""


def practice_cases() -> QuerySet[Case]:
    """The practice dilemmas, newest first."""
    return Case.objects.filter(practice=True).order_by("-created_at", "-id")


def practice_norms(code_id: int) -> dict[str, list[int]]:
    """Per norm key of code `code_id`: the practice dilemmas with it at stake, newest first.

    One small query a minute at most, whatever the size of the code: every signed-in reading
    page asks it (codeapp.reading.practice_links).
    """
    every = _cached("get", NORMS_KEY)
    if every is None:
        every = {}
        rows = (
            Case.norms.through.objects.filter(case__practice=True)
            .order_by("-case__created_at", "-case_id")
            .values_list("norm__code_id", "norm__key", "case_id")
        )
        for code, key, case in rows:
            every.setdefault(code, {}).setdefault(key, []).append(case)
        _cached("set", NORMS_KEY, every, NORMS_TIMEOUT)
    return every.get(code_id, {})


def practice_norms_changed() -> None:
    """A case was saved: the reading pages' links are worked out again."""
    _cached("delete", NORMS_KEY)


def _cached(operation: str, *args: object) -> object:
    """The cache's get, set or delete; None when the cache is out of reach (a Redis that is
    down costs a query per page, never an answer)."""
    try:
        return getattr(cache, operation)(*args)
    except Exception:  # any backend's error
        logger.warning("The cache failed on %s; going on without it.", operation)
        return None


def practice_who(user: AbstractBaseUser) -> str:
    """The keyed hash that stands for `user` in `PracticeDone` (never the account itself)."""
    return salted_hmac(_WHO_SALT, str(user.pk), algorithm="sha256").hexdigest()


def practice_done(*, user: AbstractBaseUser, cases: list[Case]) -> set[int]:
    """The ids of those of `cases` the user answered (one query)."""
    return set(
        PracticeDone.objects.filter(case__in=cases, who=practice_who(user)).values_list(
            "case_id", flat=True
        )
    )


def practice_unit(user: AbstractBaseUser) -> Unit | None:
    """The unit the user's answers count for: their own when at least PRACTICE_MIN_ANSWERS
    active people work there, else None (counted for the organisation only).

    In a smaller unit the unit's count could come close to telling who chose what, to anyone
    who can read the database; it could never be shown anyway (one query).
    """
    size = (
        Person.objects.filter(unit=OuterRef("unit"), user__is_active=True)
        .values("unit")
        .annotate(n=Count("pk"))
        .values("n")
    )
    person = (
        Person.objects.filter(user=user)
        .select_related("unit")
        .annotate(unit_size=Subquery(size))
        .first()
    )
    if person is None or person.unit is None:
        return None
    return person.unit if (person.unit_size or 0) >= settings.PRACTICE_MIN_ANSWERS else None


def practice_answer(*, case: Case, option_id: object, user: AbstractBaseUser) -> DilemmaOption:
    """Count the user's choice of `option_id` for the practice dilemma `case`, once.

    Raises PracticeRefused, counting nothing, for a case that is not a practice dilemma, no
    option or one of another dilemma, and a second answer by the same person.
    """
    if not case.practice:
        raise PracticeRefused(_("This case is not a practice dilemma."))
    try:
        option_pk = int(str(option_id))
    except ValueError:
        raise PracticeRefused(_("Choose one of the courses of action.")) from None
    unit = practice_unit(user)
    try:
        with transaction.atomic():
            # Locked: an editor removing this option waits for the answer, or the answer
            # finds it gone (reflection.services.cases).
            option = (
                DilemmaOption.objects.select_for_update().filter(case=case, pk=option_pk).first()
            )
            if option is None:
                raise PracticeRefused(_("Choose one of the courses of action of this dilemma."))
            PracticeDone.objects.create(case=case, who=practice_who(user))
            _count(option, unit)
    except IntegrityError:
        raise PracticeRefused(
            _("You already answered this dilemma; your first answer counts.")
        ) from None
    return option


def _count(option: DilemmaOption, unit: Unit | None) -> None:
    """+1 for (option, unit), making the row when it is missing, safe when two answer at once.

    The rows are made with `INSERT … ON CONFLICT DO NOTHING` (PostgreSQL and SQLite alike; the
    unique constraints on option and unit decide the conflict), then counted up in the
    database (`F("count") + 1`), so two answers at once never overwrite each other's count.
    """
    # The rows of every option of the dilemma for this unit are made at once: the order in
    # which rows appear must not tell which option a person who answered first chose.
    PracticeTally.objects.bulk_create(
        [
            PracticeTally(option_id=pk, unit=unit, count=0)
            for pk in DilemmaOption.objects.filter(case_id=option.case_id).values_list(
                "pk", flat=True
            )
        ],
        ignore_conflicts=True,
    )
    PracticeTally.objects.filter(option=option, unit=unit).update(count=F("count") + 1)


@dataclass(frozen=True)
class Share:
    option: DilemmaOption
    count: int
    percent: int  # rounded, 0–100


@dataclass(frozen=True)
class Results:
    """How colleagues chose: `shares` empty while fewer than `minimum` answered."""

    answered: int
    minimum: int
    shares: list[Share]
    unit: Unit | None = None
    unit_answered: int = 0
    unit_shares: list[Share] | None = None

    @property
    def shown(self) -> bool:
        return bool(self.shares)


def _shares(options: list[DilemmaOption], counts: dict[int, int]) -> list[Share]:
    total = sum(counts.values())
    return [
        Share(
            option=option,
            count=counts.get(option.pk, 0),
            percent=round(100 * counts.get(option.pk, 0) / total) if total else 0,
        )
        for option in options
    ]


def practice_results(*, case: Case, options: list[DilemmaOption], unit: Unit | None) -> Results:
    """How colleagues chose the `options` of `case`, as far as may be shown (two queries)."""
    minimum = settings.PRACTICE_MIN_ANSWERS
    totals = dict(
        PracticeTally.objects.filter(option__case=case)
        .values_list("option")
        .annotate(total=Sum("count"))
        .values_list("option", "total")
    )
    answered = sum(totals.values())
    if answered < minimum:
        return Results(answered=answered, minimum=minimum, shares=[], unit=unit)
    results = Results(answered=answered, minimum=minimum, shares=_shares(options, totals))
    if unit is None:
        return results
    mine = dict(
        PracticeTally.objects.filter(option__case=case, unit=unit).values_list("option", "count")
    )
    unit_answered = sum(mine.values())
    return Results(
        answered=answered,
        minimum=minimum,
        shares=results.shares,
        unit=unit,
        unit_answered=unit_answered,
        unit_shares=_shares(options, mine) if unit_answered >= minimum else None,
    )
