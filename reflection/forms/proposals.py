"""Forms for amendment proposals: recording one, and an employee suggesting one.

The proposed text of an item is entered in fields named `proposed_<field>`, so an
item's own "title" never clashes with the proposal's title.
"""

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.forms import MAX_TEXT_LENGTH, UnixNewlinesMixin
from core.models import CodeItem
from norms.models import Norm
from reflection.models import Case, Proposal, Session
from reflection.services.targets import (
    MODELS,
    PROPOSABLE_FIELDS,
    Outline,
    changed_fields,
    current_fields,
    suggested_proposal,
)
from values.models import Value

PREFIX = "proposed_"
Action = Proposal.Action


# Labels that keep the item's fields apart from the proposal's own (its title, say).
PROPOSED_LABELS = {
    "name": _("Proposed name"),
    "description": _("Proposed description"),
    "title": _("Proposed title"),
    "text": _("Proposed text"),
    "kind": _("Proposed kind"),
    "explanation": _("Proposed explanation"),
    "situation": _("Proposed situation"),
    "guidance": _("Proposed guidance"),
}


def proposed_field(target: str, name: str) -> forms.Field:
    """A form field for one of the item's own fields, limited as the model is."""
    model_field = MODELS[target]._meta.get_field(name)
    label = PROPOSED_LABELS[name]
    required = not model_field.blank
    if model_field.choices:
        return forms.ChoiceField(
            label=label, choices=model_field.choices, widget=forms.RadioSelect, required=required
        )
    if isinstance(model_field, models.TextField):
        return forms.CharField(
            label=label,
            required=required,
            widget=forms.Textarea(attrs={"rows": 5}),
            validators=[MaxLengthValidator(MAX_TEXT_LENGTH)],
            max_length=MAX_TEXT_LENGTH,
        )
    return forms.CharField(label=label, required=required, max_length=model_field.max_length)


class ProposedFieldsMixin:
    """Adds a `proposed_<field>` form field for each field a proposal may propose."""

    def add_proposed_fields(self, target: str, names: tuple[str, ...] | None = None) -> None:
        self.proposed_names = names or PROPOSABLE_FIELDS[target]
        for name in self.proposed_names:
            self.fields[PREFIX + name] = proposed_field(target, name)

    def proposed_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(PREFIX + name, "") for name in self.proposed_names}


def _hidden() -> forms.CharField:
    return forms.CharField(required=False, widget=forms.HiddenInput)


class StartForm(forms.Form):
    """Step 1 of recording a proposal (a GET form): what kind of change, to what."""

    action = forms.ChoiceField(
        label=_("What do you propose?"), choices=Action.choices, widget=forms.RadioSelect
    )
    target = forms.ChoiceField(
        label=_("Kind of item"), choices=Proposal.Target.choices, widget=forms.RadioSelect
    )
    session = _hidden()
    case = _hidden()


class ItemChoiceForm(forms.Form):
    """Step 2 for a rewording (a GET form): which item, so its text can be filled in."""

    item = forms.ChoiceField(label=_("Item to reword"))
    action = _hidden()
    target = _hidden()
    session = _hidden()
    case = _hidden()

    def __init__(self, *args: Any, target: str, code: Outline, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(i.key, code.label(i)) for i in code.of(target)]


