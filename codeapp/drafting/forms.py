"""The working draft's forms: searching the draft, the code's title and preamble, and what an
integrity officer states when publishing a version."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from codeapp.establishment.forms import (
    ESTABLISHMENT_FIELD_NAMES,
    clean_establishment,
    establishment_fields,
    establishment_groups,
)
from codeapp.models import CodeProfile, CodeVersion
from core.forms import MAX_TEXT_LENGTH, CodeItemForm, MarkdownTextarea, UnixNewlinesMixin
from norms.models import Norm


class CodeProfileForm(CodeItemForm):
    """The code's title, language and preamble, edited like any item of the draft."""

    class Meta:
        model = CodeProfile
        fields = ["title", "language", "preamble"]
        widgets = {"preamble": MarkdownTextarea(attrs={"rows": 10})}

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("The code needs a title."))
        return title


class DraftSearchForm(forms.Form):
    """What an editor looks for in the working draft: a GET form, so it works without script.

    `value` alone opens that value; any other field lists the items that match.
    """

    q = forms.CharField(label=_("Words or key"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Kind of norm"),
        choices=[("", _("Any kind")), *Norm.Kind.choices],
        required=False,
    )
    value = forms.ChoiceField(label=_("Core value"), required=False)
    retired = forms.BooleanField(label=_("Only retired items"), required=False)

    def __init__(self, *args: Any, values: list[tuple[str, str]], **kwargs: Any):
        """`values`: (key, label) of the values one may choose, in the code's order."""
        super().__init__(*args, **kwargs)
        self.fields["value"].choices = [("", _("All core values")), *values]
        for name, field in self.fields.items():
            if name == "retired":
                field.widget.attrs["class"] = "form-check-input"
            elif isinstance(field, forms.ChoiceField):
                field.widget.attrs["class"] = "form-select form-select-sm"
            else:
                field.widget.attrs["class"] = "form-control form-control-sm"

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())

    @property
    def searches(self) -> bool:
        """Whether the editor asked for a list of matches rather than one value or the code."""
        data = self.cleaned_data
        return bool(data["q"] or data["kind"] or data["retired"])


class PublishForm(UnixNewlinesMixin, forms.Form):
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
    retroactive = forms.BooleanField(
        label=_("With retroactive effect"),
        required=False,
        help_text=_(
            "Only for a date before today: the version then replaces what was in force on days "
            "already past. Its pages say so."
        ),
    )
    retroactive_reason = forms.CharField(
        label=_("Reason for the retroactive effect"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed with retroactive effect. Readers see it with the version."),
    )
    editorial = forms.BooleanField(
        label=_("Editorial change"),
        required=False,
        help_text=_(
            "Only spelling, links or layout changed, not what the code asks. Nobody is asked "
            "to confirm this version again: a confirmation of the version before counts."
        ),
    )
    expected_latest = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    # The seal of the draft the officer reviewed: a draft changed since is not published unseen.
    expected_draft_seal = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, latest: CodeVersion | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if latest is not None:
            self.fields["effective_from"].widget.attrs["min"] = latest.effective_from.isoformat()
        else:
            # The first version has no confirmed version to rest on.
            del self.fields["editorial"]
        self.fields.update(establishment_fields())

    def clean_established_by(self) -> str:
        return " ".join(self.cleaned_data["established_by"].split())

    @property
    def main_fields(self) -> list:
        return [self[name] for name in self.fields if name not in ESTABLISHMENT_FIELD_NAMES]

    @property
    def establishment_groups(self) -> list[tuple[str, str, list]]:
        """The establishment fields per step, for the template's fieldsets."""
        return establishment_groups(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        cleaned["establishment"] = clean_establishment(self, cleaned)
        return cleaned
