"""The people app: the units of the organisation, its employees and their roles."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "people"
    verbose_name = _("People and units")

    def ready(self) -> None:
        from people import roles

        roles.connect_signals()
