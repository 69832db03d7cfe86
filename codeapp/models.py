"""The code as a whole: its title and preamble, and the sealed versions published from the draft."""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from codeapp.caching import pages as pagecache
from core.codes import CodeScopedManager, active_code_id
from core.models import Code
from norms.readability import B1_MINIMUM


class CodeProfile(models.Model):
    """Title, language and preamble of a code: part of its working draft, edited like its items.

    There is one row per code; `CodeProfile.current()` fetches or makes the active code's.
    """

    class Language(models.TextChoices):
        DUTCH = "nl", _("Dutch")
        ENGLISH = "en", _("English")

    code = models.OneToOneField(
        Code,
        on_delete=models.PROTECT,
        default=active_code_id,
        related_name="profile",
        editable=False,
        verbose_name=_("code"),
    )
    title = models.CharField(_("title"), max_length=300, default="Gedragscode")
    language = models.CharField(
        _("language of the code"),
        max_length=8,
        choices=Language.choices,
        default=Language.DUTCH,
        help_text=_("Used for searching (word stems) and in the exchange format."),
    )
    preamble = models.TextField(
        _("preamble"), blank=True, help_text=_("Introduction to the code. Markdown.")
    )
    revision = models.PositiveIntegerField(_("revision"), default=1, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["updated_at"],
        history_change_reason_field=models.TextField(null=True),
    )

    objects = CodeScopedManager()

    # What the shared edit mechanism (core.services.item_update) asks of an item.
    parent_field = None
    key = "code"

    class Meta:
        verbose_name = _("code of conduct")
        verbose_name_plural = _("code of conduct")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("codeapp:profile-history")

    @classmethod
    def current(cls) -> "CodeProfile":
        """The active code's profile (core.codes), made on first need."""
        profile = cls.objects.first()
        if profile is None:
            profile, _created = cls.objects.get_or_create(code_id=active_code_id())
        return profile

    @classmethod
    def stored_or_default(cls) -> "CodeProfile":
        """The stored profile, or an unsaved default on an empty install: reading writes nothing."""
        return cls.objects.first() or cls()


def code_language() -> str:
    """The draft's language, for the apps that may not import codeapp (norms: see apps.py)."""
    language = CodeProfile.objects.values_list("language", flat=True).first()
    return language or CodeProfile.Language.DUTCH


class CodeVersionQuerySet(models.QuerySet):
    def in_force_on(self, day: datetime.date) -> "CodeVersion | None":
        """The version in force on `day`: the newest one that came into force on or before it."""
        return self.filter(effective_from__lte=day).order_by("-effective_from", "-number").first()

    def in_force(self) -> "CodeVersion | None":
        return self.in_force_on(timezone.localdate())

    def latest_and_in_force(self) -> "tuple[CodeVersion | None, CodeVersion | None]":
        """The newest version and the one in force today: one query when they are the same.

        No version comes into force before the one it follows, so once the newest has come
        into force it is the one in force.
        """
        latest = self.order_by("-number").first()
        if latest is None or latest.effective_from <= timezone.localdate():
            return latest, latest
        return latest, self.in_force()

    def upcoming(self) -> models.QuerySet:
        return self.filter(effective_from__gt=timezone.localdate()).order_by("effective_from")

    def update(self, **kwargs):
        raise PermissionError("A published version cannot be changed.")

    def delete(self):
        raise PermissionError("A published version cannot be deleted.")


