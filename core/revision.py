"""One way to save a row that several people may edit at once: lock, check, bump, record.

Every editable row (an item of the code, a session, a case, a proposal, a settings page)
carries a `revision` that counts its saves. An edit form carries the revision it was opened
at; the save locks the stored row, refuses with `StaleEdit` when someone saved it since, and
otherwise saves with the revision bumped and who and why in the row's history. One wins, the
other is told: nobody's work is overwritten silently. Call these inside `transaction.atomic()`;
`update_singleton` is the whole save of a settings page (one row), transaction included.
"""

from typing import Any

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.db import models, transaction


class StaleEdit(Exception):
    """Someone saved the row after the editor opened it; `current` is the row as stored now."""

    def __init__(self, current: models.Model, message: str = ""):
        super().__init__(
            message or f"{current._meta.label} {current.pk} changed since it was opened"
        )
        self.current = current


def lock(model: type[models.Model], pk: Any) -> Any:
    """The stored row, locked until the transaction ends (a no-op lock on SQLite, which
    serialises writers itself)."""
    return model._default_manager.select_for_update().get(pk=pk)


def lock_at(model: type[models.Model], pk: Any, expected_revision: int) -> Any:
    """The stored row, locked, if nobody saved it since `expected_revision`; else `StaleEdit`."""
    current = lock(model, pk)
    if current.revision != expected_revision:
        raise StaleEdit(current)
    return current


def save_revision(
    obj: models.Model,
    *,
    user: AbstractBaseUser | None,
    reason: str | None = "",
    stored: models.Model | None = None,
    clean: bool = True,
) -> None:
    """Save `obj` one revision past `stored` (or its own), with who and why in its history.

    `stored` is the locked row the edit was checked against; when given, the new revision
    counts from it, so a form's instance loaded before the lock cannot write an old number.
    """
    if clean:
        obj.full_clean()
    obj.revision = (stored if stored is not None else obj).revision + 1
    obj._history_user = user
    obj._change_reason = (reason or "").strip() or None
    obj.save()


def update_singleton(
    model: type[models.Model],
    *,
    pk: Any,
    expected_revision: int,
    changes: dict[str, Any],
    user: AbstractBaseUser | None,
    reason: str = "",
) -> Any:
    """Apply `changes` to the one row of a settings model, unless someone saved it since
    `expected_revision` (`StaleEdit`, nothing written). A change that alters nothing saves
    nothing and leaves no empty history record.

    Until its first save the row does not exist and readers see the model's defaults. It is
    made here, at revision 0 with those defaults and no history, before the save's
    transaction: so there is a row to lock when two people save the first time at once,
    and a refused save still has the stored row to show beside the editor's.
    """
    model._default_manager.bulk_create([model(pk=pk, revision=0)], ignore_conflicts=True)
    with transaction.atomic():
        current = lock_at(model, pk, expected_revision)
        changed = {name: new for name, new in changes.items() if getattr(current, name) != new}
        if changed:
            for name, new in changed.items():
                setattr(current, name, new)
            save_revision(current, user=user, reason=reason)
    return current


def save_form(
    form: forms.ModelForm,
    *,
    user: AbstractBaseUser | None,
    expected_revision: int | None = None,
    **fields: Any,
) -> tuple[Any, bool]:
    """Save a valid model form's row with who and why in its history; `(row, changed)`.

    A new row starts at revision 1 (with `fields` set on it, its author say). An edited row is
    saved only if nobody saved it since `expected_revision` (`StaleEdit` otherwise), and only
    when the editor changed one of the form's fields: saving nothing leaves no empty record.
    The reason comes from the form's `reason` field, when it has one.
    """
    reason = form.cleaned_data.get("reason")
    with transaction.atomic():
        stored = None
        if form.instance.pk is not None:
            stored = lock_at(type(form.instance), form.instance.pk, expected_revision)
            if not any(name in form.changed_data for name in form._meta.fields):
                return stored, False
        row = form.save(commit=False)
        for name, value in fields.items():
            setattr(row, name, value)
        if stored is None:
            row.revision = 0
        save_revision(row, user=user, reason=reason, stored=stored, clean=False)
        form.save_m2m()
    return row, True
