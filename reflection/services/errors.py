"""What a proposal's steps refuse with; in every case nothing was changed.

A step its state does not allow is a `TransitionError` (a mistake, told as such). The others
are lost races, `core.revision.StaleEdit` like every "someone saved it first": the proposal
was decided or withdrawn first (`DecisionConflict`), or the item it is about changed
(`ApplyConflict`) or was retired (`ItemRetired`) since it was written. Each carries the row
as it stands now in `current`.
"""

from django.core.exceptions import ValidationError

from core.models import CodeItem
from core.revision import StaleEdit
from reflection.models import Proposal


class TransitionError(ValidationError):
    """A transition the proposal's state does not allow; nothing was changed."""


class DecisionConflict(StaleEdit):
    """Someone else decided (or withdrew) the proposal first; `current` is how it stands now."""

    def __init__(self, current: Proposal):
        super().__init__(current, f"proposal {current.number} is {current.state}")


class ApplyConflict(StaleEdit):
    """The item changed since the proposal was written; the officer must resolve it.

    `current` is the item as it stands, `proposal` the proposal being decided.
    """

    def __init__(self, proposal: Proposal, current: CodeItem):
        super().__init__(
            current, f"{current.key} changed since proposal {proposal.number} was written"
        )
        self.proposal = proposal


class ItemRetired(StaleEdit):
    """The item a rewording is about was retired (or its value or norm was) after the proposal
    was written: approving the text alone would leave it out of the next version anyway.

    `current` is the item as it stands. The officer may restore the item with the proposed
    text (`restore=True`) or reject the proposal.
    """

    def __init__(self, proposal: Proposal, current: CodeItem):
        super().__init__(current, f"{current.key} was retired since proposal {proposal.number}")
        self.proposal = proposal
