"""The editing pages every kind of item shares: create, edit, retire/restore, move, history.

The per-app views only fetch the item and name its form; the flow, the conflict
page and the history rendering live here once.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from core.conflicts import conflict_page
from core.display import content_fields, field_changes
from core.forms import CodeItemForm, MoveForm, ReasonForm
from core.models import CodeItem
from core.revision import StaleEdit
from core.services import (
    item_create,
    item_move,
    item_place,
    item_set_retired,
    item_update,
)
from values.models import Value


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
            except StaleEdit as conflict:
                return conflict_page(
                    request,
                    form=form,
                    current=conflict.current,
                    heading=heading,
                    cancel_url=draft_url(conflict.current),
                )
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
