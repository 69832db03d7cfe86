"""Forms of the case library: a case, and the library's search and filters."""

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from core.forms import MAX_TEXT_LENGTH, UnixNewlinesMixin
from norms.models import Norm
from reflection.forms.fields import NormsField, active_or_chosen
from reflection.models import Case, DilemmaOption, LiveAnswer, PracticeTally
from values.models import Value

# A practice dilemma offers two to four courses of action.
OPTION_PLACES = 4


def answers_per_option(case: Case) -> dict[int, int]:
    """How often each option of `case` was chosen, practising alone or in a live session."""
    answers: dict[int, int] = {}
    practised = (
        PracticeTally.objects.filter(option__case=case)
        .values_list("option")
        .annotate(n=Sum("count"))
        .values_list("option", "n")
    )
    live = (
        LiveAnswer.objects.filter(option__case=case)
        .values_list("option")
        .annotate(n=Count("id"))
        .values_list("option", "n")
    )
    for option, count in [*practised, *live]:
        answers[option] = answers.get(option, 0) + (count or 0)
    return answers


class CaseForm(UnixNewlinesMixin, forms.ModelForm):
    """A case for the library; it cannot be saved before the author confirms it is anonymised.

    A practice dilemma has two to four courses of action (`option_1` … `option_4`) and a
    reflection; the template shows them in a fieldset of their own (`practice_fields`).
    """

    case_fields = ("title", "situation", "question", "is_real", "values_in_tension", "norms")
    practice_fields = (
        "practice", *(f"option_{place}" for place in range(1, OPTION_PLACES + 1)), "reflection",
    )  # fmt: skip

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
        fields = [
            "title", "situation", "question", "is_real", "values_in_tension", "norms",
            "practice", "reflection",
        ]  # fmt: skip
        widgets = {
            "situation": forms.Textarea(attrs={"rows": 6}),
            "question": forms.Textarea(attrs={"rows": 3}),
            "reflection": forms.Textarea(attrs={"rows": 5}),
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
        self.fields["reflection"].max_length = MAX_TEXT_LENGTH
        self.fields["reflection"].validators.append(MaxLengthValidator(MAX_TEXT_LENGTH))
        self._add_option_fields()
        self.order_fields([*self.case_fields, *self.practice_fields])

    # --- the courses of action of a practice dilemma ------------------------------------------
    # Four fixed places; a blank one is dropped. Place N keeps the option stored at place N, so
    # an option's colleagues' answers stay with it: rewording is allowed, but an option that
    # has answers cannot be removed or moved to another place (that would mix the counts).

    def _add_option_fields(self) -> None:
        case = self.instance
        stored = list(case.options.order_by("position", "id")) if case.pk else []
        self.stored_options: list[DilemmaOption | None] = (stored + [None] * OPTION_PLACES)[
            :OPTION_PLACES
        ]
        self.answers_per_option = answers_per_option(case) if case.pk else {}
        for place, option in enumerate(self.stored_options, start=1):
            answers = self.answers_per_option.get(option.pk, 0) if option else 0
            self.fields[f"option_{place}"] = forms.CharField(
                label=_("Course of action %(place)d") % {"place": place},
                required=False,
                max_length=DilemmaOption._meta.get_field("text").max_length,
                initial=option.text if option else "",
                help_text=(
                    _("Chosen by colleagues: you may reword it, not remove it.")
                    if answers
                    else (_("Required for a practice dilemma.") if place <= 2 else "")
                ),
            )

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        texts = [
            " ".join((cleaned.get(f"option_{place}") or "").split())
            for place in range(1, OPTION_PLACES + 1)
        ]
        for place, (text, option) in enumerate(zip(texts, self.stored_options, strict=True), 1):
            if option is None or not self.answers_per_option.get(option.pk):
                continue
            if not text:
                self.add_error(
                    f"option_{place}",
                    _(
                        "Colleagues chose this course of action: you cannot remove it (their "
                        "answers would count for another). Reword it, or make a new dilemma."
                    ),
                )
            elif any(
                other is not None and other.pk != option.pk and text == other.text
                for other in self.stored_options
            ):
                self.add_error(
                    f"option_{place}",
                    _(
                        "Courses of action that colleagues chose cannot change places: "
                        "their answers stay with the place they were given at."
                    ),
                )
        seen: set[str] = set()
        for place, text in enumerate(texts, start=1):
            if text and text.casefold() in seen:
                self.add_error(f"option_{place}", _("Two courses of action are the same."))
            seen.add(text.casefold())
        if cleaned.get("practice") and sum(1 for text in texts if text) < 2:
            self.add_error(
                "option_1", _("A practice dilemma needs at least two courses of action.")
            )
        if cleaned.get("practice") and not (cleaned.get("reflection") or "").strip():
            self.add_error(
                "reflection",
                _("A practice dilemma needs a reflection: colleagues read it after answering."),
            )
        self.option_texts = texts
        return cleaned

    def options_changed(self) -> bool:
        """Whether the courses of action differ from the stored ones (after cleaning)."""
        stored = [option.text if option else "" for option in self.stored_options]
        return stored != self.option_texts


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

    practice = forms.BooleanField(label=_("Practice dilemmas only"), required=False)

    def clean_q(self) -> str:
        return self.cleaned_data["q"].strip()
