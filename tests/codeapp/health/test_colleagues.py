"""What the code's keepers see of the teams (issue 17): the spread of practice answers per norm,
norms teams marked unclear or missing, units without a session, and the integrity themes —
on the dashboard, in the agenda suggestion and in the downloads; aggregated, never who."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from codeapp.codes.addresses import working_on
from codeapp.health import views as health_views
from codeapp.health.findings import health_report
from codeapp.health.models import IntegrityTheme
from core.models import Code
from people.models import Unit
from reflection.models import (
    Case,
    DilemmaOption,
    LiveAnswer,
    LiveDilemma,
    LiveParticipant,
    LiveSession,
    NormSignal,
    PracticeTally,
    Session,
)
from tests.helpers import add_norm, add_value, signed_in

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 15)
DASHBOARD = reverse("codeapp:health")
CSV = reverse("codeapp:health-report-csv")
PDF = reverse("codeapp:health-report-pdf")


# --- building the rows the other pages make ---------------------------------------------------


def dilemma(norms, counts: list[int], title: str = "Een fles wijn", unit=None) -> Case:
    """A practice dilemma about `norms` with one option per count, answered alone that often."""
    case = Case.objects.create(title=title, situation="Een leverancier stuurt wijn.", practice=True)
    case.norms.add(*norms)
    for i, count in enumerate(counts):
        option = DilemmaOption.objects.create(case=case, position=i, text=f"Keuze {i}")
        if count:
            PracticeTally.objects.create(option=option, unit=unit, count=count)
    return case


_codes = iter(range(100_000, 999_999))


def live_session(unit=None, title: str = "Teamoverleg") -> LiveSession:
    """A closed live session of the active code, held by `unit`."""
    now = timezone.now()
    return LiveSession.objects.create(
        title=title, unit=unit, join_code=str(next(_codes)), state=LiveSession.State.CLOSED,
        expires_at=now, closed_at=now,
    )  # fmt: skip


def live_answers(live: LiveSession, case: Case, per_option: list[int]) -> None:
    """Answers of phones in `live` to `case`: per_option[i] phones chose option i."""
    item = LiveDilemma.objects.create(live=live, case=case, position=case.pk)
    options = list(case.options.all())
    for i, n in enumerate(per_option):
        for _ in range(n):
            phone = LiveParticipant.objects.create(
                live=live, token=f"t{LiveParticipant.objects.count()}"
            )
            LiveAnswer.objects.create(dilemma=item, participant=phone, option=options[i])


def signal(live, kind, norm=None, text="", value=None) -> NormSignal:
    return NormSignal.objects.create(live=live, kind=kind, norm=norm, text=text, value=value)


# --- norms where colleagues disagree ----------------------------------------------------------


def test_a_norm_whose_dilemma_divides_colleagues_is_flagged_with_its_spread(code):
    dilemma([code["gifts"]], [3, 3, 1], title="Wijn van een leverancier")
    dilemma([code["bribes"]], [9, 1], title="Een envelop")

    report = health_report(TODAY)

    by_norm = {d.norm.key: d for d in report.disputes}
    gifts, bribes = by_norm["geschenken"], by_norm["steekpenningen"]
    assert gifts.case_answers == 7 and gifts.top_share == pytest.approx(300 / 7)
    assert gifts.disputed and gifts.level == "high" and 0.8 < gifts.spread < 1
    assert bribes.top_share == 90 and not bribes.disputed and bribes.level == "low"
    assert [d.norm.key for d in report.disputed] == ["geschenken"]
    assert report.disputes[0] is gifts  # the most divided first


def test_one_rule_for_disagreeing_on_the_dashboard_and_the_csv(code, editor, manager):
    """64% for one course of action is agreement, however wide the rest is spread: not flagged
    in the tile, the table, the CSV or the PDF, though the table still lists the norm."""
    dilemma([code["gifts"]], [3, 3], title="Wijn van een leverancier")  # 50%: disagree
    dilemma([code["bribes"]], [16, 9], title="Een envelop")  # 64%, spread 0,94

    report = health_report(TODAY)
    bribes = next(d for d in report.disputes if d.norm.key == "steekpenningen")
    assert round(bribes.top_share) == 64 and bribes.spread > 0.8 and not bribes.disputed
    assert [d.norm.key for d in report.disputed] == ["geschenken"]

    client = signed_in(editor)
    page = client.get(DASHBOARD).content.decode()
    assert page.count('<span class="health-flag">colleagues disagree</span>') == 1
    assert "How colleagues answered the practice dilemmas, per norm" in page
    assert "Een envelop" in page  # listed, not flagged
    rows = list(csv.reader(io.StringIO(client.get(CSV).content.decode("utf-8-sig"))))
    assert ["at a glance", "", "norms where colleagues disagree", "1"] in rows
    assert ["practice answers", bribes.label, "colleagues disagree", "no"] in rows


def test_practice_tallies_and_live_answers_count_together(code, manager):
    team = Unit.objects.get(name="Team Noord")
    case = dilemma([code["gifts"]], [2, 0], unit=team)
    PracticeTally.objects.create(option=case.options.first(), unit=None, count=1)
    live_answers(live_session(team), case, [0, 3])

    [dispute] = health_report(TODAY).disputes

    assert dispute.case_answers == 6  # 2 + 1 alone, 3 in the team session
    assert dispute.top_share == 50 and dispute.disputed


def test_only_dilemmas_with_the_minimum_number_of_answers_count(code, settings):
    settings.PRACTICE_MIN_ANSWERS = 6
    dilemma([code["gifts"]], [3, 2])  # 5 answers: too few
    dilemma([code["bribes"]], [3, 3], title="Een envelop")  # 6: counts

    assert [d.norm.key for d in health_report(TODAY).disputes] == ["steekpenningen"]

    settings.PRACTICE_MIN_ANSWERS = 5
    assert len(health_report(TODAY).disputes) == 2


def test_without_the_setting_five_answers_are_the_minimum(code, settings):
    del settings.PRACTICE_MIN_ANSWERS
    dilemma([code["gifts"]], [2, 2])
    assert health_report(TODAY).disputes == []
    dilemma([code["bribes"]], [3, 2], title="Een envelop")
    assert [d.norm.key for d in health_report(TODAY).disputes] == ["steekpenningen"]


def test_a_dilemma_that_is_no_longer_for_practice_does_not_count(code):
    case = dilemma([code["gifts"]], [3, 3])
    Case.objects.filter(pk=case.pk).update(practice=False)
    assert health_report(TODAY).disputes == []


# --- norms marked unclear or missing by teams -------------------------------------------------


def test_signals_are_grouped_per_norm_with_teams_and_the_last_date(code, manager):
    north = Unit.objects.get(name="Team Noord")
    south = Unit.objects.create(name="Team Zuid", parent=north.parent)
    first, second, third = live_session(north), live_session(north), live_session(south)
    signal(first, "unclear", code["gifts"])
    signal(second, "unclear", code["gifts"])  # the same team again
    signal(third, "unclear", code["gifts"])
    signal(third, "missing", code["gifts"], text="Wat doe je met een taart?")
    signal(first, "missing", text="Iets over sociale media", value=code["expertise"])
    signal(live_session(None), "unclear", code["learn"])

    report = health_report(TODAY)

    gifts, learn = report.signals
    assert gifts.norm == code["gifts"] and gifts.unclear_teams == 2 and gifts.missing_teams == 1
    assert gifts.last == timezone.localdate()
    assert learn.unclear_teams == 1  # a session without a unit is a team of its own
    assert [n.norm for n in report.unclear_norms] == [code["gifts"], code["learn"]]
    missing = {m.text: m for m in report.missing}
    assert missing["Wat doe je met een taart?"].near == "1.1 Geschenken melden"
    assert missing["Wat doe je met een taart?"].team == "Afdeling Dienstverlening / Team Zuid"
    assert missing["Iets over sociale media"].near == "2 Deskundigheid"


def test_a_signal_on_another_code_does_not_show(code, editor, manager):
    council = Code.objects.create(slug="raad", name="Gedragscode raadsleden", audience="council")
    with working_on(council):
        honesty = add_value(editor, "Eerlijkheid", key="eerlijkheid")
        theirs = add_norm(editor, honesty, "Belangen melden", key="belangen")
        live = live_session(Unit.objects.get(name="Team Noord"))
        signal(live, "unclear", theirs)
        signal(live, "missing", text="Iets over lobbyisten")
        case = dilemma([theirs], [3, 3])
        live_answers(live, case, [1, 1])
        Session.objects.create(
            title="Raad", date=TODAY, format="dilemma", held=True,
            unit=Unit.objects.get(name="Team Noord"),
        )  # fmt: skip
        assert len(health_report(TODAY).signals) == 1
        assert health_report(TODAY).quiet_units == []

    report = health_report(TODAY)

    assert report.signals == [] and report.missing == []
    assert report.disputes == []  # their dilemma is about their norm
    assert [u.name for u in report.quiet_units] == ["Afdeling Dienstverlening", "Team Noord"]
    page = signed_in(editor).get(DASHBOARD).content.decode()
    assert "lobbyisten" not in page and "Belangen melden" not in page


def test_the_dashboard_names_no_team_lead(code, editor, manager):
    live = live_session(Unit.objects.get(name="Team Noord"))
    live.lead = manager
    live.save()
    signal(live, "missing", text="Iets over thuiswerken")

    page = signed_in(editor).get(DASHBOARD).content.decode()

    assert "Iets over thuiswerken" in page and "Team Noord" in page
    assert manager.username not in page and (manager.get_full_name() or "§") not in page


# --- units without a session in 12 months -----------------------------------------------------


def _tree() -> dict[str, Unit]:
    top = Unit.objects.create(name="Gemeente")
    dept = Unit.objects.create(name="Afdeling Burgerzaken", parent=top)
    units = {
        "top": top, "dept": dept,
        "a": Unit.objects.create(name="Team A", parent=dept),
        "b": Unit.objects.create(name="Team B", parent=dept),
        "c": Unit.objects.create(name="Team C", parent=top),
    }  # fmt: skip
    return units


def held(unit, day, held=True) -> Session:
    return Session.objects.create(title="S", date=day, format="dilemma", held=held, unit=unit)


def test_units_without_a_held_session_in_twelve_months_are_listed(db):
    units = _tree()
    held(units["a"], TODAY - datetime.timedelta(days=30))  # recent: counts for its parents too
    held(units["b"], datetime.date(2025, 11, 1))  # more than 12 months ago
    held(units["c"], TODAY + datetime.timedelta(days=10), held=False)  # planned only

    report = health_report(TODAY)

    quiet = {u.name: u for u in report.quiet_units}
    assert set(quiet) == {"Team B", "Team C"}
    assert quiet["Team B"].last == datetime.date(2025, 11, 1)
    assert quiet["Team B"].path == "Gemeente / Afdeling Burgerzaken / Team B"
    assert quiet["Team C"].last is None
    assert report.unit_total == 5


def test_a_session_recorded_by_hand_or_from_a_live_session_counts(db):
    units = _tree()
    held(units["b"], TODAY)  # by hand
    record = held(units["c"], TODAY - datetime.timedelta(days=3))
    LiveSession.objects.filter(pk=live_session(units["c"]).pk).update(record=record)

    assert [u.name for u in health_report(TODAY).quiet_units] == ["Team A"]


def test_the_session_form_records_the_unit(code, editor, manager):
    team = Unit.objects.get(name="Team Noord")
    client = signed_in(editor)
    form = client.get(reverse("reflection:session-create")).content.decode()
    assert "Afdeling Dienstverlening / Team Noord" in form

    response = client.post(
        reverse("reflection:session-create"),
        {"title": "Teamoverleg", "date": "2026-01-10", "format": "dilemma", "held": "on",
         "external_facilitator": "Bureau X", "unit": str(team.pk), "revision": "0"},
    )  # fmt: skip

    assert response.status_code == 302, response.content.decode()[:3000]
    assert Session.objects.get(title="Teamoverleg").unit == team
    bad = client.post(
        reverse("reflection:session-create"),
        {"title": "Fout", "date": "2026-01-10", "format": "dilemma", "unit": "987654",
         "revision": "0"},
    )  # fmt: skip
    assert "Select a valid choice" in bad.content.decode()
    assert not Session.objects.filter(title="Fout").exists()


# --- integrity themes -------------------------------------------------------------------------


def test_every_installation_has_the_default_themes(db):
    names = list(IntegrityTheme.objects.values_list("name_en", flat=True))
    assert 10 <= len(names) <= 14
    assert names[:3] == ["Gifts and invitations", "Side activities", "Conflicts of interest"]
    assert "Reporting misconduct" in names and "Social media" in names


def test_themes_show_their_norms_and_uncovered_ones_are_flagged_with_suggestions(code):
    gifts_theme = IntegrityTheme.objects.get(name_en="Gifts and invitations")
    gifts_theme.norms.add(code["gifts"])

    report = health_report(TODAY)

    by_name = {t.theme.name_en: t for t in report.themes}
    assert by_name["Gifts and invitations"].norms == [(code["gifts"], "1.1")]
    assert by_name["Gifts and invitations"].covered
    side = by_name["Side activities"]
    assert not side.covered and side.suggestions == []
    assert len(report.uncovered_themes) == len(report.themes) - 1


def test_an_uncovered_theme_suggests_norms_from_its_keywords(code, editor):
    value = code["honesty"]
    add_norm(
        editor, value, "Nevenwerk melden", text="Je meldt nevenwerkzaamheden.", key="nevenwerk"
    )

    report = health_report(TODAY)

    side = next(t for t in report.themes if t.theme.name_en == "Side activities")
    assert [norm.key for norm, _number in side.suggestions] == ["nevenwerk"]
    gifts = next(t for t in report.themes if t.theme.name_en == "Gifts and invitations")
    # Every norm of the `code` fixture has the text "Je meldt elk geschenk."
    assert [norm.key for norm, _number in gifts.suggestions][0] == "geschenken"


def test_another_codes_mapping_does_not_cover_a_theme_here(code, editor):
    council = Code.objects.create(slug="raad", name="Gedragscode raadsleden", audience="council")
    theme = IntegrityTheme.objects.get(name_en="Side activities")
    with working_on(council):
        honesty = add_value(editor, "Eerlijkheid", key="eerlijkheid")
        theme.norms.add(add_norm(editor, honesty, "Nevenfuncties", key="neven"))
        assert next(t for t in health_report(TODAY).themes if t.theme == theme).covered

    assert not next(t for t in health_report(TODAY).themes if t.theme == theme).covered


# --- the agenda and the downloads -------------------------------------------------------------


def _everything(code, manager):
    team = Unit.objects.get(name="Team Noord")
    case = dilemma([code["learn"]], [3, 3], title="Cursus of klant")
    signal(live_session(team), "unclear", code["bribes"])
    signal(live_session(team), "missing", text="Iets over sociale media")
    IntegrityTheme.objects.get(name_en="Gifts and invitations").norms.add(code["gifts"])
    return case


def test_the_agenda_suggests_what_teams_found_unclear_or_disagree_on(code, manager):
    case = _everything(code, manager)

    agenda = health_report(TODAY).agenda

    whys = {norm.key: why for norm, _number, why in agenda.norms}
    assert "unclear to 1 team" in whys["steekpenningen"]
    assert "colleagues disagree on “Cursus of klant” (most chosen: 50%)" in whys["bijblijven"]
    assert agenda.cases[0] == case
    assert "Side activities" in agenda.themes and "Gifts and invitations" not in agenda.themes
    assert agenda.quiet_units == [
        "Afdeling Dienstverlening",
        "Afdeling Dienstverlening / Team Noord",
    ]
    assert agenda.quiet_unit_count == 2


def test_planning_from_the_agenda_carries_the_themes_and_units(code, officer, manager):
    _everything(code, manager)

    signed_in(officer).post(reverse("codeapp:health-agenda-plan"))

    notes = Session.objects.get(held=False).insights
    assert "Themes no norm covers yet:" in notes and "Side activities" in notes
    assert "Units without a session: Afdeling Dienstverlening" in notes


def test_the_dashboard_shows_all_four(code, editor, manager):
    _everything(code, manager)

    page = signed_in(editor).get(DASHBOARD).content.decode()

    for heading in ("disputes-heading", "signals-heading", "units-heading", "themes-heading"):
        assert f'id="{heading}"' in page
    assert (
        "Colleagues disagree on a norm when, in its most divided dilemma, no course of action "
        "was chosen by more than 60% of them." in page
    )
    assert "Cursus of klant" in page and "Iets over sociale media" in page
    assert "no norm covers it" in page
    assert "style=" not in page


def test_the_csv_carries_it_all_aggregated(code, editor, manager):
    _everything(code, manager)

    rows = list(csv.reader(io.StringIO(signed_in(editor).get(CSV).content.decode("utf-8-sig"))))

    assert ["at a glance", "", "norms where colleagues disagree", "1"] in rows
    assert ["at a glance", "", "norms marked unclear by teams", "1"] in rows
    assert ["at a glance", "", "units without a session in 12 months", "2 / 2"] in rows
    assert ["practice answers", "2.1 Bijblijven", "most chosen course of action", "50%"] in rows
    assert ["practice answers", "2.1 Bijblijven", "colleagues disagree", "yes"] in rows
    assert ["marked by teams", "1.2 Geen steekpenningen", "teams: unclear", "1"] in rows
    today = timezone.localdate().isoformat()
    team = "Afdeling Dienstverlening / Team Noord"
    assert ["missing norm", "Iets over sociale media", "–", f"{team}, {today}"] in rows
    assert ["units without a session", "Afdeling Dienstverlening / Team Noord", "last session",
            "never"] in rows  # fmt: skip
    assert ["integrity themes", "Gifts and invitations", "norms that cover it",
            "1.1 Geschenken melden"] in rows  # fmt: skip
    assert ["integrity themes", "Side activities", "no norm covers it", "yes"] in rows
    assert ["agenda", "Side activities", "theme no norm covers", ""] in rows


def test_the_pdf_carries_it_all(code, editor, manager, monkeypatch):
    _everything(code, manager)
    made = {}

    def capture(html, *args, **kwargs):
        made["html"] = html
        return b"%PDF-1.7"

    monkeypatch.setattr(health_views, "pdf_from_html", capture)

    response = signed_in(editor).get(PDF)

    assert response.status_code == 200
    html = made["html"]
    assert "norms where colleagues disagree" in html and "integrity themes no norm covers" in html
    assert "Iets over sociale media" in html and "Cursus of klant" in html


# --- bounded queries --------------------------------------------------------------------------


def _crafted(editor, size: int) -> None:
    top = Unit.objects.create(name="Organisatie")
    value = add_value(editor, "Waarde", key="waarde")
    for i in range(size):
        unit = Unit.objects.create(name=f"Team {i}", parent=top)
        norm = add_norm(editor, value, f"Norm {i}", key=f"norm-{i}")
        case = dilemma([norm], [3, 2, 1], title=f"Dilemma {i}", unit=unit)
        live = live_session(unit)
        live_answers(live, case, [1, 1, 0])
        signal(live, "unclear", norm)
        signal(live, "missing", text=f"Mis {i}", norm=norm)
        held(unit, TODAY - datetime.timedelta(days=400 * (i % 2)))
        IntegrityTheme.objects.order_by("pk")[i % 5].norms.add(norm)


@pytest.mark.parametrize("size", [2, 12])
def test_the_dashboard_and_downloads_need_the_same_queries_whatever_the_size(
    size, editor, django_assert_max_num_queries
):
    _crafted(editor, size)
    client = signed_in(editor)

    for url in (DASHBOARD, CSV):
        with django_assert_max_num_queries(28):
            assert client.get(url).status_code == 200


def test_the_dashboard_says_it_in_dutch(code, editor, manager):
    from django.test import Client
    from django.utils import translation

    _everything(code, manager)
    client = Client(headers={"accept-language": "nl"})
    client.force_login(editor)

    with translation.override("nl"):
        page = client.get(DASHBOARD).content.decode()

    assert "Hoe collega's de oefendilemma's beantwoordden, per norm" in page
    assert "2 teams en afdelingen hielden geen bijeenkomst in 12 maanden" in page
    today = timezone.localdate()
    quarter = f"Dit kwartaal ({(today.month - 1) // 3 + 1}e kwartaal {today.year}):"
    assert quarter in page and "het doel is" in page
    assert "„Iets over sociale media”" in page
    assert "een team is zijn afdeling" not in page
    assert "Geschenken en uitnodigingen" in page and "geen norm gaat erover" in page


def test_the_pdf_with_all_of_it_is_an_accessible_pdf(code, editor, manager):
    from tests.helpers.pdfs import assert_accessible_pdf

    _everything(code, manager)

    response = signed_in(editor).get(PDF)

    assert_accessible_pdf(response.content, language="en", title="Code health")


def test_long_lists_stop_on_the_page_and_the_csv_has_them_all(code, editor, monkeypatch):
    from codeapp.health import report as health_report_module

    monkeypatch.setattr(health_report_module, "LISTED", 1)
    live = live_session(None)
    for text in ("Iets over thuiswerken", "Iets over reizen"):
        signal(live, "missing", text=text)
    for norm in (code["gifts"], code["bribes"]):
        signal(live, "unclear", norm)
    client = signed_in(editor)

    page = client.get(DASHBOARD).content.decode()
    rows = client.get(CSV).content.decode("utf-8-sig")

    assert "The 1 newest of 2. The CSV report has them all." in page
    assert "The 1 norms most teams marked, of 2. The CSV report has every norm." in page
    assert "Iets over thuiswerken" in rows and "Iets over reizen" in rows
