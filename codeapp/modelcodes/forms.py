"""What an editor gives to start the code from a model, and to leave a model item out."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import MAX_TEXT_LENGTH, UnixNewlinesMixin


class ModelStartForm(forms.Form):
    """A model release from a file or from another installation's address."""

    file = forms.FileField(
        label=_("Model code as a file"),
        required=False,
        help_text=_("A living-code/1 document (JSON) of a published version of the model."),
    )
    url = forms.URLField(
        label=_("Or the model's address"),
        required=False,
        assume_scheme="https",
        max_length=500,
        help_text=_("The address of the model's code, for example https://…/api/v1/code."),
    )
    publisher = forms.CharField(
        label=_("Publisher of the model"),
        max_length=300,
        help_text=_("Who publishes the model, for example the ministry or association."),
    )
    minimum = forms.BooleanField(
        label=_("The model is a minimum"),
        required=False,
        help_text=_("Leaving out one of its items then falls below the minimum: you are warned."),
    )
    follow = forms.BooleanField(
        label=_("Follow the model at its address"),
        required=False,
        help_text=_("Check for a new version every day and turn its changes into proposals."),
    )
    replace = forms.BooleanField(
        label=_("Replace the working draft"),
        required=False,
        help_text=_("The draft has items already: they are retired unless the model has them."),
    )

    def __init__(self, *args: Any, draft_has_items: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.draft_has_items = draft_has_items
        if not draft_has_items:
            del self.fields["replace"]
        self.fields["file"].widget.attrs["accept"] = "application/json,.json"

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("file") and not data.get("url"):
            raise forms.ValidationError(_("Choose a file or give the model's address."))
        if data.get("file") and data.get("url"):
            raise forms.ValidationError(_("Choose a file or give an address, not both."))
        if data.get("follow") and not data.get("url"):
            self.add_error("follow", _("Only a model taken from an address can be followed."))
        if self.draft_has_items and not data.get("replace"):
            self.add_error("replace", _("Tick this to replace the working draft with the model."))
        return data


class LeaveOutForm(UnixNewlinesMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why does this code leave it out?"),
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The reason is recorded in the next version of the code."),
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why this code leaves the item out."))
        return reason


class ReleaseForm(forms.Form):
    """A newer release of the model, from a file (or, without one, from the model's address)."""

    file = forms.FileField(
        label=_("New version of the model as a file"),
        required=False,
        help_text=_("Leave empty to fetch the version in force at the model's address."),
    )

    def __init__(self, *args: Any, has_address: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.has_address = has_address
        self.fields["file"].widget.attrs["accept"] = "application/json,.json"

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("file") and not self.has_address:
            raise forms.ValidationError(_("Choose the file of the model's new version."))
        return data


class AdaptForm(forms.Form):
    """The local wording an approved model change brings into the draft instead of the model's."""

    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, fields: dict[str, str], **kwargs: Any):
        super().__init__(*args, **kwargs)
        labels = {
            "name": _("Name"), "description": _("Description"), "title": _("Title"),
            "text": _("Text"), "explanation": _("Explanation"), "situation": _("Situation"),
            "guidance": _("Guidance"),
        }  # fmt: skip
        for name, value in fields.items():
            if name == "kind":
                continue
            self.fields[name] = forms.CharField(
                label=labels[name],
                initial=value,
                required=name in ("name", "text"),
                max_length=MAX_TEXT_LENGTH,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
