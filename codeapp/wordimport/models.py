"""A Word document on its way into the draft: the proposal read from it, kept between the
upload, the preview and the landing — never the file itself, which lives only as long as the
request that brought it."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# An upload nobody landed is taken away after this long (on the next upload).
KEPT_FOR = datetime.timedelta(days=1)


class WordImportQuerySet(models.QuerySet):
    def stale(self, now: datetime.datetime | None = None) -> "WordImportQuerySet":
        return self.filter(uploaded_at__lt=(now or timezone.now()) - KEPT_FOR)


class WordImport(models.Model):
    """The proposed structure of an uploaded document, as the editor corrects it."""

    file_name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="word_imports",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    # {"title": str, "rows": [...]}: see codeapp/wordimport/structure.py.
    proposal = models.JSONField(_("proposed structure"))
    # Bumped by every correction: a correction made in another window is not lost silently.
    revision = models.PositiveIntegerField(_("revision"), default=0)

    objects = WordImportQuerySet.as_manager()

    class Meta:
        verbose_name = _("Word import")
        verbose_name_plural = _("Word imports")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.file_name
