"""The life of an amendment proposal through the services: every legal step, every illegal one.

An illegal step raises a clear error and changes nothing: neither the proposal's row nor
its history, nor the working draft.
"""

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied

from core.services import item_update
from norms.models import Example, Norm
from reflection.models import Proposal
from reflection.services.errors import DecisionConflict, TransitionError
from reflection.services.proposals import (
    proposal_agree,
    proposal_create,
    proposal_decide,
    proposal_submit,
    proposal_update,
    proposal_withdraw,
    proposals_incorporate,
)
from tests.helpers.decisions import snapshot
from tests.helpers.proposal_services import MERGED, fresh, reword
from tests.helpers.proposals import NEW_TEXT
from values.models import Value

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("services_in_english")]


# ---------------------------------------------------------------------------------------------
# Legal transitions


def test_it_creates_a_numbered_draft_noting_the_items_revision(code, editor):
    item_update(item=code["gifts"], expected_revision=1, changes={"title": "Geschenken"}, user=None)

    first = reword(editor, Norm.objects.get(key="geschenken"))
    second = reword(editor, code["bribes"])

    assert (first.number, second.number) == (1, 2)
    assert first.state == Proposal.State.DRAFT
    assert first.proposer == editor
    assert first.base_revision == 2
    assert first.history.count() == 1


def test_it_lets_the_proposer_change_a_draft_and_notes_the_revision_again(code, editor):
    proposal = reword(editor, code["gifts"])
    item_update(item=code["gifts"], expected_revision=1, changes={"title": "Geschenken"}, user=None)

    proposal_update(proposal=proposal, changes={"title": "Beter"}, user=editor)

    stored = fresh(proposal)
    assert stored.title == "Beter"
    assert stored.state == Proposal.State.DRAFT
    assert stored.base_revision == 2
    assert stored.history.count() == 2


def test_it_submits_a_draft(code, editor):
    proposal = reword(editor, code["gifts"])

    proposal_submit(proposal=proposal, user=editor)

    stored = fresh(proposal)
    assert stored.state == Proposal.State.SUBMITTED
    assert stored.submitted_at is not None
    assert stored.history.first().history_change_reason == "Submitted"


@pytest.mark.parametrize("submitted", [False, True])
def test_it_withdraws_a_draft_or_a_submitted_proposal(submitted, code, editor):
    proposal = reword(editor, code["gifts"])
    if submitted:
        proposal_submit(proposal=proposal, user=editor)

    proposal_withdraw(proposal=proposal, user=editor)

    assert fresh(proposal).state == Proposal.State.WITHDRAWN


def test_approving_a_rewording_changes_the_draft_with_the_proposal_as_reason(code, editor, officer):
    proposal = reword(editor, code["gifts"])
    proposal_submit(proposal=proposal, user=editor)

    proposal_decide(proposal=proposal, user=officer, approve=True, reason="  Helder.  ")

    stored = fresh(proposal)
    assert stored.state == Proposal.State.APPROVED
    assert (stored.decided_by, stored.decision_reason) == (officer, "Helder.")
    assert stored.decided_at is not None
    assert stored.applied_key == "geschenken"
    norm = Norm.objects.get(key="geschenken")
    assert norm.text == NEW_TEXT
    assert norm.title == "Geschenken melden"  # not proposed, so untouched
    record = norm.history.first()
    assert record.history_change_reason == "Amendment proposal #1: Geschenken direct melden"
    assert record.history_user == officer


def test_approving_a_retirement_retires_the_item(code, editor, officer):
    proposal = proposal_create(
        proposal=Proposal(
            title="Wijn is geen goed voorbeeld", action="retire", target="example",
            example=code["wine"], rationale="Verouderd.", origin="other",
        ),
        user=editor,
    )  # fmt: skip
    proposal_submit(proposal=proposal, user=editor)

    proposal_decide(proposal=proposal, user=officer, approve=True, reason="Akkoord.")

    wine = Example.objects.get(key="wijn")
    assert wine.retired
    assert wine.history.first().history_change_reason.startswith("Amendment proposal #1")
    assert fresh(proposal).applied_key == "wijn"


@pytest.mark.parametrize(
    ("target", "parent", "proposed"),
    [
        ("value", None, {"name": "Betrouwbaarheid", "description": "Wij doen wat we zeggen."}),
        ("norm", "honesty", {"title": "Open", "text": "Je bent open.", "kind": "obligation",
                             "explanation": ""}),
        ("example", "gifts", {"title": "Een taart", "situation": "Een burger brengt taart.",
                              "guidance": "Bedank en deel."}),
    ],
)  # fmt: skip
def test_approving_an_addition_creates_the_item_and_notes_its_key(
    target, parent, proposed, code, editor, officer
):
    parents = {"norm": "parent_value", "example": "parent_norm"}
    extra = {parents[target]: code[parent]} if parent else {}
    proposal = proposal_create(
        proposal=Proposal(
            title="Nieuw", action="add", target=target, proposed=proposed,
            rationale="Ontbrak.", origin="other", **extra,
        ),
        user=editor,
    )  # fmt: skip
    proposal_submit(proposal=proposal, user=editor)

    proposal_decide(proposal=proposal, user=officer, approve=True, reason="Goed.")

    stored = fresh(proposal)
    model = {"value": Value, "norm": Norm, "example": Example}[target]
    item = model.objects.get(key=stored.applied_key)
    for field, value in proposed.items():
        assert getattr(item, field) == value
    if parent:
        assert getattr(item, model.parent_field) == code[parent]
    assert item.history.first().history_change_reason == "Amendment proposal #1: Nieuw"


