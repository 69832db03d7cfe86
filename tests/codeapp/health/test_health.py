"""Each finding and score of the code health assessment, on crafted codes."""

import datetime

import pytest
from django.utils import timezone

from codeapp.health.findings import assess, health_report, next_session_date
from codeapp.health.report import months_before
from codeapp.health.rows import load_rows
from codeapp.models import CodeProfile, HealthSettings
from codeapp.reading.confirming import version_confirm
from codeapp.versions.services import version_publish
from core.services import item_set_retired
from reflection.models import Case, Proposal, Session
from tests.helpers import add_example, add_norm, add_value

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 15)
# Short words, short sentences: plain Dutch.
PLAIN = "Je meldt elk geschenk. Dat doe je snel. Zo weet je baas het."
# One long sentence of long words: far above B1.
HARD = (
    "Medewerkers dienen zich te onthouden van nevenwerkzaamheden waarvan redelijkerwijs "
    "verondersteld kan worden dat deze onverenigbaar zijn met de zorgvuldige uitoefening "
    "van hun functie, de onafhankelijkheid van het bestuursorgaan en de integriteit "
    "van de organisatie als geheel."
)


def report(**settings):
    """The report on TODAY, with the default settings or with the ones given."""
    return assess(load_rows(), HealthSettings(**settings), TODAY)


def test_it_flags_every_value_of_a_code_that_only_prohibits(editor):
    for name in ("Eerlijkheid", "Respect"):
        value = add_value(editor, name)
        add_norm(editor, value, f"Niet liegen {name}", "prohibition")
        add_norm(editor, value, f"Niet pesten {name}", "prohibition")

    result = report()

    assert [b.value.name for b in result.only_prohibiting] == ["Eerlijkheid", "Respect"]
    assert result.balance[0].counts == {"prohibition": 2, "obligation": 0, "aspiration": 0}
    assert result.balance[0].share("prohibition") == 100


def test_it_does_not_flag_a_value_with_a_mix_of_kinds(code):
    result = report()

    honesty = result.balance[0]
    assert not honesty.only_prohibits
    assert honesty.share("prohibition") == 50 and honesty.share("obligation") == 50
    assert result.only_prohibiting == []


def test_it_finds_a_value_without_norms_and_links_to_it(code, editor):
    add_value(editor, "Betrouwbaarheid", key="betrouwbaar")

    result = report()

    finding = next(f for f in result.structure if "betrouwbaar" in f.url)
    assert finding.label == "3 Betrouwbaarheid"
    assert finding.url == "/draft/#value-betrouwbaar"
    assert "without norms" in finding.problem
    assert result.balance[2].total == 0 and not result.balance[2].only_prohibits


def test_it_finds_norms_without_examples(code):
    result = report()

    urls = [f.url for f in result.structure if "without examples" in f.problem]
    assert urls == ["/draft/#norm-steekpenningen", "/draft/#norm-bijblijven"]


def test_it_finds_a_norm_whose_related_value_is_retired(code, editor):
    spare = add_value(editor, "Oud", key="oud")
    code["gifts"].related_values = ["oud", "bestaat-niet"]
    code["gifts"].save()
    item_set_retired(item=spare, retired=True, user=editor)

    finding = next(f for f in report().structure if "retired or unknown" in f.problem)

    assert finding.url == "/draft/norms/geschenken/edit/"
    assert "oud, bestaat-niet" in finding.problem


def test_it_finds_examples_of_a_retired_norm_and_cases_without_norms(code, editor):
    norm = add_norm(editor, code["expertise"], "Weg", key="weg")
    add_example(editor, norm, "Blijft over", key="over")
    norm.retired = True
    norm.save()
    linked = Case.objects.create(title="Met norm", situation="x")
    linked.norms.add(code["gifts"])
    Case.objects.create(title="Zonder norm", situation="x")

    problems = {f.label: f for f in report().structure}

    assert problems["Blijft over"].url == "/draft/examples/over/edit/"
    assert "mentions no norm" in problems["Zonder norm"].problem
    assert "Met norm" not in problems


def test_it_scores_each_norm_in_the_codes_language_and_flags_it_above_b1(editor):
    value = add_value(editor, "Eerlijkheid")
    add_norm(editor, value, "Eenvoudig", text=PLAIN)
    add_norm(editor, value, "Moeilijk", text=HARD)

    plain, hard = report().clarity

    assert plain.score > 60 and not plain.above_b1 and plain.words == 13
    assert hard.score < 30 and hard.above_b1 and hard.words_per_sentence == hard.words
    assert plain.number == "1.1" and hard.number == "1.2"


def test_the_b1_minimum_is_the_organisations(editor):
    add_norm(editor, add_value(editor), text=PLAIN)
    score = report().clarity[0].score

    assert not report(b1_minimum=int(score)).clarity[0].above_b1
    assert report(b1_minimum=int(score) + 1).clarity[0].above_b1


def test_english_codes_are_scored_as_english(editor):
    profile = CodeProfile.current()
    profile.language = "en"
    profile.save()
    add_norm(editor, add_value(editor), text="You report every gift. You do it soon.")

    result = report()

    assert result.language == "en" and result.clarity[0].score > 80


def test_it_flags_more_norms_than_the_thresholds(code):
    result = report(max_norms_per_value=1, max_norms_total=2)

    labels = [f.label for f in result.size]
    assert labels == ["The whole code", "1 Eerlijkheid"]
    assert result.size[1].url == "/draft/#value-eerlijkheid"
    assert report().size == []


