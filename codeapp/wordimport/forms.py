"""The upload form and the corrections form of a Word document's proposal."""

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from codeapp.wordimport.reading import too_large
from codeapp.wordimport.structure import (
    DESCRIPTION,
    EXAMPLE,
    MERGED,
    NORM,
    PREAMBLE,
    SKIPPED,
    TITLE,
    VALUE,
)
from norms.models import Norm

EXTENSIONS = (".docx", ".odt")


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Word document"),
        help_text=_(
            "A .docx file (Word) or .odt file (LibreOffice, OpenDocument). Nothing is put in "
            "the draft yet: first you see what the document becomes, and you correct it."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if PurePath(upload.name).suffix.lower() not in EXTENSIONS:
            raise forms.ValidationError(
                _("Choose a .docx or .odt file. Save the code in Word or LibreOffice that way.")
            )
        if upload.size > settings.WORD_IMPORT_MAX_BYTES:
            raise forms.ValidationError(too_large(upload.size, settings.WORD_IMPORT_MAX_BYTES))
        return upload

    def file_bytes(self) -> bytes:
        upload = self.cleaned_data["file"]
        upload.seek(0)
        return upload.read()


ROLE_CHOICES = [
    (VALUE, _("core value (heading)")),
    (NORM, _("norm")),
    (EXAMPLE, _("example of the norm before it")),
    (DESCRIPTION, _("description of the core value")),
    (MERGED, _("join with the paragraph before")),
    (PREAMBLE, _("preamble")),
    (TITLE, _("title of the code")),
    (SKIPPED, _("skip (leave out)")),
]


class CorrectionsForm(forms.Form):
    """One role and one kind per paragraph; the revision the editor corrected."""

    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, rows: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            n = row["n"] + 1
            self.fields[f"role_{row['n']}"] = forms.ChoiceField(
                label=_("What paragraph %(n)d becomes") % {"n": n},
                choices=ROLE_CHOICES,
                initial=row["role"],
            )
            self.fields[f"kind_{row['n']}"] = forms.ChoiceField(
                label=_("Kind, if paragraph %(n)d is a norm") % {"n": n},
                choices=Norm.Kind.choices,
                initial=row["kind"],
            )

    def changes(self) -> dict[int, dict[str, str]]:
        return {
            row["n"]: {
                "role": self.cleaned_data[f"role_{row['n']}"],
                "kind": self.cleaned_data[f"kind_{row['n']}"],
            }
            for row in self.rows
        }

    def row_fields(self):
        """Each row with its two bound fields, for the template."""
        for row in self.rows:
            yield row, self[f"role_{row['n']}"], self[f"kind_{row['n']}"]


class LandForm(forms.Form):
    # The draft as the editor saw the summary; empty for an empty draft.
    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
