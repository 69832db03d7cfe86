"""The establishment record's fields: the same when publishing (codeapp.drafting.forms.
PublishForm) and when logging a step later (EstablishmentLogForm), so an officer meets one
form for one thing."""

from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from codeapp.versions import documents
from norms import legal_basis

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


class EstablishmentLogForm(forms.Form):
    """Steps added to a published version's record: the steps not recorded yet, and laws."""

    def __init__(self, *args: Any, recorded: set[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for step in (*documents.STEPS, "legal_basis"):
            if step not in recorded:
                self.fields.update(step_fields(step))

    @property
    def establishment_groups(self) -> list[tuple[str, str, list]]:
        return establishment_groups(self)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        record = clean_establishment(self, cleaned)
        given = [s for s in documents.STEPS if record.get(s)] + record.get("legal_basis", [])
        if not given and not self.errors:
            raise forms.ValidationError(_("Fill in at least one step."))
        cleaned["establishment"] = record
        return cleaned
