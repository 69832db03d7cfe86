"""The working draft's forms: searching the draft, the code's title and preamble, and what an
integrity officer states when publishing a version."""

from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from codeapp.models import CodeProfile, CodeVersion
from codeapp.versions import documents
from core.forms import MAX_TEXT_LENGTH, CodeItemForm, MarkdownTextarea, UnixNewlinesMixin
from norms import legal_basis
from norms.models import Norm


class CodeProfileForm(CodeItemForm):
    """The code's title, language and preamble, edited like any item of the draft."""

    class Meta:
        model = CodeProfile
        fields = ["title", "language", "preamble"]
        widgets = {"preamble": MarkdownTextarea(attrs={"rows": 10})}

    def clean_title(self) -> str:
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("The code needs a title."))
        return title


class DraftSearchForm(forms.Form):
    """What an editor looks for in the working draft: a GET form, so it works without script.

    `value` alone opens that value; any other field lists the items that match.
    """

    q = forms.CharField(label=_("Words or key"), max_length=200, required=False)
    kind = forms.ChoiceField(
        label=_("Kind of norm"),
        choices=[("", _("Any kind")), *Norm.Kind.choices],
        required=False,
    )
    value = forms.ChoiceField(label=_("Core value"), required=False)
    retired = forms.BooleanField(label=_("Only retired items"), required=False)

    def __init__(self, *args: Any, values: list[tuple[str, str]], **kwargs: Any):
        """`values`: (key, label) of the values one may choose, in the code's order."""
        super().__init__(*args, **kwargs)
        self.fields["value"].choices = [("", _("All core values")), *values]
        for name, field in self.fields.items():
            if name == "retired":
                field.widget.attrs["class"] = "form-check-input"
            elif isinstance(field, forms.ChoiceField):
                field.widget.attrs["class"] = "form-select form-select-sm"
            else:
                field.widget.attrs["class"] = "form-control form-control-sm"

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())

    @property
    def searches(self) -> bool:
        """Whether the editor asked for a list of matches rather than one value or the code."""
        data = self.cleaned_data
        return bool(data["q"] or data["kind"] or data["retired"])


