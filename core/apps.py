"""The core app: what every item and app shares."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every item and app shares; knows no value, norm or version."""

    name = "core"
    verbose_name = _("Items of the code")
