"""Saving the thresholds and targets of the code health dashboard (one row, integrity officers')."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from codeapp.models import HealthSettings
from core.revision import update_singleton


def health_settings_save(
    *, changes: dict[str, Any], expected_revision: int, user: AbstractBaseUser, reason: str = ""
) -> HealthSettings:
    """Save the settings unless someone saved them since `expected_revision` (StaleEdit)."""
    return update_singleton(
        HealthSettings,
        pk=HealthSettings.SINGLETON,
        expected_revision=expected_revision,
        changes=changes,
        user=user,
        reason=reason,
    )
