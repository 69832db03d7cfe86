"""The editing pages every kind of item shares: create, edit, retire/restore, move, history.

The per-app views only fetch the item and name its form; the flow, the conflict
page and the history rendering live here once.
"""

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from values.forms import CodeItemForm, MoveForm, ReasonForm
from values.markup import word_diff
from values.models import CodeItem, Value
from values.services import (
    EditConflict,
    item_create,
    item_move,
    item_place,
    item_set_retired,
    item_update,
)

# Fields never shown as changes: bookkeeping, not content.
HIDDEN_FIELDS = {"id", "key", "revision", "created_at", "updated_at"}
# Free-text fields get a word-level comparison.
TEXT_FIELDS = (models.TextField, models.CharField)


def draft_url(item: CodeItem | None = None) -> str:
    """Where the editor lands after working on `item`: at the item, in its core value.

    One value of the draft is shown with the item's anchor, and `at` names the item so the
    draft page puts the confirmation beside it, where the browser scrolls, rather than at
    the top of a long page. An item of a retired value is found among the retired items.
    """
    url = reverse("codeapp:draft")
    if item is None:
        return url
    value = item
    while value.parent_field:
        value = value.parent
    if not isinstance(value, Value):  # the code's title and preamble, atop the whole draft
        where = {}
    elif value.retired:
        where = {"retired": "on"}
    else:
        where = {"value": value.key}
    return f"{url}?{urlencode({**where, 'at': item.key})}#{type(item)._meta.model_name}-{item.key}"


def _label(model: type[models.Model], name: str) -> str:
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
                label=_label(model, name),
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


def _previewing(request: HttpRequest) -> bool:
    """The form's Preview button (the preview without JavaScript): show the form again with
    the text as readers will see it, and save nothing."""
    return request.method == "POST" and "preview" in request.POST


def create_view(
    request: HttpRequest,
    *,
    form_class: type[CodeItemForm],
    new_item: CodeItem,
    heading: str,
    initial: dict | None = None,
) -> HttpResponse:
    previewing = _previewing(request)
    if request.method == "POST":
        form = form_class(request.POST, instance=new_item)
        if not previewing and form.is_valid():
            item = form.instance
            try:
                item = item_create(
                    item=item,
                    user=request.user,
                    reason=form.cleaned_data.get("reason", ""),
                    key=form.cleaned_data.get("key", ""),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("“%(item)s” was added.") % {"item": item})
                return HttpResponseRedirect(draft_url(item))
    else:
        form = form_class(instance=new_item, initial=initial)
    return render(
        request,
        "values/item_form.html",
        {
            "form": form,
            "heading": heading,
            "cancel_url": draft_url(),
            "item": None,
            "previewing": previewing,
        },
    )


def edit_view(
    request: HttpRequest, *, item: CodeItem, form_class: type[CodeItemForm], heading: str
) -> HttpResponse:
    model = type(item)
    previewing = _previewing(request)
    if request.method == "POST":
        form = form_class(request.POST, instance=model._default_manager.get(pk=item.pk))
        if not previewing and form.is_valid():
            expected = form.cleaned_data["revision"]
            try:
                saved = item_update(
                    item=item,
                    expected_revision=expected,
                    changes=form.changes(),
                    user=request.user,
                    reason=form.cleaned_data.get("reason", ""),
                )
            except EditConflict as conflict:
                return _conflict(request, form_class, conflict.current, form, heading)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if saved.revision == expected:
                    messages.info(request, _("Nothing was changed."))
                else:
                    messages.success(request, _("“%(item)s” was saved.") % {"item": saved})
                return HttpResponseRedirect(draft_url(saved))
    else:
        form = form_class(instance=item)
    return render(
        request,
        "values/item_form.html",
        {
            "form": form,
            "heading": heading,
            "cancel_url": draft_url(item),
            "item": item,
            "previewing": previewing,
        },
    )


