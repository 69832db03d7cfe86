"""Deciding a proposal through the services: four eyes, reasons, an item changed since the
proposal was made, and two officers deciding at once."""

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from core.roles import EDITOR_GROUP, OFFICER_GROUP
from core.services import item_set_retired, item_update
from norms.models import Norm
from reflection.models import Proposal, Session
from reflection.services.errors import ApplyConflict, DecisionConflict, TransitionError
from reflection.services.proposals import (
    may_agree,
    may_decide,
    proposal_agree,
    proposal_create,
    proposal_decide,
    proposal_submit,
)
from tests.helpers import add_norm, add_value, make_user
from tests.helpers.decisions import snapshot
from tests.helpers.proposal_services import MERGED, fresh, reword
from tests.helpers.proposals import NEW_TEXT

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("services_in_english")]


@pytest.fixture
def officer2(django_user_model):
    return make_user(django_user_model, "officer2", OFFICER_GROUP)


# ---------------------------------------------------------------------------------------------
# Four eyes, reasons


def test_the_proposer_may_not_decide_their_own_proposal(code, officer):
    # Anyone signed in may suggest, officers included.
    proposal = reword(officer, code["gifts"])
    proposal_submit(proposal=proposal, user=officer)
    before = snapshot(proposal, code["gifts"])

    assert "You made this proposal" in may_decide(fresh(proposal), officer)
    with pytest.raises(PermissionDenied):
        proposal_decide(proposal=proposal, user=officer, approve=True, reason="Ja.")

    assert snapshot(proposal, code["gifts"]) == before


def test_the_facilitator_of_the_origin_session_may_not_decide(code, editor, officer, officer2):
    session = Session.objects.create(
        title="Intervisie", date=datetime.date(2025, 3, 1), format="intervision", held=True,
        facilitator=officer2,
    )  # fmt: skip
    proposal = reword(editor, code["gifts"], session=session)
    proposal_submit(proposal=proposal, user=editor)
    before = snapshot(proposal, code["gifts"])

    assert "facilitated the session" in may_decide(fresh(proposal), officer2)
    with pytest.raises(PermissionDenied):
        proposal_decide(proposal=proposal, user=officer2, approve=False, reason="Nee.")
    assert snapshot(proposal, code["gifts"]) == before

    assert may_decide(fresh(proposal), officer) is None
    proposal_decide(proposal=proposal, user=officer, approve=False, reason="Nee.")
    assert fresh(proposal).decided_by == officer


def test_removing_the_facilitator_afterwards_does_not_lift_four_eyes(code, editor, officer2):
    session = Session.objects.create(
        title="Intervisie", date=datetime.date(2025, 3, 1), format="intervision", held=True,
        facilitator=officer2,
    )  # fmt: skip
    proposal = reword(editor, code["gifts"], session=session)
    proposal_submit(proposal=proposal, user=editor)
    Session.objects.filter(pk=session.pk).update(facilitator=None)

    assert "facilitated the session" in may_decide(fresh(proposal), officer2)
    with pytest.raises(PermissionDenied):
        proposal_decide(proposal=proposal, user=officer2, approve=True, reason="Ja.")
    assert fresh(proposal).state == "submitted"


def test_an_editor_without_the_permission_may_not_decide(code, editor, editor2):
    proposal = reword(editor, code["gifts"])
    proposal_submit(proposal=proposal, user=editor)
    before = snapshot(proposal, code["gifts"])

    assert may_decide(fresh(proposal), editor2) == "Only integrity officers decide proposals."
    with pytest.raises(PermissionDenied):
        proposal_decide(proposal=proposal, user=editor2, approve=True, reason="Ja.")

    assert snapshot(proposal, code["gifts"]) == before


@pytest.mark.parametrize("approve", [True, False])
def test_a_decision_needs_reasons(approve, code, editor, officer):
    proposal = reword(editor, code["gifts"])
    proposal_submit(proposal=proposal, user=editor)
    before = snapshot(proposal, code["gifts"])

    with pytest.raises(ValidationError) as raised:
        proposal_decide(proposal=proposal, user=officer, approve=approve, reason=" \n ")

    assert "decision_reason" in raised.value.message_dict
    assert snapshot(proposal, code["gifts"]) == before


def test_the_database_refuses_a_decision_without_reasons(code, editor):
    proposal = reword(editor, code["gifts"])

    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(state="rejected", decision_reason="")


# ---------------------------------------------------------------------------------------------
# The item changed since the proposal was written


def test_approving_after_the_item_changed_raises_apply_conflict_and_changes_nothing(
    code, editor, editor2, officer
):
    proposal = reword(editor, code["gifts"])
    proposal_submit(proposal=proposal, user=editor)
    item_update(
        item=code["gifts"], expected_revision=1, changes={"text": "Meld elk geschenk."},
        user=editor2,
    )  # fmt: skip
    before = snapshot(proposal, code["gifts"])

    with pytest.raises(ApplyConflict) as raised:
        proposal_decide(proposal=proposal, user=officer, approve=True, reason="Ja.")

    assert raised.value.current.revision == 2
    assert raised.value.current.text == "Meld elk geschenk."
    assert snapshot(proposal, code["gifts"]) == before


