"""The form for planning and recording a reflection session."""

import datetime
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import CodeItemForm
from norms.models import Norm
from people.models import Unit
from people.units import UnitTree
from reflection.forms.fields import NormsField, PersonField, active_or_chosen
from reflection.models import Case, Session, default_public_name
from values.models import Value

# How far ahead a session may be planned; a date beyond it is almost always a typo.
PLANNING_HORIZON_YEARS = 2


def _years_ahead(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class SessionForm(CodeItemForm):
    """A session with its revision (lost-update check) and an optional reason for the history."""

    facilitator = PersonField(
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
    unit = forms.ModelChoiceField(
        label=_("Team (unit)"),
        queryset=Unit.objects.none(),
        required=False,
        empty_label=_("No unit"),
        help_text=_(
            "The unit that held the session, if one did. Code health lists the units that held "
            "no session in a year."
        ),
    )

    class Meta:
        model = Session
        fields = [
            "title", "public_name", "date", "format", "held", "facilitator", "external_facilitator",
            "participant_groups", "unit", "participant_count", "values_discussed",
            "norms_discussed",
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
        self.fields["values_discussed"].queryset = active_or_chosen(Value.objects, value_ids)
        self.fields["norms_discussed"].queryset = active_or_chosen(
            Norm.objects.select_related("value"), norm_ids
        ).order_by("value__position", "value__id", "position", "id")
        self.fields["cases"].queryset = Case.objects.order_by("title", "id")
        # Units in the tree's order with their place in it, from one query whatever their number.
        tree = UnitTree.load()
        unit = self.fields["unit"]
        unit.queryset = Unit.objects.all()
        unit.widget.choices = [("", unit.empty_label)] + [
            (node.pk, tree.path(node.pk)) for node, _depth in tree.walk()
        ]
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
