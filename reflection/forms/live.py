"""Forms of live dilemma sessions: opening one, the lead's notes and signals, and joining."""

from django import forms
from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from core.forms import MAX_TEXT_LENGTH, UnixNewlinesMixin
from norms.models import Norm
from people.models import Unit
from reflection.models import Case, LiveDilemma, NormSignal
from reflection.services.live import CODE_LENGTH, MAX_DILEMMAS, normalise_code


def practice_dilemmas() -> QuerySet[Case]:
    """The practice dilemmas a live session can show: those with at least two options."""
    return (
        Case.objects.filter(practice=True)
        .annotate(option_count=Count("options"))
        .filter(option_count__gte=2)
        .order_by("title", "id")
    )


class LiveSessionForm(forms.Form):
    """Title, team, and one to six dilemmas in the order the screen shows them."""

    title = forms.CharField(label=_("Title"), max_length=200)
    unit = forms.ModelChoiceField(label=_("Team"), queryset=Unit.objects.none(), empty_label=None)

    def __init__(self, *args, units: QuerySet[Unit], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        dilemmas = practice_dilemmas()
        for n in range(1, MAX_DILEMMAS + 1):
            self.fields[f"dilemma_{n}"] = forms.ModelChoiceField(
                label=_("Dilemma %(n)d") % {"n": n},
                queryset=dilemmas,
                required=n == 1,
                empty_label=_("(none)") if n > 1 else None,
            )

    def clean(self) -> dict:
        cleaned = super().clean()
        chosen = [
            cleaned.get(f"dilemma_{n}")
            for n in range(1, MAX_DILEMMAS + 1)
            if cleaned.get(f"dilemma_{n}")
        ]
        if len({case.pk for case in chosen}) != len(chosen):
            raise forms.ValidationError(_("Choose each dilemma once."))
        cleaned["cases"] = chosen
        return cleaned


class NoteForm(UnixNewlinesMixin, forms.Form):
    text = forms.CharField(
        label=_("Note"),
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the team said. No names."),
    )
    dilemma = forms.ModelChoiceField(
        label=_("About the dilemma"),
        queryset=LiveDilemma.objects.none(),
        required=False,
        empty_label=_("The session as a whole"),
    )

    def __init__(self, *args, live, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dilemma"].queryset = live.dilemmas.select_related("case")
        self.fields["dilemma"].label_from_instance = lambda d: d.case.title


class NormChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Norm) -> str:
        return f"{obj.value.name} – {obj.title}"


class SignalForm(UnixNewlinesMixin, forms.Form):
    field_order = ["kind", "norm", "text"]

    kind = forms.ChoiceField(
        label=_("The team finds"), choices=NormSignal.Kind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("What the team said"),
        max_length=500,
        required=False,
        help_text=_("Required for a missing norm: what should the code say?"),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["norm"] = NormChoiceField(
            label=_("Norm"),
            queryset=Norm.objects.filter(retired=False)
            .select_related("value")
            .order_by("value__position", "value__id", "position", "id"),
            required=False,
            empty_label=_("(no norm)"),
            help_text=_(
                "Required for an unclear norm; for a missing one, the norm it is close to."
            ),
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == NormSignal.Kind.UNCLEAR and not cleaned.get("norm"):
            self.add_error("norm", _("Choose the norm that is unclear."))
        if kind == NormSignal.Kind.MISSING and not (cleaned.get("text") or "").strip():
            self.add_error("text", _("Say what norm the team misses."))
        return cleaned


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Join code"),
        max_length=20,
        help_text=_("The code on the screen, for example K7P2QM."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH:
            raise forms.ValidationError(
                _("A join code has %(n)d letters and digits.") % {"n": CODE_LENGTH}
            )
        return code
