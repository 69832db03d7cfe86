from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CodeappConfig(AppConfig):
    name = "codeapp"
    verbose_name = _("Code of conduct")

    def ready(self) -> None:
        from django.urls import reverse

        from codeapp import navigation
        from codeapp.caching import reader_facts
        from codeapp.campaigns import signals as campaign_signals
        from codeapp.drafting.links import draft_url
        from codeapp.modelcodes import signals as modelcode_signals
        from codeapp.modelcodes.queue import release_groups
        from codeapp.models import code_language
        from codeapp.reading.timeline import published_wording
        from core.pages import provide, set_landing_page
        from norms.readability import code_language_from
        from reflection.presentation import group_proposals_with
        from reflection.services.live import published_wording_from

        reader_facts.connect_signals()
        # New employees join the onboarding campaign of the version in force.
        campaign_signals.connect_signals()
        navigation.register()
        # The last decided proposal of a model release makes the code build on that release.
        modelcode_signals.connect_signals()
        # The review queue shows a model release's proposals under the release's heading.
        group_proposals_with(release_groups)
        code_language_from(code_language)
        # A proposal started from a live session's note keeps the wording in force.
        published_wording_from(published_wording)
        # After a save, editors land on the working draft at the item (core names no page).
        set_landing_page(draft_url)
        # Reflection's pages link to a published version and to the suggestion page.
        provide("version", lambda number: reverse("codeapp:version", args=[number]))
        provide("suggest", lambda: reverse("codeapp:suggest"))
        provide("in-force", lambda: reverse("codeapp:in-force"))