class CodeVersion(models.Model):
    """A published, sealed version of the code: immutable once written.

    `document` holds the whole code in the exchange format `living-code/1`;
    `sha256` seals it and covers the previous version's seal, so the versions
    form a chain in which any later change is detectable.
    """

    # Set by publishing and restoring (never a default: adding a column with one rebuilds
    # the table on SQLite, which drops its triggers).
    code = models.ForeignKey(
        Code,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=_("code"),
    )
    number = models.PositiveIntegerField(_("version"))
    effective_from = models.DateField(_("in force from"))
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    established_by = models.CharField(_("established by"), max_length=300)
    change_summary = models.TextField(_("change summary"), blank=True)
    document = models.JSONField(_("document"))
    # Unique within a code: two codes may start from the same document, and so the same seal.
    sha256 = models.CharField(_("seal (SHA-256)"), max_length=64, db_index=True)
    previous_sha256 = models.CharField(_("previous seal"), max_length=64, blank=True, default="")
    # Why a version came into force before the day it was established (see `retroactive`);
    # stated at publication and, like the rest, never changed. Null: not retroactive, or not
    # recorded (a version restored from a document, or published before this was asked).
    # Nullable so that adding it rebuilds no table: on SQLite that would drop the triggers.
    retroactive_reason = models.TextField(  # noqa: DJ001 (see above)
        _("reason for retroactive effect"), null=True, blank=True
    )

    # An editorial change (spelling, links): nobody is asked to confirm it again. Sealed in the
    # document as `version.editorial`; kept here too for the coverage queries. True or null
    # (not editorial): nullable, so adding it rebuilds no table (on SQLite that would drop
    # the triggers).
    editorial = models.BooleanField(_("editorial change"), null=True, blank=True)

    # The active code's versions; `everywhere` for every code's (the chain of each code is its
    # own: numbers and seals follow on within one code).
    objects = CodeScopedManager.from_queryset(CodeVersionQuerySet)()
    everywhere = CodeVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        ordering = ["-number"]
        base_manager_name = "everywhere"
        constraints = [
            models.UniqueConstraint(fields=["code", "number"], name="version_number_per_code"),
            models.UniqueConstraint(fields=["code", "sha256"], name="version_seal_per_code"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="version_number_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(sha256__regex=r"^[0-9a-f]{64}$"), name="version_seal_format"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document.get('title', '')} v{self.number}"

    def save(self, *args, **kwargs):
        # Immutability is an invariant, not business logic: refuse any second write here,
        # in the queryset above, and (on PostgreSQL and SQLite) in a database trigger.
        if not self._state.adding:
            raise PermissionError("A published version cannot be changed.")
        if self.code_id is None:
            self.code_id = active_code_id()
        super().save(*args, **kwargs)
        # Reading pages keep the list of versions for a few seconds: start a new one, now for
        # this transaction's own reads, and after the commit for everyone's.
        pagecache.forget_versions()
        transaction.on_commit(pagecache.forget_versions, using=kwargs.get("using"))

    def get_absolute_url(self) -> str:
        return reverse("codeapp:version", args=[self.number])

    def delete(self, *args, **kwargs):
        raise PermissionError("A published version cannot be deleted.")

    @property
    def title(self) -> str:
        return self.document["title"]

    @property
    def established_on(self) -> datetime.date:
        """The day the version was established (published), in the installation's time zone."""
        return timezone.localdate(self.published_at)

    @property
    def retroactive(self) -> bool:
        """Whether it came into force before the day it was established: then what was in
        force on the days between changed afterwards. Both dates are sealed in the document."""
        return self.effective_from < self.established_on

    def confirmation_base(self) -> int:
        """The number of the version whose confirmation this one asks for.

        That is this version itself, unless it is an editorial change: then the last version
        before it that was not. A confirmation of that version or any later one counts.
        """
        if not self.editorial:
            return self.number
        base = (
            CodeVersion.everywhere.filter(code_id=self.code_id, number__lt=self.number)
            .exclude(editorial=True)
            .order_by("-number")
            .values_list("number", flat=True)
            .first()
        )
        return base or self.number

    def is_in_force_on(self, day: datetime.date) -> bool:
        current = CodeVersion.everywhere.filter(code_id=self.code_id).in_force_on(day)
        return current is not None and current.pk == self.pk


class ConfirmationQuerySet(models.QuerySet):
    def covering(self, version: "CodeVersion") -> "ConfirmationQuerySet":
        """The confirmations that count for `version` (see CodeVersion.confirmation_base)."""
        return self.filter(
            version__code_id=version.code_id, version__number__gte=version.confirmation_base()
        )


class Confirmation(models.Model):
    """An employee's statement of having read a version; kept with its moment."""

    version = models.ForeignKey(CodeVersion, on_delete=models.PROTECT, related_name="confirmations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="code_confirmations"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)

    objects = ConfirmationQuerySet.as_manager()

    class Meta:
        verbose_name = _("confirmation of reading")
        verbose_name_plural = _("confirmations of reading")
        constraints = [
            models.UniqueConstraint(fields=["version", "user"], name="one_confirmation_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.user} – v{self.version.number}"


class VersionEntry(models.Model):
    """One value, norm or example of a published version, as rows to search in.

    Written with the version and never changed, like the version itself. It also
    records where the item's wording comes from (see codeapp.versions.provenance): the version
    that introduced it or last changed its content, and the incorporated amendment
    that did so. Null in either means unknown: versions published before this was
    recorded, or a restored version whose amendments cannot be matched to items.
    """

    class Kind(models.TextChoices):
        VALUE = "value", _("core value")
        NORM = "norm", _("norm")
        EXAMPLE = "example", _("example")

    version = models.ForeignKey(CodeVersion, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.CharField(max_length=64)
    number = models.CharField(max_length=20)
    heading = models.CharField(max_length=300)
    body = models.TextField()
    since_version = models.PositiveIntegerField(null=True, blank=True)
    # The amendment as the version that incorporated it names it (design.md): no people.
    amendment = models.JSONField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="one_entry_per_key")]

    def __str__(self) -> str:
        return f"v{self.version_id} {self.number} {self.heading}"


class VersionRender(models.Model):
    """A version's Markdown texts rendered once, and kept with the version (never sealed).

    `texts` holds sanitised HTML: {"preamble": …, "change_summary": …, "items": {key: {field:
    html}}} for every Markdown field of the document. `shape` names how it was rendered
    (codeapp.reading.rendering.shape): a deployment that renders differently renders again.
    Nothing here is part of the seal or the exchange document; removing it loses nothing
    that cannot be rendered again from the document.
    """

    version = models.OneToOneField(
        CodeVersion, on_delete=models.CASCADE, primary_key=True, related_name="render"
    )
    shape = models.CharField(max_length=64)
    texts = models.JSONField()

    class Meta:
        verbose_name = _("rendered texts of a version")
        verbose_name_plural = _("rendered texts of versions")

    def __str__(self) -> str:
        return f"v{self.version_id} texts"


class VersionPageRender(models.Model):
    """The parts of a version's reading page that come from the version alone, rendered once
    (at publication, or on first need) in one interface language for one kind of reader.

    `document` is the page's body with `site_mark` (random, made for this render) where the
    version's absolute address goes: it depends on the site's address, which a publication
    does not know, and is put in per request. `head` holds the rest a page needs without loading the
    document: title, language, amendments, the change summary as HTML.
    """

    version = models.ForeignKey(CodeVersion, on_delete=models.CASCADE, related_name="page_renders")
    language = models.CharField(max_length=10)
    signed_in = models.BooleanField()
    shape = models.CharField(max_length=64)
    head = models.JSONField()
    toc = models.TextField()
    # UTF-8, as it goes into the answer: read as bytes, neither decoded nor encoded again.
    document = models.BinaryField()
    site_mark = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("rendered reading page")
        verbose_name_plural = _("rendered reading pages")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "language", "signed_in", "shape"],
                name="one_page_render_per_shape",
            )
        ]

    def __str__(self) -> str:
        return (
            f"v{self.version_id} {self.language} {'signed in' if self.signed_in else 'anonymous'}"
        )


class HealthSettings(models.Model):
    """Thresholds and targets of the code health dashboard, set by integrity officers.

    One row; `HealthSettings.current()` reads it, or the defaults while nobody has saved any.
    """

    max_norms_per_value = models.PositiveIntegerField(
        _("most norms per value"),
        default=8,
        help_text=_("More norms under one value than this is a sign of over-regulation."),
    )
    max_norms_total = models.PositiveIntegerField(
        _("most norms in total"),
        default=50,
        help_text=_("More norms in the whole code than this is hard to keep in mind."),
    )
    sessions_per_quarter = models.PositiveIntegerField(
        _("reflection sessions per quarter (target)"), default=2
    )
    months_until_neglected = models.PositiveIntegerField(
        _("months until “not discussed”"),
        default=12,
        help_text=_("A value or norm not discussed for longer than this needs attention."),
    )
    b1_minimum = models.PositiveIntegerField(
        _("lowest readability score at level B1"),
        default=int(B1_MINIMUM),
        help_text=_(
            "Flesch-Douma (Dutch) or Flesch reading ease (English); below it a norm is probably "
            "harder than plain-language level B1."
        ),
    )
    # 0 until first saved; the edit form carries it to detect a save over someone else's.
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["updated_at"],
        history_change_reason_field=models.TextField(null=True),
    )

    # The one row's primary key.
    SINGLETON = 1

    class Meta:
        verbose_name = _("code health settings")
        verbose_name_plural = _("code health settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_norms_per_value__gte=1, max_norms_total__gte=1)
                & models.Q(months_until_neglected__gte=1, b1_minimum__lte=100),
                name="health_settings_sensible",
            ),
        ]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "HealthSettings":
        """The saved settings, or unsaved defaults: reading the dashboard writes nothing."""
        return cls.objects.filter(pk=cls.SINGLETON).first() or cls()


