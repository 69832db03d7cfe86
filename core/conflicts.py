"""The one page for a save that came too late: the editor's text beside the stored one.

Items of the code, sessions, cases and settings pages all answer a `StaleEdit` with it
(409): what the editor wrote is kept in the form, the stored text is beside it with the
difference, and saving again saves over the newer version knowingly.
"""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString

from core.display import display, label
from core.markup import word_diff


@dataclass
class ConflictRow:
    label: str
    mine: str
    stored: str
    diff: SafeString

    @property
    def same(self) -> bool:
        return self.mine == self.stored


def _text(model: type[models.Model], name: str, raw: Any) -> str:
    field = model._meta.get_field(name)
    if field.many_to_many:
        return "; ".join(sorted(str(x) for x in raw or []))
    if isinstance(raw, models.Model):
        raw = raw.pk
    return display(model, name, raw)


def conflict_rows(form: forms.ModelForm, current: models.Model) -> list[ConflictRow]:
    """Each field of the form: the editor's value (as cleaned) beside the stored one."""
    model = type(current)
    rows = []
    for name in form._meta.fields:
        stored = getattr(current, name)
        if model._meta.get_field(name).many_to_many:
            stored = stored.all()
        mine_text = _text(model, name, form.cleaned_data.get(name))
        stored_text = _text(model, name, stored)
        rows.append(
            ConflictRow(
                label=label(model, name),
                mine=mine_text,
                stored=stored_text,
                diff=word_diff(stored_text, mine_text),
            )
        )
    return rows


def conflict_page(
    request: HttpRequest,
    *,
    form: forms.ModelForm,
    current: models.Model,
    heading: str,
    cancel_url: str,
    form_kwargs: dict | None = None,
) -> HttpResponse:
    """Refuse the save (409); show the editor's text beside the stored one, ready to merge.

    `form` is the editor's bound, valid form; the page offers the same form again, now at
    the stored revision, so the next save is made knowingly over the newer version.
    """
    data = request.POST.copy()
    data["revision"] = str(current.revision)
    fresh = type(form)(
        data, instance=type(current)._default_manager.get(pk=current.pk), **(form_kwargs or {})
    )
    fresh.is_valid()
    history = getattr(current, "history", None)
    return render(
        request,
        "core/conflict.html",
        {
            "form": fresh,
            "heading": heading,
            "item": current,
            "rows": conflict_rows(form, current),
            "latest": history.select_related("history_user").first() if history else None,
            "cancel_url": cancel_url,
        },
        status=409,
    )
