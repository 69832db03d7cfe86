"""The reflection programme and its sessions: who may see them, the programme, the session page
and its public name."""

import datetime

import pytest
from django.urls import reverse

from core.services import item_update
from reflection.models import Proposal, Session
from reflection.services.proposals import proposal_create, proposal_submit
from tests.helpers import text_of
from tests.helpers.sessions import (
    CREATE,
    PROGRAMME,
    detail_url,
    edit_post,
    edit_url,
    state,
    valid_post,
)

pytestmark = pytest.mark.django_db


# --- who may open the pages ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("employee", 403), ("editor", 200), ("officer", 200), ("admin", 200)],
)
def test_it_shows_the_programme_and_sessions_only_to_editors_and_officers(
    persona, status, client_for, facilitated_session
):
    for url in (PROGRAMME, detail_url(facilitated_session)):
        response = client_for(persona).get(url)

        assert response.status_code == status, url
        if persona == "anonymous":
            assert response["Location"].startswith("/accounts/login/?next=")


def test_it_keeps_session_notes_from_employees(client_for, facilitated_session):
    response = client_for("employee").get(detail_url(facilitated_session))

    assert response.status_code == 403
    assert "lastig" not in text_of(response)
    assert "Vergunningen" not in text_of(response)


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("employee", 403), ("editor", 200), ("officer", 403), ("admin", 200)],
)
def test_it_shows_the_edit_form_only_to_editors(persona, status, client_for, facilitated_session):
    assert client_for(persona).get(edit_url(facilitated_session)).status_code == status


# Integrity officers plan sessions too: from the code health dashboard's agenda, or here.
@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("employee", 403), ("editor", 200), ("officer", 200), ("admin", 200)],
)
def test_it_shows_the_create_form_to_editors_and_officers(persona, status, client_for, db):
    assert client_for(persona).get(CREATE).status_code == status


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_refuses_writing_methods_on_the_reading_pages(method, client_for, facilitated_session):
    for url in (PROGRAMME, detail_url(facilitated_session)):
        assert getattr(client_for("editor"), method)(url).status_code == 405, url


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_refuses_other_methods_on_the_forms(method, client_for, facilitated_session):
    before = state()

    for url in (CREATE, edit_url(facilitated_session)):
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
    count, client_for, code, discussed_case, django_assert_max_num_queries
):
    seed_sessions(count, code, discussed_case)
    c = client_for("editor")

    # Session and user, two for permissions, the sessions, the size of the case library.
    with django_assert_max_num_queries(6):
        response = c.get(PROGRAMME)

    assert sum(len(q.sessions) for q in response.context["quarters"]) == count


# --- the session page --------------------------------------------------------------------------


def test_it_shows_the_session_with_insights_links_and_proposals(
    en_client_for, editor, facilitated_session, code, discussed_case
):
    proposal = proposal_create(
        proposal=Proposal(
            title="Geschenken duidelijker", action="reword", target="norm", norm=code["gifts"],
            proposed={"text": "Meld elk geschenk."}, rationale="Uit de sessie.",
            origin="session", session=facilitated_session,
        ),
        user=editor,
    )  # fmt: skip
    # Submitted: a draft would be its proposer's own (test_proposals checks that).
    proposal_submit(proposal=proposal, user=editor)

    page = text_of(en_client_for("officer").get(detail_url(facilitated_session)))

    assert "Geschenken zijn <strong>lastig</strong>." in page
    assert "<script>alert(1)</script>" not in page
    assert 'href="/draft/#norm-geschenken"' in page
    assert 'href="/draft/#value-eerlijkheid"' in page
    assert f'href="{discussed_case.get_absolute_url()}"' in page
    assert f"#{proposal.number} Geschenken duidelijker" in page
    assert "Submitted" in page
    assert "team Vergunningen" in page and ">9<" in page
    assert "Confidential: session notes are only for editors and integrity officers" in page
    # Officers read; they do not propose or edit from here.
    assert reverse("reflection:proposal-create") not in page
    assert edit_url(facilitated_session) not in page


def test_it_offers_editors_to_propose_an_amendment_from_the_session(
    en_client_for, facilitated_session
):
    page = text_of(en_client_for("editor").get(detail_url(facilitated_session)))

    assert (
        f'href="{reverse("reflection:proposal-create")}?session={facilitated_session.pk}"' in page
    )
    assert "Propose an amendment from this session" in page
    assert f'href="{edit_url(facilitated_session)}"' in page


def test_it_shows_who_changed_the_session_and_why(en_client_for, editor, facilitated_session):
    en_client_for("editor").post(
        edit_url(facilitated_session), edit_post(facilitated_session, title="Nieuw", reason="Typo")
    )

    page = text_of(en_client_for("officer").get(detail_url(facilitated_session)))

    assert "<q>Typo</q>" in page


def test_it_shows_a_discussed_norm_as_it_reads_now(client_for, editor, facilitated_session, code):
    item_update(item=code["gifts"], expected_revision=1, changes={"title": "Melden"}, user=editor)

    page = text_of(client_for("officer").get(detail_url(facilitated_session)))

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


def test_it_changes_the_public_name_on_an_edit_and_gives_it_back_when_emptied(
    client_for, facilitated_session
):
    editor = client_for("editor")

    editor.post(
        edit_url(facilitated_session),
        edit_post(facilitated_session, public_name="Dilemmasessie geschenken"),
    )
    facilitated_session.refresh_from_db()
    assert (facilitated_session.public_name, facilitated_session.revision) == (
        "Dilemmasessie geschenken",
        2,
    )

    editor.post(edit_url(facilitated_session), edit_post(facilitated_session, public_name=""))
    facilitated_session.refresh_from_db()
    assert (facilitated_session.public_name, facilitated_session.revision) == (
        "Dilemmasessie, 1e kwartaal 2025",
        3,
    )


def test_it_says_on_the_form_what_becomes_public_and_when(en_client_for, facilitated_session):
    for url in (CREATE, edit_url(facilitated_session)):
        page = " ".join(text_of(en_client_for("editor").get(url)).split())

        assert "What becomes public: the public name and the date of the session" in page
        assert "once a version is published with an amendment proposal from this session" in page
        assert "The title, the notes and the participants stay confidential." in page
        assert 'name="public_name"' in page


def test_it_shows_the_public_name_on_the_session_page(en_client_for, facilitated_session):
    facilitated_session.public_name = "Dilemmasessie, 1e kwartaal 2025"
    facilitated_session.save()

    page = text_of(en_client_for("officer").get(detail_url(facilitated_session)))

    assert "Public name: “Dilemmasessie, 1e kwartaal 2025”" in page


def test_the_migration_names_existing_sessions_by_kind_and_quarter(facilitated_session):
    from django.apps import apps

    migration = __import__(
        "reflection.migrations.0006_give_sessions_a_public_name", fromlist=["name_sessions"]
    )
    Session.objects.filter(pk=facilitated_session.pk).update(public_name="")
    facilitated_session.history.update(public_name="")

    migration.name_sessions(apps, None)

    facilitated_session.refresh_from_db()
    assert facilitated_session.public_name == "Dilemmasessie, 1e kwartaal 2025"
    assert set(facilitated_session.history.values_list("public_name", flat=True)) == {
        "Dilemmasessie, 1e kwartaal 2025"
    }
