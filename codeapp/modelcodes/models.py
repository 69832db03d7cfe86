"""The model code the organisation's code builds on, and the model's releases waiting as
proposals.

An item's origin is not stored on the item: it follows from comparing the item with the
model's wording of it (`ModelBase.items`), so editing an item's wording marks it adapted
wherever the edit is made, and undoing the edit marks it taken over again.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.codes import CodeScopedManager, EveryCodeManager


class _OfTheCode(CodeScopedManager):
    code_path = "profile__code"


class _ReleasesOfTheCode(CodeScopedManager):
    code_path = "base__profile__code"


class _ChangesOfTheCode(CodeScopedManager):
    code_path = "release__base__profile__code"


class ModelBase(models.Model):
    """What the code builds on: one model release (the `based_on` of the exchange format)."""

    profile = models.OneToOneField(
        "codeapp.CodeProfile", on_delete=models.CASCADE, related_name="model_base"
    )
    title = models.CharField(_("title of the model"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=300)
    version = models.PositiveIntegerField(_("version of the model"))
    sha256 = models.CharField(_("seal of the model"), max_length=64)
    url = models.CharField(_("address of the model"), max_length=500, blank=True)
    # A minimum code (like the central government's): leaving out falls below it.
    minimum = models.BooleanField(_("the model is a minimum"), default=False)
    # Check the address for new releases on a schedule.
    follow = models.BooleanField(_("follow the model"), default=False)
    # The model release itself, when it was taken from the model (not when only a code built
    # on it was imported).
    document = models.JSONField(null=True, blank=True, editable=False)
    # key -> the model's wording of the item ({"type": ..., field: text}), or None when the item
    # is adapted and the model's wording is not known here. Keys absent are local additions.
    items = models.JSONField(default=dict, blank=True, editable=False)
    # The model's items this code leaves out: [{"key": ..., "reason": ...}] in the model's order.
    left_out = models.JSONField(default=list, blank=True, editable=False)
    # Who took the model: the proposals of a release found by the scheduled check are theirs.
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    check_message = models.TextField(_("result of the last check"), blank=True)
    revision = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    # The active code's (core.codes); `everywhere` for the scheduled check of every code.
    objects = _OfTheCode()
    everywhere = EveryCodeManager()

    class Meta:
        verbose_name = _("model code")
        verbose_name_plural = _("model codes")

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"

    def based_on(self) -> dict:
        """The `based_on` block of the exchange format."""
        return {
            "title": self.title,
            "publisher": self.publisher,
            "version": self.version,
            "sha256": self.sha256,
            "url": self.url or None,
        }


class ModelRelease(models.Model):
    """A newer release of the model, its changes made into amendment proposals."""

    base = models.ForeignKey(ModelBase, on_delete=models.CASCADE, related_name="releases")
    title = models.CharField(_("title"), max_length=300)
    version = models.PositiveIntegerField(_("version of the model"))
    sha256 = models.CharField(max_length=64)
    document = models.JSONField(editable=False)
    # The release the changes were measured from (the one the code was based on then).
    previous_document = models.JSONField(null=True, blank=True, editable=False)
    received_at = models.DateTimeField(auto_now_add=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Set once every proposal of the release is decided and the code builds on it.
    taken_over_at = models.DateTimeField(null=True, blank=True)

    # The active code's (core.codes); `everywhere` for the scheduled check of every code.
    objects = _ReleasesOfTheCode()
    everywhere = EveryCodeManager()

    class Meta:
        verbose_name = _("model release")
        verbose_name_plural = _("model releases")
        constraints = [
            models.UniqueConstraint(fields=["base", "sha256"], name="model_release_once"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"


class ModelChange(models.Model):
    """One change of a model release, and the proposal made of it."""

    release = models.ForeignKey(ModelRelease, on_delete=models.CASCADE, related_name="changes")
    # None when the change cannot be a proposal (the item is left out here, or only moved):
    # `note` says what an editor should look at.
    proposal = models.OneToOneField(
        "reflection.Proposal", on_delete=models.PROTECT, related_name="model_change",
        null=True, blank=True,
    )  # fmt: skip
    note = models.TextField(blank=True)
    change = models.CharField(max_length=10)  # added | removed | changed
    type = models.CharField(max_length=10)  # value | norm | example
    key = models.CharField(max_length=64)
    model_before = models.JSONField(null=True, blank=True)
    model_after = models.JSONField(null=True, blank=True)

    # The active code's (core.codes); `everywhere` for the scheduled check of every code.
    objects = _ChangesOfTheCode()
    everywhere = EveryCodeManager()

    class Meta:
        ordering = ["release", "pk"]

    def __str__(self) -> str:
        return f"{self.change} {self.type} {self.key}"
