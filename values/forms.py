from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import CodeItemForm, MarkdownTextarea, NewKeyMixin
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


class ValueCreateForm(NewKeyMixin, ValueForm):
    class Meta(ValueForm.Meta):
        pass
