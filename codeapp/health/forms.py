"""The code health dashboard's form: its thresholds and targets."""

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from codeapp.models import HealthSettings


class HealthSettingsForm(forms.ModelForm):
    """Thresholds and targets of the code health dashboard, with the revision it was opened at."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    reason = forms.CharField(
        label=_("Reason for change"),
        required=False,
        max_length=500,
        help_text=_("Optional. Shown in the history of the settings."),
    )

    class Meta:
        model = HealthSettings
        fields = [
            "max_norms_per_value", "max_norms_total", "sessions_per_quarter",
            "months_until_neglected", "b1_minimum",
        ]  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = self.instance.revision
        # Bounds that keep the dashboard meaningful; beyond them a value is almost surely a typo.
        bounds = {
            "max_norms_per_value": (1, 100),
            "max_norms_total": (1, 1000),
            "sessions_per_quarter": (0, 50),
            "months_until_neglected": (1, 60),
            "b1_minimum": (0, 100),
        }
        for name, (low, high) in bounds.items():
            field = self.fields[name]
            field.min_value, field.max_value = low, high
            field.widget.attrs.update(min=low, max=high)
            field.validators += [MinValueValidator(low), MaxValueValidator(high)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        per_value, total = cleaned.get("max_norms_per_value"), cleaned.get("max_norms_total")
        if per_value and total and per_value > total:
            self.add_error(
                "max_norms_per_value",
                _("Cannot be more than the most norms in total (%(total)d).") % {"total": total},
            )
        return cleaned
