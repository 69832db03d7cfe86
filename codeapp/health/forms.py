"""The code health dashboard's forms: its thresholds and targets, and the integrity themes."""

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from codeapp.health.models import IntegrityTheme, keyword_list
from codeapp.models import HealthSettings
from core.forms import UnixNewlinesMixin
from norms.models import Norm


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


class IntegrityThemeForm(UnixNewlinesMixin, forms.ModelForm):
    """An integrity theme, and the norms of the active code that cover it."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    reason = forms.CharField(
        label=_("Reason for change"),
        required=False,
        max_length=500,
        help_text=_("Optional. Shown in the history of the themes."),
    )

    class Meta:
        model = IntegrityTheme
        fields = ["name_nl", "name_en", "keywords", "position", "norms"]
        widgets = {
            "keywords": forms.Textarea(attrs={"rows": 2}),
            "norms": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, norm_labels: dict[int, str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = self.instance.revision if self.instance.pk else 0
        norms = self.fields["norms"]
        norms.queryset = Norm.objects.active().order_by(
            "value__position", "value_id", "position", "id"
        )
        labels = norm_labels or {}
        norms.label_from_instance = lambda norm: f"{labels.get(norm.pk, '')} {norm}".strip()
        norms.help_text = _("The norms of this code that cover the theme.")
        self._add_place_field()
        self.fields["keywords"].help_text = _(
            "Search words, separated by commas, for suggesting norms when no norm covers the "
            "theme: a norm whose title or text contains one is suggested (part of a word is "
            "enough: “geschenk” finds “relatiegeschenken”). Readers do not see them."
        )
        self.fields["keywords"].label = _("Search words for suggestions")
        self.fields["keywords"].max_length = 1000
        self.fields["keywords"].validators.append(MaxLengthValidator(1000))

    # --- the place in the list: "at the top" or "after <theme>", never a number to type ---------

    TOP = "top"

    def _add_place_field(self) -> None:
        theme = self.instance
        self.others = list(IntegrityTheme.objects.exclude(pk=theme.pk).order_by("position", "id"))
        mine = (theme.position, theme.pk or float("inf"))
        before = [t for t in self.others if (t.position, t.pk) < mine]
        choices = [(self.TOP, _("At the top"))] + [
            (f"after-{t.pk}", _("After “%(name)s”") % {"name": t.name}) for t in self.others
        ]
        self.fields["position"] = forms.ChoiceField(
            label=_("Place in the list"), choices=choices,
            help_text=_("Where the theme stands in the list of themes."),
        )  # fmt: skip
        self.initial["position"] = f"after-{before[-1].pk}" if before else self.TOP
        self.renumber: dict[int, int] = {}

    def clean_position(self) -> int:
        """The chosen place as a position between its neighbours; when there is no room
        between them, every theme gets a new position (`renumber`, saved with the theme)."""
        choice = self.cleaned_data["position"]
        if choice == self.TOP:
            index = 0
        else:
            pks = [f"after-{t.pk}" for t in self.others]
            index = pks.index(choice) + 1
        prev = self.others[index - 1].position if index > 0 else None
        nxt = self.others[index].position if index < len(self.others) else None
        if prev is None and nxt is None:
            return 10
        if prev is None and nxt >= 1:
            return nxt // 2
        if nxt is None:
            return prev + 10
        if prev is not None and nxt - prev >= 2:
            return (prev + nxt) // 2
        order = [*self.others[:index], None, *self.others[index:]]
        self.renumber = {
            t.pk: 10 * place for place, t in enumerate(order, start=1) if t is not None
        }
        return 10 * (index + 1)

    def clean_revision(self) -> int | None:
        revision = self.cleaned_data.get("revision")
        if self.instance.pk and revision is None:
            raise forms.ValidationError(_("The form is incomplete; open the theme again."))
        return revision

    def clean_keywords(self) -> str:
        return ", ".join(keyword_list(self.cleaned_data.get("keywords", "")))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for name in ("name_nl", "name_en"):
            if name in cleaned:
                cleaned[name] = cleaned[name].strip()
        return cleaned
