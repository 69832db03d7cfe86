from collections.abc import Iterable
from typing import Any

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from core.forms import MAX_TEXT_LENGTH, CodeItemForm, MarkdownTextarea, creation_form
from core.outline import outline_of
from norms.legal_basis import as_line, from_line
from norms.models import Example, Norm
from norms.readability import (
    ABOVE_B1_HINT,
    B1_MINIMUM,
    code_language,
    formula_name,
    readability,
)
from values.models import Value

# All lines of a norm's legal basis together, as typed in one text box.
MAX_LEGAL_BASIS_LENGTH = 2000


class ReadabilityTextarea(MarkdownTextarea):
    """A textarea with the readability of its text beside it, kept up to date while typing.

    The figures are rendered with the form (on opening it, and again after a refused
    save); readability.js refreshes them through `norms:readability` as the editor types.
    """

    class Media:
        js = ["js/live-preview.js", "js/readability.js"]

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        # The figures right under the text they score, the preview after them.
        textarea = forms.Textarea.render(self, name, value, attrs, renderer)
        language = code_language()
        panel = render_to_string(
            "norms/includes/_readability.html",
            {
                "result": readability(value or "", language),
                "formula": formula_name(language),
                "minimum": B1_MINIMUM,
                "hint": ABOVE_B1_HINT,
                "source_id": (attrs or {}).get("id") or self.attrs.get("id", ""),
            },
        )
        # All safe: rendered by escaping templates (the preview sanitised by render_markdown).
        return textarea + panel + self.preview(value, attrs)


class NormForm(CodeItemForm):
    value = forms.ModelChoiceField(
        label=_("Core value"),
        queryset=Value.objects.active(),
        to_field_name="key",
        empty_label=_("Choose a core value"),
        help_text=_("The core value this norm derives from."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Norm.Kind.choices, widget=forms.RadioSelect)
    related_values = forms.MultipleChoiceField(
        label=_("Related values"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Other core values this norm also serves."),
    )
    legal_basis = forms.CharField(
        label=_("Legal basis"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=MAX_LEGAL_BASIS_LENGTH,
        help_text=_(
            "One per line, e.g. “art. 4 Ambtenarenwet 2017”. A link to the law on "
            "wetten.overheid.nl: its name with the identifier and article in brackets, e.g. "
            "“Ambtenarenwet 2017 (BWBR0001905, art. 4)”."
        ),
    )

    class Meta:
        model = Norm
        fields = ["value", "title", "text", "kind", "explanation", "related_values", "legal_basis"]
        widgets = {
            "text": ReadabilityTextarea(attrs={"rows": 5}),
            "explanation": MarkdownTextarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        active = list(Value.objects.active().values_list("key", "name"))
        keys = {key for key, _name in active}
        # A norm keeps a related value that has since been retired until the editor drops it.
        extra = [(k, k) for k in self.instance.related_values if k not in keys]
        self.fields["related_values"].choices = active + extra
        if not self.is_bound:
            self.initial["legal_basis"] = "\n".join(map(as_line, self.instance.legal_basis))
            self.initial["related_values"] = list(self.instance.related_values)
            if self.instance.value_id:
                self.initial["value"] = self.instance.value.key
        self.fields["title"].help_text = _(
            "Optional, but a short title helps readers find the norm."
        )
        self.fields["text"].help_text = _(
            "The norm itself, in plain language. Markdown: *italic*, **bold**, lists."
        )

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("A norm needs a text."))
        return text

    def clean_legal_basis(self) -> list[str | dict]:
        lines = (line.strip() for line in self.cleaned_data["legal_basis"].splitlines())
        # A line naming a law by its identifier becomes a reference, shown as a link.
        return [from_line(line) for line in dict.fromkeys(line for line in lines if line)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        value = cleaned.get("value")
        related = cleaned.get("related_values") or []
        # The value a norm derives from is not also "related": drop it quietly.
        cleaned["related_values"] = [k for k in related if not value or k != value.key]
        return cleaned


NormCreateForm = creation_form(NormForm)


def _norm_numbers(norms: Iterable[Norm]) -> dict[int, str]:
    """Each active norm's number in the draft ("1.2"), from norms in the order of the code."""
    active_values = Value.objects.active().order_by("position", "id").only("pk")
    outline = outline_of(active_values, (norms, "value_id"))
    return {norm.pk: number for norm, number in outline.items() if isinstance(norm, Norm)}


class ExampleForm(CodeItemForm):
    norm = forms.ModelChoiceField(
        label=_("Norm"),
        queryset=Norm.objects.active().filter(value__retired=False).select_related("value"),
        to_field_name="key",
        empty_label=_("Choose a norm"),
        help_text=_("The norm this example shows in practice."),
    )

    class Meta:
        model = Example
        fields = ["norm", "title", "situation", "guidance"]
        widgets = {
            "situation": MarkdownTextarea(attrs={"rows": 5}),
            "guidance": MarkdownTextarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # In the order of the code and numbered as the draft numbers them (1.2: the second
        # active norm of the first active value), so the list reads like the draft.
        norms = self.fields["norm"].queryset.order_by(
            "value__position", "value_id", "position", "id"
        )
        self.fields["norm"].queryset = norms
        numbers = _norm_numbers(norms)
        self.fields["norm"].label_from_instance = lambda n: (
            f"{numbers.get(n.pk, '?')} {n.value.name} – {n}"
        )
        # Imported examples may lack a title or situation; one written here has both.
        self.fields["title"].required = True
        self.fields["situation"].required = True
        if not self.is_bound and self.instance.norm_id:
            self.initial["norm"] = self.instance.norm.key

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())


ExampleCreateForm = creation_form(ExampleForm)


class ReadabilityForm(forms.Form):
    """A norm text to score while it is being written (bounded like the norm's own field)."""

    text = forms.CharField(required=False, strip=False, max_length=MAX_TEXT_LENGTH)