def test_rejecting_leaves_the_draft_untouched(code, editor, officer):
    proposal = reword(editor, code["gifts"])
    proposal_submit(proposal=proposal, user=editor)
    before = snapshot(proposal, code["gifts"])[2:]

    proposal_decide(proposal=proposal, user=officer, approve=False, reason="Te streng.")

    stored = fresh(proposal)
    assert stored.state == Proposal.State.REJECTED
    assert stored.decision_reason == "Te streng."
    assert stored.applied_key == ""
    assert snapshot(proposal, code["gifts"])[2:] == before


def test_publishing_incorporates_approved_proposals_only(code, editor, officer):
    approved, rejected, waiting = (reword(editor, code["gifts"]) for _ in range(3))
    for proposal in (approved, rejected, waiting):
        proposal_submit(proposal=proposal, user=editor)
    proposal_decide(proposal=approved, user=officer, approve=True, reason="Ja.")
    proposal_decide(proposal=rejected, user=officer, approve=False, reason="Nee.")

    incorporated = proposals_incorporate(
        proposals=list(Proposal.objects.approved_not_incorporated()), version_number=3, user=officer
    )

    assert [p.pk for p in incorporated] == [approved.pk]
    assert (fresh(approved).state, fresh(approved).incorporated_in) == ("incorporated", 3)
    assert fresh(rejected).state == "rejected"
    assert fresh(waiting).state == "submitted"


# ---------------------------------------------------------------------------------------------
# Illegal transitions: every step from every state it is not allowed in

STATES = ["draft", "submitted", "agreeing", "approved", "rejected", "withdrawn", "incorporated"]


def in_state(state: str, *, norm: Norm, editor, officer) -> Proposal:
    """A proposal brought into `state` through the services themselves."""
    proposal = reword(editor, norm, text=f"{NEW_TEXT} ({state})")
    if state == "draft":
        return proposal
    proposal_submit(proposal=proposal, user=editor)
    if state == "withdrawn":
        proposal_withdraw(proposal=proposal, user=editor)
    elif state in ("approved", "incorporated"):
        proposal_decide(proposal=proposal, user=officer, approve=True, reason="Ja.")
        if state == "incorporated":
            proposals_incorporate(
                proposals=list(Proposal.objects.approved_not_incorporated()),
                version_number=1,
                user=officer,
            )
    elif state == "rejected":
        proposal_decide(proposal=proposal, user=officer, approve=False, reason="Nee.")
    elif state == "agreeing":
        norm.refresh_from_db()
        changed = item_update(
            item=norm, expected_revision=norm.revision, changes={"text": "Boven de 50 euro."},
            user=editor,
        )  # fmt: skip
        proposal_decide(
            proposal=proposal, user=officer, approve=True, reason="Samengevoegd.",
            resolved={"text": MERGED}, resolved_revision=changed.revision,
        )  # fmt: skip
    return fresh(proposal)


Step = Callable[[Proposal, object, object], object]
STEPS: dict[str, tuple[Step, set[str], type[Exception]]] = {
    "edit": (
        lambda p, editor, officer: proposal_update(
            proposal=p, changes={"title": "Anders"}, user=editor
        ),
        {"draft"},
        TransitionError,
    ),
    "submit": (
        lambda p, editor, officer: proposal_submit(proposal=p, user=editor),
        {"draft"},
        TransitionError,
    ),
    # Withdrawing or deciding what someone already closed is a race lost, not a mistake.
    "withdraw": (
        lambda p, editor, officer: proposal_withdraw(proposal=p, user=editor),
        {"draft", "submitted", "agreeing"},
        DecisionConflict,
    ),
    "agree": (
        lambda p, editor, officer: proposal_agree(proposal=p, user=editor, agree=True),
        {"agreeing"},
        DecisionConflict,
    ),
    "approve": (
        lambda p, editor, officer: proposal_decide(
            proposal=p, user=officer, approve=True, reason="Ja."
        ),
        {"submitted"},
        DecisionConflict,
    ),
    "reject": (
        lambda p, editor, officer: proposal_decide(
            proposal=p, user=officer, approve=False, reason="Nee."
        ),
        {"submitted"},
        DecisionConflict,
    ),
}
ILLEGAL = [
    (step, state) for step, (_f, ok, _e) in STEPS.items() for state in STATES if state not in ok
]


def test_the_table_of_illegal_steps_is_complete():
    assert len(ILLEGAL) == 6 + 6 + 4 + 6 + 6 + 6


@pytest.mark.parametrize(("step", "state"), ILLEGAL)
def test_an_illegal_step_raises_a_clear_error_and_changes_nothing(
    step, state, code, editor, officer
):
    proposal = in_state(state, norm=code["gifts"], editor=editor, officer=officer)
    before = snapshot(proposal, code["gifts"])
    do, _allowed, error = STEPS[step]

    with pytest.raises(error) as raised:
        do(proposal, editor, officer)

    if error is TransitionError:
        label = Proposal.State(state).label.lower()
        assert f"Proposal #{proposal.number} is {label}" in raised.value.messages[0]
        assert "not possible" in raised.value.messages[0]
    else:
        assert raised.value.current.state == state
    assert snapshot(proposal, code["gifts"]) == before


@pytest.mark.parametrize("step", ["edit", "submit", "withdraw"])
def test_only_the_proposer_moves_their_proposal(step, code, editor, editor2, officer):
    proposal = reword(editor, code["gifts"])
    before = snapshot(proposal)
    do = STEPS[step][0]

    with pytest.raises(PermissionDenied):
        do(proposal, editor2, officer)

    assert snapshot(proposal) == before
