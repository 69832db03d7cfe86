"""Starting a campaign, the reminder run and new employees: who is asked, what is sent."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from codeapp.campaigns.audience import Audience, audience_users
from codeapp.campaigns.models import Campaign, CampaignMember, Reminder
from codeapp.campaigns.services import (
    CampaignClosed,
    campaign_close,
    campaign_start,
    onboard,
    run_reminders,
    steps_due,
)
from codeapp.models import Confirmation
from codeapp.versions.services import version_publish
from core.roles import EDITOR_GROUP
from core.services import item_update
from people.models import Person, Unit
from tests.helpers import days, make_user, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(code, titled, editor):
    return publish(editor, days(-30))


@pytest.fixture
def units(db):
    top = Unit.objects.create(name="Afdeling Belastingen")
    team = Unit.objects.create(name="Team Heffing", parent=top)
    other = Unit.objects.create(name="Afdeling Sport")
    return {"top": top, "team": team, "other": other}


def person(django_user_model, name, unit=None, function="", joined_on=None, **extra):
    user = make_user(django_user_model, name, **extra)
    Person.objects.create(
        user=user, unit=unit, function=function, joined_on=joined_on or days(-400)
    )
    return user


def start(officer, version, audience=None, deadline=None, reminder_days=(14, 3), **extra):
    return campaign_start(
        user=officer,
        version=version,
        title="Lees de nieuwe code",
        message="Neem er even de tijd voor.",
        deadline=deadline or days(30),
        reminder_days=list(reminder_days),
        weekly_after_deadline=True,
        audience=audience or Audience(everyone=True),
        **extra,
    )


def member_names(campaign) -> set[str]:
    return set(campaign.members.values_list("user__username", flat=True))


def test_it_fixes_everyone_active_as_members_and_mails_them(
    version, officer, employee, editor, django_user_model, django_capture_on_commit_callbacks
):
    gone = make_user(django_user_model, "gone", is_active=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        campaign = start(officer, version)

    assert member_names(campaign) == {"officer", "employee", "editor"}
    assert gone.username not in member_names(campaign)
    assert set(campaign.members.values_list("deadline", flat=True)) == {days(30)}
    assert sorted(m.to[0] for m in mail.outbox) == [
        "editor@example.org", "employee@example.org", "officer@example.org",
    ]  # fmt: skip
    assert "Neem er even de tijd voor." in mail.outbox[0].body


def test_the_audience_takes_units_with_their_subtree_roles_functions_and_newcomers(
    version, officer, editor, units, django_user_model
):
    person(django_user_model, "in_team", unit=units["team"])
    person(django_user_model, "in_top", unit=units["top"])
    person(django_user_model, "in_other", unit=units["other"])
    person(django_user_model, "a_lawyer", function="jurist")
    person(django_user_model, "newcomer", joined_on=days(-5))

    def names(**asked):
        return set(audience_users(Audience(**asked)).values_list("username", flat=True))

    assert names(units=[units["top"]]) == {"in_team", "in_top"}
    assert names(units=[units["team"]]) == {"in_team"}
    assert names(groups=[Group.objects.get(name=EDITOR_GROUP)]) == {"editor"}
    assert names(functions=["jurist"]) == {"a_lawyer"}
    assert "newcomer" in names(joined_since=days(-10))
    assert "in_team" not in names(joined_since=days(-10))
    both = names(units=[units["other"]], functions=["jurist"])
    assert both == {"in_other", "a_lawyer"}
    assert names() == set()


@pytest.mark.parametrize("size", [5, 40])
def test_starting_takes_a_bounded_number_of_queries(
    size, version, officer, units, django_user_model, django_assert_max_num_queries
):
    for i in range(size):
        person(django_user_model, f"p{i}", unit=units["team"])
    with django_assert_max_num_queries(12):
        campaign = start(officer, version, Audience(units=[units["top"]]))
    assert campaign.members.count() == size


def test_it_refuses_a_past_deadline_and_changes_nothing(version, officer):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        start(officer, version, deadline=days(-1))
    with pytest.raises(ValidationError):
        start(officer, version, audience=Audience())
    assert not Campaign.objects.exists() and not CampaignMember.objects.exists()


def test_closing_twice_says_it_was_closed(version, officer):
    campaign = start(officer, version)
    campaign_close(campaign_id=campaign.pk, user=officer)
    with pytest.raises(CampaignClosed):
        campaign_close(campaign_id=campaign.pk, user=officer)


# --- reminders -------------------------------------------------------------------------------


def test_the_steps_of_a_schedule():
    deadline = datetime.date(2026, 12, 31)
    names = [
        s.name
        for s in steps_due(
            deadline=deadline, reminder_days=[14, 3], weekly=True,
            since=datetime.date(2026, 12, 1), today=datetime.date(2027, 1, 15),
        )
    ]  # fmt: skip
    assert names == ["14", "3", "after-1", "after-2"]
    assert not steps_due(
        deadline=deadline, reminder_days=[14, 3], weekly=True,
        since=datetime.date(2026, 12, 1), today=datetime.date(2026, 12, 16),
    )  # fmt: skip


def test_a_reminder_goes_to_who_has_not_confirmed_once_per_step(
    version, officer, employee, editor, django_capture_on_commit_callbacks
):
    campaign = start(officer, version)
    Confirmation.objects.create(user=editor, version=version)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = run_reminders(days(16))
        again = run_reminders(days(16))

    assert [(r.step, r.recipients) for r in sent] == [("14", 2)]
    assert again == []
    assert sorted(m.to[0] for m in mail.outbox) == ["employee@example.org", "officer@example.org"]
    assert Reminder.objects.get(campaign=campaign).step == "14"
    # Days later, a missed day: the newest step is sent, the one passed is recorded.
    steps = {r.step: r.recipients for r in run_reminders(days(38))}
    assert steps == {"3": 0, "after-1": 2}


def test_a_closed_campaign_reminds_nobody(version, officer, employee):
    campaign = start(officer, version)
    campaign_close(campaign_id=campaign.pk, user=officer)
    assert run_reminders(days(20)) == []


def test_a_confirmation_of_the_version_before_an_editorial_one_counts(
    code, titled, editor, officer, employee, django_capture_on_commit_callbacks
):
    first = publish(editor, days(-30))
    Confirmation.objects.create(user=employee, version=first)
    gifts = code["gifts"]
    item_update(item=gifts, expected_revision=gifts.revision, changes={"text": "Spelling."},
                user=editor)  # fmt: skip
    second = version_publish(user=officer, effective_from=days(0), established_by="B&W",
                             change_summary="", editorial=True)  # fmt: skip
    start(officer, second)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run_reminders(days(16))
    assert "employee@example.org" not in [m.to[0] for m in mail.outbox]


@pytest.mark.parametrize("size", [5, 40])
def test_a_reminder_run_takes_a_bounded_number_of_queries(
    size, version, officer, django_user_model, django_assert_max_num_queries
):
    for i in range(size):
        make_user(django_user_model, f"p{i}")
    start(officer, version)
    with django_assert_max_num_queries(10):
        [reminder] = run_reminders(days(16))
    assert reminder.recipients == size + 2  # and the officer and the editor


def test_the_command_queues_the_run_and_refuses_a_bad_day(version, officer, employee):
    start(officer, version, deadline=days(3), reminder_days=[1])
    call_command("send_reminders")
    assert not Reminder.objects.exists()
    call_command("send_reminders", "--today", days(2).isoformat())
    assert Reminder.objects.filter(step="1").exists()
    with pytest.raises(CommandError, match="not a date"):
        call_command("send_reminders", "--today", "31-12-2026")


# --- new employees ---------------------------------------------------------------------------


def test_a_new_person_joins_the_onboarding_with_their_own_deadline(
    version, settings, django_user_model, django_capture_on_commit_callbacks
):
    settings.NEW_EMPLOYEE_CONFIRM_DAYS = 20
    with django_capture_on_commit_callbacks(execute=True):
        newcomer = person(django_user_model, "newcomer", joined_on=days(-2))
    onboarding = Campaign.objects.get(kind=Campaign.Kind.ONBOARDING)
    assert onboarding.version == version
    member = onboarding.members.get()
    assert (member.user, member.deadline) == (newcomer, days(18))
    # Onboarding twice adds nobody twice.
    assert onboard([newcomer.pk]) == 0
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        [reminder] = run_reminders(days(11))
    assert reminder.recipients == 1 and reminder.step.endswith("-7")
    assert [m.to[0] for m in mail.outbox] == ["newcomer@example.org"]


def test_an_editorial_version_starts_no_onboarding_anew(
    code, titled, editor, officer, django_user_model, django_capture_on_commit_callbacks
):
    first = publish(editor, days(-30))
    gifts = code["gifts"]
    item_update(item=gifts, expected_revision=gifts.revision, changes={"text": "Spelling."},
                user=editor)  # fmt: skip
    version_publish(user=officer, effective_from=days(0), established_by="B&W",
                    change_summary="", editorial=True)  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        person(django_user_model, "newcomer", joined_on=days(0))
    assert Campaign.objects.get(kind=Campaign.Kind.ONBOARDING).version == first


def test_without_a_version_in_force_nobody_is_onboarded(
    db, django_user_model, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        person(django_user_model, "newcomer")
    assert not Campaign.objects.exists()


def test_someone_who_started_long_ago_is_no_newcomer(
    version, django_user_model, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        person(django_user_model, "veteran", joined_on=days(-400))
    assert not CampaignMember.objects.exists()


def test_accounts_arriving_in_bulk_are_onboarded_through_the_signal(
    version, django_user_model, django_capture_on_commit_callbacks
):
    from people.signals import people_joined

    users = django_user_model.objects.bulk_create(
        [django_user_model(username=f"n{i}", email=f"n{i}@example.org") for i in range(3)]
    )
    Person.objects.bulk_create([Person(user=u, joined_on=days(-1)) for u in users])
    gone = make_user(django_user_model, "gone", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        people_joined.send(sender=None, user_ids=[u.pk for u in users] + [gone.pk])
    onboarding = Campaign.objects.get(kind=Campaign.Kind.ONBOARDING)
    assert member_names(onboarding) == {"n0", "n1", "n2"}
    assert set(onboarding.members.values_list("deadline", flat=True)) == {days(29)}


def test_an_account_made_by_hand_is_onboarded_too(
    version, django_user_model, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        newcomer = make_user(django_user_model, "newcomer")
    member = Campaign.objects.get(kind=Campaign.Kind.ONBOARDING).members.get()
    assert member.user == newcomer


def test_people_from_a_csv_import_are_onboarded(
    version, tmp_path, django_capture_on_commit_callbacks
):
    """The import makes each account and Person one by one, so each is onboarded; the one who
    started long ago is not a new employee."""
    path = tmp_path / "mensen.csv"
    path.write_text(
        "username,email,first_name,last_name,unit,parent_unit,function,joined_on,roles,manages\n"
        f"nina,nina@example.nl,Nina,Bos,Team Zuid,,adviseur,{days(-3).isoformat()},,\n"
        "oud,oud@example.nl,Olaf,Dijk,Team Zuid,,adviseur,2015-01-01,,\n",
        encoding="utf-8",
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_users", str(path), "--apply")
    onboarding = Campaign.objects.get(kind=Campaign.Kind.ONBOARDING)
    assert member_names(onboarding) == {"nina"}