def _proposal(number: int, **fields) -> Proposal:
    return Proposal.objects.create(
        number=number, title=f"Voorstel {number}", action="reword", target="norm",
        rationale="x", origin="other", **fields,
    )  # fmt: skip


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def test_last_discussed_is_the_latest_session_case_or_proposal(code, editor):
    held = Session.objects.create(
        title="Held", date=datetime.date(2026, 3, 1), format="dilemma", held=True
    )
    held.norms_discussed.add(code["gifts"])
    planned = Session.objects.create(
        title="Planned", date=datetime.date(2026, 12, 1), format="dilemma"
    )
    planned.norms_discussed.add(code["bribes"])
    case = Case.objects.create(title="Zaak", situation="x")
    case.norms.add(code["bribes"])
    Case.objects.filter(pk=case.pk).update(created_at=_at(datetime.date(2024, 5, 1)))
    _proposal(1, norm=code["learn"], state="submitted", proposer=editor,
              submitted_at=_at(datetime.date(2026, 10, 1)))  # fmt: skip
    _proposal(2, norm=code["learn"], state="draft", proposer=editor)

    result = report()

    gifts, bribes, learn = result.norm_discussions
    assert (gifts.last, gifts.how, gifts.neglected) == (datetime.date(2026, 3, 1), "session", False)
    assert (bribes.last, bribes.how, bribes.neglected) == (datetime.date(2024, 5, 1), "case", True)
    assert (learn.last, learn.how) == (datetime.date(2026, 10, 1), "proposal")
    honesty, expertise = result.value_discussions
    assert honesty.last == datetime.date(2026, 3, 1)  # through its norm
    assert expertise.last == datetime.date(2026, 10, 1)


def test_never_discussed_items_are_neglected_and_counted(code):
    result = report()

    assert all(d.neglected and d.last is None for d in result.norm_discussions)
    assert result.recency[-1][1] == 3
    assert [d.label for d in result.neglected_values] == ["1 Eerlijkheid", "2 Deskundigheid"]


def test_the_neglect_period_is_the_organisations(code):
    session = Session.objects.create(
        title="S", date=datetime.date(2026, 5, 1), format="dilemma", held=True
    )
    session.norms_discussed.add(code["gifts"])

    assert not report().norm_discussions[0].neglected
    assert report(months_until_neglected=3).norm_discussions[0].neglected


def test_cadence_counts_held_and_planned_sessions_per_quarter_against_the_target(db):
    for day, held in [((2026, 10, 5), True), ((2026, 12, 1), False), ((2026, 2, 1), True)]:
        Session.objects.create(title="S", date=datetime.date(*day), format="dilemma", held=held)

    cadence = report(sessions_per_quarter=2).cadence

    assert len(cadence) == 8
    assert [(q.label, q.held, q.planned) for q in cadence[-4:]] == [
        ("2026 Q1", 1, 0), ("2026 Q2", 0, 0), ("2026 Q3", 0, 0), ("2026 Q4", 1, 1),
    ]  # fmt: skip
    assert cadence[-1].on_target and not cadence[-4].on_target


def test_decision_times_and_open_proposals(code, editor, officer):
    start = _at(datetime.date(2026, 1, 1))
    for number, days in [(1, 2), (2, 4), (3, 12)]:
        _proposal(
            number, norm=code["gifts"], state="approved", proposer=editor, submitted_at=start,
            decided_at=start + datetime.timedelta(days=days), decided_by=officer,
            decision_reason="ok",
        )  # fmt: skip
    _proposal(4, norm=code["gifts"], state="submitted", proposer=editor, submitted_at=start)

    decisions = report().decisions

    assert decisions.decided == 3
    assert decisions.median_days == 4 and decisions.mean_days == 6
    assert [p.number for p in decisions.open] == [4]


def test_confirmation_coverage_of_the_version_in_force(code, editor, officer, employee):
    version = version_publish(
        user=officer, effective_from=datetime.date(2025, 1, 1), established_by="B&W",
        change_summary="",
        retroactive=True, retroactive_reason="Besluit met terugwerkende kracht.",
    )  # fmt: skip
    version_confirm(user=employee, version=version)

    coverage = health_report().coverage

    assert coverage.version.number == 1
    assert (coverage.confirmed, coverage.total) == (1, 3)
    assert round(coverage.percentage) == 33


def test_the_agenda_suggests_stale_and_asked_about_norms_with_their_cases(code, editor):
    for norm in (code["gifts"], code["bribes"]):
        session = Session.objects.create(
            title="S", date=datetime.date(2026, 10, 1), format="dilemma", held=True
        )
        session.norms_discussed.add(norm)
    case = Case.objects.create(title="Diner", situation="x")
    case.norms.add(code["bribes"])
    Case.objects.filter(pk=case.pk).update(created_at=_at(datetime.date(2026, 1, 1)))
    _proposal(1, norm=code["bribes"], state="submitted", proposer=editor, submitted_at=_at(TODAY))

    agenda = report().agenda

    picked = [(number, why) for _norm, number, why in agenda.norms]
    assert picked == [
        ("2.1", "never discussed"),  # Bijblijven
        ("1.1", "last discussed on Oct. 1, 2026"),
        ("1.2", "last discussed on Nov. 15, 2026; 2 proposals or cases about it"),
    ]
    assert agenda.cases == [case]
    assert agenda.date == datetime.date(2026, 12, 1)


def test_next_session_date_is_a_tuesday_at_least_two_weeks_ahead():
    assert next_session_date(datetime.date(2026, 11, 15)) == datetime.date(2026, 12, 1)
    assert next_session_date(datetime.date(2026, 11, 17)) == datetime.date(2026, 12, 1)


def test_months_before_keeps_to_the_end_of_short_months():
    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 1, 15), 12) == datetime.date(2025, 1, 15)


def test_an_empty_code_has_an_empty_report(db):
    result = report()

    assert result.agenda.is_empty
    assert result.structure == [] and result.balance == [] and result.clarity == []