def _conflict(
    request: HttpRequest,
    form_class: type[CodeItemForm],
    current: CodeItem,
    theirs: CodeItemForm,
    heading: str,
) -> HttpResponse:
    """Refuse the save; show the editor's text beside the stored one, ready to merge."""
    model = type(current)
    latest = current.history.select_related("history_user").first()
    data = request.POST.copy()
    data["revision"] = str(current.revision)
    form = form_class(data, instance=model._default_manager.get(pk=current.pk))
    form.is_valid()
    rows = []
    for name in theirs._meta.fields:
        mine = theirs.cleaned_data.get(name)
        stored = getattr(current, name)
        if isinstance(mine, models.Model):
            mine = mine.pk
        if isinstance(stored, models.Model):
            stored = stored.pk
        mine_text, stored_text = display(model, name, mine), display(model, name, stored)
        rows.append(
            {
                "label": _label(model, name),
                "mine": mine_text,
                "stored": stored_text,
                "same": mine_text == stored_text,
                "diff": word_diff(stored_text, mine_text),
            }
        )
    return render(
        request,
        "values/item_conflict.html",
        {
            "form": form,
            "heading": heading,
            "item": current,
            "rows": rows,
            "latest": latest,
            "cancel_url": draft_url(current),
        },
        status=409,
    )


def retire_view(request: HttpRequest, *, item: CodeItem, retire: bool) -> HttpResponse:
    blockers = item.retire_blockers() if retire else item.restore_blockers()
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = item_set_retired(
                item=item, retired=retire, user=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            blockers = error.messages
        else:
            message = _("“%(item)s” was retired.") if retire else _("“%(item)s” was restored.")
            messages.success(request, message % {"item": item})
            return HttpResponseRedirect(draft_url(item))
    status = 409 if request.method == "POST" and blockers else 200
    return render(
        request,
        "values/item_retire.html",
        {
            "item": item,
            "retire": retire,
            "form": form,
            "blockers": blockers,
            "cancel_url": draft_url(item),
        },
        status=status,
    )


def move_view(
    request: HttpRequest,
    *,
    item: CodeItem,
    parents: models.QuerySet | None = None,
    parent_label: str = "",
) -> HttpResponse:
    """One place up or down (the arrows on the draft), or to any place and parent (a form).

    `parents` are the active items a norm or example may go under, in the code's order;
    a value has none.
    """
    if request.method == "POST" and not {"place", "parent"} & set(request.POST):
        step = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
        if step is None:
            messages.error(request, _("Choose whether to move the item up or down."))
        else:
            try:
                item_move(item=item, step=step, user=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("“%(item)s” was moved.") % {"item": item})
        return HttpResponseRedirect(draft_url(item))
    by_key = {p.key: p for p in parents} if parents is not None else {}
    siblings = list(item.siblings().filter(retired=False).order_by("position", "id"))
    place = next((i for i, s in enumerate(siblings, start=1) if s.pk == item.pk), None)
    form = MoveForm(
        request.POST if request.method == "POST" else None,
        parents=[(key, _parent_label(p)) for key, p in by_key.items()] if by_key else None,
        parent_label=parent_label,
        initial={"place": place, "parent": getattr(item.parent, "key", None)},
    )
    if request.method == "POST" and form.is_valid():
        parent = by_key.get(form.cleaned_data.get("parent", ""))
        try:
            moved = item_place(
                item=item, place=form.cleaned_data["place"], parent=parent, user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("“%(item)s” was moved.") % {"item": moved})
            return HttpResponseRedirect(draft_url(moved))
    return render(
        request,
        "values/item_move.html",
        {
            "item": item,
            "form": form,
            "siblings": siblings,
            "retired": place is None,
            "cancel_url": draft_url(item),
        },
        status=400 if form.errors else 200,
    )


def _parent_label(parent: CodeItem) -> str:
    # A norm among hundreds is found by its value: "Eerlijkheid — Geschenken melden".
    return f"{parent.parent} — {parent}" if parent.parent_field else str(parent)


def history_view(request: HttpRequest, *, item: CodeItem, names: dict) -> HttpResponse:
    """Every revision of the item, newest first, with what changed field by field."""
    model = type(item)
    records = list(
        item.history.select_related("history_user").order_by("history_date", "history_id")
    )
    fields = content_fields(model)
    revisions = []
    previous = None
    for record in records:
        # A new item's place and "not retired" say nothing; later moves and retirements do.
        shown = fields if previous else [f for f in fields if f not in ("position", "retired")]
        revisions.append(
            {
                "record": record,
                "created": previous is None,
                "changes": field_changes(model, shown, previous, record, names),
            }
        )
        previous = record
    revisions.reverse()
    return render(
        request,
        "values/item_history.html",
        {"item": item, "revisions": revisions, "model_name": model._meta.verbose_name},
    )
