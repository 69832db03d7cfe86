"""Forms of the case library: a case, and the library's search and filters."""

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from core.forms import MAX_TEXT_LENGTH, UnixNewlinesMixin
from norms.models import Norm
from reflection.forms.fields import NormsField, active_or_chosen
from reflection.models import Case
from values.models import Value


class CaseForm(UnixNewlinesMixin, forms.ModelForm):
    """A case for the library; it cannot be saved before the author confirms it is anonymised."""

    values_in_tension = forms.ModelMultipleChoiceField(
        label=_("Values in tension"),
        queryset=Value.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The core values that pull in different directions in this case."),
    )
    norms = NormsField(
        label=_("Norms concerned"),
        queryset=Norm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(
        label=_("Reason for change"),
        required=False,
        max_length=500,
        help_text=_("Optional. Shown in the history."),
    )
    # The revision the editor started from, so a save over a colleague's newer one is refused.
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Not stored: a check the author must make every time the case is saved.
    anonymised = forms.BooleanField(
        label=_("I have removed names and traceable details"),
        required=True,
        help_text=_(
            "No names of colleagues, citizens or companies, and no details (dates, places, "
            "job titles, amounts) by which someone could be recognised."
        ),
        error_messages={
            "required": _("Confirm that the case is anonymised: it cannot be saved otherwise.")
        },
    )

    class Meta:
        model = Case
        fields = ["title", "situation", "question", "is_real", "values_in_tension", "norms"]
        widgets = {
            "situation": forms.Textarea(attrs={"rows": 6}),
            "question": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        case = self.instance
        saved = case.pk is not None
        if saved:
            self.fields["revision"].initial = case.revision
            self.fields["revision"].required = True
        value_ids = list(case.values_in_tension.values_list("pk", flat=True)) if saved else []
        norm_ids = list(case.norms.values_list("pk", flat=True)) if saved else []
        self.fields["values_in_tension"].queryset = active_or_chosen(Value.objects, value_ids)
        self.fields["norms"].queryset = active_or_chosen(
            Norm.objects.select_related("value"), norm_ids
        ).order_by("value__position", "value__id", "position", "id")
        self.fields["is_real"].help_text = _(
            "Tick for a real case from daily work (anonymised); leave empty for a made-up one."
        )
        for name in ("situation", "question"):
            self.fields[name].max_length = MAX_TEXT_LENGTH
            self.fields[name].validators.append(MaxLengthValidator(MAX_TEXT_LENGTH))
        self.fields["situation"].help_text = _("What happened. Markdown.")

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())


class CaseFilterForm(forms.Form):
    """Search and filters of the case library (GET); an invalid filter is simply not applied."""

    REAL, FICTITIOUS = "real", "fictitious"

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Real or fictitious"),
        required=False,
        choices=[
            ("", _("All cases")),
            (REAL, _("Real cases")),
            (FICTITIOUS, _("Fictitious cases")),
        ],
    )
    value = forms.ModelChoiceField(
        label=_("Core value in tension"),
        required=False,
        queryset=Value.objects.active(),
        to_field_name="key",
        empty_label=_("All values"),
    )

    def clean_q(self) -> str:
        return self.cleaned_data["q"].strip()
