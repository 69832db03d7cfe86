from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodeappConfig(AppConfig):
    name = "codeapp"
    verbose_name = _("Code of conduct")

    def ready(self) -> None:
        from codeapp.drafting.links import draft_url
        from codeapp.reading import readers
        from core.pages import set_landing_page

        readers.connect_signals()
        # After a save, editors land on the working draft at the item (core names no page).
        set_landing_page(draft_url)
