"""Saving a case of the case library, with who and why in its history."""

from django.contrib.auth.models import AbstractBaseUser

from core.revision import save_form
from reflection.forms.cases import CaseForm
from reflection.models import Case


def case_create(*, form: CaseForm, user: AbstractBaseUser) -> Case:
    """Save a new case from a valid form; its author is `user`."""
    case, _ = save_form(form, user=user, created_by=user)
    return case


def case_update(
    *, form: CaseForm, expected_revision: int, user: AbstractBaseUser
) -> tuple[Case, bool]:
    """Save the edited case unless someone saved it since `expected_revision` (StaleEdit).

    Returns the case and whether anything changed; saving nothing leaves no empty record.
    """
    return save_form(form, user=user, expected_revision=expected_revision)
