"""The reflection programme and its sessions: who may see and change them, and what is stored."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.services import item_set_retired, item_update
from norms.models import Norm
from reflection.models import Case, Proposal, Session
from reflection.services.proposals import proposal_create, proposal_submit
from tests.helpers import text_of

pytestmark = pytest.mark.django_db

PROGRAMME = reverse("reflection:programme")
CREATE = reverse("reflection:session-create")
TODAY = timezone.localdate()
PAST = TODAY - datetime.timedelta(days=10)


def detail_url(session: Session) -> str:
    return reverse("reflection:session", kwargs={"pk": session.pk})


def edit_url(session: Session) -> str:
    return reverse("reflection:session-edit", kwargs={"pk": session.pk})


@pytest.fixture
def case(editor) -> Case:
    return Case.objects.create(
        title="Een fles wijn", situation="Een leverancier…", created_by=editor
    )


@pytest.fixture
def session(code, editor, case) -> Session:
    """A held session, facilitated by the editor, that discussed honesty, gifts and a case."""
    session = Session.objects.create(
        title="Dilemmasessie team Vergunningen", date=datetime.date(2025, 3, 4), format="dilemma",
        held=True, facilitator=editor, participant_groups="team Vergunningen",
        participant_count=9, insights="Geschenken zijn **lastig**.\n\n<script>alert(1)</script>",
    )  # fmt: skip
    session.values_discussed.add(code["honesty"])
    session.norms_discussed.add(code["gifts"])
    session.cases.add(case)
    return session


def valid_post(code, **changes) -> dict:
    data = {
        "title": "Intervisie team Handhaving",
        "date": PAST.isoformat(),
        "format": "intervision",
        "held": "on",
        "facilitator": "",
        "external_facilitator": "Bureau Integriteit, J. de Vries",
        "participant_groups": "team Handhaving",
        "participant_count": "7",
        "values_discussed": [code["honesty"].pk, code["expertise"].pk],
        "norms_discussed": [code["gifts"].pk],
        "insights": "De norm over geschenken is *onduidelijk*.",
        "reason": "Verslag van de intervisie",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def state() -> list[tuple]:
    """Everything about sessions a refused request must leave alone."""
    return [
        (
            s.pk, s.title, s.date, s.held, s.facilitator_id, s.external_facilitator,
            s.participant_count, s.insights, s.revision, s.history.count(),
            sorted(s.values_discussed.values_list("pk", flat=True)),
            sorted(s.norms_discussed.values_list("pk", flat=True)),
            sorted(s.cases.values_list("pk", flat=True)),
        )
        for s in Session.objects.order_by("pk")
    ]  # fmt: skip


# --- who may open the pages ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("employee", 403), ("editor", 200), ("officer", 200), ("admin", 200)],
)
def test_it_shows_the_programme_and_sessions_only_to_editors_and_officers(
    persona, status, client_for, session
):
    for url in (PROGRAMME, detail_url(session)):
        response = client_for(persona).get(url)

        assert response.status_code == status, url
        if persona == "anonymous":
            assert response["Location"].startswith("/accounts/login/?next=")


def test_it_keeps_session_notes_from_employees(client_for, session):
    response = client_for("employee").get(detail_url(session))

    assert response.status_code == 403
    assert "lastig" not in text_of(response)
    assert "Vergunningen" not in text_of(response)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("employee", 403), ("editor", 200), ("officer", 403), ("admin", 200)],
)
def test_it_shows_the_edit_form_only_to_editors(persona, status, client_for, session):
    assert client_for(persona).get(edit_url(session)).status_code == status


# Integrity officers plan sessions too: from the code health dashboard's agenda, or here.
@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("employee", 403), ("editor", 200), ("officer", 200), ("admin", 200)],
)
def test_it_shows_the_create_form_to_editors_and_officers(persona, status, client_for, db):
    assert client_for(persona).get(CREATE).status_code == status


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_refuses_writing_methods_on_the_reading_pages(method, client_for, session):
    for url in (PROGRAMME, detail_url(session)):
        assert getattr(client_for("editor"), method)(url).status_code == 405, url


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_refuses_other_methods_on_the_forms(method, client_for, session):
    before = state()

    for url in (CREATE, edit_url(session)):
        assert getattr(client_for("editor"), method)(url).status_code == 405, url
    assert state() == before


def test_it_shows_the_reflection_menu_item_to_editors_and_officers_only(en_client_for, code):
    for persona, shown in (("editor", True), ("officer", True), ("employee", False)):
        page = text_of(en_client_for(persona).get(reverse("password_change")))
        assert (f'href="{PROGRAMME}"' in page) is shown, persona


# --- the programme ---------------------------------------------------------------------------


def make_session(title: str, day: datetime.date, fmt: str = "dilemma", held: bool = True):
    return Session.objects.create(title=title, date=day, format=fmt, held=held)


def test_it_groups_the_programme_by_quarter_newest_first(en_client_for, db):
    make_session("Januari", datetime.date(2026, 1, 15), "intervision")
    make_session("Maart", datetime.date(2026, 3, 31), "dilemma")
    make_session("April", datetime.date(2026, 4, 1), "dilemma", held=False)
    make_session("November", datetime.date(2025, 11, 3), "managers")

    response = en_client_for("officer").get(PROGRAMME)

    quarters = response.context["quarters"]
    assert [q.label for q in quarters] == ["2026 Q2", "2026 Q1", "2025 Q4"]
    assert [[s.title for s in q.sessions] for q in quarters] == [
        ["April"],
        ["Maart", "Januari"],
        ["November"],
    ]
    q1 = quarters[1]
    assert (q1.held_count, q1.planned_count) == (2, 0)
    assert q1.formats == [("Dilemma session", 1), ("Intervision", 1)]
    page = text_of(response)
    assert page.index("2026 Q2") < page.index("2026 Q1") < page.index("2025 Q4")
    assert "0 held, 1 planned" in page
    assert "2 held, 0 planned" in page


def test_it_offers_planning_a_session_to_editors_and_officers(en_client_for, db):
    assert "Plan a session" in text_of(en_client_for("editor").get(PROGRAMME))
    assert "Plan a session" in text_of(en_client_for("officer").get(PROGRAMME))
    assert "Plan a session" not in text_of(en_client_for("employee").get(PROGRAMME))
    assert reverse("reflection:cases") in text_of(en_client_for("officer").get(PROGRAMME))


def test_it_says_so_when_there_are_no_sessions(en_client_for, db):
    response = en_client_for("editor").get(PROGRAMME)

    assert response.context["quarters"] == []
    assert "No sessions yet" in text_of(response)


def seed_sessions(count: int, code, case) -> None:
    for i in range(count):
        s = make_session(f"Sessie {i}", datetime.date(2024, 1, 1) + datetime.timedelta(days=20 * i))
        s.cases.add(case)
        s.values_discussed.add(code["honesty"])


@pytest.mark.parametrize("count", [3, 30])
def test_it_lists_the_programme_in_a_bounded_number_of_queries(
    count, client_for, code, case, django_assert_max_num_queries
):
    seed_sessions(count, code, case)
    c = client_for("editor")

    # Session and user, two for permissions, the sessions, the size of the case library.
    with django_assert_max_num_queries(6):
        response = c.get(PROGRAMME)

    assert sum(len(q.sessions) for q in response.context["quarters"]) == count


# --- creating ----------------------------------------------------------------------------------


def test_it_creates_a_session_with_its_links_and_history(client_for, editor, code, case):
    response = client_for("editor").post(
        CREATE, valid_post(code, facilitator=editor.pk, cases=[case.pk])
    )

    session = Session.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(session)
    assert session.title == "Intervisie team Handhaving"
    assert session.date == PAST
    assert session.held is True
    assert session.facilitator == editor
    assert session.external_facilitator == "Bureau Integriteit, J. de Vries"
    assert session.participant_groups == "team Handhaving"
    assert session.participant_count == 7
    assert session.revision == 1
    assert set(session.values_discussed.all()) == {code["honesty"], code["expertise"]}
    assert list(session.norms_discussed.all()) == [code["gifts"]]
    assert list(session.cases.all()) == [case]
    record = session.history.get()
    assert record.history_type == "+"
    assert record.history_user == editor
    assert record.history_change_reason == "Verslag van de intervisie"


def test_it_plans_a_session_without_facilitator_or_participants(client_for, editor, code):
    day = TODAY + datetime.timedelta(days=60)
    response = client_for("editor").post(
        CREATE,
        valid_post(
            code, held=None, external_facilitator="", participant_count="", date=day.isoformat(),
            values_discussed=[], norms_discussed=[], reason="",
        ),
    )  # fmt: skip

    assert response.status_code == 302
    session = Session.objects.get()
    assert (session.held, session.date, session.participant_count) == (False, day, None)
    assert session.facilitator is None and session.external_facilitator == ""
    assert not session.values_discussed.exists()
    assert session.history.get().history_change_reason is None


def test_it_plans_a_session_exactly_two_years_ahead(client_for, code):
    day = TODAY.replace(year=TODAY.year + 2) if (TODAY.month, TODAY.day) != (2, 29) else None
    if day is None:
        pytest.skip("29 February")
    response = client_for("editor").post(CREATE, valid_post(code, held=None, date=day.isoformat()))

    assert response.status_code == 302
    assert Session.objects.get().date == day


INVALID = {
    "held in the future": (
        {"date": (TODAY + datetime.timedelta(days=1)).isoformat()},
        "date",
        "A session that was held cannot be in the future.",
    ),
    "planned too far ahead": (
        {"held": None, "date": (TODAY + datetime.timedelta(days=2 * 366 + 1)).isoformat()},
        "date",
        "A session can be planned at most two years ahead.",
    ),
    "held without facilitator": (
        {"facilitator": "", "external_facilitator": "  "},
        "facilitator",
        "Name who facilitated the session: a colleague or an external facilitator.",
    ),
    "no participants": ({"participant_count": "0"}, "participant_count", "greater than or equal"),
    "negative participants": ({"participant_count": "-3"}, "participant_count", None),
    "no date": ({"date": ""}, "date", None),
    "not a date": ({"date": "gisteren"}, "date", None),
    "no title": ({"title": "   "}, "title", None),
    "unknown format": ({"format": "party"}, "format", None),
}


@pytest.mark.parametrize("case_name", list(INVALID))
def test_it_refuses_an_invalid_session_and_writes_nothing(case_name, en_client_for, code):
    changes, field, message = INVALID[case_name]

    response = en_client_for("editor").post(CREATE, valid_post(code, **changes))

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    if message:
        assert message in text_of(response)
    assert Session.objects.count() == 0
    assert Session.history.count() == 0


def test_it_offers_only_active_values_and_norms_labelled_with_their_value(client_for, editor, code):
    item_set_retired(item=code["learn"], retired=True, user=editor)

    response = client_for("editor").get(CREATE)

    form = response.context["form"]
    assert set(form.fields["norms_discussed"].queryset) == {code["gifts"], code["bribes"]}
    labels = [label for _value, label in form.fields["norms_discussed"].choices]
    assert "Eerlijkheid — Geschenken melden" in labels
    assert "Eerlijkheid — Geschenken melden" in text_of(response)


def test_it_refuses_a_retired_norm_on_a_new_session(client_for, editor, code):
    item_set_retired(item=code["learn"], retired=True, user=editor)

    response = client_for("editor").post(
        CREATE, valid_post(code, norms_discussed=[code["learn"].pk])
    )

    assert response.status_code == 200
    assert response.context["form"].errors["norms_discussed"]
    assert not Session.objects.exists()


def test_it_offers_only_active_colleagues_as_facilitator(client_for, django_user_model, code):
    django_user_model.objects.create_user(username="gone", password="x", is_active=False)

    response = client_for("editor").get(CREATE)

    names = {u.username for u in response.context["form"].fields["facilitator"].queryset}
    assert "gone" not in names
    assert {"editor", "officer", "employee"} <= names


def test_it_tells_editors_not_to_record_names(en_client_for, db):
    page = text_of(en_client_for("editor").get(CREATE))

    assert "Never names" in page
    assert "No names." in page


@pytest.mark.parametrize(("persona", "status"), [("anonymous", 302), ("employee", 403)])
def test_it_refuses_a_create_by_someone_who_may_not_plan(persona, status, client_for, code):
    response = client_for(persona).post(CREATE, valid_post(code))

    assert response.status_code == status
    assert not Session.objects.exists()


# --- editing -----------------------------------------------------------------------------------


def edit_post(session: Session, **changes) -> dict:
    data = {
        "title": session.title,
        "date": session.date.isoformat(),
        "format": session.format,
        "held": "on" if session.held else None,
        "facilitator": session.facilitator_id or "",
        "external_facilitator": session.external_facilitator,
        "participant_groups": session.participant_groups,
        "participant_count": session.participant_count or "",
        "values_discussed": list(session.values_discussed.values_list("pk", flat=True)),
        "norms_discussed": list(session.norms_discussed.values_list("pk", flat=True)),
        "cases": list(session.cases.values_list("pk", flat=True)),
        "insights": session.insights,
        "public_name": session.public_name,
        "revision": session.revision,
        "reason": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_it_saves_an_edit_with_its_reason_and_a_new_revision(
    client_for, editor2, session, code, case
):
    c = Client()
    c.force_login(editor2)

    response = c.post(
        edit_url(session),
        edit_post(
            session, insights="Nieuw inzicht.", norms_discussed=[code["bribes"].pk], cases=[],
            values_discussed=[code["expertise"].pk], reason="Aangevuld na de evaluatie",
        ),
    )  # fmt: skip

    assert response.status_code == 302
    assert response["Location"] == detail_url(session)
    session.refresh_from_db()
    assert session.insights == "Nieuw inzicht."
    assert session.revision == 2
    assert list(session.norms_discussed.all()) == [code["bribes"]]
    assert list(session.values_discussed.all()) == [code["expertise"]]
    assert not session.cases.exists()
    latest = session.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == editor2
    assert latest.history_change_reason == "Aangevuld na de evaluatie"
    assert latest.insights == "Nieuw inzicht."


def test_it_records_nothing_when_nothing_changed(client_for, session):
    history_before = session.history.count()

    response = client_for("editor").post(edit_url(session), edit_post(session, reason="Niets"))

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.revision == 1
    assert session.history.count() == history_before


def test_it_refuses_to_overwrite_a_newer_edit(en_client_for, editor, session):
    opened = edit_post(session, insights="Mijn versie.")
    # A colleague saves first.
    en_client_for("editor").post(edit_url(session), edit_post(session, insights="Hun versie."))
    before = state()

    response = en_client_for("editor").post(edit_url(session), opened)

    assert response.status_code == 409
    page = text_of(response)
    assert "Not saved: someone else changed this item" in page
    assert "Mijn versie." in page and "Hun versie." in page
    assert response.context["form"]["revision"].value() == "2"
    assert state() == before
    session.refresh_from_db()
    assert session.insights == "Hun versie."


def test_it_saves_after_the_conflict_was_seen(client_for, session):
    client_for("editor").post(edit_url(session), edit_post(session, insights="Hun versie."))

    response = client_for("editor").post(
        edit_url(session), edit_post(session, insights="Samen.", revision=2)
    )

    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.insights, session.revision) == ("Samen.", 3)


def test_it_keeps_a_retired_norm_already_discussed(client_for, editor, session, code):
    item_set_retired(
        item=Norm.objects.get(pk=code["gifts"].pk), retired=True, user=editor, reason="Weg"
    )

    response = client_for("editor").post(edit_url(session), edit_post(session, title="Nieuw"))

    assert response.status_code == 302
    assert list(session.norms_discussed.all()) == [code["gifts"]]


def test_it_refuses_an_invalid_edit_and_writes_nothing(en_client_for, session):
    before = state()

    response = en_client_for("editor").post(
        edit_url(session), edit_post(session, facilitator="", external_facilitator="")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["facilitator"]
    assert state() == before


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 302), ("employee", 403), ("officer", 403)]
)
def test_it_refuses_an_edit_by_someone_who_may_not_edit(persona, status, client_for, session):
    before = state()

    response = client_for(persona).post(edit_url(session), edit_post(session, title="Gekaapt"))

    assert response.status_code == status
    assert state() == before


def test_it_answers_404_for_an_unknown_session(client_for, db):
    assert (
        client_for("editor").get(reverse("reflection:session", kwargs={"pk": 999})).status_code
        == 404
    )
    assert (
        client_for("editor").get(reverse("reflection:session-edit", kwargs={"pk": 999})).status_code
        == 404
    )


# --- the session page --------------------------------------------------------------------------


def test_it_shows_the_session_with_insights_links_and_proposals(
    en_client_for, editor, session, code, case
):
    proposal = proposal_create(
        proposal=Proposal(
            title="Geschenken duidelijker", action="reword", target="norm", norm=code["gifts"],
            proposed={"text": "Meld elk geschenk."}, rationale="Uit de sessie.",
            origin="session", session=session,
        ),
        user=editor,
    )  # fmt: skip
    # Submitted: a draft would be its proposer's own (test_proposals checks that).
    proposal_submit(proposal=proposal, user=editor)

    page = text_of(en_client_for("officer").get(detail_url(session)))

    assert "Geschenken zijn <strong>lastig</strong>." in page
    assert "<script>alert(1)</script>" not in page
    assert 'href="/draft/#norm-geschenken"' in page
    assert 'href="/draft/#value-eerlijkheid"' in page
    assert f'href="{case.get_absolute_url()}"' in page
    assert f"#{proposal.number} Geschenken duidelijker" in page
    assert "Submitted" in page
    assert "team Vergunningen" in page and ">9<" in page
    assert "Confidential: session notes are only for editors and integrity officers" in page
    # Officers read; they do not propose or edit from here.
    assert reverse("reflection:proposal-create") not in page
    assert edit_url(session) not in page


def test_it_offers_editors_to_propose_an_amendment_from_the_session(en_client_for, session):
    page = text_of(en_client_for("editor").get(detail_url(session)))

    assert f'href="{reverse("reflection:proposal-create")}?session={session.pk}"' in page
    assert "Propose an amendment from this session" in page
    assert f'href="{edit_url(session)}"' in page


def test_it_shows_who_changed_the_session_and_why(en_client_for, editor, session):
    en_client_for("editor").post(
        edit_url(session), edit_post(session, title="Nieuw", reason="Typo")
    )

    page = text_of(en_client_for("officer").get(detail_url(session)))

    assert "<q>Typo</q>" in page


def test_it_shows_a_discussed_norm_as_it_reads_now(client_for, editor, session, code):
    item_update(item=code["gifts"], expected_revision=1, changes={"title": "Melden"}, user=editor)

    page = text_of(client_for("officer").get(detail_url(session)))

    assert "Melden" in page


# --- the public name ---------------------------------------------------------------------------


def test_it_names_a_new_session_for_the_public_by_its_kind_and_quarter(client_for, code):
    post = valid_post(code, title="Dilemmasessie team Belastingen", format="dilemma")
    response = client_for("editor").post(CREATE, {**post, "date": "2026-02-10"})

    assert response.status_code == 302
    session = Session.objects.get()
    assert session.title == "Dilemmasessie team Belastingen"
    # In the organisation's language, whatever the editor's screen speaks.
    assert session.public_name == "Dilemmasessie, 1e kwartaal 2026"
    assert session.history.get().public_name == "Dilemmasessie, 1e kwartaal 2026"


def test_it_keeps_the_public_name_the_editor_gives(client_for, code):
    response = client_for("editor").post(
        CREATE, valid_post(code, public_name="  Intervisie   over geschenken ")
    )

    assert response.status_code == 302
    assert Session.objects.get().public_name == "Intervisie over geschenken"


def test_it_changes_the_public_name_on_an_edit_and_gives_it_back_when_emptied(client_for, session):
    editor = client_for("editor")

    editor.post(edit_url(session), edit_post(session, public_name="Dilemmasessie geschenken"))
    session.refresh_from_db()
    assert (session.public_name, session.revision) == ("Dilemmasessie geschenken", 2)

    editor.post(edit_url(session), edit_post(session, public_name=""))
    session.refresh_from_db()
    assert (session.public_name, session.revision) == ("Dilemmasessie, 1e kwartaal 2025", 3)


def test_it_says_on_the_form_what_becomes_public_and_when(en_client_for, session):
    for url in (CREATE, edit_url(session)):
        page = " ".join(text_of(en_client_for("editor").get(url)).split())

        assert "What becomes public: the public name and the date of the session" in page
        assert "once a version is published with an amendment proposal from this session" in page
        assert "The title, the notes and the participants stay confidential." in page
        assert 'name="public_name"' in page


def test_it_shows_the_public_name_on_the_session_page(en_client_for, session):
    session.public_name = "Dilemmasessie, 1e kwartaal 2025"
    session.save()

    page = text_of(en_client_for("officer").get(detail_url(session)))

    assert "Public name: “Dilemmasessie, 1e kwartaal 2025”" in page


def test_the_migration_names_existing_sessions_by_kind_and_quarter(session):
    from django.apps import apps

    migration = __import__(
        "reflection.migrations.0006_give_sessions_a_public_name", fromlist=["name_sessions"]
    )
    Session.objects.filter(pk=session.pk).update(public_name="")
    session.history.update(public_name="")

    migration.name_sessions(apps, None)

    session.refresh_from_db()
    assert session.public_name == "Dilemmasessie, 1e kwartaal 2025"
    assert set(session.history.values_list("public_name", flat=True)) == {
        "Dilemmasessie, 1e kwartaal 2025"
    }
