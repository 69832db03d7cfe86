"""The core app: what every item and app shares."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every item and app shares; knows no value, norm or version."""

    name = "core"
    verbose_name = _("Items of the code")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_migrate, post_save

        from core.models import Code

        # The codes are kept a few seconds per process (core.codes): read them again after
        # a change here, and after a migration or a flush (which may have emptied the table).
        for signal in (post_save, post_delete):
            signal.connect(_forget_codes, sender=Code, dispatch_uid=f"forget-codes-{signal}")
        post_migrate.connect(_forget_codes, dispatch_uid="forget-codes-migrate")


def _forget_codes(**kwargs) -> None:
    from core import codes

    codes.forget()
