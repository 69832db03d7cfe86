"""Answers at the same moment (PostgreSQL): every person counted once, no count lost — also
when the tally row does not exist yet, and when one person sends their answer twice."""

import threading
from collections import Counter

import pytest
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.db.models import Sum

from people.models import Person, Unit
from reflection.models import Case, PracticeDone, PracticeTally
from reflection.services.practice import PracticeRefused, practice_answer

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(case: Case, users: list, position: int) -> Counter:
    barrier = threading.Barrier(len(users))
    outcomes: list[str] = []
    option = case.options.get(position=position).pk

    def answer(user) -> None:
        try:
            barrier.wait(timeout=10)
            practice_answer(case=case, option_id=option, user=user)
            outcomes.append("counted")
        except PracticeRefused:
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001 - reported in the assertion below
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=answer, args=[user]) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return Counter(outcomes)


@pytest.fixture
def dilemma(roles, editor) -> Case:
    case = Case.objects.create(title="Wijn", situation="…", practice=True, created_by=editor)
    for position, text in enumerate(["Houden", "Teruggeven"], start=1):
        case.options.create(position=position, text=text)
    return case


def test_colleagues_answering_at_once_are_all_counted(dilemma, django_user_model, settings):
    settings.PRACTICE_MIN_ANSWERS = 3  # the team (three people) counts for itself
    team = Unit.objects.create(name="Team Zuid")
    users = []
    for i in range(6):
        user = django_user_model.objects.create(username=f"c{i}", password=make_password(None))
        Person.objects.create(user=user, unit=team if i % 2 else None)
        users.append(user)

    outcomes = at_once(dilemma, users, 2)

    assert outcomes == Counter({"counted": 6})
    assert PracticeTally.objects.aggregate(n=Sum("count"))["n"] == 6
    assert PracticeTally.objects.get(option__position=2, unit=team).count == 3
    assert PracticeTally.objects.get(option__position=2, unit=None).count == 3
    assert PracticeDone.objects.count() == 6


def test_one_person_sending_twice_at_once_counts_once(dilemma, employee):
    outcomes = at_once(dilemma, [employee, employee], 1)

    assert outcomes == Counter({"counted": 1, "refused": 1})
    assert PracticeTally.objects.aggregate(n=Sum("count"))["n"] == 1
    assert PracticeDone.objects.count() == 1
