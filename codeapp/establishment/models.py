"""The establishment log: steps of establishment recorded after a version was published.

A version's own record (works-council consent, decision, publication, legal basis) is sealed
in its document when it is published. What is known only later — the publication in the
Gemeenteblad follows the decision — goes here: one row per step, never changed nor deleted,
each sealed with the SHA-256 of the seal before it (the previous entry's, or for the first
the version's own) and the entry's canonical JSON. The log forms its own chain beside the
version: it never changes the version's seal, and any later change to a row is detected
(codeapp.establishment.chain, run by `verify_versions`).
"""

import hashlib
import json

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class EstablishmentEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("An establishment log entry cannot be changed.")

    def delete(self):
        raise PermissionError("An establishment log entry cannot be deleted.")


class EstablishmentEntry(models.Model):
    """One step of establishment recorded after publication (see the module's docstring)."""

    class Step(models.TextChoices):
        WORKS_COUNCIL = "works_council", _("consent of the works council")
        DECISION = "decision", _("decision of the competent authority")
        PUBLICATION = "publication", _("official publication")
        LEGAL_BASIS = "legal_basis", _("legal basis")

    version = models.ForeignKey(
        "codeapp.CodeVersion",
        on_delete=models.PROTECT,
        related_name="establishment_log",
        verbose_name=_("version"),
    )
    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    # The step as the exchange format writes it in `version.establishment` (design.md).
    fields = models.JSONField(_("fields"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    previous_sha256 = models.CharField(_("previous seal"), max_length=64)
    sha256 = models.CharField(_("seal (SHA-256)"), max_length=64, unique=True)

    objects = EstablishmentEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("establishment log entry")
        verbose_name_plural = _("establishment log entries")
        ordering = ["version", "pk"]
        constraints = [
            # One chain per version, without forks: two officers appending at the same
            # moment cannot both follow the same seal.
            models.UniqueConstraint(
                fields=["version", "previous_sha256"], name="establishment_log_one_successor"
            ),
            models.CheckConstraint(
                condition=models.Q(sha256__regex=r"^[0-9a-f]{64}$")
                & models.Q(previous_sha256__regex=r"^[0-9a-f]{64}$"),
                name="establishment_log_seal_format",
            ),
        ]

    def __str__(self) -> str:
        return f"v{self.version_id} {self.step} {self.recorded_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        # Append-only is an invariant: refuse a second write here, in the queryset and in a
        # database trigger (migration 0019).
        if not self._state.adding:
            raise PermissionError("An establishment log entry cannot be changed.")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("codeapp:version", args=[self.version.number]) + "#established"

    def delete(self, *args, **kwargs):
        raise PermissionError("An establishment log entry cannot be deleted.")

    def sealed_content(self, version_number: int) -> dict:
        """What the seal covers besides the previous seal: the entry as canonical JSON."""
        return {
            "version": version_number,
            "step": self.step,
            "fields": self.fields,
            "recorded_at": self.recorded_at.isoformat(timespec="microseconds"),
            "recorded_by": self.recorded_by_id,
        }

    def compute_seal(self, version_number: int) -> str:
        """SHA-256 over the previous seal and the entry's canonical JSON."""
        # The exchange format's canonical form (codeapp.versions.documents.canonical; not
        # imported: that module needs the models loaded first).
        content = json.dumps(
            self.sealed_content(version_number),
            sort_keys=True, separators=(",", ":"), ensure_ascii=False,
        ).encode("utf-8")  # fmt: skip
        return hashlib.sha256(self.previous_sha256.encode("ascii") + content).hexdigest()