class ProposalForm(UnixNewlinesMixin, ProposedFieldsMixin, forms.Form):
    """The proposal itself, for a given action and kind of item (fixed before the form).

    For a rewording the item is fixed (its current text fills the form); for retiring
    it is chosen here; for an addition the form asks where the new item goes.
    """

    item = forms.ChoiceField(label=_("Item"))
    # The revision of the item whose text the proposer saw, to notice an edit meanwhile.
    seen_revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    parent = forms.ChoiceField(label=_("Place"))
    title = forms.CharField(
        label=_("Title of the proposal"),
        max_length=300,
        help_text=_("In a few words, e.g. “Report gifts of any value”."),
    )
    rationale = forms.CharField(
        label=_("Rationale"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_TEXT_LENGTH,
        help_text=_("Why the code should change: what the session or case showed."),
    )
    origin = forms.ChoiceField(
        label=_("Origin"),
        choices=[
            (Proposal.Origin.SESSION, Proposal.Origin.SESSION.label),
            (Proposal.Origin.OTHER, Proposal.Origin.OTHER.label),
        ],
        widget=forms.RadioSelect,
        initial=Proposal.Origin.OTHER,
    )
    session = forms.ModelChoiceField(
        label=_("Reflection session"),
        queryset=Session.objects.all(),
        required=False,
        empty_label=_("No session"),
        help_text=_("Required when the proposal comes from a reflection session."),
    )
    case = forms.ModelChoiceField(
        label=_("Case"),
        queryset=Case.objects.all(),
        required=False,
        empty_label=_("No case"),
        help_text=_("Optional: the case or dilemma that led to the proposal."),
    )

    def __init__(
        self,
        *args: Any,
        action: str,
        target: str,
        code: Outline,
        item: CodeItem | None = None,
        with_origin: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.action, self.target, self.code, self.item = action, target, code, item
        items = {i.key: i for i in code.of(target)}
        if item is not None:
            items.setdefault(item.key, item)  # a draft's item may have been retired since
        self.items = items
        if action == Action.ADD:
            del self.fields["item"]
            self._set_parent_choices()
        else:
            del self.fields["parent"]
            self.fields["item"].choices = [(k, code.label(i)) for k, i in items.items()]
            self.fields["item"].label = {
                "value": _("Core value"),
                "norm": _("Norm"),
                "example": _("Example"),
            }[target]
            if action == Action.REWORD:
                self.fields["item"].widget = forms.HiddenInput()
                if item is not None:
                    self.fields["seen_revision"].initial = item.revision
        if action != Action.REWORD:
            del self.fields["seen_revision"]
        if action != Action.RETIRE:
            self.add_proposed_fields(target)
        if not with_origin:
            for name in ("origin", "session", "case"):
                del self.fields[name]
        # What changes first, then why and where it comes from.
        self.order_fields(
            ["item", "seen_revision", "parent"]
            + [PREFIX + n for n in PROPOSABLE_FIELDS[target]]
            + ["title", "rationale"]
        )

    def _set_parent_choices(self) -> None:
        if self.target == "value":
            del self.fields["parent"]
            return
        parent_target = "value" if self.target == "norm" else "norm"
        self.fields["parent"].choices = [
            (p.key, self.code.label(p)) for p in self.code.of(parent_target)
        ]
        self.fields["parent"].label = (
            _("Core value the new norm derives from")
            if self.target == "norm"
            else _("Norm the new example belongs to")
        )

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if "origin" in self.fields:
            origin, session = cleaned.get("origin"), cleaned.get("session")
            if origin == Proposal.Origin.SESSION and session is None:
                self.add_error("session", _("Choose the session the proposal comes from."))
            elif origin == Proposal.Origin.OTHER and session is not None:
                self.add_error(
                    "session",
                    _("A session is only named when the proposal comes from a session."),
                )
        if self.action == Action.REWORD and cleaned.get("item") in self.items:
            item = self.items[cleaned["item"]]
            if cleaned.get("seen_revision") != item.revision:
                # Show the form again over the newest text; the next save goes through.
                self.data = self.data.copy()
                self.data["seen_revision"] = str(item.revision)
                raise forms.ValidationError(
                    _(
                        "Someone changed the item while you were writing. Its current text "
                        "is shown above: check your proposal against it and save again."
                    )
                )
            current = current_fields(item, self.target)
            if all(
                PREFIX + name in cleaned and cleaned[PREFIX + name] == value
                for name, value in current.items()
            ):
                raise forms.ValidationError(
                    _("The proposed text is the same as the current text: change something.")
                )
        return cleaned

    def chosen_item(self) -> CodeItem | None:
        return self.items.get(self.cleaned_data.get("item", ""))

    def proposal_fields(self) -> dict[str, Any]:
        """The proposal's own fields as the form sets them, for create and update alike."""
        data = self.cleaned_data
        fields: dict[str, Any] = {"title": data["title"], "rationale": data["rationale"]}
        if "origin" in self.fields:
            fields.update(origin=data["origin"], session=data["session"], case=data["case"])
        if self.action == Action.ADD:
            parent = data.get("parent")
            fields["parent_value"] = (
                self.code.find("value", parent) if self.target == "norm" else None
            )
            fields["parent_norm"] = (
                self.code.find("norm", parent) if self.target == "example" else None
            )
            fields["proposed"] = self.proposed_data()
        else:
            item = self.chosen_item()
            fields[self.target] = item
            fields["proposed"] = (
                changed_fields(item, self.target, self.proposed_data())
                if self.action == Action.REWORD
                else {}
            )
        return fields


class SuggestForm(UnixNewlinesMixin, forms.Form):
    """An employee's suggestion about one norm or core value, in plain words."""

    change = forms.ChoiceField(label=_("What do you suggest?"), widget=forms.RadioSelect)
    title = forms.CharField(
        label=_("Your suggestion in a few words"),
        max_length=300,
        help_text=_("For a new example or norm, this also becomes its title."),
    )
    text = forms.CharField(
        label=_("Proposed text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_TEXT_LENGTH,
    )
    kind = forms.ChoiceField(
        label=_("Kind of the new norm"),
        choices=Norm.Kind.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    rationale = forms.CharField(
        label=_("Why?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_TEXT_LENGTH,
        help_text=_("What happened, or what is unclear, that makes you suggest this."),
    )
    submit_now = forms.BooleanField(
        label=_("Send it to the integrity officers now"),
        required=False,
        initial=True,
        help_text=_(
            "Untick to keep it as a draft that only you can see and change; you can send it later."
        ),
    )

    def __init__(
        self, *args: Any, item: Norm | Value, current_text: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.item = item
        self.is_norm = isinstance(item, Norm)
        # What the text means for the item: the norm's text, or the value's description.
        self.text_field = "text" if self.is_norm else "description"
        # The text the suggester sees: the published one (the draft may differ).
        self.current_text = (
            current_text if current_text is not None else getattr(item, self.text_field)
        )
        self.fields["change"].choices = [
            (Action.REWORD, _("Reword it")),
            (Action.RETIRE, _("Retire it: it is no longer needed")),
            (Action.ADD, _("Add an example to it") if self.is_norm else _("Add a norm to it")),
        ]
        self.fields["text"].help_text = (
            _(
                "Rewording: the norm as you would like it to read (it starts as the current "
                "text). New example: the situation. Leave empty to retire."
            )
            if self.is_norm
            else _(
                "Rewording: the description of the value as you would like it to read. "
                "New norm: its text. Leave empty to retire."
            )
        )
        if self.is_norm:
            del self.fields["kind"]
        if not self.is_bound:
            self.initial.setdefault("text", self.current_text)
            self.initial.setdefault("change", Action.REWORD)

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        change, text = cleaned.get("change"), (cleaned.get("text") or "").strip()
        cleaned["text"] = text
        if change in (Action.REWORD, Action.ADD) and not text:
            self.add_error("text", _("Write the text you propose."))
        if change == Action.REWORD and text and text == self.current_text.strip():
            self.add_error("text", _("This is the current text: change what you would reword."))
        if change == Action.ADD and not self.is_norm and not cleaned.get("kind"):
            self.add_error("kind", _("Choose the kind of the new norm."))
        return cleaned

    def proposal(self) -> Proposal:
        """The unsaved proposal the suggestion amounts to."""
        data = self.cleaned_data
        return suggested_proposal(
            about=self.item,
            change=data["change"],
            title=data["title"],
            text=data["text"],
            kind=data.get("kind", ""),
            rationale=data["rationale"],
        )


class SuggestChoiceForm(forms.Form):
    """Which norm or value a suggestion is about, when the link did not say (a GET form)."""

    about = forms.ChoiceField(label=_("Norm or core value"))

    def __init__(self, *args: Any, choices: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["about"].choices = choices
