"""The values app: core values, the top level of the code."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ValuesConfig(AppConfig):
    name = "values"
    verbose_name = _("Core values")

    def ready(self) -> None:
        from core.pages import set_preview_url_name

        # The Markdown fields of every edit form ask the preview this app mounts.
        set_preview_url_name("values:preview")
