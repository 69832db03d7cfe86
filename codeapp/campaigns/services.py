"""Starting and closing a campaign, the reminder run, and new employees' onboarding.

Every write runs in a transaction; the work that grows with the audience is done by the
database in a fixed number of statements (INSERT … SELECT for the members, one query for
the people to remind), so 30,000 people cost what 30 do in queries. Mail goes through
core.mail.send_to_each with a key per occasion, never from here directly.
"""

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from codeapp.campaigns.audience import Audience, audience_users
from codeapp.campaigns.models import Campaign, CampaignMember, Reminder
from codeapp.models import CodeVersion, Confirmation
from core.mail import absolute_url, is_muted, send_to_each
from core.roles import person_name
from people.models import Person

# The most reminder steps before a deadline, and the furthest one (days).
MAX_REMINDER_STEPS = 6
MAX_REMINDER_DAYS = 365
# Reminders to new employees: this many days before their own deadline, then weekly.
ONBOARDING_REMINDER_DAYS = [7]


class CampaignClosed(Exception):
    """The campaign was closed meanwhile (by someone else): nothing was changed."""

    def __init__(self, campaign: Campaign):
        super().__init__("the campaign is closed")
        self.campaign = campaign


class CampaignAlreadyStarted(Exception):
    """This form already started a campaign (a double click, a resent form): nothing new."""

    def __init__(self, campaign: Campaign):
        super().__init__("the campaign was already started")
        self.campaign = campaign


# --- who is covered ----------------------------------------------------------------------------


def covered(campaign: Campaign) -> Exists:
    """Whether a member (the row of an outer CampaignMember query) has a confirmation that
    counts for the campaign's version (Confirmation.objects.covering)."""
    return Exists(Confirmation.objects.covering(campaign.version).filter(user=OuterRef("user_id")))


def covered_in(campaign: Campaign) -> Q:
    """The same as `covered`, as `user_id IN (…)`: inside an aggregate's FILTER the database
    hashes it once instead of asking per member."""
    return Q(user_id__in=Confirmation.objects.covering(campaign.version).values("user_id"))


def active_members(campaign: Campaign) -> QuerySet:
    """The members still with the organisation: the deactivated count in no figure."""
    return CampaignMember.objects.filter(campaign=campaign, user__is_active=True)


def uncovered_members(campaign: Campaign) -> QuerySet:
    """The active members who have not (yet) confirmed the campaign's version."""
    return active_members(campaign).filter(~covered(campaign))


# --- starting and closing ------------------------------------------------------------------------


