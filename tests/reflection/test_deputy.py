"""Four-eyes with one integrity officer: why a proposal waits, and the deputy who unblocks it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from reflection.models import Proposal, Session
from reflection.services.proposals import (
    proposal_create,
    proposal_decide,
    proposal_name_deputy,
    proposal_submit,
)
from tests.helpers import make_user, signed_in

pytestmark = pytest.mark.django_db

NEW_TEXT = "Je meldt elk geschenk direct bij je leidinggevende."
REVIEW = reverse("reflection:review")
UNBLOCK = "waits until an administrator names a deputy for this proposal"


def page_of(response) -> str:
    return " ".join(response.content.decode().split())


def submit(user, norm, **fields) -> Proposal:
    proposal = Proposal(**{
        "title": "Geschenken direct melden", "action": "reword", "target": "norm", "norm": norm,
        "proposed": {"text": NEW_TEXT}, "rationale": "Uit de praktijk.", "origin": "other",
        **fields,
    })  # fmt: skip
    proposal = proposal_create(proposal=proposal, user=user)
    return proposal_submit(proposal=proposal, user=user)


def deputy_url(proposal: Proposal) -> str:
    return reverse("reflection:proposal-deputy", args=[proposal.pk])


def decide_url(proposal: Proposal) -> str:
    return reverse("reflection:proposal-decide", args=[proposal.pk])


def stored(proposal: Proposal) -> tuple:
    return Proposal.objects.filter(pk=proposal.pk).values().get(), proposal.history.count()


@pytest.fixture
def colleague(django_user_model):
    """A colleague without any role, whom the administrator can name as deputy."""
    return make_user(django_user_model, "colleague")


@pytest.fixture
def from_the_officers_session(code, editor, officer) -> Proposal:
    """The organisation's only integrity officer facilitated the session this proposal came from."""
    session = Session.objects.create(
        title="Dilemmasessie team Belastingen", public_name="Dilemmasessie, 1e kwartaal 2026",
        date=datetime.date(2026, 2, 10), format="dilemma", held=True, facilitator=officer,
    )  # fmt: skip
    return submit(editor, code["gifts"], origin="session", session=session)


def test_the_only_officer_sees_why_their_proposal_waits_and_what_unblocks_it(code, officer):
    proposal = submit(officer, code["gifts"])
    client = signed_in(officer)

    detail = page_of(client.get(proposal.get_absolute_url()))
    queue = page_of(client.get(REVIEW))

    for page in (detail, queue):
        assert "You made this proposal: another integrity officer decides it." in page
        assert f"No other integrity officer may decide it, so it {UNBLOCK}." in page


def test_the_queue_says_so_for_a_session_the_officer_facilitated(
    from_the_officers_session, officer
):
    response = signed_in(officer).get(REVIEW)

    refusal = {p: refusal for p, refusal, _group in response.context["queue"]}[
        from_the_officers_session
    ]
    assert refusal.startswith("You facilitated the session")
    assert UNBLOCK in refusal


def test_a_second_officer_is_named_as_whom_it_waits_for(code, officer, django_user_model):
    make_user(django_user_model, "officer2", "integrity officer")
    proposal = submit(officer, code["gifts"])

    page = page_of(signed_in(officer).get(proposal.get_absolute_url()))

    assert "It waits for another integrity officer: officer2." in page
    assert UNBLOCK not in page


def test_the_administrator_names_a_deputy_recorded_in_the_history(
    from_the_officers_session, admin_user, colleague, officer
):
    proposal = from_the_officers_session
    client = signed_in(admin_user)

    form = page_of(client.get(deputy_url(proposal)))
    response = client.post(
        deputy_url(proposal),
        {"deputy": colleague.pk, "reason": "Enige functionaris leidde de sessie."},
    )

    assert "No integrity officer may decide it now." in form
    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url()
    proposal.refresh_from_db()
    assert (proposal.deputy, proposal.state) == (colleague, "submitted")
    record = proposal.history.first()
    assert record.history_user == admin_user
    assert record.deputy_id == colleague.pk
    assert record.history_change_reason == (
        "Deputy named: colleague. Enige functionaris leidde de sessie."
    )
    shown = page_of(signed_in(officer).get(proposal.get_absolute_url()))
    assert "colleague, named by an administrator to decide this proposal" in shown
    assert "Deputy named" in shown and "Enige functionaris leidde de sessie." in shown
    assert "It waits for colleague, whom an administrator named as deputy to decide it." in shown


