"""Form parts every item of the code shares: Markdown fields, keys, moving, reasons."""

from functools import cache
from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from core.markup import render_markdown
from core.models import KEY_MAX_LENGTH, key_validator
from core.pages import preview_url

# The empty choice of Django's selects (a session's format, say) is new in Django 6.1 and has no
# Dutch in Django's own catalogue yet; marked here, it is in ours, which Django reads first.
BLANK_CHOICE_LABEL = gettext_noop("- Select an option -")

# Long enough for any real norm or description, short enough to refuse a pasted book.
MAX_TEXT_LENGTH = 20_000


def _unix_newlines(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(value, list | tuple):
        return [_unix_newlines(v) for v in value]
    return value


class UnixNewlinesMixin:
    """Every submitted text with its line breaks as `\n`, before any field sees it.

    Browsers send the line breaks of a textarea as `\r\n` (the HTML standard asks them to),
    while imported documents carry `\n`: without this, one text would give another
    document, API answer and seal depending on where it was typed. Done on the submitted
    data rather than in `clean()`, so length limits count the text as it will be stored.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound:
            data = self.data.copy()  # a QueryDict as submitted is immutable
            if isinstance(data, QueryDict):
                for name, values in self.data.lists():
                    data.setlist(name, _unix_newlines(values))
            else:
                data = {name: _unix_newlines(value) for name, value in data.items()}
            self.data = data


class MarkdownTextarea(forms.Textarea):
    """A textarea for Markdown with, under it, the text as readers will see it.

    The preview is rendered with the form (on opening it, and again after the Preview
    button or a refused save, so it works without JavaScript); markdown-preview.js
    refreshes it as the editor types, through the preview URL its app names to core.pages.
    """

    class Media:
        js = ["js/live-preview.js", "js/markdown-preview.js"]

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        return super().render(name, value, attrs, renderer) + self.preview(value, attrs)

    def preview(self, value: str | None, attrs: dict | None) -> SafeString:
        return render_to_string(
            "core/includes/_markdown_preview.html",
            {
                "html": render_markdown(value or ""),
                "preview_url": preview_url(),
                "source_id": (attrs or {}).get("id") or self.attrs.get("id", ""),
            },
        )


class MarkdownPreviewForm(forms.Form):
    """A Markdown text to preview while it is being written (bounded like the fields)."""

    text = forms.CharField(required=False, strip=False, max_length=MAX_TEXT_LENGTH)


class CodeItemForm(UnixNewlinesMixin, forms.ModelForm):
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


@cache
def creation_form(form_class: type[CodeItemForm]) -> type[CodeItemForm]:
    """The form for a new item of `form_class`'s kind: the same form plus an optional key.

    One class per form (cached), so `ValueCreateForm` is the class the create page uses.
    """
    name = form_class.__name__.removesuffix("Form") + "CreateForm"
    return type(name, (NewKeyMixin, form_class), {"__module__": form_class.__module__})


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
