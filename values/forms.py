from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from values.models import KEY_MAX_LENGTH, Value, key_validator

# Long enough for any real norm or description, short enough to refuse a pasted book.
MAX_TEXT_LENGTH = 20_000


class CodeItemForm(forms.ModelForm):
    """What every edit form of the working draft has.

    `revision` is the revision the editor started from (hidden); `reason` is the
    optional "why" that goes into the item's history.
    """

    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label=_("Reason for change"),
        required=False,
        max_length=500,
        help_text=_(
            "Optional. Shown in the history, e.g. “outcome of the dilemma session of 3 March”."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["revision"].initial = self.instance.revision
            # Without it a save could not be checked against newer edits: refuse it.
            self.fields["revision"].required = True
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea) and field.max_length is None:
                field.max_length = MAX_TEXT_LENGTH
                field.validators.append(MaxLengthValidator(MAX_TEXT_LENGTH))

    def changes(self) -> dict[str, Any]:
        """The model fields as the editor left them, ready for `item_update`."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class NewKeyMixin(forms.Form):
    """An optional key field for creation forms; derived from the name when left empty."""

    key = forms.CharField(
        label=_("Key"),
        required=False,
        max_length=KEY_MAX_LENGTH,
        help_text=_(
            "Optional. Permanent identifier used in links and exports, e.g. “honesty”. "
            "Derived from the name when left empty; it can never be changed later."
        ),
    )

    def clean_key(self) -> str:
        key = self.cleaned_data["key"].strip().lower()
        if key:
            key_validator(key)
        return key


class ValueForm(CodeItemForm):
    class Meta:
        model = Value
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        clash = Value.objects.active().filter(name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("There is already a core value with this name."))
        return name


class ValueCreateForm(NewKeyMixin, ValueForm):
    class Meta(ValueForm.Meta):
        pass


class MoveForm(forms.Form):
    """Where to put an item in one step: its place, and for a norm or example its parent."""

    place = forms.IntegerField(
        label=_("Place"),
        min_value=1,
        max_value=10_000,
        help_text=_("1 puts it first. A number past the end puts it last."),
    )

    def __init__(self, *args: Any, parents: list[tuple[str, str]] | None, parent_label: str = "",
                 **kwargs: Any):  # fmt: skip
        """`parents`: (key, label) of the active items it may go under; None for a value."""
        super().__init__(*args, **kwargs)
        if parents is not None:
            self.fields["parent"] = forms.ChoiceField(label=parent_label, choices=parents)
            self.order_fields(["parent", "place"])


class ReasonForm(forms.Form):
    """Confirmation of retiring or restoring, with an optional reason."""

    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)
