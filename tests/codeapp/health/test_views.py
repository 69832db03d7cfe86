"""The code health pages: dashboard, report downloads, settings and planning the next session."""

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from codeapp.health import report as health_report
from codeapp.models import HealthSettings
from codeapp.versions.services import version_publish
from core.services import item_update
from reflection.models import Case, Proposal, Session
from reflection.services.proposals import proposal_create, proposal_submit
from tests.helpers import add_example, add_norm, add_value, signed_in
from tests.helpers.pdfs import assert_accessible_pdf

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("codeapp:health")
SETTINGS = reverse("codeapp:health-settings")
PLAN = reverse("codeapp:health-agenda-plan")
CSV = reverse("codeapp:health-report-csv")
PDF = reverse("codeapp:health-report-pdf")

GOOD_SETTINGS = {
    "max_norms_per_value": "6", "max_norms_total": "40", "sessions_per_quarter": "3",
    "months_until_neglected": "9", "b1_minimum": "55", "revision": "0",
}  # fmt: skip


def test_the_dashboard_shows_each_area_with_links_to_fix(code, editor):
    add_value(editor, "Betrouwbaarheid", key="betrouwbaar")

    page = signed_in(editor).get(DASHBOARD).content.decode()

    assert 'href="/draft/#value-betrouwbaar"' in page
    assert 'href="/draft/norms/geschenken/edit/"' in page  # clarity row
    assert 'role="img"' in page and "<table" in page
    assert "Plan this session" in page
    assert "style=" not in page


def test_the_dashboard_shows_officers_the_settings_link(code, officer, editor):
    settings_link = f'href="{SETTINGS}"'

    assert settings_link in signed_in(officer).get(DASHBOARD).content.decode()
    assert settings_link not in signed_in(editor).get(DASHBOARD).content.decode()


def _crafted_code(editor, values: int, norms: int, examples: int) -> None:
    for v in range(values):
        value = add_value(editor, f"Waarde {v}", key=f"w{v}")
        for n in range(norms):
            norm = add_norm(editor, value, f"Norm {v}.{n}", key=f"n{v}-{n}")
            for e in range(examples):
                add_example(editor, norm, f"Voorbeeld {v}.{n}.{e}", key=f"e{v}-{n}-{e}")
            case = Case.objects.create(title=f"Zaak {v}.{n}", situation="x")
            case.norms.add(norm)
            session = Session.objects.create(
                title="S", date=f"2026-01-{1 + n % 9:02d}", format="dilemma", held=True
            )
            session.norms_discussed.add(norm)
            session.cases.add(case)


# 27 today: sign-in and permissions, the settings, and load_rows() (with the practice answers,
# the teams' marks, the units and the integrity themes); the same for any size.
QUERY_BOUND = 28


@pytest.mark.parametrize("size", [(2, 1, 1), (10, 10, 3)])
def test_the_dashboard_needs_the_same_queries_whatever_the_size(
    size, editor, django_assert_max_num_queries
):
    _crafted_code(editor, *size)
    client = signed_in(editor)

    with django_assert_max_num_queries(QUERY_BOUND):
        response = client.get(DASHBOARD)

    assert response.status_code == 200


def test_the_dashboard_lists_the_hardest_norms_first_and_leaves_the_rest_to_the_csv(
    code, editor, monkeypatch
):
    # A 1,000-norm code made a dashboard of 3,000 rows; each list now stops at LISTED.
    monkeypatch.setattr(health_report, "LISTED", 2)
    item_update(
        item=code["learn"], expected_revision=1, user=editor,
        changes={"text": "Wij verwachten onvoorwaardelijke professionaliteitsontwikkeling."},
    )  # fmt: skip

    page = signed_in(editor).get(DASHBOARD).content.decode()

    clarity = page[page.index('id="clarity-heading"') : page.index('id="alive-heading"')]
    rows = re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', clarity)
    assert rows[0] == "2.1 Bijblijven"
    assert len(rows) == 2
    assert "The 2 hardest texts of 3 norms. The CSV report has every norm." in clarity
    assert "The first 2 of 3 norms. The CSV report has every norm." in page
    assert "The 2 norms discussed longest ago of 3. The CSV report has every norm." in page


