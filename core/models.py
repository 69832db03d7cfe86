"""What every item of the code shares (a stable key, an order, retirement, a revision), and the
outbox every mail of the site goes through."""

import re

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.codes import CodeScopedManager, active_code_id

KEY_PATTERN = r"^[a-z0-9][a-z0-9-]{0,63}$"
KEY_MAX_LENGTH = 64

key_validator = RegexValidator(
    KEY_PATTERN,
    _(
        "A key has 1 to 64 characters: lower-case letters a-z, digits and hyphens, "
        "starting with a letter or digit."
    ),
)


class Code(models.Model):
    """One code of conduct of the organisation: its own draft, versions, seal chain and reading
    pages. One code is the main one, read at `/code/`; the others at `/codes/<slug>/`.

    Every row of a code's draft, versions and reflection carries its code; their default
    managers answer only the active code (core.codes).
    """

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("all employees")
        COUNCIL = "council", _("council members")
        OFFICE_HOLDERS = "office-holders", _("office holders")
        UNITS = "units", _("chosen units")

    slug = models.CharField(
        _("short name"),
        max_length=KEY_MAX_LENGTH,
        unique=True,
        validators=[key_validator],
        help_text=_("Part of the code's address: /codes/<short name>/. Never change it once read."),
    )
    name = models.CharField(
        _("name"), max_length=300, help_text=_("How the code is called in menus and lists.")
    )
    is_main = models.BooleanField(
        _("main code"),
        default=False,
        editable=False,
        help_text=_("The organisation's main code, read at /code/."),
    )
    public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Anyone may read its published versions (when the site is public at all)."),
    )
    audience = models.CharField(
        _("audience"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.EVERYONE,
        help_text=_(
            "Who is asked to read and confirm this code. For anyone but all employees, choose "
            "the units whose people are meant (below); with none chosen, everyone is asked."
        ),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    keepers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="kept_codes",
        verbose_name=_("editors and officers for this code only"),
        help_text=_(
            "An editor or integrity officer named here holds that role for the codes that name "
            "them, and for no other. Someone named for no code holds their role for every code."
        ),
    )

    class Meta:
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        ordering = ["-is_main", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_main"], condition=models.Q(is_main=True), name="one_main_code"
            ),
            models.CheckConstraint(
                condition=models.Q(slug__regex=KEY_PATTERN), name="code_slug_format"
            ),
        ]

    def __str__(self) -> str:
        return self.name


def code_field() -> models.ForeignKey:
    """The code a row belongs to: the active one when it is made (core.codes)."""
    return models.ForeignKey(
        Code,
        on_delete=models.PROTECT,
        default=active_code_id,
        related_name="+",
        editable=False,
        verbose_name=_("code"),
    )


class ItemKeyQuerySet(models.QuerySet):
    def claim(self, *, wanted: str, fallback: str, kind: str) -> "ItemKey":
        """Reserve a key for a new item, derived from `wanted`, made unique with a suffix.

        Keys live in one namespace per code for values, norms and examples, and a key once
        claimed is never released, so it can never be reused for another item of the code.
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

    code = code_field()
    key = models.CharField(_("key"), max_length=KEY_MAX_LENGTH, validators=[key_validator])
    kind = models.CharField(_("kind of item"), max_length=10, choices=Kind.choices)
    claimed_at = models.DateTimeField(_("claimed at"), auto_now_add=True)

    objects = CodeScopedManager.from_queryset(ItemKeyQuerySet)()

    class Meta:
        verbose_name = _("item key")
        verbose_name_plural = _("item keys")
        constraints = [
            models.UniqueConstraint(fields=["code", "key"], name="itemkey_unique_per_code")
        ]

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

    code = code_field()
    key = models.CharField(
        _("key"),
        max_length=KEY_MAX_LENGTH,
        editable=False,
        validators=[key_validator],
        help_text=_(
            "Stable identifier within its code, set at creation and never changed or reused."
        ),
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

    objects = CodeScopedManager.from_queryset(CodeItemQuerySet)()

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
