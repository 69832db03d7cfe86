"""What a proposal can be about (reflection.services.targets), and how its steps refuse."""

import pytest

from core.revision import StaleEdit
from core.services import item_set_retired
from reflection.models import Proposal
from reflection.services.errors import (
    ApplyConflict,
    DecisionConflict,
    ItemRetired,
    TransitionError,
)
from reflection.services.targets import changed_fields, outline, suggested_proposal

pytestmark = pytest.mark.django_db


def test_it_numbers_the_active_items_as_readers_see_them(code, editor):
    item_set_retired(item=code["bribes"], retired=True, user=editor)

    drafted = outline()

    assert drafted.numbers["eerlijkheid"] == "1"
    assert drafted.numbers["geschenken"] == "1.1"
    assert drafted.numbers["diner"] == "1.1.2"
    assert drafted.numbers["bijblijven"] == "2.1"
    assert "steekpenningen" not in drafted.numbers
    assert drafted.find("norm", "geschenken") == code["gifts"]
    assert drafted.find("norm", "steekpenningen") is None
    assert drafted.find("value", None) is None
    assert drafted.label(code["learn"]) == "2.1 Bijblijven"


def test_it_keeps_only_what_a_rewording_changes(code):
    gifts = code["gifts"]
    proposed = {"title": gifts.title, "text": "Nieuw.", "kind": gifts.kind, "explanation": ""}

    assert changed_fields(gifts, "norm", proposed) == {"text": "Nieuw."}


def test_a_suggested_rewording_of_a_norm_proposes_its_text(code):
    proposal = suggested_proposal(
        about=code["gifts"], change=Proposal.Action.REWORD, title="Ook afgeslagen",
        text="Meld ook wat je afslaat.", kind="", rationale="Onduidelijk.",
    )  # fmt: skip

    assert (proposal.action, proposal.target, proposal.norm) == ("reword", "norm", code["gifts"])
    assert proposal.proposed == {"text": "Meld ook wat je afslaat."}
    assert proposal.origin == Proposal.Origin.SUGGESTION


def test_a_suggested_addition_goes_under_the_norm_or_value(code):
    example = suggested_proposal(
        about=code["gifts"], change=Proposal.Action.ADD, title="Een taart",
        text="Een bewoner brengt taart.", kind="", rationale="Komt vaak voor.",
    )  # fmt: skip
    norm = suggested_proposal(
        about=code["honesty"], change=Proposal.Action.ADD, title="Eerlijk melden",
        text="Je meldt fouten.", kind="obligation", rationale="Ontbreekt.",
    )  # fmt: skip

    assert (example.target, example.parent_norm) == ("example", code["gifts"])
    assert example.proposed == {
        "title": "Een taart", "situation": "Een bewoner brengt taart.", "guidance": "",
    }  # fmt: skip
    assert (norm.target, norm.parent_value) == ("norm", code["honesty"])
    assert norm.proposed["kind"] == "obligation"


def test_a_suggested_retirement_proposes_no_text(code):
    proposal = suggested_proposal(
        about=code["expertise"], change=Proposal.Action.RETIRE, title="Weg ermee",
        text="", kind="", rationale="Dubbel.",
    )  # fmt: skip

    assert (proposal.target, proposal.value, proposal.proposed) == (
        "value", code["expertise"], {},
    )  # fmt: skip


def test_every_lost_race_is_a_stale_edit_and_a_wrong_step_is_not():
    """One "someone saved it first" for the whole house: core.revision.StaleEdit."""
    for refusal in (DecisionConflict, ApplyConflict, ItemRetired):
        assert issubclass(refusal, StaleEdit)
    assert not issubclass(TransitionError, StaleEdit)