# The synonym list every installation starts from: groups of terms that mean the same in a
# code of conduct, Dutch first, then English. Editors keep their own on the synonyms page.
STARTER_SYNONYMS = """\
# Nederlands
cadeau = cadeaus = geschenk = gift = relatiegeschenk
nevenfunctie = nevenfuncties = nevenwerkzaamheden = nevenactiviteit = bijbaan = bijbanen
uitnodiging = invitatie
belangenverstrengeling = belangenconflict = tegenstrijdig belang
omkoping = steekpenningen = smeergeld
geheimhouding = geheimhoudingsplicht = zwijgplicht = ambtsgeheim
vertrouwelijk = geheim
sociale media = social media
leidinggevende = manager = chef
misstand = misstanden = wantoestand
ongewenst gedrag = grensoverschrijdend gedrag = intimidatie
fraude = bedrog
# English
gift = gratuity = freebie
side job = outside work = secondary employment = second job = outside activity
conflict of interest = conflicting interest
bribe = bribery = kickback
confidential = secret
social media = social network
manager = supervisor = line manager
whistleblower = whistle-blower
harassment = intimidation
misconduct = wrongdoing
"""
# Bounds that keep every search quick: each term is one step of the query's rewriting.
SYNONYM_TERMS_MAX = 500
SYNONYM_TERM_LENGTH_MAX = 100
# One group per line; "=" or "," between its terms; "#" starts a comment line.
_SEPARATORS = re.compile(r"[=,]")


