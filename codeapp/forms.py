from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from codeapp.models import CodeProfile, CodeVersion
from values.forms import MAX_TEXT_LENGTH, CodeItemForm


class CodeProfileForm(CodeItemForm):
    """The code's title, language and preamble, edited like any item of the draft."""

    class Meta:
        model = CodeProfile
        fields = ["title", "language", "preamble"]
        widgets = {"preamble": forms.Textarea(attrs={"rows": 10})}

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("The code needs a title."))
        return title


class PublishForm(forms.Form):
    """What an integrity officer states when establishing a new version.

    Whether the date may follow the latest version is the service's to say (it
    holds the lock); the form only sets the date picker's lower bound.
    """

    effective_from = forms.DateField(
        label=_("Comes into force on"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The date from which this version is the code in force."),
    )
    established_by = forms.CharField(
        label=_("Established by"),
        max_length=300,
        help_text=_(
            "The competent authority and its decision, e.g. “College van B&W, besluit 2026/123”."
        ),
    )
    change_summary = forms.CharField(
        label=_("Summary of the changes"),
        required=False,
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Optional. Markdown. Readers see it above the version; adjust as needed."),
    )
    expected_latest = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    # The seal of the draft the officer reviewed: a draft changed since is not published unseen.
    expected_draft_seal = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, latest: CodeVersion | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if latest is not None:
            self.fields["effective_from"].widget.attrs["min"] = latest.effective_from.isoformat()

    def clean_established_by(self) -> str:
        return " ".join(self.cleaned_data["established_by"].split())
