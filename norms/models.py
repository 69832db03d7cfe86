"""Norms derived from core values, and the example situations that show them in practice."""

from django.db import models
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import KEY_PATTERN, CodeItem, ItemKey
from values.models import Value

# The kind in a word or two, as the badges say it: on the draft and in the published code.
SHORT_KINDS = {
    "prohibition": _("must not"),
    "obligation": _("must"),
    "aspiration": _("should"),
}


class Norm(CodeItem):
    """A behavioural norm (gedragsnorm) that derives from one core value."""

    class Kind(models.TextChoices):
        PROHIBITION = "prohibition", _("Prohibition (must not)")
        OBLIGATION = "obligation", _("Obligation (must)")
        ASPIRATION = "aspiration", _("Aspiration (should, strive to)")

    value = models.ForeignKey(
        Value, on_delete=models.PROTECT, related_name="norms", verbose_name=_("core value")
    )
    # Many real codes number their norms without titling them: the title is optional.
    title = models.CharField(_("title"), max_length=300, blank=True)
    text = models.TextField(_("text"), help_text=_("The norm itself. Markdown."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    explanation = models.TextField(_("explanation"), blank=True)
    # Keys of other values this norm also serves. Keys, like the exchange format,
    # because keys never change and values are never deleted.
    related_values = models.JSONField(_("related values"), default=list, blank=True)
    legal_basis = models.JSONField(_("legal basis"), default=list, blank=True)

    history = HistoricalRecords(
        excluded_fields=["updated_at", "created_at"],
        history_change_reason_field=models.TextField(null=True),
    )

    parent_field = "value"
    # What core shows for the keys in `related_values`: the names of these core values.
    key_references = {"related_values": Value}
    key_kind = ItemKey.Kind.NORM
    url_name_prefix = "norms:"

    class Meta:
        verbose_name = _("norm")
        verbose_name_plural = _("norms")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(key__regex=KEY_PATTERN), name="norm_key_format"
            ),
            models.UniqueConstraint(fields=["code", "key"], name="norm_key_unique_per_code"),
            models.CheckConstraint(
                condition=models.Q(kind__in=["prohibition", "obligation", "aspiration"]),
                name="norm_kind_valid",
            ),
            models.CheckConstraint(condition=~models.Q(text=""), name="norm_text_not_empty"),
        ]

    def __str__(self) -> str:
        return self.title or Truncator(self.text).words(8)

    def get_absolute_url(self) -> str:
        return reverse("norms:history", args=[self.key])

    @property
    def short_kind(self) -> str:
        """The kind in two words, for badges: "must not", "must", "should"."""
        return SHORT_KINDS[str(self.kind)]


class Example(CodeItem):
    """An example situation (voorbeeldsituatie) or dilemma showing a norm in practice."""

    norm = models.ForeignKey(
        Norm, on_delete=models.PROTECT, related_name="examples", verbose_name=_("norm")
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    # Required in the app's form; blank allowed so any valid exchange document imports.
    situation = models.TextField(_("situation"), blank=True, help_text=_("What happens. Markdown."))
    guidance = models.TextField(
        _("guidance"), blank=True, help_text=_("What the norm asks here, and why. Markdown.")
    )

    history = HistoricalRecords(
        excluded_fields=["updated_at", "created_at"],
        history_change_reason_field=models.TextField(null=True),
    )

    parent_field = "norm"
    key_kind = ItemKey.Kind.EXAMPLE
    url_name_prefix = "norms:example-"

    class Meta:
        verbose_name = _("example")
        verbose_name_plural = _("examples")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(key__regex=KEY_PATTERN), name="example_key_format"
            ),
            models.UniqueConstraint(fields=["code", "key"], name="example_key_unique_per_code"),
        ]

    def __str__(self) -> str:
        return self.title or Truncator(self.situation).words(8)

    def get_absolute_url(self) -> str:
        return reverse("norms:example-history", args=[self.key])
