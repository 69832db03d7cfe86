"""Starting a campaign: the version, what the mail says, the deadline and schedule, the audience."""

import re
import uuid
from typing import Any

from django import forms
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from codeapp.campaigns.audience import Audience
from codeapp.campaigns.services import MAX_REMINDER_DAYS, MAX_REMINDER_STEPS
from codeapp.models import CodeVersion
from core.forms import UnixNewlinesMixin
from people.models import Unit

EVERYONE, CHOSEN = "everyone", "chosen"


class VersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: CodeVersion) -> str:
        return _("Version %(number)d (in force from %(date)s)") % {
            "number": obj.number,
            "date": date_format(obj.effective_from, "DATE_FORMAT"),
        }


class UnitChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Unit) -> str:
        return str(obj)


class CampaignForm(UnixNewlinesMixin, forms.Form):
    # Made when the form is first shown and sent back with it: the start is done once.
    start_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4, required=False)
    version = VersionChoiceField(
        label=_("Version to confirm"),
        queryset=CodeVersion.objects.order_by("-number"),
        empty_label=None,
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("E.g. “Read the new code of conduct”. Employees see it in the mail."),
    )
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Optional. A few words from the organisation, sent with the first mail."),
    )
    deadline = forms.DateField(
        label=_("Deadline"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The last day to confirm."),
    )
    reminder_days = forms.CharField(
        label=_("Reminders (days before the deadline)"),
        required=False,
        max_length=100,
        initial="14, 3",
        help_text=_("Numbers separated by commas, e.g. “14, 3”. Leave empty for none."),
    )
    weekly_after_deadline = forms.BooleanField(
        label=_("Then weekly after the deadline"), required=False, initial=True
    )
    audience = forms.ChoiceField(
        label=_("Who is asked"),
        choices=[(EVERYONE, _("Everyone")), (CHOSEN, _("Only the people chosen below"))],
        widget=forms.RadioSelect,
        initial=EVERYONE,
    )
    units = UnitChoiceField(
        label=_("Units (with the units below them)"),
        queryset=Unit.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    groups = forms.ModelMultipleChoiceField(
        label=_("Roles"),
        queryset=Group.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    functions = forms.CharField(
        label=_("Functions"),
        required=False,
        max_length=1000,
        help_text=_("Separated by commas, as in the personnel records, e.g. “jurist, handhaver”."),
    )
    joined_since = forms.DateField(
        label=_("Joined since"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Optional: people who started on or after this day."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["deadline"].widget.attrs["min"] = timezone.localdate().isoformat()

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean_reminder_days(self) -> list[int]:
        text = self.cleaned_data["reminder_days"].strip()
        parts = [p for p in re.split(r"[,\s]+", text) if p]
        if not all(p.isdigit() for p in parts):
            raise forms.ValidationError(_("Write whole numbers separated by commas, e.g. “14, 3”."))
        days = sorted({int(p) for p in parts}, reverse=True)
        if len(days) > MAX_REMINDER_STEPS:
            raise forms.ValidationError(
                _("At most %(n)d reminders before the deadline.") % {"n": MAX_REMINDER_STEPS}
            )
        if any(not 1 <= d <= MAX_REMINDER_DAYS for d in days):
            raise forms.ValidationError(
                _("Each reminder is between 1 and %(n)d days before the deadline.")
                % {"n": MAX_REMINDER_DAYS}
            )
        return days

    def clean_functions(self) -> list[str]:
        text = self.cleaned_data["functions"]
        return sorted({" ".join(p.split()) for p in text.split(",") if p.strip()})

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("The deadline is in the past. Choose a later day."))
        return deadline

    def clean(self) -> dict:
        data = super().clean()
        if data.get("audience") == CHOSEN and not (
            data.get("units") or data.get("groups") or data.get("functions")
            or data.get("joined_since")
        ):  # fmt: skip
            raise forms.ValidationError(
                _("Choose units, roles, functions or a start date, or ask everyone.")
            )
        return data

    def audience_asked(self) -> Audience:
        data = self.cleaned_data
        if data["audience"] == EVERYONE:
            return Audience(everyone=True)
        return Audience(
            units=list(data["units"]),
            groups=list(data["groups"]),
            functions=data["functions"],
            joined_since=data["joined_since"],
        )


def default_version() -> CodeVersion | None:
    """The version a new campaign asks by default: the one in force, else the coming one."""
    return CodeVersion.objects.in_force() or CodeVersion.objects.upcoming().first()
