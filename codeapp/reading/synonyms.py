"""Saving the synonym list that searching uses (one row, kept by editors and officers)."""

from django.contrib.auth.models import AbstractBaseUser

from codeapp.models import SynonymList
from core.revision import update_singleton


def synonym_list_save(
    *, text: str, expected_revision: int, user: AbstractBaseUser, reason: str = ""
) -> SynonymList:
    """Save the synonym list unless someone saved it since `expected_revision`.

    Raises StaleEdit (someone was first) or ValidationError (a line at fault).
    """
    return update_singleton(
        SynonymList,
        pk=SynonymList.SINGLETON,
        expected_revision=expected_revision,
        changes={"text": text},
        user=user,
        reason=reason,
    )