@pytest.fixture
def changed_since(code, editor, editor2) -> Proposal:
    """A submitted rewording of norm 1.1 whose text editor2 changed afterwards (revision 2)."""
    proposal = reword(editor, code["gifts"])
    proposal_submit(proposal=proposal, user=editor)
    item_update(
        item=code["gifts"], expected_revision=1, changes={"text": "Meld elk geschenk."},
        user=editor2,
    )  # fmt: skip
    return proposal


@pytest.mark.parametrize("resolved", [NEW_TEXT, "Meld elk geschenk."])
def test_approving_the_proposed_or_the_current_text_needs_no_agreement(
    resolved, changed_since, officer
):
    proposal_decide(
        proposal=changed_since, user=officer, approve=True, reason="Samengevoegd.",
        resolved={"text": resolved, "retired": True},  # fields not proposable are ignored
        resolved_revision=2,
    )  # fmt: skip

    norm = Norm.objects.get(key="geschenken")
    assert (norm.text, norm.retired) == (resolved, False)
    stored = fresh(changed_since)
    assert (stored.state, stored.merged, stored.proposed) == (
        Proposal.State.APPROVED, {"text": resolved}, {"text": NEW_TEXT},
    )  # fmt: skip


def test_an_officers_own_merged_text_waits_for_agreement(changed_since, code, officer):
    """Four-eyes in the merge step: a text neither the proposer nor the draft holds does not
    enter the draft on the officer's word alone."""
    before = snapshot(changed_since, code["gifts"])[2:]

    proposal_decide(
        proposal=changed_since, user=officer, approve=True, reason="Samengevoegd.",
        resolved={"text": MERGED}, resolved_revision=2,
    )  # fmt: skip

    stored = fresh(changed_since)
    assert (stored.state, stored.merged, stored.merged_revision, stored.merged_by) == (
        Proposal.State.AGREEING, {"text": MERGED}, 2, officer,
    )  # fmt: skip
    assert (stored.decided_by, stored.proposed) == (None, {"text": NEW_TEXT})
    assert snapshot(changed_since, code["gifts"])[2:] == before  # the draft is untouched
    # The officer who merged may not agree to their own text.
    assert "You wrote this merged text" in may_agree(stored, officer)
    with pytest.raises(PermissionDenied):
        proposal_agree(proposal=stored, user=officer, agree=True)
    assert Norm.objects.get(key="geschenken").text == "Meld elk geschenk."


def test_another_editor_agrees_and_the_merged_text_enters_the_draft(
    changed_since, officer, editor2
):
    proposal_decide(
        proposal=changed_since, user=officer, approve=True, reason="Samengevoegd.",
        resolved={"text": MERGED}, resolved_revision=2,
    )  # fmt: skip

    proposal_agree(proposal=changed_since, user=editor2, agree=True)

    norm = Norm.objects.get(key="geschenken")
    assert (norm.text, norm.revision) == (MERGED, 3)
    assert norm.history.first().history_change_reason.startswith("Amendment proposal #1")
    stored = fresh(changed_since)
    assert (stored.state, stored.decided_by, stored.applied_key) == (
        Proposal.State.APPROVED, officer, "geschenken",
    )  # fmt: skip


def test_not_agreeing_sends_it_back_to_the_officers(changed_since, officer, editor):
    proposal_decide(
        proposal=changed_since, user=officer, approve=True, reason="Samengevoegd.",
        resolved={"text": MERGED}, resolved_revision=2,
    )  # fmt: skip

    proposal_agree(proposal=changed_since, user=editor, agree=False)

    stored = fresh(changed_since)
    assert (stored.state, stored.merged, stored.merged_by) == (Proposal.State.SUBMITTED, {}, None)
    assert Norm.objects.get(key="geschenken").text == "Meld elk geschenk."


def test_an_edit_after_the_merge_sends_it_back_instead_of_applying(
    changed_since, officer, editor, editor2
):
    proposal_decide(
        proposal=changed_since, user=officer, approve=True, reason="Samengevoegd.",
        resolved={"text": MERGED}, resolved_revision=2,
    )  # fmt: skip
    item_update(
        item=Norm.objects.get(key="geschenken"), expected_revision=2,
        changes={"text": "Nog weer anders."}, user=editor2,
    )  # fmt: skip

    proposal_agree(proposal=changed_since, user=editor, agree=True)

    assert fresh(changed_since).state == Proposal.State.SUBMITTED
    assert Norm.objects.get(key="geschenken").text == "Nog weer anders."


