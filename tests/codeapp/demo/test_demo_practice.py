"""The demo's practice dilemmas: on the demo code's integrity norms, with earlier answers
spread over the units — most shown, one below the minimum — and made once."""

import pytest
from django.core.management import call_command
from django.db.models import Sum

from codeapp.demo.practice import DILEMMAS, demo_practice
from codeapp.demo.seeding import demo_users
from reflection.models import Case, DilemmaOption, PracticeDone, PracticeTally
from reflection.services.practice import practice_results, practice_unit, practice_who

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded() -> None:
    call_command("seed_demo", force=True)


def answered(case: Case) -> int:
    return PracticeTally.objects.filter(option__case=case).aggregate(n=Sum("count"))["n"] or 0


def test_the_demo_has_practice_dilemmas_with_earlier_answers(seeded, settings):
    settings.PRACTICE_MIN_ANSWERS = 5
    cases = list(Case.objects.filter(practice=True))
    assert len(cases) == len(DILEMMAS) == 6
    for case in cases:
        assert 2 <= case.options.count() <= 4
        assert case.reflection and case.norms.exists(), case.title
        assert PracticeDone.objects.filter(case=case).count() == answered(case)
    totals = sorted(answered(case) for case in cases)
    assert totals[0] < 5 <= totals[1]
    assert 50 <= sum(totals) <= 100
    # Counted per unit only where at least the minimum work (Burgerzaken, Vergunningen).
    assert PracticeTally.objects.values("unit").distinct().count() == 3


def test_the_demo_employee_may_still_answer_and_sees_their_units_figures(seeded, settings):
    settings.PRACTICE_MIN_ANSWERS = 5
    users = demo_users()
    employee = users["employee"]
    assert not PracticeDone.objects.filter(who=practice_who(employee)).exists()
    case = Case.objects.get(title="Kaartjes voor een concert")
    results = practice_results(
        case=case, options=list(case.options.all()), unit=practice_unit(employee)
    )
    assert results.shown and results.unit_shares is not None


def test_it_is_idempotent_and_returns_the_cases(seeded):
    before = (Case.objects.count(), DilemmaOption.objects.count(), PracticeDone.objects.count())

    cases = demo_practice(demo_users())

    assert [case.title for case in cases] == [data["title"] for data in DILEMMAS]
    assert before == (
        Case.objects.count(), DilemmaOption.objects.count(), PracticeDone.objects.count()
    )  # fmt: skip
