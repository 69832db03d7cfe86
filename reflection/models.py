"""Reflection sessions, the case library, and amendment proposals that flow into the code.

Sessions confront the code with real and fictitious cases; what they learn becomes
amendment proposals, which integrity officers decide; approved proposals change
the working draft and, through it, the next published version.
"""

import datetime
from collections.abc import Collection

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.codes import CodeScopedManager
from core.models import code_field
from norms.models import Example, Norm
from values.models import Value


def _history() -> HistoricalRecords:
    return HistoricalRecords(
        excluded_fields=["updated_at"], history_change_reason_field=models.TextField(null=True)
    )


class Case(models.Model):
    """A case or dilemma from daily work, real or made up, reusable across sessions."""

    title = models.CharField(_("title"), max_length=300)
    situation = models.TextField(_("situation"), help_text=_("What happened. Markdown."))
    question = models.TextField(
        _("question"), blank=True, help_text=_("The dilemma: what should the public servant do?")
    )
    is_real = models.BooleanField(
        _("real case"), default=False, help_text=_("Real (anonymised) rather than made up.")
    )
    # A practice dilemma: every employee may practise with it alone, and team leads choose it
    # for a live session. It offers two to four courses of action (`options`) and a reflection
    # to read after answering; there is no right answer and no score.
    practice = models.BooleanField(
        _("practice dilemma"),
        default=False,
        help_text=_("Employees practise with it and team leads use it in live sessions."),
    )
    reflection = models.TextField(
        _("reflection"),
        blank=True,
        help_text=_("Read after answering: what to weigh, not the right answer. Markdown."),
    )
    values_in_tension = models.ManyToManyField(
        Value, blank=True, related_name="cases", verbose_name=_("values in tension")
    )
    norms = models.ManyToManyField(
        Norm, blank=True, related_name="cases", verbose_name=_("norms concerned")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    revision = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = _history()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reflection:case", args=[self.pk])


class SessionQuerySet(models.QuerySet):
    def planned(self):
        return self.filter(held=False)

    def held(self):
        return self.filter(held=True)


class Session(models.Model):
    """A reflection session (reflectiebijeenkomst): intervision, case discussion, dilemmas…

    Its notes are for editors and integrity officers only: participants must be
    able to speak freely. No list of names is kept, only groups and a number.
    """

    class Format(models.TextChoices):
        INTERVISION = "intervision", _("Intervision")
        CASE_DISCUSSION = "case_discussion", _("Case discussion")
        DILEMMA = "dilemma", _("Dilemma session")
        TEAM_MEETING = "team_meeting", _("Team meeting")
        MANAGERS = "managers", _("Session with managers")
        OFFICE_HOLDERS = "office_holders", _("Session with political office holders")

    title = models.CharField(_("title"), max_length=300)
    # The title is for those who run the programme ("Dilemma session team Taxes"); this name is
    # what a published version says about the session, for everyone to read.
    public_name = models.CharField(_("public name"), max_length=200)
    date = models.DateField(_("date"))
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    held = models.BooleanField(_("held"), default=False, help_text=_("Planned until it is held."))
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilitated_sessions",
        verbose_name=_("facilitator (colleague)"),
    )
    external_facilitator = models.CharField(
        _("external facilitator"), max_length=200, blank=True,
        help_text=_("Name and organisation, when someone from outside leads the session."),
    )  # fmt: skip
    participant_groups = models.CharField(
        _("participant groups"), max_length=300, blank=True,
        help_text=_("E.g. “team Vergunningen, two managers”. No names."),
    )  # fmt: skip
    participant_count = models.PositiveIntegerField(
        _("number of participants"), null=True, blank=True
    )
    values_discussed = models.ManyToManyField(
        Value, blank=True, related_name="sessions", verbose_name=_("values discussed")
    )
    norms_discussed = models.ManyToManyField(
        Norm, blank=True, related_name="sessions", verbose_name=_("norms discussed")
    )
    cases = models.ManyToManyField(
        Case, blank=True, related_name="sessions", verbose_name=_("cases discussed")
    )
    insights = models.TextField(
        _("insights"), blank=True, help_text=_("What the session learned. Markdown. Not public.")
    )
    # The team that held it, when one did: code health counts the units without a session.
    unit = models.ForeignKey(
        "people.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit"),
    )
    revision = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    code = code_field()  # the code it is about

    history = _history()
    objects = CodeScopedManager.from_queryset(SessionQuerySet)()

    class Meta:
        verbose_name = _("reflection session")
        verbose_name_plural = _("reflection sessions")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({date_format(self.date, 'DATE_FORMAT')})"

    def get_absolute_url(self) -> str:
        return reverse("reflection:session", args=[self.pk])

    def default_public_name(self) -> str:
        """Its kind and quarter, e.g. "Dilemmasessie, 1e kwartaal 2026": it names no team."""
        return default_public_name(self.format, self.date)

    def name_for_the_public(self) -> str:
        """How a published version names it: its public name, never its title."""
        return self.public_name or self.default_public_name()


