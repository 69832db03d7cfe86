"""What every item of the code shares (a stable key, an order, retirement, a revision), and the
outbox every mail of the site goes through."""

import re

from django.core.validators import RegexValidator
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

KEY_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
KEY_MAX_LENGTH = 64

key_validator = RegexValidator(
    KEY_PATTERN,
    _(
        "A key has 1 to 64 characters: lower-case letters a-z, digits and hyphens, "
        "starting with a letter or digit."
    ),
)


class ItemKeyQuerySet(models.QuerySet):
    def claim(self, *, wanted: str, fallback: str, kind: str) -> "ItemKey":
        """Reserve a key for a new item, derived from `wanted`, made unique with a suffix.

        Keys live in one namespace for values, norms and examples, and a key once
        claimed is never released, so it can never be reused for another item.
        """
        # slugify keeps underscores, which keys do not allow: "a_b" becomes "a-b".
        base = re.sub(r"[-_]+", "-", slugify(wanted))[:KEY_MAX_LENGTH].strip("-") or fallback
        candidate, n = base, 1
        while True:
            if not self.filter(key=candidate).exists():
                try:
                    # A savepoint: another editor may claim the same key at this moment.
                    with transaction.atomic():
                        return self.create(key=candidate, kind=kind)
                except IntegrityError:
                    pass
            n += 1
            suffix = f"-{n}"
            candidate = base[: KEY_MAX_LENGTH - len(suffix)].rstrip("-") + suffix


class ItemKey(models.Model):
    """The register of every key ever given to a value, norm or example."""

    class Kind(models.TextChoices):
        VALUE = "value", _("core value")
        NORM = "norm", _("norm")
        EXAMPLE = "example", _("example")

    key = models.CharField(
        _("key"), max_length=KEY_MAX_LENGTH, primary_key=True, validators=[key_validator]
    )
    kind = models.CharField(_("kind of item"), max_length=10, choices=Kind.choices)
    claimed_at = models.DateTimeField(_("claimed at"), auto_now_add=True)

    objects = ItemKeyQuerySet.as_manager()

    class Meta:
        # The register was made by the values app; its table keeps that name.
        db_table = "values_itemkey"
        verbose_name = _("item key")
        verbose_name_plural = _("item keys")

    def __str__(self) -> str:
        return self.key


class CodeItemQuerySet(models.QuerySet):
    def active(self):
        return self.filter(retired=False)

    def retired(self):
        return self.filter(retired=True)


class CodeItem(models.Model):
    """Fields every item of the code has.

    `revision` counts saves; an edit form carries the revision it was opened at,
    so a save over someone else's newer edit is detected instead of overwriting it.
    """

    key = models.CharField(
        _("key"),
        max_length=KEY_MAX_LENGTH,
        unique=True,
        editable=False,
        validators=[key_validator],
        help_text=_("Stable identifier, set at creation and never changed or reused."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    retired = models.BooleanField(
        _("retired"),
        default=False,
        help_text=_("A retired item is left out of the next version but kept on record."),
    )
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CodeItemQuerySet.as_manager()

    # The foreign key to the item this one belongs to (None for core values).
    parent_field: str | None = None
    # Which kind of key this item claims in the key register.
    key_kind: str = ""
    # Prefix of this item's URL names: prefix + "edit" is its edit page.
    url_name_prefix: str = ""
    # Fields holding lists of other items' keys, each with the model whose keys they are.
    key_references: dict[str, type[models.Model]] = {}

    class Meta:
        abstract = True

    @property
    def parent(self) -> "CodeItem | None":
        return getattr(self, self.parent_field) if self.parent_field else None

    def siblings(self) -> models.QuerySet:
        """All items, retired included, that share this item's parent (itself included)."""
        manager = type(self)._default_manager
        if self.parent_field is None:
            return manager.all()
        return manager.filter(
            **{f"{self.parent_field}_id": getattr(self, f"{self.parent_field}_id")}
        )

    def retire_blockers(self) -> list[str]:
        """Reasons this item cannot be retired now; empty when it can."""
        return []

    def restore_blockers(self) -> list[str]:
        """Reasons this item cannot be restored now; empty when it can."""
        parent = self.parent
        if parent is not None and parent.retired:
            return [_("“%(parent)s” is retired; restore it first.") % {"parent": parent}]
        return []


class OutgoingMailQuerySet(models.QuerySet):
    def due(self) -> "OutgoingMailQuerySet":
        """Mail waiting to go out whose (next) attempt is due now."""
        return self.filter(status=OutgoingMail.Status.PENDING, next_attempt_at__lte=timezone.now())


class OutgoingMail(models.Model):
    """One message in the outbox: written in the transaction of what it is about, delivered
    by a background task (core.mail.deliver_due), and kept as the record of what was sent
    to whom and when, or why it failed.

    `key` names the occasion ("version-3-published", "campaign-3-reminder-2"); an
    occasion mails an address once, however often it is repeated. A blind-copy batch of a
    bulk notice is one row addressed to the site, its readers in `bcc`, its key the
    occasion's with the batch number ("version-3-published#2").
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    key = models.CharField(_("occasion"), max_length=200)
    address = models.EmailField(_("to"), max_length=254)
    bcc = models.JSONField(_("blind copies"), default=list, blank=True)
    template = models.CharField(_("template"), max_length=100)
    subject = models.TextField(_("subject"))
    body = models.TextField(_("text"))
    # Given when the row is written and sent with every attempt, so a message the mail server
    # took twice (see core.mail.deliver_due) is one message to the reader's mail program.
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = OutgoingMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mail")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["key", "address"], name="outgoingmail_once_per_key"),
            models.CheckConstraint(
                condition=models.Q(status="sent", sent_at__isnull=False)
                | (~models.Q(status="sent") & models.Q(sent_at__isnull=True)),
                name="outgoingmail_sent_has_moment",
            ),
        ]
        indexes = [
            # The delivery task's one question: what is waiting and due, oldest first.
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=models.Q(status="pending"),
                name="outgoingmail_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.address}"

    def recipients(self) -> list[str]:
        """Who receives this message: the addressee, or the readers of a blind-copy batch."""
        return list(self.bcc) or [self.address]
