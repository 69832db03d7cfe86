"""Saving a reflection session: planned, recorded, edited, with who and why in its history."""

from django.contrib.auth.models import AbstractBaseUser

from core.revision import save_form
from reflection.forms.sessions import SessionForm
from reflection.models import Session


def session_create(*, form: SessionForm, user: AbstractBaseUser) -> Session:
    """Save a new session from a valid form (the editor's, or one the health agenda filled)."""
    session, _ = save_form(form, user=user)
    return session


def session_update(
    *, form: SessionForm, expected_revision: int, user: AbstractBaseUser
) -> tuple[Session, bool]:
    """Save the edited session unless someone saved it since `expected_revision` (StaleEdit).

    Returns the session and whether anything changed; saving nothing leaves no empty record.
    """
    return save_form(form, user=user, expected_revision=expected_revision)