def default_public_name(session_format: str, day: datetime.date) -> str:
    """The public name of a session of `session_format` held on `day`: its kind and quarter.

    Written in the organisation's language (LANGUAGE_CODE), whoever's screen it is made
    on, since it is read on the public pages of the code.
    """
    with override(settings.LANGUAGE_CODE):
        return gettext("%(kind)s, Q%(quarter)d %(year)d") % {
            "kind": str(Session.Format(session_format).label),
            "quarter": (day.month - 1) // 3 + 1,
            "year": day.year,
        }


def integrity_officers() -> models.QuerySet:
    """The active users who decide proposals: they hold the permission through a group or
    themselves; administrators (superusers) only when they hold it too."""
    # django-axes' backend, listed first, does not know who holds a permission.
    return get_user_model().objects.with_perm(
        "reflection.decide_proposal",
        include_superusers=False,
        backend="django.contrib.auth.backends.ModelBackend",
    )


class ProposalQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state=Proposal.State.SUBMITTED)

    def approved_not_incorporated(self):
        return self.filter(state=Proposal.State.APPROVED)

    def about(self, keys: Collection[str]):
        """Proposals about the items with these keys: the item they change, or where one goes."""
        return self.filter(
            models.Q(value__key__in=keys) | models.Q(norm__key__in=keys)
            | models.Q(example__key__in=keys) | models.Q(parent_value__key__in=keys)
            | models.Q(parent_norm__key__in=keys)
        )  # fmt: skip

    def seen_by(self, user):
        """What `user` may see in a list: a draft is its proposer's own until submitted."""
        return self.exclude(~models.Q(proposer_id=user.pk), state=Proposal.State.DRAFT)

    def with_relations(self):
        """With the people, session, case and items a proposal's pages show, in one query."""
        return self.select_related(
            "proposer", "decided_by", "session", "case", "value", "norm", "example",
            "parent_value", "parent_norm", "deputy",
        )  # fmt: skip


