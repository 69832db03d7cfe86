from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodeappConfig(AppConfig):
    name = "codeapp"
    verbose_name = _("Code of conduct")

    def ready(self) -> None:
        from codeapp.caching import reader_facts

        reader_facts.connect_signals()
