"""A field of an item as readers see it, and what changed between two states of one item."""

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from core.markup import word_diff
from values.models import Value

# Fields never shown as changes: bookkeeping, not content.
HIDDEN_FIELDS = {"id", "key", "revision", "created_at", "updated_at"}
# Free-text fields get a word-level comparison.
TEXT_FIELDS = (models.TextField, models.CharField)


def label(model: type[models.Model], name: str) -> str:
    return str(model._meta.get_field(name).verbose_name).capitalize()


def display(model: type[models.Model], name: str, raw: Any, names: dict | None = None) -> str:
    """A field's value as a reader should see it (choice labels, names, lists)."""
    field = model._meta.get_field(name)
    if raw in (None, "", []):
        return ""
    if field.choices:
        return str(dict(field.flatchoices).get(raw, raw))
    if isinstance(field, models.ForeignKey):
        if isinstance(raw, models.Model):
            return str(raw)
        if names is None:  # a single item's page: one query is fine
            return str(field.related_model._default_manager.filter(pk=raw).first() or f"#{raw}")
        return names.get((field.related_model, raw), f"#{raw}")
    if isinstance(field, models.BooleanField):
        return _("yes") if raw else _("no")
    if name == "position":  # stored from 0; people count places from 1
        return str(raw + 1)
    if isinstance(raw, list):
        if name == "related_values":
            if names is None:
                names = {("value-key", k): n for k, n in Value.objects.values_list("key", "name")}
            return ", ".join(names.get(("value-key", k), k) for k in raw)
        return "; ".join(str(x) for x in raw)
    return str(raw)


@dataclass
class FieldChange:
    label: str
    old: str
    new: str
    diff: SafeString | None


def field_changes(
    model: type[models.Model], names_fields: list[str], old: Any, new: Any, names: dict | None
) -> list[FieldChange]:
    """Field-by-field differences between two states (objects or dicts) of one item."""

    def get(state: Any, name: str) -> Any:
        if state is None:
            return None
        if isinstance(state, dict):
            return state.get(name)
        field = model._meta.get_field(name)
        return getattr(state, field.attname)

    out = []
    for name in names_fields:
        before, after = get(old, name), get(new, name)
        if isinstance(before, models.Model):
            before = before.pk
        if isinstance(after, models.Model):
            after = after.pk
        if before == after or (before in (None, "", []) and after in (None, "", [])):
            continue
        field = model._meta.get_field(name)
        old_text, new_text = display(model, name, before, names), display(model, name, after, names)
        is_text = isinstance(field, TEXT_FIELDS) and not field.choices
        out.append(
            FieldChange(
                label=label(model, name),
                old=old_text,
                new=new_text,
                diff=word_diff(old_text, new_text) if is_text and old is not None else None,
            )
        )
    return out


def content_fields(model: type[models.Model]) -> list[str]:
    """The fields a reader cares about: the item's own first, then retirement and place.

    Models without retirement or place (the code's title and preamble) have only their own.
    """
    names = {f.name for f in model._meta.concrete_fields}
    own = [
        f.name
        for f in model._meta.concrete_fields
        if f.name not in HIDDEN_FIELDS | {"retired", "position"}
        and not f.name.startswith("history")
    ]
    return [*own, *(name for name in ("retired", "position") if name in names)]