class Proposal(models.Model):
    """An amendment proposal (wijzigingsvoorstel): add, reword or retire a value, norm or example.

    States: draft → submitted → approved or rejected (with reasons), or withdrawn;
    approved → incorporated once a published version carries it. An approval with a merged
    text that differs from both the proposed and the current text waits as "agreeing" until
    the proposer or another editor agrees (→ approved) or does not (→ submitted again).
    """

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        # An officer approved it with a merged text of their own: someone else agrees first.
        AGREEING = "agreeing", _("Awaiting agreement")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        INCORPORATED = "incorporated", _("Incorporated")

    class Action(models.TextChoices):
        ADD = "add", _("Add")
        REWORD = "reword", _("Reword")
        RETIRE = "retire", _("Retire")

    class Target(models.TextChoices):
        VALUE = "value", _("core value")
        NORM = "norm", _("norm")
        EXAMPLE = "example", _("example")

    class Origin(models.TextChoices):
        SESSION = "session", _("Reflection session")
        SUGGESTION = "suggestion", _("Suggestion by an employee")
        OTHER = "other", _("Other")
        # A change in a new release of the model code the code builds on.
        MODEL = "model", _("New version of the model code")

    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    action = models.CharField(_("proposed change"), max_length=10, choices=Action.choices)
    target = models.CharField(_("kind of item"), max_length=10, choices=Target.choices)
    # The item reworded or retired (one of the three, by `target`).
    value = models.ForeignKey(
        Value, on_delete=models.PROTECT, null=True, blank=True, related_name="proposals"
    )
    norm = models.ForeignKey(
        Norm, on_delete=models.PROTECT, null=True, blank=True, related_name="proposals"
    )
    example = models.ForeignKey(
        Example, on_delete=models.PROTECT, null=True, blank=True, related_name="proposals"
    )
    # For "add": where the new item goes (the value of a new norm, the norm of a new example).
    parent_value = models.ForeignKey(
        Value, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    parent_norm = models.ForeignKey(
        Norm, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # For "add" from a model code: the key the new item takes (the model's own, so the item
    # stays matched with the model), and, when its place is itself new in the same release,
    # the key of that place, found when the proposal is approved.
    new_key = models.CharField(max_length=64, blank=True, editable=False)
    new_parent_key = models.CharField(max_length=64, blank=True, editable=False)
    # The proposed content: {"title": …, "text": …, "kind": …} as the item's own fields.
    proposed = models.JSONField(_("proposed text"), default=dict, blank=True)
    # The item's revision when the proposal was written, to detect later edits.
    base_revision = models.PositiveIntegerField(null=True, blank=True)
    # A suggestion made from the published code: the item it is about (for an addition, its
    # place) as the proposer read it, and in which version. A proposer who may not see the
    # working draft is shown this wording, never the draft's.
    published_fields = models.JSONField(default=dict, blank=True, editable=False)
    published_version = models.PositiveIntegerField(null=True, blank=True, editable=False)
    rationale = models.TextField(_("rationale"), help_text=_("Why the code should change."))
    origin = models.CharField(_("origin"), max_length=12, choices=Origin.choices)
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, null=True, blank=True, related_name="proposals",
        verbose_name=_("reflection session"),
    )  # fmt: skip
    case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals",
        verbose_name=_("case"),
    )  # fmt: skip
    proposer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposals",
        verbose_name=_("proposed by"),
    )  # fmt: skip
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # The origin session's facilitator when the proposal was submitted: four-eyes holds even if
    # the session is edited afterwards.
    session_facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", editable=False,
    )  # fmt: skip
    # Named by an administrator when no integrity officer is left who may decide the proposal
    # under four-eyes: this user may decide this one proposal, and no other.
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="deputy_for", verbose_name=_("deputy"), editable=False,
    )  # fmt: skip
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="decided_proposals", verbose_name=_("decided by"),
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_reason = models.TextField(_("reasons for the decision"), blank=True)
    # The officer's merged text, when the item changed since the proposal was written; it
    # enters the draft only once someone else agrees. Kept after approval: what was applied.
    merged = models.JSONField(_("merged text"), default=dict, blank=True, editable=False)
    merged_revision = models.PositiveIntegerField(null=True, blank=True, editable=False)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", editable=False, verbose_name=_("merged by"),
    )  # fmt: skip
    # The key of the item the approved change made or changed (new items get theirs on approval).
    applied_key = models.CharField(max_length=64, blank=True)
    incorporated_in = models.PositiveIntegerField(
        _("incorporated in version"), null=True, blank=True
    )
    revision = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    code = code_field()  # the code it is about

    history = _history()
    objects = CodeScopedManager.from_queryset(ProposalQuerySet)()

    class Meta:
        verbose_name = _("amendment proposal")
        verbose_name_plural = _("amendment proposals")
        ordering = ["-number"]
        permissions = [("decide_proposal", "Can decide amendment proposals")]
        constraints = [
            models.UniqueConstraint(fields=["code", "number"], name="proposal_number_per_code"),
            models.CheckConstraint(
                condition=~models.Q(state__in=["approved", "rejected", "incorporated"])
                | ~models.Q(decision_reason=""),
                name="decision_has_reasons",
            ),
            models.CheckConstraint(
                condition=~models.Q(origin="session") | models.Q(session__isnull=False),
                name="session_origin_names_session",
            ),
            models.CheckConstraint(
                condition=models.Q(action="add")
                | models.Q(target="value", value__isnull=False)
                | models.Q(target="norm", norm__isnull=False)
                | models.Q(target="example", example__isnull=False),
                name="change_names_its_item",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("reflection:proposal", args=[self.pk])

    @property
    def item(self) -> Value | Norm | Example | None:
        """The item reworded or retired; None for an addition."""
        return {"value": self.value, "norm": self.norm, "example": self.example}[self.target]

    def kept_out_by_four_eyes(self) -> set[int]:
        """Who may not decide it: its proposer, and who facilitated its session (then and now)."""
        ids = {self.proposer_id, self.session_facilitator_id}
        if self.session_id:
            ids.add(self.session.facilitator_id)
        return ids - {None}

    def officers_who_may_decide(self) -> models.QuerySet:
        """The integrity officers who may decide it under four-eyes."""
        return integrity_officers().exclude(pk__in=self.kept_out_by_four_eyes())

    @property
    def points_at_retired(self) -> bool:
        """Whether its item, or for an addition the place it goes, has been retired since.

        An import retires what its document leaves out; an officer deciding such a
        proposal should know that the item is no longer in the code.
        """
        if self.action == self.Action.ADD:
            place = self.parent_norm or self.parent_value
            return place is not None and place.retired
        item = self.item
        return item is not None and item.retired

    @property
    def age_days(self) -> int:
        start = self.submitted_at or self.created_at
        return (timezone.now() - start).days


class DilemmaOption(models.Model):
    """A course of action a practice dilemma offers; a dilemma has two to four."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("course of action"), max_length=300)

    class Meta:
        verbose_name = _("course of action")
        verbose_name_plural = _("courses of action")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class PracticeTally(models.Model):
    """How many chose an option when practising alone: a count per unit, never who.

    `unit` is the unit of those who answered, None for people without one. The organisation's
    figure is the sum; a unit's own figure is shown only once enough of them answered.
    """

    option = models.ForeignKey(DilemmaOption, on_delete=models.CASCADE, related_name="tallies")
    unit = models.ForeignKey(
        "people.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "unit"], name="one_tally_per_option_unit"),
            models.UniqueConstraint(
                fields=["option"],
                condition=models.Q(unit__isnull=True),
                name="one_tally_per_option_without_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.option}: {self.count}"


class PracticeDone(models.Model):
    """That someone practised a dilemma, so each person counts once: a keyed hash of the
    account (never the account itself), no option and no time, so no answer leads to them."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    who = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "who"], name="practised_once_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.who[:8]}…"


class LiveSession(models.Model):
    """A live dilemma session a team lead runs in a team meeting.

    Participants join on their phones with `join_code`, without an account; the big screen
    shows their answers as they come in. Closing it records a reflection `Session` (format
    "dilemma session") in the programme: `record`.
    """

    class State(models.TextChoices):
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    code = code_field()  # the code the team discusses
    title = models.CharField(_("title"), max_length=200)
    unit = models.ForeignKey(
        "people.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team"),
    )
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("team lead"),
    )
    join_code = models.CharField(_("join code"), max_length=8)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.OPEN)
    # Which dilemma the screen shows (its position) and whether its reflection is shown yet.
    current = models.PositiveSmallIntegerField(default=0)
    showing_reflection = models.BooleanField(default=False)
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    expires_at = models.DateTimeField(_("join code valid until"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    participant_count = models.PositiveIntegerField(_("number of participants"), default=0)
    record = models.OneToOneField(
        Session,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="live_session",
        verbose_name=_("recorded as"),
    )
    revision = models.PositiveIntegerField(default=1, editable=False)

    # A join code is looked up whatever code is active (a participant has no account).
    objects = models.Manager()

    class Meta:
        verbose_name = _("live dilemma session")
        verbose_name_plural = _("live dilemma sessions")
        ordering = ["-opened_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["join_code"],
                condition=models.Q(state="open"),
                name="join_code_unique_while_open",
            )
        ]

    def __str__(self) -> str:
        return self.title


class LiveDilemma(models.Model):
    """A practice dilemma chosen for a live session, in the order the screen shows them."""

    live = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="dilemmas")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["live", "case"], name="dilemma_once_per_live_session"),
        ]

    def __str__(self) -> str:
        return f"{self.live}: {self.case}"


