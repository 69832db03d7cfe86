"""The reading side's forms: the synonym list the search of the code expands terms with."""

from django import forms

from codeapp.models import SynonymList
from core.forms import CodeItemForm


class SynonymListForm(CodeItemForm):
    """The synonym list of the code, with the revision it was opened at and a reason.

    Whether each line is a group is the model field's validator's to say (it names the line).
    """

    class Meta:
        model = SynonymList
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 20, "spellcheck": "false"})}

    def clean_text(self) -> str:
        # Browsers send CRLF: store plain lines, so an unchanged list compares unchanged.
        lines = [line.rstrip() for line in self.cleaned_data["text"].splitlines()]
        text = "\n".join(lines).strip("\n")
        return text + "\n" if text else ""
