"""The form with which an administrator names a deputy to decide one proposal."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.forms import UnixNewlinesMixin
from reflection.forms.fields import PersonField
from reflection.models import Proposal


class DeputyForm(UnixNewlinesMixin, forms.Form):
    """Whom an administrator names to decide one proposal, and why (for its history)."""

    deputy = PersonField(
        label=_("Deputy"),
        queryset=get_user_model().objects.none(),
        help_text=_(
            "This person may decide this proposal, and only this one. Not the proposer, "
            "nor who facilitated the session it came from."
        ),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown in the history of the proposal, e.g. “the only integrity officer "
                    "made this proposal”."),
    )  # fmt: skip

    def __init__(self, *args: Any, proposal: Proposal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = (
            get_user_model()
            .objects.filter(is_active=True)
            .exclude(pk__in=proposal.kept_out_by_four_eyes())
            .order_by("first_name", "last_name", "username")
        )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why a deputy decides this proposal."))
        return reason