class PublishForm(UnixNewlinesMixin, forms.Form):
    """What an integrity officer states when establishing a new version.

    Whether the date may follow the latest version is the service's to say (it
    holds the lock); the form only sets the date picker's lower bound.
    """

    effective_from = forms.DateField(
        label=_("Comes into force on"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The date from which this version is the code in force."),
    )
    established_by = forms.CharField(
        label=_("Established by"),
        max_length=300,
        help_text=_(
            "The competent authority and its decision, e.g. “College van B&W, besluit 2026/123”."
        ),
    )
    change_summary = forms.CharField(
        label=_("Summary of the changes"),
        required=False,
        max_length=MAX_TEXT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Optional. Markdown. Readers see it above the version; adjust as needed."),
    )
    retroactive = forms.BooleanField(
        label=_("With retroactive effect"),
        required=False,
        help_text=_(
            "Only for a date before today: the version then replaces what was in force on days "
            "already past. Its pages say so."
        ),
    )
    retroactive_reason = forms.CharField(
        label=_("Reason for the retroactive effect"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed with retroactive effect. Readers see it with the version."),
    )
    editorial = forms.BooleanField(
        label=_("Editorial change"),
        required=False,
        help_text=_(
            "Only spelling, links or layout changed, not what the code asks. Nobody is asked "
            "to confirm this version again: a confirmation of the version before counts."
        ),
    )
    expected_latest = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    # The seal of the draft the officer reviewed: a draft changed since is not published unseen.
    expected_draft_seal = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, latest: CodeVersion | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if latest is not None:
            self.fields["effective_from"].widget.attrs["min"] = latest.effective_from.isoformat()
        else:
            # The first version has no confirmed version to rest on.
            del self.fields["editorial"]
        self.fields.update(establishment_fields())

    def clean_established_by(self) -> str:
        return " ".join(self.cleaned_data["established_by"].split())

    @property
    def main_fields(self) -> list:
        return [self[name] for name in self.fields if name not in ESTABLISHMENT_FIELD_NAMES]

    @property
    def establishment_groups(self) -> list[tuple[str, str, list]]:
        """The establishment fields per step, for the template's fieldsets."""
        return establishment_groups(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        cleaned["establishment"] = clean_establishment(self, cleaned)
        return cleaned


# ---------------------------------------------------------------------------------------------
# The establishment record: the same fields when publishing and when logging a step later
# (codeapp/establishment), so an officer meets one form for one thing.

GAZETTES = ("Gemeenteblad", "Staatscourant", "Provinciaal blad", "Waterschapsblad",
            "Blad gemeenschappelijke regeling")  # fmt: skip


def _date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def step_fields(step: str) -> dict[str, forms.Field]:
    """The form fields of one step of establishment, named `<step>_<field>`."""
    if step == "works_council":
        return {
            "works_council_date": _date_field(_("Date of the consent")),
            "works_council_reference": forms.CharField(
                label=_("Reference of the consent"), required=False,
                max_length=documents.MAX_REFERENCE,
                help_text=_("E.g. the number of the works council's letter."),
            ),
        }  # fmt: skip
    if step == "decision":
        return {
            "decision_body": forms.CharField(
                label=_("Competent authority"), required=False, max_length=documents.MAX_BODY,
                help_text=_("E.g. “College van burgemeester en wethouders”."),
            ),
            "decision_date": _date_field(_("Date of the decision")),
            "decision_reference": forms.CharField(
                label=_("Decision number"), required=False, max_length=documents.MAX_REFERENCE
            ),
        }  # fmt: skip
    if step == "publication":
        return {
            "publication_gazette": forms.ChoiceField(
                label=_("Published in"), required=False,
                choices=[("", _("Choose the gazette")), *((g, g) for g in GAZETTES)],
            ),
            "publication_date": _date_field(_("Date of publication")),
            "publication_reference": forms.CharField(
                label=_("Reference of the publication"), required=False,
                max_length=documents.MAX_REFERENCE, help_text=_("E.g. “gmb-2026-123456”."),
            ),
            "publication_url": forms.URLField(
                label=_("Address of the publication"), required=False, assume_scheme="https",
                validators=[URLValidator(schemes=["http", "https"])],
                max_length=documents.MAX_URL,
                help_text=_("Optional. E.g. the page on officielebekendmakingen.nl."),
            ),
        }  # fmt: skip
    return {
        "legal_basis": forms.CharField(
            label=_("Legal basis"),
            required=False,
            max_length=2000,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_(
                "One law per line: its name with the identifier from wetten.overheid.nl and "
                "the article in brackets, e.g. “Ambtenarenwet 2017 (BWBR0001905, art. 4)”."
            ),
        )
    }


def establishment_fields() -> dict[str, forms.Field]:
    fields: dict[str, forms.Field] = {}
    for name in (*documents.STEPS, "legal_basis"):
        fields.update(step_fields(name))
    return fields


ESTABLISHMENT_FIELD_NAMES = frozenset(establishment_fields())
STEP_TITLES = {
    "works_council": _("Consent of the works council"),
    "decision": _("Decision of the competent authority"),
    "publication": _("Official publication"),
    "legal_basis": _("Legal basis"),
}


def establishment_groups(form: forms.Form) -> list[tuple[str, str, list]]:
    """(step, title, bound fields) for each step the form holds."""
    groups = []
    for name in (*documents.STEPS, "legal_basis"):
        bound = [form[field] for field in step_fields(name) if field in form.fields]
        if bound:
            groups.append((name, STEP_TITLES[name], bound))
    return groups


def clean_law_lines(text: str) -> list[dict]:
    """The legal basis field: one law reference a line; raises naming the first bad line."""
    out: list[dict] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = " ".join(line.split())
        if not line:
            continue
        reference = legal_basis.from_line(line)
        if not isinstance(reference, dict):
            raise forms.ValidationError(
                _(
                    "Line %(number)d is not a law reference. Write the law's name with its "
                    "identifier and article in brackets, e.g. “Ambtenarenwet 2017 "
                    "(BWBR0001905, art. 4)”."
                ),
                params={"number": number},
            )
        if len(reference["label"]) > legal_basis.MAX_LABEL:
            raise forms.ValidationError(
                _("Line %(number)d: the name of the law is too long."), params={"number": number}
            )
        if reference not in out:
            out.append(reference)
    return out


def clean_establishment(form: forms.Form, cleaned: dict[str, Any]) -> dict:
    """The establishment record from the form's fields (taken out of `cleaned`): each step
    given whole or not at all; a step partly filled in gets an error on what is missing."""
    record: dict[str, Any] = {}
    for step in documents.STEPS:
        names = [n for n in step_fields(step) if n in form.fields]
        if not names:
            continue
        given = {n.removeprefix(f"{step}_"): cleaned.pop(n, None) for n in names}
        if not any(given.values()) and not any(n in form.errors for n in names):
            record[step] = None
            continue
        data = {}
        for field, required in documents.STEP_FIELDS[step]:
            value = given.get(field)
            if isinstance(value, str):
                value = " ".join(value.split()) or None
            if value is None and required and f"{step}_{field}" not in form.errors:
                form.add_error(f"{step}_{field}", _("Fill this in too, or leave the step empty."))
            data[field] = value.isoformat() if hasattr(value, "isoformat") else value
        record[step] = data
    if "legal_basis" in form.fields:
        text = cleaned.pop("legal_basis", None) or ""
        try:
            laws = clean_law_lines(text)
        except forms.ValidationError as error:
            form.add_error("legal_basis", error)
            laws = []
        if laws:
            record["legal_basis"] = laws
    return record