def members_add(*, campaign: Campaign, users: QuerySet, deadline: datetime.date) -> int:
    """Add `users` (a query) as members with `deadline`, in one INSERT … SELECT.

    Users who are members already are left as they are. Returns how many were added.
    """
    table = CampaignMember._meta.db_table
    # Named, so the outer SELECT can refer to it whatever the database calls the column.
    audience = users.order_by().annotate(audience_user=F("pk")).values("audience_user")
    ids_sql, ids_params = audience.query.sql_with_params()
    ops = connection.ops
    already = CampaignMember.objects.filter(campaign=campaign).values("user_id")
    already_sql, already_params = already.query.sql_with_params()
    sql = (
        f"INSERT INTO {table} (campaign_id, user_id, deadline, added_at) "  # noqa: S608
        f"SELECT %s, audience.audience_user, %s, %s FROM ({ids_sql}) AS audience "
        f"WHERE audience.audience_user NOT IN ({already_sql})"
    )
    params = [
        campaign.pk,
        ops.adapt_datefield_value(deadline),
        ops.adapt_datetimefield_value(timezone.now()),
        *ids_params,
        *already_params,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _check_schedule(deadline: datetime.date, reminder_days: list[int]) -> None:
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": _("The deadline is in the past. Choose a later day.")})
    if len(reminder_days) > MAX_REMINDER_STEPS:
        raise ValidationError(
            {"reminder_days": _("At most %(n)d reminders before the deadline.")
             % {"n": MAX_REMINDER_STEPS}}
        )  # fmt: skip
    if any(not 1 <= days <= MAX_REMINDER_DAYS for days in reminder_days):
        raise ValidationError(
            {"reminder_days": _("Each reminder is between 1 and %(n)d days before the deadline.")
             % {"n": MAX_REMINDER_DAYS}}
        )  # fmt: skip


def campaign_start(
    *,
    user: AbstractBaseUser | None,
    version: CodeVersion,
    title: str,
    message: str,
    deadline: datetime.date,
    reminder_days: list[int],
    weekly_after_deadline: bool,
    audience: Audience,
    start_key: uuid.UUID | None = None,
) -> Campaign:
    """Start a campaign: fix its audience as member rows and queue the opening mail.

    `start_key` is the form's one-time key: a second start with it raises
    CampaignAlreadyStarted naming the first campaign, also when both arrive at once.

    The audience is taken as it is now (active accounts only); who joins later is asked by
    the onboarding campaign. The opening mail goes through the task queue once the
    campaign is committed.
    """
    _check_schedule(deadline, reminder_days)
    if audience.is_empty():
        raise ValidationError(_("Choose who is asked: everyone, or units, roles or functions."))
    if start_key is not None:
        _raise_if_started(start_key)
    try:
        return _campaign_create(
            user=user, version=version, title=title, message=message, deadline=deadline,
            reminder_days=reminder_days, weekly_after_deadline=weekly_after_deadline,
            audience=audience, start_key=start_key,
        )  # fmt: skip
    except IntegrityError:
        if start_key is None:
            raise
        _raise_if_started(start_key)  # the other press won the race
        raise


def _raise_if_started(start_key: uuid.UUID) -> None:
    started = Campaign.objects.filter(start_key=start_key).first()
    if started is not None:
        raise CampaignAlreadyStarted(started)


def _campaign_create(*, user, version, title, message, deadline, reminder_days,
                     weekly_after_deadline, audience, start_key) -> Campaign:  # fmt: skip
    from codeapp.campaigns import tasks  # the task module imports this one

    with transaction.atomic():
        campaign = Campaign(
            start_key=start_key,
            version=version,
            kind=Campaign.Kind.CAMPAIGN,
            title=title.strip(),
            message=message.strip(),
            deadline=deadline,
            reminder_days=sorted(set(reminder_days), reverse=True),
            weekly_after_deadline=weekly_after_deadline,
            everyone=audience.everyone,
            functions=audience.functions,
            joined_since=audience.joined_since,
            started_by=user,
        )
        campaign.full_clean(exclude=["start_key"])  # the unique index decides a race
        campaign.save()
        campaign.units.set(audience.units)
        campaign.groups.set(audience.groups)
        members_add(campaign=campaign, users=audience_users(audience), deadline=deadline)
        if not is_muted():  # a muted start (the demo) is not announced later by the worker
            transaction.on_commit(lambda: tasks.send_opening_mail.enqueue(campaign.pk))
    return campaign


def campaign_close(*, campaign_id: int, user: AbstractBaseUser | None) -> Campaign:
    """Close a campaign: no more reminders. Closing one already closed changes nothing and
    raises CampaignClosed, so two officers closing at once see who was first."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign_id)
        if campaign.closed_at is not None:
            raise CampaignClosed(campaign)
        Campaign.objects.filter(pk=campaign.pk).update(closed_at=timezone.now())
        campaign.refresh_from_db()
    return campaign


# --- mail ----------------------------------------------------------------------------------------


def _letters(campaign: Campaign, members: QuerySet) -> list[tuple[AbstractBaseUser, dict]]:
    """(user, context) for each member in `members`: one query, whatever their number."""
    shared = {
        "campaign": campaign,
        "version": campaign.version,
        "title": campaign.version.document["title"],
        "version_url": absolute_url(campaign.version.get_absolute_url()),
        "confirm_url": absolute_url(reverse("codeapp:in-force")),
    }
    rows = members.select_related("user").only(
        "deadline", "user__email", "user__first_name", "user__last_name", "user__username"
    )
    return [
        (member.user, {**shared, "name": person_name(member.user), "deadline": member.deadline})
        for member in rows
    ]


def opening_mail_send(campaign_id: int) -> int:
    """Mail every member who has not confirmed yet that the campaign has started."""
    campaign = Campaign.objects.select_related("version").get(pk=campaign_id)
    letters = _letters(campaign, uncovered_members(campaign).exclude(user__email=""))
    return send_to_each("campaign_started", letters, key=f"campaign-{campaign.pk}-start")


# --- reminders -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """A reminder step: its name (unique per campaign) and the day it is due."""

    name: str
    due: datetime.date


def steps_due(
    *,
    deadline: datetime.date,
    reminder_days: list[int],
    weekly: bool,
    since: datetime.date,
    today: datetime.date,
    prefix: str = "",
) -> list[Step]:
    """The steps of a schedule due on or before `today` and after `since`, oldest first.

    "14" is 14 days before the deadline; "after-1", "after-2", … each week after it.
    Steps before `since` (the start) are not reminders: the opening mail said it all.
    """
    steps = [Step(f"{prefix}{days}", deadline - datetime.timedelta(days=days)) for days in
             sorted(reminder_days, reverse=True)]  # fmt: skip
    if weekly and today > deadline:
        weeks = (today - deadline).days // 7
        steps += [
            Step(f"{prefix}after-{k}", deadline + datetime.timedelta(weeks=k))
            for k in range(1, weeks + 1)
        ]
    return [step for step in steps if since < step.due <= today]


def _remind(campaign: Campaign, today: datetime.date) -> list[Reminder]:
    """One campaign's reminder run, on its locked row (see run_reminders)."""
    sent = set(Reminder.objects.filter(campaign=campaign).values_list("step", flat=True))
    since = timezone.localdate(campaign.started_at)
    if campaign.kind == Campaign.Kind.ONBOARDING:
        deadlines = list(
            uncovered_members(campaign)
            .filter(
                deadline__lt=today + datetime.timedelta(days=max(campaign.reminder_days or [0]) + 1)
            )  # fmt: skip
            .order_by()
            .values_list("deadline", flat=True)
            .distinct()
        )
        prefixed = True
    else:
        deadlines = [campaign.deadline]
        prefixed = False
    due: dict[datetime.date, list[Step]] = {}
    for deadline in deadlines:
        steps = steps_due(
            deadline=deadline,
            reminder_days=campaign.reminder_days,
            weekly=campaign.weekly_after_deadline,
            since=since,
            today=today,
            prefix=f"{deadline:%Y%m%d}-" if prefixed else "",
        )
        steps = [step for step in steps if step.name not in sent]
        if steps:
            due[deadline] = steps
    if not due:
        return []
    members = uncovered_members(campaign).exclude(user__email="")
    if prefixed:
        members = members.filter(deadline__in=list(due))
    letters_by_deadline: dict[datetime.date, list] = {}
    for user, context in _letters(campaign, members):
        letters_by_deadline.setdefault(context["deadline"], []).append((user, context))
    reminders = []
    for deadline, steps in due.items():
        # Steps missed (no run that day) are recorded as passed: only the newest is mailed.
        *passed, newest = steps
        reminders += [Reminder(campaign=campaign, step=step.name, recipients=0) for step in passed]
        letters = letters_by_deadline.get(deadline, []) if prefixed else _all(letters_by_deadline)
        send_to_each(
            "campaign_reminder", letters, key=f"campaign-{campaign.pk}-reminder-{newest.name}"
        )
        # Who was reminded (all have an address), also when mail is muted (the demo).
        reminders.append(Reminder(campaign=campaign, step=newest.name, recipients=len(letters)))
    return Reminder.objects.bulk_create(reminders)


def _all(letters_by_deadline: dict) -> list:
    return [letter for letters in letters_by_deadline.values() for letter in letters]


def run_reminders(today: datetime.date | None = None) -> list[Reminder]:
    """For each open campaign, mail the due reminder step to the members who have not
    confirmed, and record it. A second run on the same day sends nothing.

    Each campaign is handled in its own transaction on its locked row, so two runs at once
    do not both send a step. The queries per campaign do not grow with its members.
    """
    today = today or timezone.localdate()
    done: list[Reminder] = []
    for pk in Campaign.objects.filter(closed_at=None).values_list("pk", flat=True):
        with transaction.atomic():
            campaign = (
                Campaign.objects.select_for_update(of=("self",))
                .select_related("version")
                .filter(pk=pk, closed_at=None)
                .first()
            )
            if campaign is not None:
                done += _remind(campaign, today)
    return done


# --- new employees -------------------------------------------------------------------------------


def onboarding_campaign(version: CodeVersion) -> Campaign:
    """The standing campaign that asks new employees to confirm `version`."""
    campaign = (
        Campaign.objects.filter(kind=Campaign.Kind.ONBOARDING, version=version, closed_at=None)
        .order_by("pk")
        .first()
    )
    if campaign is None:
        campaign = Campaign.objects.create(
            version=version,
            kind=Campaign.Kind.ONBOARDING,
            title=_("New employees: version %(number)d") % {"number": version.number},
            reminder_days=ONBOARDING_REMINDER_DAYS,
            weekly_after_deadline=True,
        )
    return campaign


def onboarding_version() -> CodeVersion | None:
    """The version new employees confirm: the one in force, or — when that is an editorial
    change — the version it rests on (an editorial version starts no onboarding anew)."""
    version = CodeVersion.objects.in_force()
    if version is None or not version.editorial:
        return version
    return CodeVersion.objects.get(number=version.confirmation_base())


def onboard(user_ids: Iterable[int]) -> int:
    """Make new employees members of the onboarding campaign of the version in force, each
    with the deadline of their start day plus settings.NEW_EMPLOYEE_CONFIRM_DAYS.

    For every way an account arrives (sign-in, SCIM, CSV import, the admin): a bounded
    number of queries for any number of people. Who has confirmed already, or is
    deactivated, is not added. Returns how many were added.
    """
    user_ids = list(user_ids)
    version = onboarding_version() if user_ids else None
    if version is None:
        return 0
    days = datetime.timedelta(days=settings.NEW_EMPLOYEE_CONFIRM_DAYS)
    # New: started within the time they have to confirm. Someone who started long ago and
    # only now gets an account (a first SCIM run) is asked by a campaign, not as a newcomer.
    recent = timezone.localdate() - days
    started_long_ago = Person.objects.filter(joined_on__lt=recent).values("user_id")
    onboarding = CampaignMember.objects.filter(
        campaign__kind=Campaign.Kind.ONBOARDING, campaign__version=version
    )
    users = (
        get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .exclude(pk__in=started_long_ago)
        .exclude(person__isnull=True, date_joined__date__lt=recent)
        .exclude(pk__in=Confirmation.objects.covering(version).values("user_id"))
        .exclude(pk__in=onboarding.values("user_id"))
    )
    rows = list(users.values_list("pk", "date_joined", "person__joined_on"))
    if not rows:
        return 0
    with transaction.atomic():
        campaign = onboarding_campaign(version)
        members = [
            CampaignMember(
                campaign=campaign,
                user_id=pk,
                deadline=(joined_on or timezone.localdate(date_joined)) + days,
            )
            for pk, date_joined, joined_on in rows
        ]
        CampaignMember.objects.bulk_create(members, ignore_conflicts=True)
    return len(members)
