"""A field of an item as readers see it, and what changed between two states of one item.

Names of the rows an item refers to come from the item's own model: a foreign key names its
row, and a list of keys names the model its class attribute `key_references` declares (a
norm's `related_values` name core values). core itself names no model above it.
"""

from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from core.markup import word_diff

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
        referred = key_references(model).get(name)
        if referred is not None:
            if names is None:
                names = _names_by_key(referred, raw)
            return ", ".join(names.get((referred, "key", k), k) for k in raw)
        return "; ".join(_entry_text(x) for x in raw)
    return str(raw)


def _entry_text(entry: object) -> str:
    """An entry of a list field as text: a structured one (a norm's reference to a law) as
    its filled-in parts, not as Python's notation."""
    if isinstance(entry, dict):
        return ", ".join(str(v) for v in entry.values() if v not in (None, ""))
    return str(entry)


def key_references(model: type[models.Model]) -> dict[str, type[models.Model]]:
    """The model's fields that hold lists of other items' keys, each with the model named."""
    return getattr(model, "key_references", {})


def _names_by_key(model: type[models.Model], keys: list) -> dict:
    return {
        (model, "key", item.key): str(item) for item in model._default_manager.filter(key__in=keys)
    }


def names_for(model: type[models.Model], states: list[Any]) -> dict:
    """The names `display` shows for every row the states (history records) of one item
    refer to: the targets of its foreign keys by primary key, and the items its key lists
    name by key. Two queries at most per field, whatever the length of the history."""
    names: dict = {}
    for field in model._meta.concrete_fields:
        if isinstance(field, models.ForeignKey):
            pks = {getattr(state, field.attname) for state in states} - {None}
            related = field.related_model._default_manager.filter(pk__in=pks)
            names.update({(field.related_model, row.pk): str(row) for row in related})
    for name, referred in key_references(model).items():
        keys = {key for state in states for key in getattr(state, name) or []}
        names.update(_names_by_key(referred, list(keys)))
    return names


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
