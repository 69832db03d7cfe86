"""Saving a case of the case library, with who and why in its history."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from core.revision import lock_at, save_revision
from reflection.forms.cases import CaseForm
from reflection.models import Case


def case_create(*, form: CaseForm, user: AbstractBaseUser) -> Case:
    """Save a new case from a valid form; its author is `user`."""
    with transaction.atomic():
        case = form.save(commit=False)
        case.created_by = user
        case.revision = 0
        save_revision(case, user=user, reason=form.cleaned_data.get("reason"), clean=False)
        form.save_m2m()
    return case


def case_update(*, form: CaseForm, expected_revision: int, user: AbstractBaseUser) -> Case:
    """Save the edited case unless someone saved it since `expected_revision` (StaleEdit)."""
    with transaction.atomic():
        current = lock_at(Case, form.instance.pk, expected_revision)
        case = form.save(commit=False)
        save_revision(
            case, user=user, reason=form.cleaned_data.get("reason"), stored=current, clean=False
        )
        form.save_m2m()
    return case
