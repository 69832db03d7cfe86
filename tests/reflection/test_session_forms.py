"""Planning and editing a reflection session through its forms: what is stored, what is refused."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from core.services import item_set_retired
from norms.models import Norm
from reflection.models import Session
from tests.helpers import text_of
from tests.helpers.sessions import (
    CREATE,
    PAST,
    TODAY,
    detail_url,
    edit_post,
    edit_url,
    state,
    valid_post,
)

pytestmark = pytest.mark.django_db


# --- creating ----------------------------------------------------------------------------------


def test_it_creates_a_session_with_its_links_and_history(client_for, editor, code, discussed_case):
    response = client_for("editor").post(
        CREATE, valid_post(code, facilitator=editor.pk, cases=[discussed_case.pk])
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
    assert list(session.cases.all()) == [discussed_case]
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


def test_it_saves_an_edit_with_its_reason_and_a_new_revision(
    client_for, editor2, facilitated_session, code, discussed_case
):
    c = Client()
    c.force_login(editor2)

    response = c.post(
        edit_url(facilitated_session),
        edit_post(
            facilitated_session, insights="Nieuw inzicht.", norms_discussed=[code["bribes"].pk],
            cases=[],
            values_discussed=[code["expertise"].pk], reason="Aangevuld na de evaluatie",
        ),
    )  # fmt: skip

    assert response.status_code == 302
    assert response["Location"] == detail_url(facilitated_session)
    facilitated_session.refresh_from_db()
    assert facilitated_session.insights == "Nieuw inzicht."
    assert facilitated_session.revision == 2
    assert list(facilitated_session.norms_discussed.all()) == [code["bribes"]]
    assert list(facilitated_session.values_discussed.all()) == [code["expertise"]]
    assert not facilitated_session.cases.exists()
    latest = facilitated_session.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == editor2
    assert latest.history_change_reason == "Aangevuld na de evaluatie"
    assert latest.insights == "Nieuw inzicht."


def test_it_records_nothing_when_nothing_changed(client_for, facilitated_session):
    history_before = facilitated_session.history.count()

    response = client_for("editor").post(
        edit_url(facilitated_session), edit_post(facilitated_session, reason="Niets")
    )

    assert response.status_code == 302
    facilitated_session.refresh_from_db()
    assert facilitated_session.revision == 1
    assert facilitated_session.history.count() == history_before


def test_it_refuses_to_overwrite_a_newer_edit(en_client_for, editor, facilitated_session):
    opened = edit_post(facilitated_session, insights="Mijn versie.")
    # A colleague saves first.
    en_client_for("editor").post(
        edit_url(facilitated_session), edit_post(facilitated_session, insights="Hun versie.")
    )
    before = state()

    response = en_client_for("editor").post(edit_url(facilitated_session), opened)

    assert response.status_code == 409
    page = text_of(response)
    assert "Not saved: someone else changed this item" in page
    assert "Mijn versie." in page and "Hun versie." in page
    assert response.context["form"]["revision"].value() == "2"
    assert state() == before
    facilitated_session.refresh_from_db()
    assert facilitated_session.insights == "Hun versie."


def test_it_saves_after_the_conflict_was_seen(client_for, facilitated_session):
    client_for("editor").post(
        edit_url(facilitated_session), edit_post(facilitated_session, insights="Hun versie.")
    )

    response = client_for("editor").post(
        edit_url(facilitated_session), edit_post(facilitated_session, insights="Samen.", revision=2)
    )

    assert response.status_code == 302
    facilitated_session.refresh_from_db()
    assert (facilitated_session.insights, facilitated_session.revision) == ("Samen.", 3)


def test_it_keeps_a_retired_norm_already_discussed(client_for, editor, facilitated_session, code):
    item_set_retired(
        item=Norm.objects.get(pk=code["gifts"].pk), retired=True, user=editor, reason="Weg"
    )

    response = client_for("editor").post(
        edit_url(facilitated_session), edit_post(facilitated_session, title="Nieuw")
    )

    assert response.status_code == 302
    assert list(facilitated_session.norms_discussed.all()) == [code["gifts"]]


def test_it_refuses_an_invalid_edit_and_writes_nothing(en_client_for, facilitated_session):
    before = state()

    response = en_client_for("editor").post(
        edit_url(facilitated_session),
        edit_post(facilitated_session, facilitator="", external_facilitator=""),
    )

    assert response.status_code == 200
    assert response.context["form"].errors["facilitator"]
    assert state() == before


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 302), ("employee", 403), ("officer", 403)]
)
def test_it_refuses_an_edit_by_someone_who_may_not_edit(
    persona, status, client_for, facilitated_session
):
    before = state()

    response = client_for(persona).post(
        edit_url(facilitated_session), edit_post(facilitated_session, title="Gekaapt")
    )

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
