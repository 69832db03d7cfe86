"""The form of a core value; the create page's form is made from it (core.forms)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CodeItemForm, MarkdownTextarea, creation_form
from values.models import Value


class ValueForm(CodeItemForm):
    class Meta:
        model = Value
        fields = ["name", "description"]
        widgets = {"description": MarkdownTextarea(attrs={"rows": 5})}

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        clash = Value.objects.active().filter(name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("There is already a core value with this name."))
        return name


ValueCreateForm = creation_form(ValueForm)
