"""Units (departments, teams) as a tree, each employee's place in it, and the record of roles.

An account is Django's own user; `Person` adds what the organisation knows of them: their unit,
their function, since when they work here and where the account comes from (sign-in, SCIM,
a CSV import, or made by hand). Leaving is deactivation (`user.is_active = False`): the account,
its history and its confirmations stay, but it can no longer sign in and counts in no figure.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    """Where a fact about a person came from: what a role change or an account records."""

    SIGN_IN = "sign-in", _("sign-in (identity provider)")
    SCIM = "scim", _("provisioning (SCIM)")
    IMPORT = "import", _("CSV import")
    ADMIN = "admin", _("administrator")
    DEMO = "demo", _("demo")


class Unit(models.Model):
    """A department or team. Units form a tree through `parent`; a user belongs to one."""

    name = models.CharField(_("name"), max_length=200)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    # How the identity provider, SCIM or a CSV file names this unit; unique when given.
    external_id = models.CharField(_("external id"), max_length=200, blank=True, default="")
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="UnitManager",
        related_name="managed_units",
        blank=True,
        verbose_name=_("managers"),
    )

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="unit_external_id_unique",
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("id")), name="unit_not_its_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class UnitManager(models.Model):
    """A manager of a unit: sees the confirmation coverage of the unit and the units below it."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.ADMIN
    )
    since = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("manager of a unit")
        verbose_name_plural = _("managers of units")
        constraints = [
            models.UniqueConstraint(fields=["unit", "user"], name="one_manager_row_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.unit}"


class TeamLead(models.Model):
    """A team lead of a unit: runs live dilemma sessions for that team and records them.

    Given per unit by an administrator or from the sign-in claims (`OIDC_CLAIM_NAMES["leads"]`);
    a lead of a unit leads none of the units below it (a team is one unit).
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="team_leads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.ADMIN
    )
    since = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("team lead of a unit")
        verbose_name_plural = _("team leads of units")
        constraints = [
            models.UniqueConstraint(fields=["unit", "user"], name="one_team_lead_row_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.unit}"


class Person(models.Model):
    """What the organisation knows of an account beyond Django's user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="person"
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("unit"),
    )
    function = models.CharField(_("function"), max_length=200, blank=True, default="")
    # The identity provider's subject (OIDC `sub`) or SCIM `externalId`; unique when given.
    external_id = models.CharField(_("external id"), max_length=255, blank=True, default="")
    # The day the person started: new employees confirm the code in force within N days of it.
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.ADMIN
    )
    # When the account was deactivated (left the organisation); null while active.
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="person_external_id_unique",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)


class RoleChange(models.Model):
    """A role granted or taken away: who, when, and from which source. Never changed afterwards."""

    class Change(models.TextChoices):
        GRANTED = "granted", _("granted")
        REVOKED = "revoked", _("revoked")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_changes"
    )
    # The role: a group's name ("editor", "integrity officer") or "manager of <unit>".
    role = models.CharField(_("role"), max_length=300)
    change = models.CharField(_("change"), max_length=10, choices=Change.choices)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    # Who made the change when a person did (an administrator); null for the identity provider.
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        verbose_name = _("change of role")
        verbose_name_plural = _("changes of role")
        ordering = ["-changed_at", "-id"]
        indexes = [models.Index(fields=["user", "-changed_at"])]

    def __str__(self) -> str:
        return f"{self.user}: {self.role} {self.change}"


class ScimUser(models.Model):
    """What the identity provider said of an account over SCIM that Django's user cannot hold.

    The account itself (user name, names, address, active) lives on the user and the person;
    this keeps the display name, the personnel number and the addresses as sent, so that what
    the provider wrote is what it reads back.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scim"
    )
    display_name = models.CharField(_("display name"), max_length=300, blank=True, default="")
    employee_number = models.CharField(_("employee number"), max_length=100, blank=True, default="")
    # The addresses as sent ([{"value", "type", "primary"}]); the account's address is one of them.
    emails = models.JSONField(_("e-mail addresses"), default=list, blank=True)
    # The department as sent (a unit's external id or its name), given back while it still
    # names the person's unit.
    department = models.CharField(_("department"), max_length=200, blank=True, default="")
    # The start date as sent, when the provider sends one (it then sets Person.joined_on).
    start_date = models.DateTimeField(_("start date"), null=True, blank=True)
    # When the provider deleted the account: it is deactivated and out of the provider's
    # sight, its history and confirmations kept. Provisioned again under the same user name,
    # it is this account again.
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("provisioned account")
        verbose_name_plural = _("provisioned accounts")

    def __str__(self) -> str:
        return str(self.user)


class ScimGroup(models.Model):
    """A group the identity provider keeps over SCIM.

    Its members get the roles ROLE_MAP names for it (people.scim.groups); a group the mapping
    does not name grants nothing but is kept, so the provider's view stays what it wrote.
    """

    display_name = models.CharField(_("name"), max_length=300, unique=True)
    external_id = models.CharField(_("external id"), max_length=255, blank=True, default="")
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="scim_groups", blank=True, verbose_name=_("members")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("provisioned group")
        verbose_name_plural = _("provisioned groups")
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name
