"""Forms of the review: an officer's decision, and the merged text after a conflict."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import MAX_TEXT_LENGTH, UnixNewlinesMixin
from reflection.forms.proposals import ProposedFieldsMixin


class DecisionForm(UnixNewlinesMixin, forms.Form):
    """An officer's decision: approve or reject, always with reasons."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reasons for the decision"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_TEXT_LENGTH,
        help_text=_("Required, also for an approval. The proposer reads them."),
    )

    def __init__(
        self,
        *args: Any,
        allow_approve: bool = True,
        retired: bool = False,
        may_restore: bool = True,
        **kwargs: Any,
    ) -> None:
        """`retired`: the reworded item was retired since, so approving means bringing it back
        (offered only when it `may_restore`) or nothing is left but to reject."""
        super().__init__(*args, **kwargs)
        if retired:
            choices = [("reject", _("Reject"))]
            if may_restore:
                restore = _("Approve and bring it back with the proposed text")
                choices.insert(0, ("restore", restore))
            self.fields["decision"].choices = choices
        elif not allow_approve:
            self.fields["decision"].choices = [("reject", _("Reject"))]
        if len(self.fields["decision"].choices) == 1:
            self.fields["decision"].initial = "reject"

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give the reasons for the decision."))
        return reason

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] in ("approve", "restore")

    @property
    def restore(self) -> bool:
        return self.cleaned_data["decision"] == "restore"


class ResolveForm(UnixNewlinesMixin, ProposedFieldsMixin, forms.Form):
    """The text to apply after the item changed since the proposal was written.

    `resolved` marks a post from the conflict page; `seen_revision` is the item's
    revision the officer compared with, so a further edit in between is caught.
    """

    resolved = forms.CharField(widget=forms.HiddenInput, initial="1")
    seen_revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, target: str, names: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_proposed_fields(target, names)

    def resolved_fields(self) -> dict[str, Any]:
        return self.proposed_data()
