"""A campaign asks its audience to confirm a version by a deadline, and reminds them.

The audience is fixed when the campaign starts: one `CampaignMember` row per person, so
coverage and reminders are a join, not a recomputation. New employees join the standing
onboarding campaign of the version in force with a deadline of their own (their start day
plus settings.NEW_EMPLOYEE_CONFIRM_DAYS). A confirmation counts for a member when it is of
the campaign's version or a later one, or of the version an editorial change rests on
(`Confirmation.objects.covering`).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import Unit


class Campaign(models.Model):
    class Kind(models.TextChoices):
        CAMPAIGN = "campaign", _("campaign")
        ONBOARDING = "onboarding", _("new employees")

    version = models.ForeignKey(
        "codeapp.CodeVersion",
        on_delete=models.PROTECT,
        related_name="campaigns",
        verbose_name=_("version"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.CAMPAIGN)
    title = models.CharField(_("title"), max_length=200)
    message = models.TextField(_("message"), blank=True)
    # The deadline of the campaign; an onboarding member's own deadline is on the member.
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    # Reminders: this many days before the deadline (e.g. [14, 3]), then weekly when set.
    reminder_days = models.JSONField(
        _("reminder days before the deadline"), default=list, blank=True
    )
    weekly_after_deadline = models.BooleanField(_("weekly after the deadline"), default=True)
    # The audience, as asked: everyone, or any of chosen units (with the units below them),
    # roles (groups), functions, or people who joined since a day.
    everyone = models.BooleanField(_("everyone"), default=False)
    units = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name=_("units"))
    groups = models.ManyToManyField(
        "auth.Group", blank=True, related_name="+", verbose_name=_("roles")
    )
    functions = models.JSONField(_("functions"), default=list, blank=True)
    joined_since = models.DateField(_("joined since"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    # The form's one-time key: a second press of "start" (a double click, a resent form)
    # finds the campaign the first one started instead of starting another.
    start_key = models.UUIDField(_("start key"), null=True, blank=True, unique=True, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return self.title


class CampaignMember(models.Model):
    """A person asked to confirm in a campaign, with their deadline."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="campaign_memberships"
    )
    deadline = models.DateField(_("deadline"))
    added_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("campaign member")
        verbose_name_plural = _("campaign members")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "user"], name="one_membership_per_campaign")
        ]
        indexes = [models.Index(fields=["campaign", "deadline"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.campaign}"


class Reminder(models.Model):
    """A reminder step of a campaign that has been sent: to how many, when. One per step."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reminders")
    # Which step: "14" (days before the deadline), "after-1" (first week after), …
    step = models.CharField(_("step"), max_length=20)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "step"], name="one_reminder_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.campaign} – {self.step}"
