"""The campaign pages: the list, starting one, one campaign, its CSV and PDF, closing it."""

import uuid
from unittest import mock

import pytest
from django.urls import reverse

from codeapp.campaigns import services
from codeapp.campaigns.audience import Audience
from codeapp.campaigns.models import Campaign, Reminder
from codeapp.campaigns.services import campaign_start, run_reminders
from codeapp.models import Confirmation
from people.models import Person, Unit
from tests.helpers import days, english, make_user, publish, text_of
from tests.helpers.pdfs import assert_accessible_pdf

pytestmark = pytest.mark.django_db

LIST = reverse("codeapp:campaigns")
NEW = reverse("codeapp:campaign-new")


@pytest.fixture
def version(code, titled, editor):
    return publish(editor, days(-30))


def start(officer, version, deadline=None):
    return campaign_start(
        user=officer, version=version, title="Lees de code", message="",
        deadline=deadline or days(20), reminder_days=[14, 3], weekly_after_deadline=True,
        audience=Audience(everyone=True),
    )  # fmt: skip


def form(asked, **extra) -> dict:
    data = {
        "version": str(asked.pk),
        "title": "Lees de nieuwe code",
        "message": "Neem er even de tijd voor.",
        "deadline": days(30).isoformat(),
        "reminder_days": "14, 3",
        "weekly_after_deadline": "on",
        "audience": "everyone",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize("persona", ["employee", "manager", "editor"])
def test_only_officers_may_start_one(persona, client_for, version):
    assert client_for(persona).post(NEW, {**form(version), "start": "1"}).status_code == 403
    assert not Campaign.objects.exists()


def test_an_officer_counts_the_audience_then_starts(client_for, version, employee, manager):
    client = english(client_for("officer"))
    counted = client.post(NEW, {**form(version), "count": "1"})
    # employee, editor, officer, manager (the fixture's), admin
    assert "This audience holds 5 active people." in text_of(counted)
    assert not Campaign.objects.exists()

    response = client.post(NEW, {**form(version), "start": "1"})

    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("codeapp:campaign", args=[campaign.pk])
    assert campaign.members.count() == 5
    assert campaign.reminder_days == [14, 3]


def test_a_double_click_on_start_starts_one_campaign(client_for, version):
    client = english(client_for("officer"))
    shown = client.get(NEW)
    key = shown.context["form"]["start_key"].value()
    assert f'name="start_key" value="{key}"' in shown.content.decode()

    first = client.post(NEW, {**form(version), "start_key": str(key), "start": "1"})
    again = client.post(NEW, {**form(version), "start_key": str(key), "start": "1"}, follow=True)

    campaign = Campaign.objects.get()
    assert first["Location"] == again.redirect_chain[-1][0]
    assert "This campaign was already started; here it is." in text_of(again)
    assert campaign.members.count() == 5  # not doubled either
    client.post(NEW, {**form(version), "start_key": str(uuid.uuid4()), "start": "1"})
    assert Campaign.objects.count() == 2  # a form shown anew starts a new one


def test_no_reminders_before_the_deadline_is_a_choice(client_for, version):
    response = client_for("officer").post(NEW, {**form(version, reminder_days=""), "start": "1"})
    assert response.status_code == 302
    assert Campaign.objects.get().reminder_days == []


def test_two_starts_with_one_key_at_once_leave_one_campaign(officer, version):
    """The race past the first check: the unique key stops the second, which names the first."""
    key = uuid.uuid4()
    first = campaign_start(
        user=officer, version=version, title="Lees de code", message="", deadline=days(20),
        reminder_days=[], weekly_after_deadline=False, audience=Audience(everyone=True),
        start_key=key,
    )  # fmt: skip
    real_check = services._raise_if_started
    checks = iter([lambda key: None, real_check])  # the first check runs before `first` commits
    with (
        mock.patch.object(services, "_raise_if_started", lambda key: next(checks)(key)),
        pytest.raises(services.CampaignAlreadyStarted) as started,
    ):
        campaign_start(
            user=officer, version=version, title="Lees de code", message="", deadline=days(20),
            reminder_days=[], weekly_after_deadline=False, audience=Audience(everyone=True),
            start_key=key,
        )  # fmt: skip
    assert started.value.campaign == first
    assert list(Campaign.objects.all()) == [first]


def test_a_chosen_audience_by_unit(client_for, version, manager):
    team = Unit.objects.get(name="Team Noord")
    department = team.parent
    response = client_for("officer").post(
        NEW, {**form(version, audience="chosen", units=[str(department.pk)]), "start": "1"}
    )
    assert response.status_code == 302
    assert list(Campaign.objects.get().members.values_list("user__username", flat=True)) == [
        "manager"
    ]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"deadline": days(-1).isoformat()}, "deadline"),
        ({"deadline": "morgen"}, "deadline"),
        ({"reminder_days": "14, drie"}, "reminder_days"),
        ({"reminder_days": "0"}, "reminder_days"),
        ({"title": "  "}, "title"),
        ({"audience": "chosen"}, None),
        ({"version": "999"}, "version"),
    ],
)
def test_bad_input_re_renders_with_a_message_and_starts_nothing(
    changes, field, client_for, version
):
    response = client_for("officer").post(NEW, {**form(version, **changes), "start": "1"})

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert (field or "__all__") in errors
    assert not Campaign.objects.exists()