def test_the_deputy_decides_that_proposal_and_no_other(
    from_the_officers_session, admin_user, colleague, code, editor
):
    proposal = proposal_name_deputy(
        proposal=from_the_officers_session, deputy=colleague, user=admin_user, reason="Vier ogen."
    )
    other = submit(editor, code["bribes"])
    client = signed_in(colleague)

    assert "Decide" in page_of(client.get(proposal.get_absolute_url()))
    assert client.get(decide_url(proposal)).status_code == 200
    response = client.post(decide_url(proposal), {"decision": "approve", "reason": "Helder."})

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.state, proposal.decided_by) == ("approved", colleague)
    code["gifts"].refresh_from_db()
    assert code["gifts"].text == NEW_TEXT
    before = stored(other)
    assert client.get(decide_url(other)).status_code == 403
    assert client.post(decide_url(other), {"decision": "approve", "reason": "x"}).status_code == 403
    assert client.get(other.get_absolute_url()).status_code == 403
    assert stored(other) == before


@pytest.mark.parametrize("persona", ["employee", "editor", "officer"])
def test_only_an_administrator_names_a_deputy(persona, client_for, from_the_officers_session):
    proposal = from_the_officers_session
    before = stored(proposal)

    response = client_for(persona).post(deputy_url(proposal), {"deputy": 1, "reason": "x"})

    assert response.status_code == 403
    assert stored(proposal) == before


def test_the_service_refuses_anyone_but_an_administrator(from_the_officers_session, officer):
    with pytest.raises(PermissionDenied):
        proposal_name_deputy(
            proposal=from_the_officers_session, deputy=officer, user=officer, reason="x"
        )


@pytest.mark.parametrize("who", ["proposer", "facilitator", "nobody", "no reason"])
def test_a_deputy_four_eyes_keeps_out_is_refused_and_nothing_changes(
    who, from_the_officers_session, admin_user, editor, officer, colleague
):
    proposal = from_the_officers_session
    data = {
        "proposer": {"deputy": editor.pk, "reason": "x"},
        "facilitator": {"deputy": officer.pk, "reason": "x"},
        "nobody": {"deputy": "", "reason": "x"},
        "no reason": {"deputy": colleague.pk, "reason": "   "},
    }[who]
    before = stored(proposal)

    response = signed_in(admin_user).post(deputy_url(proposal), data)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert "invalid-feedback" in response.content.decode()
    assert stored(proposal) == before


def test_the_service_keeps_the_proposer_out(from_the_officers_session, admin_user, editor):
    with pytest.raises(ValidationError):
        proposal_name_deputy(
            proposal=from_the_officers_session, deputy=editor, user=admin_user, reason="x"
        )
    assert Proposal.objects.get(pk=from_the_officers_session.pk).deputy is None


def test_a_decided_proposal_needs_no_deputy(code, editor, officer, admin_user, colleague):
    proposal = submit(editor, code["gifts"])
    proposal_decide(proposal=proposal, user=officer, approve=False, reason="Niet nodig.")
    before = stored(proposal)
    client = signed_in(admin_user)

    shown = client.get(deputy_url(proposal))
    posted = client.post(deputy_url(proposal), {"deputy": colleague.pk, "reason": "x"})

    for response in (shown, posted):
        assert response.status_code == 302
        assert response["Location"] == proposal.get_absolute_url()
    assert stored(proposal) == before


def test_the_deputy_is_asked_by_mail_once_the_naming_is_saved(
    from_the_officers_session, admin_user, colleague, django_capture_on_commit_callbacks
):
    from django.core import mail

    proposal = from_the_officers_session
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(admin_user).post(deputy_url(proposal), {"deputy": colleague.pk, "reason": "x"})

    [message] = mail.outbox
    assert message.to == ["colleague@example.org"]
    assert message.subject == (
        f"Je bent aangewezen om te besluiten over wijzigingsvoorstel #{proposal.number}: "
        "Geschenken direct melden"
    )
    assert reverse("reflection:proposal", args=[proposal.pk]) in message.body
    assert "team Belastingen" not in message.body
