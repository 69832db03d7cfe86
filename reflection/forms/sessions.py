"""Forms for reflection sessions, the case library, and naming a deputy for a proposal."""

import datetime
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxLengthValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import MAX_TEXT_LENGTH, CodeItemForm, UnixNewlinesMixin
from core.roles import person_name
from norms.models import Norm
from reflection.models import Case, Proposal, Session, default_public_name
from values.models import Value

# How far ahead a session may be planned; a date beyond it is almost always a typo.
PLANNING_HORIZON_YEARS = 2


def _years_ahead(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class FacilitatorField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return person_name(obj)


class NormsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Norm) -> str:
        return f"{obj.value.name} — {obj}"


def _active_or_chosen(queryset, chosen_ids: list[int]):
    """Active items, plus any retired one already chosen: an edit must not drop it silently."""
    return queryset.filter(Q(retired=False) | Q(pk__in=chosen_ids))


class SessionForm(CodeItemForm):
    """A session with its revision (lost-update check) and an optional reason for the history."""

    facilitator = FacilitatorField(
        label=_("Facilitator (colleague)"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("No colleague"),
    )
    values_discussed = forms.ModelMultipleChoiceField(
        label=_("Values discussed"),
        queryset=Value.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    norms_discussed = NormsField(
        label=_("Norms discussed"),
        queryset=Norm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cases = forms.ModelMultipleChoiceField(
        label=_("Cases discussed"),
        queryset=Case.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("From the case library. Add a new case there first."),
    )
    participant_count = forms.IntegerField(
        label=_("Number of participants"), required=False, min_value=1
    )

    class Meta:
        model = Session
        fields = [
            "title", "public_name", "date", "format", "held", "facilitator", "external_facilitator",
            "participant_groups", "participant_count", "values_discussed", "norms_discussed",
            "cases", "insights",
        ]  # fmt: skip
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "insights": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        session = self.instance
        saved = session.pk is not None
        users = get_user_model().objects.filter(is_active=True)
        if session.facilitator_id:  # a colleague who has since left stays selectable
            users = get_user_model().objects.filter(
                Q(is_active=True) | Q(pk=session.facilitator_id)
            )
        self.fields["facilitator"].queryset = users.order_by("first_name", "last_name", "username")
        value_ids = list(session.values_discussed.values_list("pk", flat=True)) if saved else []
        norm_ids = list(session.norms_discussed.values_list("pk", flat=True)) if saved else []
        self.fields["values_discussed"].queryset = _active_or_chosen(Value.objects, value_ids)
        self.fields["norms_discussed"].queryset = _active_or_chosen(
            Norm.objects.select_related("value"), norm_ids
        ).order_by("value__position", "value__id", "position", "id")
        self.fields["cases"].queryset = Case.objects.order_by("title", "id")
        self.fields["date"].input_formats = ["%Y-%m-%d", "%d-%m-%Y"]
        self.fields["participant_groups"].help_text = _(
            "Which teams or groups took part, e.g. “team Permits, two managers”. "
            "Never names: participants must be able to speak freely."
        )
        self.fields["public_name"].required = False
        self.fields["public_name"].help_text = _(
            "Public: once a version carrying a proposal from this session is published, this "
            "name and the date stand beside every norm the proposal changed, on the public pages "
            "and in the API. The title does not. Leave it empty for the kind and quarter, e.g. "
            "“Dilemma session, Q1 2026”."
        )
        self.fields["participant_count"].help_text = _("How many took part. No names.")
        self.fields["reason"].help_text = _("Optional. Shown in the history of the session.")
        self.fields["insights"].help_text = _(
            "What the session learned. Markdown. Confidential: only editors and integrity "
            "officers see it. Do not write who said what."
        )

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean_public_name(self) -> str:
        return " ".join(self.cleaned_data["public_name"].split())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        day, held = cleaned.get("date"), cleaned.get("held")
        today = timezone.localdate()
        if day and cleaned.get("format") and not cleaned.get("public_name"):
            cleaned["public_name"] = default_public_name(cleaned["format"], day)
        if day and held and day > today:
            self.add_error("date", _("A session that was held cannot be in the future."))
        elif day and not held and day > _years_ahead(today, PLANNING_HORIZON_YEARS):
            self.add_error("date", _("A session can be planned at most two years ahead."))
        if held and not cleaned.get("facilitator") and not cleaned.get("external_facilitator"):
            self.add_error(
                "facilitator",
                _("Name who facilitated the session: a colleague or an external facilitator."),
            )
        return cleaned

    def content_changed(self) -> bool:
        """Whether the editor changed anything about the session itself."""
        return any(name in self.changed_data for name in self._meta.fields)


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
        self.fields["values_in_tension"].queryset = _active_or_chosen(Value.objects, value_ids)
        self.fields["norms"].queryset = _active_or_chosen(
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


class DeputyForm(UnixNewlinesMixin, forms.Form):
    """Whom an administrator names to decide one proposal, and why (for its history)."""

    deputy = FacilitatorField(
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
