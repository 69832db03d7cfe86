"""The editing pages every kind of item shares: create, edit, retire/restore, move, history.

The flow of each page, the conflict page and the history rendering live here once, and
`ItemPages` makes them into the views and URL patterns of one kind of item from a short
declaration in its app's urls.py (model, form, headings): no app writes an item view.
After a save the editor lands where the project says (core.pages), never on a page core names.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import URLPattern, path
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.conflicts import conflict_page
from core.display import content_fields, field_changes, names_for
from core.forms import CodeItemForm, MoveForm, ReasonForm, creation_form
from core.models import CodeItem
from core.pages import landing_url
from core.revision import StaleEdit
from core.services import (
    item_create,
    item_move,
    item_place,
    item_set_retired,
    item_update,
)


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
                return HttpResponseRedirect(landing_url(item))
    else:
        form = form_class(instance=new_item, initial=initial)
    return render(
        request,
        "core/item_form.html",
        {
            "form": form,
            "heading": heading,
            "cancel_url": landing_url(),
            "item": None,
            "previewing": previewing,
            "landing_url": landing_url(),
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
                    cancel_url=landing_url(conflict.current),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if saved.revision == expected:
                    messages.info(request, _("Nothing was changed."))
                else:
                    messages.success(request, _("“%(item)s” was saved.") % {"item": saved})
                return HttpResponseRedirect(landing_url(saved))
    else:
        form = form_class(instance=item)
    return render(
        request,
        "core/item_form.html",
        {
            "form": form,
            "heading": heading,
            "cancel_url": landing_url(item),
            "item": item,
            "previewing": previewing,
            "landing_url": landing_url(),
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
            return HttpResponseRedirect(landing_url(item))
    status = 409 if request.method == "POST" and blockers else 200
    return render(
        request,
        "core/item_retire.html",
        {
            "item": item,
            "retire": retire,
            "form": form,
            "blockers": blockers,
            "cancel_url": landing_url(item),
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
        return HttpResponseRedirect(landing_url(item))
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
            return HttpResponseRedirect(landing_url(moved))
    return render(
        request,
        "core/item_move.html",
        {
            "item": item,
            "form": form,
            "siblings": siblings,
            "retired": place is None,
            "cancel_url": landing_url(item),
        },
        status=400 if form.errors else 200,
    )


def _parent_label(parent: CodeItem) -> str:
    # A norm among hundreds is found by its value: "Eerlijkheid — Geschenken melden".
    return f"{parent.parent} — {parent}" if parent.parent_field else str(parent)


def history_view(
    request: HttpRequest, *, item: CodeItem, names: dict | None = None
) -> HttpResponse:
    """Every revision of the item, newest first, with what changed field by field.

    `names` of the rows the revisions refer to come from the item's model when not given.
    """
    model = type(item)
    records = list(
        item.history.select_related("history_user").order_by("history_date", "history_id")
    )
    if names is None:
        names = names_for(model, records)
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
        "core/item_history.html",
        {
            "item": item,
            "revisions": revisions,
            "model_name": model._meta.verbose_name,
            "landing_url": landing_url(),
        },
    )


@dataclass(frozen=True)
class ItemPages:
    """The editing pages of one kind of item, declared once: its views and URL patterns.

    URL names are the model's `url_name_prefix` (after the namespace) plus the action:
    "create", "edit", "retire", "restore", "move", "history". Permissions are the model's
    own: add for creating, change for editing, retiring and moving, view for the history.
    A new item under a parent (a norm under a value) is offered that parent by the query
    parameter named after the parent field (`?value=<key>`).
    """

    model: type[CodeItem]
    form_class: type[CodeItemForm]
    # The heading of the page for a new item, given its parent (None: none chosen, or a value).
    create_heading: Callable[[CodeItem | None], str]
    # The heading of the edit page of an item.
    edit_heading: Callable[[CodeItem], str]
    # The active items it may be moved under, in the code's order (for items with a parent).
    move_parents: Callable[[], models.QuerySet] | None = None

    def urls(self, prefix: str = "") -> list[URLPattern]:
        """The six pages, at `prefix` + "new/" and `prefix` + "<key>/<action>/"."""
        name = self.model.url_name_prefix.partition(":")[2]
        edit, view = self._permission("change"), self._permission("view")
        pages = [
            ("new/", "create", self.create, ["GET", "POST"], self._permission("add")),
            ("<slug:key>/edit/", "edit", self.edit, ["GET", "POST"], edit),
            ("<slug:key>/retire/", "retire", self.retire, ["GET", "POST"], edit),
            ("<slug:key>/restore/", "restore", self.restore, ["GET", "POST"], edit),
            ("<slug:key>/move/", "move", self.move, ["GET", "POST"], edit),
            ("<slug:key>/history/", "history", self.history, ["GET", "HEAD"], view),
        ]
        return [
            path(prefix + route, _guarded(handler, methods, permission), name=name + action)
            for route, action, handler, methods, permission in pages
        ]

    def _permission(self, action: str) -> str:
        meta = self.model._meta
        return f"{meta.app_label}.{action}_{meta.model_name}"

    def _get(self, key: str) -> CodeItem:
        items = self.model._default_manager.all()
        if self.model.parent_field:
            items = items.select_related(self.model.parent_field)
        return get_object_or_404(items, key=key)

    def create(self, request: HttpRequest) -> HttpResponse:
        parent = None
        if self.model.parent_field:
            parent_model = self.model._meta.get_field(self.model.parent_field).related_model
            wanted = request.GET.get(self.model.parent_field, "")
            parent = parent_model._default_manager.active().filter(key=wanted).first()
        return create_view(
            request,
            form_class=creation_form(self.form_class),
            new_item=self.model(),
            heading=self.create_heading(parent),
            initial={self.model.parent_field: parent.key} if parent else None,
        )

    def edit(self, request: HttpRequest, key: str) -> HttpResponse:
        item = self._get(key)
        heading = self.edit_heading(item)
        return edit_view(request, item=item, form_class=self.form_class, heading=heading)

    def retire(self, request: HttpRequest, key: str) -> HttpResponse:
        return retire_view(request, item=self._get(key), retire=True)

    def restore(self, request: HttpRequest, key: str) -> HttpResponse:
        return retire_view(request, item=self._get(key), retire=False)

    def move(self, request: HttpRequest, key: str) -> HttpResponse:
        if self.move_parents is None:
            return move_view(request, item=self._get(key))
        parent_field = self.model._meta.get_field(self.model.parent_field)
        return move_view(
            request,
            item=self._get(key),
            parents=self.move_parents(),
            parent_label=capfirst(parent_field.verbose_name),
        )

    def history(self, request: HttpRequest, key: str) -> HttpResponse:
        return history_view(request, item=self._get(key))


def _guarded(view: Callable, methods: list[str], permission: str) -> Callable:
    """The decorator stack of every item page: the methods it answers, a signed-in user,
    and the permission (403 for a signed-in user without it)."""
    return require_http_methods(methods)(
        login_required(permission_required(permission, raise_exception=True)(view))
    )