def test_the_csv_report_has_the_figures_and_findings(code, editor):
    response = signed_in(editor).get(CSV)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["area", "item", "measure", "value"]
    assert ["balance", "1 Eerlijkheid", "Prohibition (must not)", "1 (50%)"] in rows
    assert ["clarity", "1.1 Geschenken melden", "words", "4"] in rows
    assert ["last discussed", "2.1 Bijblijven", "", "never"] in rows
    assert ["finding", "1.2 Geen steekpenningen", "structure", "Norm without examples."] in rows


def test_the_csv_report_carries_every_flag_of_the_dashboard(code, editor, officer):
    integrity = add_value(editor, "Integriteit", key="integriteit")
    add_norm(editor, integrity, "Geen nevenbanen", "prohibition", key="nevenbanen")
    proposal = proposal_create(
        proposal=Proposal(
            title="Bijblijven verplicht", action="reword", target="norm", norm=code["learn"],
            proposed={"kind": "obligation"}, rationale="-", origin="other",
        ),
        user=editor,
    )  # fmt: skip
    proposal_submit(proposal=proposal, user=editor)
    version_publish(
        user=officer, effective_from=timezone.localdate(), established_by="De directie",
        change_summary="",
    )  # fmt: skip
    client = signed_in(editor)
    dashboard = client.get(DASHBOARD).content.decode()

    rows = list(csv.reader(io.StringIO(client.get(CSV).content.decode("utf-8-sig"))))

    # What the dashboard flags, the download says too.
    assert "only prohibits" in dashboard and "needs attention" in dashboard
    assert "below target" in dashboard
    assert ["balance", "3 Integriteit", "only prohibits", "yes"] in rows
    assert ["last discussed", "1.2 Geen steekpenningen", "needs attention", "yes"] in rows
    assert ["at a glance", "", "values that only prohibit", "1 / 3"] in rows
    assert any(r[0] == "sessions" and r[2:] == ["below target", "yes"] for r in rows)
    assert ["proposals", str(proposal), "days waiting", "0"] in rows
    assert ["confirmations", "v1", "share", "0%"] in rows
    assert ["clarity", "1.1 Geschenken melden", "reads as", "very easy"] in rows
    assert any(r[0] == "agenda" and r[2] == "norm to discuss" for r in rows)


def test_the_csv_report_keeps_a_formula_in_a_title_as_text(editor):
    Case.objects.create(title="=HYPERLINK(1)", situation="x")

    response = signed_in(editor).get(CSV)

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [
        "finding",
        "'=HYPERLINK(1)",
        "structure",
        "Case that mentions no norm of the code.",
    ] in rows
    assert all(not cell.startswith("=") for row in rows for cell in row)


def test_the_pdf_report_is_a_pdf(code, editor):
    response = signed_in(editor).get(PDF)

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    tagged = assert_accessible_pdf(response.content, language="en", title="Code health")
    assert tagged.structure.count("H2") == 3
    assert tagged.structure.count("Figure") == 2  # the charts, each with its alternate text


# --- settings -------------------------------------------------------------------------------


def test_an_officer_changes_the_settings_and_history_records_who(officer):
    response = signed_in(officer).post(SETTINGS, {**GOOD_SETTINGS, "reason": "Jaarplan"})

    assert response.status_code == 302
    saved = HealthSettings.current()
    assert (saved.max_norms_per_value, saved.b1_minimum, saved.revision) == (6, 55, 1)
    record = saved.history.get()
    assert record.history_user == officer and record.history_change_reason == "Jaarplan"


def test_the_dashboard_measures_against_the_saved_settings(code, officer, editor):
    signed_in(officer).post(SETTINGS, {**GOOD_SETTINGS, "max_norms_per_value": "1"})

    page = signed_in(editor).get(DASHBOARD).content.decode()

    assert "more than the 1 per value you set" in page


@pytest.mark.parametrize(
    "field,bad",
    [
        ("max_norms_per_value", "0"),
        ("max_norms_total", "many"),
        ("months_until_neglected", "-1"),
        ("b1_minimum", "101"),
        ("sessions_per_quarter", ""),
        ("max_norms_per_value", "41"),  # more than the total
    ],
)
def test_bad_settings_are_refused_with_a_message_and_change_nothing(field, bad, officer):
    response = signed_in(officer).post(SETTINGS, {**GOOD_SETTINGS, field: bad})

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not HealthSettings.objects.exists()


