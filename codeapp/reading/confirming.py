"""Confirming: a reader records having read a version (the write behind the confirm button)."""

from django.contrib.auth.models import AbstractBaseUser

from codeapp.models import CodeVersion, Confirmation


def version_confirm(*, user: AbstractBaseUser, version: CodeVersion) -> Confirmation:
    """Record that `user` has read `version`; confirming twice keeps the first moment."""
    confirmation, _created = Confirmation.objects.get_or_create(user=user, version=version)
    return confirmation
