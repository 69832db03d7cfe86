"""The integrity themes a code of conduct is expected to cover, and the norms that cover them.

One list for the organisation (editors change it on /health/themes/; a data migration gives
every installation the default list); the mapping is to norms, which belong to a code, so each
code has its own mapping. The dashboard flags the themes no norm of the active code covers.
"""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from norms.models import Norm


class IntegrityTheme(models.Model):
    """A theme such as "gifts and invitations", with words that suggest the norms about it."""

    name_nl = models.CharField(_("name in Dutch"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    keywords = models.TextField(
        _("keywords"),
        blank=True,
        help_text=_(
            "Words separated by commas. A norm whose title or text contains one is suggested "
            "for the theme (a part of a word is enough: “geschenk” finds “relatiegeschenken”)."
        ),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    norms = models.ManyToManyField(
        Norm, blank=True, related_name="integrity_themes", verbose_name=_("norms that cover it")
    )
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["updated_at"],
        history_change_reason_field=models.TextField(null=True),
    )

    class Meta:
        verbose_name = _("integrity theme")
        verbose_name_plural = _("integrity themes")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the reader's language, or the other one when that is empty."""
        first, second = (
            (self.name_en, self.name_nl)
            if (get_language() or "nl").startswith("en")
            else (self.name_nl, self.name_en)
        )
        return first or second

    @property
    def keyword_list(self) -> list[str]:
        return keyword_list(self.keywords)


def keyword_list(text: str) -> list[str]:
    """The keywords of a comma-separated text, trimmed and lower-cased, each once."""
    words = (word.strip().casefold() for word in text.replace("\n", ",").split(","))
    return list(dict.fromkeys(word for word in words if word))
