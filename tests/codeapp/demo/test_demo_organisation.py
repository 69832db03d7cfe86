"""The demo's organisation: units, a manager, a running campaign with reminders, a newcomer."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command

from codeapp.campaigns.models import Campaign, CampaignMember, Reminder
from codeapp.models import CodeVersion
from people.models import Person, Unit, UnitManager

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded() -> None:
    mail.outbox.clear()
    call_command("seed_demo", force=True)


def test_the_units_form_a_tree_with_people_and_a_manager(seeded):
    assert Unit.objects.filter(parent=None).count() == 3
    assert Unit.objects.exclude(parent=None).count() == 5
    manager = get_user_model().objects.get(username="manager")
    assert manager.check_password("demo")
    assert UnitManager.objects.filter(user=manager, unit__name="Afdeling Publiekszaken").exists()
    assert Person.objects.get(user__username="employee").unit.name == "Team Burgerzaken"
    assert not Person.objects.filter(unit=None).exists()


def test_a_campaign_runs_with_a_reminder_sent_and_a_newcomer_is_onboarded(seeded):
    campaign = Campaign.objects.get(kind=Campaign.Kind.CAMPAIGN)
    assert campaign.version == CodeVersion.objects.in_force()
    assert campaign.closed_at is None
    reminder = Reminder.objects.get(campaign=campaign)
    assert reminder.step == "14" and reminder.recipients > 0
    onboarding = Campaign.objects.get(kind=Campaign.Kind.ONBOARDING)
    # The version in force is editorial: newcomers confirm the version it rests on.
    assert onboarding.version.number == 2
    assert [m.user.username for m in CampaignMember.objects.filter(campaign=onboarding)] == [
        "n.nieuw"
    ]
    # The demo is muted.
    assert mail.outbox == []


def test_a_second_run_adds_nothing(seeded):
    before = (Unit.objects.count(), Person.objects.count(), Campaign.objects.count(),
              CampaignMember.objects.count(), Reminder.objects.count())  # fmt: skip
    call_command("seed_demo", force=True)
    after = (Unit.objects.count(), Person.objects.count(), Campaign.objects.count(),
             CampaignMember.objects.count(), Reminder.objects.count())  # fmt: skip
    assert after == before