def test_the_list_and_the_page_show_coverage_reminders_and_overdue(
    client_for, version, employee, officer, editor
):
    campaign = start(officer, version, deadline=days(1))
    Confirmation.objects.create(user=editor, version=version)
    Reminder.objects.create(campaign=campaign, step="14", recipients=4)

    listing = text_of(english(client_for("editor")).get(LIST))
    assert "Lees de code" in listing
    page = english(client_for("editor")).get(reverse("codeapp:campaign", args=[campaign.pk]))
    text = text_of(page)
    assert page.status_code == 200
    assert "Coverage over time" in text
    assert "Nobody is overdue." in text
    assert "<svg" in page.content.decode()


def test_the_csv_and_pdf(client_for, version, officer, employee):
    campaign = start(officer, version)
    csv = client_for("officer").get(reverse("codeapp:campaign-csv", args=[campaign.pk]))
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert "Percentage" in csv.content.decode("utf-8-sig") or "Percentage" in csv.content.decode()
    pdf = client_for("officer").get(reverse("codeapp:campaign-pdf", args=[campaign.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    tagged = assert_accessible_pdf(pdf.content, language="nl", title=campaign.title)
    assert tagged.structure.count("H2") == 3
    assert "Figure" in tagged.structure  # coverage over time, with its alternate text


def test_closing_stops_reminders_and_a_second_close_changes_nothing(client_for, version, officer):
    campaign = start(officer, version)
    url = reverse("codeapp:campaign-close", args=[campaign.pk])
    client = english(client_for("officer"))
    assert client_for("editor").post(url).status_code == 403

    client.post(url)
    campaign.refresh_from_db()
    closed_at = campaign.closed_at
    second = client.post(url, follow=True)

    assert closed_at is not None
    campaign.refresh_from_db()
    assert campaign.closed_at == closed_at
    assert "already closed" in text_of(second)
    assert run_reminders(days(10)) == []


def _members(count: int, unit: Unit, django_user_model) -> None:
    for i in range(count):
        user = make_user(django_user_model, f"m{unit.pk}-{i}")
        Person.objects.create(user=user, unit=unit)


@pytest.mark.parametrize("size", [3, 30])
def test_the_pages_take_a_bounded_number_of_queries(
    size, client_for, version, officer, django_user_model, django_assert_max_num_queries
):
    unit = Unit.objects.create(name="Team Zuid")
    _members(size, unit, django_user_model)
    for _ in range(2):
        campaign = start(officer, version, deadline=days(1))
    run_reminders(days(40))
    client = client_for("officer")
    for url in (
        LIST,
        reverse("codeapp:campaign", args=[campaign.pk]),
        reverse("codeapp:campaign-csv", args=[campaign.pk]),
    ):
        client.get(url)
        with django_assert_max_num_queries(16):
            assert client.get(url).status_code == 200


def test_the_menu_shows_campaigns_to_editors_not_to_managers(client_for, version):
    assert LIST in client_for("editor").get(reverse("codeapp:in-force")).content.decode()
    assert LIST not in client_for("manager").get(reverse("codeapp:in-force")).content.decode()


def test_coverage_over_time_counts_each_members_first_confirmation_by_day(
    version, officer, editor, employee
):
    import datetime

    from django.utils import timezone

    from codeapp.campaigns.report import coverage_over_time, figures

    campaign = start(officer, version)
    Campaign.objects.filter(pk=campaign.pk).update(
        started_at=timezone.now() - datetime.timedelta(days=4)
    )
    campaign.refresh_from_db()
    two_days_ago = timezone.now() - datetime.timedelta(days=2)
    Confirmation.objects.create(user=editor, version=version, confirmed_at=two_days_ago)
    Confirmation.objects.create(user=employee, version=version)

    numbers = figures(campaign)
    points = coverage_over_time(campaign, numbers.members, timezone.localdate())

    assert (numbers.members, numbers.confirmed) == (3, 2)
    assert [p.confirmed for p in points] == [0, 0, 1, 1, 2]
    assert points[-1].day == timezone.localdate()
