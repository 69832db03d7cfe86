"""The forms of the evidence pages: a day to look at, and a person to find."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from core.dates import NotADay, parse_day


class DayForm(forms.Form):
    """`?on=YYYY-MM-DD`: which version was in force that day, and had the person confirmed."""

    on = forms.CharField(
        label=_("What was in force on"),
        required=False,
        max_length=10,
        help_text=_("A date, for example 2026-11-15."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_on(self) -> datetime.date | None:
        text = self.cleaned_data["on"].strip()
        if not text:
            return None
        try:
            return parse_day(text)
        except NotADay:
            raise forms.ValidationError(
                _("“%(text)s” is not a date. Write it as year-month-day, e.g. 2026-11-15."),
                params={"text": text[:20]},
            ) from None


class PeopleSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, user name or e-mail address"), required=False, max_length=200
    )