class LiveParticipant(models.Model):
    """A phone that joined a live session: a random token kept in its cookie, nothing else."""

    live = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="participants")
    token = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["live", "token"], name="participant_token_per_session")
        ]

    def __str__(self) -> str:
        return f"{self.live}: {self.token[:6]}…"


class LiveAnswer(models.Model):
    """One participant's answer to one dilemma of a live session: once, never who."""

    dilemma = models.ForeignKey(LiveDilemma, on_delete=models.CASCADE, related_name="answers")
    participant = models.ForeignKey(
        LiveParticipant, on_delete=models.CASCADE, related_name="answers"
    )
    option = models.ForeignKey(DilemmaOption, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dilemma", "participant"], name="one_answer_per_participant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dilemma}: {self.option}"


class LiveNote(models.Model):
    """What a team said, as its lead noted it (no names); a proposal may start from it."""

    live = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="notes")
    dilemma = models.ForeignKey(
        LiveDilemma, on_delete=models.SET_NULL, null=True, blank=True, related_name="notes"
    )
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    proposal = models.ForeignKey(
        Proposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class NormSignal(models.Model):
    """A team's mark on the code: a norm unclear to them, or a norm they miss (in words)."""

    class Kind(models.TextChoices):
        UNCLEAR = "unclear", _("unclear to us")
        MISSING = "missing", _("missing")

    live = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="signals")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    # The norm that is unclear; for a missing norm, optionally the norm or value it is close to.
    norm = models.ForeignKey(
        Norm, on_delete=models.CASCADE, null=True, blank=True, related_name="team_signals"
    )
    value = models.ForeignKey(
        Value, on_delete=models.CASCADE, null=True, blank=True, related_name="team_signals"
    )
    text = models.CharField(_("what the team said"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="unclear") | models.Q(norm__isnull=False),
                name="unclear_names_its_norm",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="missing") | ~models.Q(text=""),
                name="missing_says_what",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.norm or self.text}"