def test_an_employee_proposer_cannot_agree_to_a_text_made_from_the_draft(
    changed_since, officer, employee
):
    Proposal.objects.filter(pk=changed_since.pk).update(proposer=employee)
    proposal_decide(
        proposal=changed_since, user=officer, approve=True, reason="Samengevoegd.",
        resolved={"text": MERGED}, resolved_revision=2,
    )  # fmt: skip

    assert "an editor agrees" in may_agree(fresh(changed_since), employee)
    with pytest.raises(PermissionDenied):
        proposal_agree(proposal=changed_since, user=employee, agree=True)
    assert fresh(changed_since).state == Proposal.State.AGREEING


def test_rejecting_after_the_item_changed_needs_no_merge(code, editor, editor2, officer):
    proposal = reword(editor, code["gifts"])
    proposal_submit(proposal=proposal, user=editor)
    item_update(item=code["gifts"], expected_revision=1, changes={"text": "Anders."}, user=editor2)

    proposal_decide(proposal=proposal, user=officer, approve=False, reason="Achterhaald.")

    assert fresh(proposal).state == Proposal.State.REJECTED
    assert Norm.objects.get(key="geschenken").text == "Anders."


def test_retiring_an_item_someone_already_retired_is_a_conflict(code, editor, editor2, officer):
    proposal = proposal_create(
        proposal=Proposal(
            title="Weg met wijn", action="retire", target="example", example=code["wine"],
            rationale="Verouderd.", origin="other",
        ),
        user=editor,
    )  # fmt: skip
    proposal_submit(proposal=proposal, user=editor)
    item_set_retired(item=code["wine"], retired=True, user=editor2)
    before = snapshot(proposal, code["wine"])

    with pytest.raises(ApplyConflict):
        proposal_decide(proposal=proposal, user=officer, approve=True, reason="Ja.")

    assert snapshot(proposal, code["wine"]) == before


def test_a_refused_application_rolls_the_decision_back(code, editor, officer):
    value = add_value(editor, "Zorgvuldigheid", key="zorg")
    add_norm(editor, value, "Zorgvuldig werken", key="zorgvuldig")
    proposal = proposal_create(
        proposal=Proposal(
            title="Weg ermee", action="retire", target="value", value=value,
            rationale="Dubbel.", origin="other",
        ),
        user=editor,
    )  # fmt: skip
    proposal_submit(proposal=proposal, user=editor)
    before = snapshot(proposal, value)

    with pytest.raises(ValidationError):
        proposal_decide(proposal=proposal, user=officer, approve=True, reason="Ja.")

    assert snapshot(proposal, value) == before


# ---------------------------------------------------------------------------------------------
# Two officers at once


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_officers_deciding_at_once_give_one_decision(roles, django_user_model):
    editor = make_user(django_user_model, "editor", EDITOR_GROUP)
    officers = [make_user(django_user_model, f"officer{i}", OFFICER_GROUP) for i in (1, 2)]
    value = add_value(editor, "Eerlijkheid", key="eerlijkheid")
    norm = add_norm(editor, value, key="geschenken")
    proposal = reword(editor, norm)
    proposal_submit(proposal=proposal, user=editor)
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def decide(officer, approve: bool) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[officer.username] = proposal_decide(
                proposal=Proposal.objects.get(pk=proposal.pk), user=officer, approve=approve,
                reason="Ja." if approve else "Nee.",
            )  # fmt: skip
        except Exception as error:  # noqa: BLE001 - the test inspects what each thread got
            outcomes[officer.username] = error
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(officers[0], True)),
        threading.Thread(target=decide, args=(officers[1], False)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    won = [o for o in outcomes.values() if isinstance(o, Proposal)]
    lost = [o for o in outcomes.values() if isinstance(o, DecisionConflict)]
    assert (len(won), len(lost)) == (1, 1), outcomes
    stored = fresh(proposal)
    assert stored.state == won[0].state
    assert stored.decided_by == won[0].decided_by
    assert lost[0].current.state == stored.state
    assert stored.history.count() == 3  # created, submitted, one decision
    applied = Norm.objects.get(pk=norm.pk).text == NEW_TEXT
    assert applied == (stored.state == Proposal.State.APPROVED)


def test_a_merged_text_is_refused_when_nothing_conflicts(code, editor, officer):
    """Merging is for a real conflict only: an officer cannot slip their own text in."""
    proposal = proposal_submit(proposal=reword(editor, code["gifts"]), user=editor)
    norm = Norm.objects.get(pk=proposal.norm_id)
    with pytest.raises(TransitionError):
        proposal_decide(
            proposal=proposal, user=officer, approve=True, reason="Akkoord",
            resolved={"text": "Iets heel anders."}, resolved_revision=norm.revision,
        )  # fmt: skip
    assert Norm.objects.get(pk=norm.pk).text == norm.text
    assert Proposal.objects.get(pk=proposal.pk).state == "submitted"