def test_of_two_officers_editing_the_settings_the_second_is_told_and_changes_nothing(officer):
    # The one conflict page (409), as for items: the second officer's figures are kept on it,
    # beside the stored ones, ready to save again knowingly (it was a redirect that lost them).
    first, second = signed_in(officer), signed_in(officer)
    first.post(SETTINGS, {**GOOD_SETTINGS, "max_norms_total": "30"})

    response = second.post(SETTINGS, {**GOOD_SETTINGS, "max_norms_total": "70"})

    assert response.status_code == 409
    assert HealthSettings.current().max_norms_total == 30
    assert HealthSettings.current().history.count() == 1
    page = response.content.decode()
    assert "Not saved: someone else changed this item" in page
    row = next(r for r in response.context["rows"] if r.label == "Most norms in total")
    assert (row.mine, row.stored) == ("70", "30")
    form = response.context["form"]
    assert form["max_norms_total"].value() == "70"
    assert form["revision"].value() == str(HealthSettings.current().revision)


def test_a_save_from_the_conflict_page_saves_over_the_newer_settings_knowingly(officer):
    first, second = signed_in(officer), signed_in(officer)
    first.post(SETTINGS, {**GOOD_SETTINGS, "max_norms_total": "30"})
    refused = second.post(SETTINGS, {**GOOD_SETTINGS, "max_norms_total": "70"})

    again = {
        **GOOD_SETTINGS,
        "max_norms_total": "70",
        "revision": refused.context["form"]["revision"].value(),
    }
    response = second.post(SETTINGS, again)

    assert response.status_code == 302
    assert HealthSettings.current().max_norms_total == 70
    assert HealthSettings.current().history.count() == 2


def test_editors_may_not_change_the_settings(editor):
    assert signed_in(editor).post(SETTINGS, GOOD_SETTINGS).status_code == 403
    assert not HealthSettings.objects.exists()


# --- planning the suggested session --------------------------------------------------------


def test_one_post_plans_the_suggested_session_and_opens_it(code, editor):
    case = Case.objects.create(title="Wijn van een leverancier", situation="x")
    case.norms.add(code["gifts"])

    response = signed_in(editor).post(PLAN)

    session = Session.objects.get()
    assert response.status_code == 302 and response["Location"] == session.get_absolute_url()
    assert not session.held
    assert set(session.norms_discussed.all()) == {code["gifts"], code["bribes"], code["learn"]}
    assert list(session.cases.all()) == [case]
    assert session.format == Session.Format.CASE_DISCUSSION
    assert "Geschenken melden" in session.insights
    assert session.history.get().history_user == editor


def test_an_officer_may_plan_the_session_too(code, officer):
    assert signed_in(officer).post(PLAN).status_code == 302
    assert Session.objects.count() == 1


def test_planning_without_norms_says_so_and_creates_nothing(editor):
    response = signed_in(editor).post(PLAN, follow=True)

    assert "nothing to put on the agenda" in response.content.decode()
    assert not Session.objects.exists()


@pytest.mark.parametrize("persona", ["anonymous", "employee"])
def test_others_may_not_plan_a_session(persona, client_for, code):
    response = client_for(persona).post(PLAN)

    assert response.status_code in (302, 403)
    assert not Session.objects.exists()


def test_planning_twice_gives_one_session_and_shows_it(code, editor):
    client = signed_in(editor)
    first = client.post(PLAN)

    second = client.post(PLAN, follow=True)

    session = Session.objects.get()
    assert first["Location"] == session.get_absolute_url()
    assert second.redirect_chain[-1][0] == session.get_absolute_url()
    assert "already planned" in second.content.decode()


def test_the_dashboard_shows_the_session_already_planned(code, editor):
    client = signed_in(editor)
    client.post(PLAN)
    session = Session.objects.get()

    page = client.get(reverse("codeapp:health")).content.decode()

    assert "already planned" in page
    assert f'href="{session.get_absolute_url()}"' in page
