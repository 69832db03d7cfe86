"""The create and edit pages sessions and cases share: form, save, message, or the conflict page.

A session and a case are each one row with history and a revision; their pages differ only
in the form, the service that saves and the words, so the flow is written here once.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.conflicts import conflict_page
from core.revision import StaleEdit


def create_page(
    request: HttpRequest,
    *,
    form_class: type[forms.ModelForm],
    create: Callable[..., models.Model],
    template: str,
    heading: str,
    name: str,
    done: str,
) -> HttpResponse:
    """A page that makes a new row: `create(form=, user=)` saves it; `done` is said after,
    with the row as `%(title)s`; the template gets the row (none yet) as `name`."""
    data = request.POST if request.method == "POST" else None
    form = form_class(data, instance=form_class._meta.model())
    if request.method == "POST" and form.is_valid():
        row = create(form=form, user=request.user)
        messages.success(request, done % {"title": row})
        return redirect(row)
    return render(request, template, {"form": form, "heading": heading, name: None})


def edit_page(
    request: HttpRequest,
    *,
    row: models.Model,
    form_class: type[forms.ModelForm],
    update: Callable[..., tuple[Any, bool]],
    template: str,
    heading: str,
    name: str,
    done: str,
) -> HttpResponse:
    """A page that edits a row with a revision: a late save gets the one conflict page; a
    save the service refuses (ValidationError, nothing written) shows the form with why."""
    form = form_class(request.POST if request.method == "POST" else None, instance=row)
    if request.method == "POST" and form.is_valid():
        try:
            saved, changed = update(
                form=form, expected_revision=form.cleaned_data["revision"], user=request.user
            )
        except StaleEdit as conflict:
            return conflict_page(
                request,
                form=form,
                current=conflict.current,
                heading=heading,
                cancel_url=conflict.current.get_absolute_url(),
            )
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            if changed:
                messages.success(request, done % {"title": saved})
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect(saved)
    return render(request, template, {"form": form, "heading": heading, name: row})