def parse_synonyms(text: str) -> list[tuple[str, ...]]:
    """The groups of a synonym list, each term lower case with single spaces.

    Raises ValidationError naming the line at fault: a group of one term, an empty term,
    a term twice in one group, a term too long, or more terms than a search can expand.
    """
    groups: list[tuple[str, ...]] = []
    errors = []
    count = 0
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        terms = tuple(" ".join(term.split()).lower() for term in _SEPARATORS.split(line))
        if any(not term for term in terms):
            errors.append(
                _("Line %(line)d has an empty term: put one term between each “=”.")
                % {"line": number}
            )
        elif len(terms) < 2:
            errors.append(
                _("Line %(line)d has one term only: a group needs at least two, e.g. “%(ex)s”.")
                % {"line": number, "ex": "cadeau = geschenk"}
            )
        elif len(set(terms)) < len(terms):
            errors.append(_("Line %(line)d names a term twice.") % {"line": number})
        elif any(len(term) > SYNONYM_TERM_LENGTH_MAX for term in terms):
            errors.append(
                _("Line %(line)d has a term longer than %(max)d characters.")
                % {"line": number, "max": SYNONYM_TERM_LENGTH_MAX}
            )
        else:
            groups.append(terms)
            count += len(terms)
    if count > SYNONYM_TERMS_MAX:
        errors.append(
            _("The list has %(count)d terms; at most %(max)d fit. Remove the least useful groups.")
            % {"count": count, "max": SYNONYM_TERMS_MAX}
        )
    if errors:
        raise ValidationError(errors)
    return groups


def starter_synonyms() -> str:
    return STARTER_SYNONYMS


class SynonymList(models.Model):
    """Groups of terms that mean the same in this code (cadeau = geschenk = gift), so that a
    search for one term finds the others too (codeapp.reading.search).

    One row, kept by editors and integrity officers; `SynonymList.current()` reads it, or the
    starter list while nobody has saved one.
    """

    text = models.TextField(
        _("synonyms"),
        blank=True,
        default=starter_synonyms,
        validators=[parse_synonyms],
        help_text=_(
            "One group per line: terms that mean the same in this code, with “=” between them, "
            "e.g. “cadeau = geschenk = gift”. A line starting with # is a comment."
        ),
    )
    revision = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["updated_at"],
        history_change_reason_field=models.TextField(null=True),
    )

    # The one row's primary key.
    SINGLETON = 1

    class Meta:
        verbose_name = _("synonym list")
        verbose_name_plural = _("synonym lists")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls) -> "SynonymList":
        """The saved list, or the unsaved starter list: searching writes nothing."""
        return cls.objects.filter(pk=cls.SINGLETON).first() or cls()

    def expansions(self) -> dict[str, tuple[str, ...]]:
        """Each term with every term it may be searched as: itself and the others of each
        group it is in (a term in two groups brings both)."""
        try:
            groups = parse_synonyms(self.text)
        except ValidationError:  # saved lists are valid; a broken one only loses its synonyms
            return {}
        found: dict[str, list[str]] = {}
        for group in groups:
            for term in group:
                alternatives = found.setdefault(term, [term])
                alternatives += [other for other in group if other not in alternatives]
        return {term: tuple(alternatives) for term, alternatives in found.items()}


# The campaigns' models live with them (codeapp/campaigns/); imported here so Django finds them.
from codeapp.campaigns.models import Campaign, CampaignMember, Reminder  # noqa: E402, F401
from codeapp.codes.models import AudienceUnit  # noqa: E402, F401
from codeapp.establishment.models import EstablishmentEntry  # noqa: E402, F401
from codeapp.health.models import IntegrityTheme  # noqa: E402, F401
from codeapp.modelcodes.models import ModelBase, ModelChange, ModelRelease  # noqa: E402, F401
from codeapp.wordimport.models import WordImport  # noqa: E402, F401
