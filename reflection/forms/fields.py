"""Form fields the reflection forms share: a person, norms under their value, what may be chosen."""

from typing import Any

from django import forms
from django.db.models import Q, QuerySet

from core.roles import person_name
from norms.models import Norm


class PersonField(forms.ModelChoiceField):
    """A user, shown by name: a session's facilitator, a proposal's deputy."""

    def label_from_instance(self, obj: Any) -> str:
        return person_name(obj)


class NormsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Norm) -> str:
        return f"{obj.value.name} — {obj}"


def active_or_chosen(queryset: QuerySet, chosen_ids: list[int]) -> QuerySet:
    """Active items, plus any retired one already chosen: an edit must not drop it silently."""
    return queryset.filter(Q(retired=False) | Q(pk__in=chosen_ids))
