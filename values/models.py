"""Core values (kernwaarden): the top level of the code."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import KEY_PATTERN, CodeItem, ItemKey


class Value(CodeItem):
    """A core value (kernwaarde): what a public servant should be and do."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Markdown: *italic*, **bold**, lists, links.")
    )

    history = HistoricalRecords(
        excluded_fields=["updated_at", "created_at"],
        history_change_reason_field=models.TextField(null=True),
    )

    key_kind = ItemKey.Kind.VALUE
    url_name_prefix = "values:"

    class Meta:
        verbose_name = _("core value")
        verbose_name_plural = _("core values")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(key__regex=KEY_PATTERN), name="value_key_format"
            ),
            models.UniqueConstraint(fields=["code", "key"], name="value_key_unique_per_code"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("values:history", args=[self.key])

    def restore_blockers(self) -> list[str]:
        clash = Value.objects.active().filter(name__iexact=self.name).exclude(pk=self.pk)
        if clash.exists():
            return [
                _("Another active core value is called “%(name)s”. Rename one of them first.")
                % {"name": self.name}
            ]
        return super().restore_blockers()

    def retire_blockers(self) -> list[str]:
        active = list(self.norms.filter(retired=False).values_list("title", flat=True))
        if active:
            return [
                _(
                    "This value still has %(count)d active norm(s): %(titles)s. "
                    "Move them to another value or retire them first."
                )
                % {"count": len(active), "titles": ", ".join(f"“{t}”" for t in active)}
            ]
        return []
