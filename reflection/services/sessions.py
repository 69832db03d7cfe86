"""Saving a reflection session: planned, recorded, edited, with who and why in its history."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from core.revision import lock_at, save_revision
from reflection.forms.sessions import SessionForm
from reflection.models import Session


def session_create(*, form: SessionForm, user: AbstractBaseUser) -> Session:
    """Save a new session from a valid form (the editor's, or one the health agenda filled)."""
    with transaction.atomic():
        session = form.save(commit=False)
        session.revision = 0
        save_revision(session, user=user, reason=form.cleaned_data.get("reason"), clean=False)
        form.save_m2m()
    return session


def session_update(
    *, form: SessionForm, expected_revision: int, user: AbstractBaseUser
) -> tuple[Session, bool]:
    """Save the edited session unless someone saved it since `expected_revision`.

    Returns the session and whether anything changed; raises StaleEdit with the
    stored session otherwise. Saving nothing leaves no empty history record.
    """
    with transaction.atomic():
        current = lock_at(Session, form.instance.pk, expected_revision)
        if not form.content_changed():
            return current, False
        session = form.save(commit=False)
        save_revision(
            session, user=user, reason=form.cleaned_data.get("reason"), stored=current, clean=False
        )
        form.save_m2m()
    return session, True
