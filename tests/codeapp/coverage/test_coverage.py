"""Coverage per unit: the figures, who sees which units, the people of a unit, overdue lists,
and the exports."""

import csv
import datetime
import io
import re

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from codeapp.campaigns.models import Campaign, CampaignMember
from codeapp.models import CodeVersion, Confirmation
from people.models import Person, Unit, UnitManager
from tests.helpers import days, english, new_proposal, publish, text_of
from tests.helpers.pdfs import assert_accessible_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(code, editor, manager, django_user_model):
    """Two published versions (v2 in force), and people in a small tree:

    Afdeling Dienstverlening (ann: confirmed v2)
      Team Noord (the manager; bob: confirmed v1 only; cas: confirmed v2; dirk: left)
        Team Noord-West (eva: not yet)
      Team Zuid (fay: not yet; manager "zuidbaas")
    Afdeling Financiën (gijs: confirmed v2)
    without a unit: hans (confirmed v2), ines (not yet)
    """
    v1 = publish(editor, days(-100))
    v2 = publish(editor, days(-10))
    department = Unit.objects.get(name="Afdeling Dienstverlening")
    north = Unit.objects.get(name="Team Noord")
    west = Unit.objects.create(name="Team Noord-West", parent=north)
    south = Unit.objects.create(name="Team Zuid", parent=department)
    finance = Unit.objects.create(name="Afdeling Financiën")
    people = {}
    for name, unit, version, active in [
        ("ann", department, v2, True), ("bob", north, v1, True), ("cas", north, v2, True),
        ("dirk", north, v2, False), ("eva", west, None, True), ("fay", south, None, True),
        ("gijs", finance, v2, True), ("hans", None, v2, True), ("ines", None, None, True),
    ]:  # fmt: skip
        user = django_user_model.objects.create_user(
            username=name, first_name=name.title(), is_active=active, email=f"{name}@example.org"
        )
        Person.objects.create(user=user, unit=unit, function="adviseur")
        if version:
            Confirmation.objects.create(user=user, version=version)
        people[name] = user
    boss = django_user_model.objects.create_user(username="zuidbaas", first_name="Zuidbaas")
    UnitManager.objects.create(unit=south, user=boss)
    return {
        "v1": v1, "v2": v2, "department": department, "north": north, "west": west,
        "south": south, "finance": finance, "people": people, "boss": boss,
    }  # fmt: skip


def rows_of(response) -> dict[str, tuple[int, int]]:
    coverage = response.context["coverage"]
    found = {row.node.name: (row.total, row.confirmed) for row in coverage.rows}
    if coverage.no_unit is not None:
        found[""] = (coverage.no_unit.total, coverage.no_unit.confirmed)
    return found


def test_it_counts_each_unit_with_the_units_below_and_the_people_without_one(
    client_for, organisation, django_user_model
):
    response = client_for("officer").get(reverse("codeapp:coverage"))

    assert response.status_code == 200
    # The persona users (employee, editor, officer, admin, zuidbaas) have no unit; the
    # manager is in Team Noord. Dirk left: he counts nowhere. Bob confirmed v1 only.
    assert rows_of(response) == {
        "Afdeling Dienstverlening": (6, 2),
        "Team Noord": (4, 1),
        "Team Noord-West": (1, 0),
        "Team Zuid": (1, 0),
        "Afdeling Financiën": (1, 1),
        "": (7, 1),
    }
    coverage = response.context["coverage"]
    assert (coverage.total, coverage.confirmed) == (14, 4)
    assert coverage.total == django_user_model.objects.filter(is_active=True).count()
    names = [row.node.name for row in coverage.rows]
    assert names.index("Team Noord-West") == names.index("Team Noord") + 1


def test_a_confirmation_of_a_later_version_counts_for_an_earlier_one(client_for, organisation):
    response = client_for("officer").get(reverse("codeapp:coverage"), {"of": "v1"})

    # Everyone who confirmed v2 covers v1; so does Bob.
    assert rows_of(response)["Team Noord"] == (4, 2)


def test_a_campaign_counts_its_members_only(client_for, organisation, officer):
    campaign = Campaign.objects.create(
        version=organisation["v2"], title="Ronde 2026", deadline=days(-1), started_by=officer
    )
    for name in ("bob", "cas", "eva", "dirk"):
        CampaignMember.objects.create(
            campaign=campaign, user=organisation["people"][name], deadline=days(-1)
        )

    response = client_for("officer").get(reverse("codeapp:coverage"), {"of": f"c{campaign.pk}"})

    assert rows_of(response) == {
        "Afdeling Dienstverlening": (3, 1),
        "Team Noord": (3, 1),
        "Team Noord-West": (1, 0),
        "Team Zuid": (0, 0),
        "Afdeling Financiën": (0, 0),
        "": (0, 0),
    }
    assert "Ronde 2026" in text_of(response)


def test_a_choice_not_on_the_list_is_refused_clearly(en_client_for, organisation):
    response = en_client_for("officer").get(reverse("codeapp:coverage"), {"of": "v99"})

    assert response.status_code == 400
    assert "Choose a version or a campaign from the list." in text_of(response)
    assert response.context["coverage"] is None


def test_a_manager_sees_only_their_units_and_those_below(client_for, organisation):
    client = client_for("manager")

    response = client.get(reverse("codeapp:coverage"))

    assert response.status_code == 200
    assert rows_of(response) == {"Team Noord": (4, 1), "Team Noord-West": (1, 0)}
    assert response.context["coverage"].total == 4
    for unit, status in [("north", 200), ("west", 200), ("department", 404), ("south", 404),
                         ("finance", 404)]:  # fmt: skip
        url = reverse("codeapp:coverage-unit", args=[organisation[unit].pk])
        assert client.get(url).status_code == status, unit


@pytest.mark.parametrize(
    "url",
    [
        reverse("codeapp:draft"),
        reverse("codeapp:draft-compare"),
        reverse("reflection:programme"),
        reverse("reflection:cases"),
        reverse("reflection:review"),
        reverse("reflection:proposal-create"),
        reverse("codeapp:health"),
        reverse("codeapp:version-confirmations", args=[1]),
    ],
)
def test_a_manager_sees_no_draft_session_or_proposal(url, client_for, organisation):
    assert client_for("manager").get(url).status_code == 403


def test_a_manager_sees_no_session_or_someone_elses_proposal(
    client_for, organisation, session, editor, code
):
    proposal = new_proposal(editor, code["gifts"], "Anders.", title="Voorstel", session=session)
    client = client_for("manager")

    assert client.get(session.get_absolute_url()).status_code == 403
    assert client.get(proposal.get_absolute_url()).status_code == 403


def test_an_employee_without_a_unit_to_manage_gets_403(client_for, organisation):
    for name in ("codeapp:coverage", "codeapp:coverage-overdue", "codeapp:coverage-csv"):
        assert client_for("employee").get(reverse(name)).status_code == 403
    url = reverse("codeapp:coverage-unit", args=[organisation["north"].pk])
    assert client_for("employee").get(url).status_code == 403


def test_it_shows_who_in_a_unit_confirmed_when_and_who_is_overdue(
    en_client_for, organisation, officer
):
    people = organisation["people"]
    campaign = Campaign.objects.create(
        version=organisation["v2"], title="Ronde", deadline=days(-3), started_by=officer
    )
    CampaignMember.objects.create(campaign=campaign, user=people["bob"], deadline=days(-3))
    CampaignMember.objects.create(campaign=campaign, user=people["cas"], deadline=days(-3))

    response = en_client_for("manager").get(
        reverse("codeapp:coverage-unit", args=[organisation["north"].pk])
    )

    listed = {p.username: p for p in response.context["page"].object_list}
    assert set(listed) == {"bob", "cas", "manager"}  # not Dirk, who left
    assert listed["cas"].confirmed_on is not None
    assert listed["bob"].confirmed_on is None  # v1 does not count for v2
    assert listed["bob"].deadline == days(-3)
    html = text_of(response)
    assert html.count("overdue</span>") == 1
    assert "not yet" in html
    assert response.context["counts"] == {"total": 3, "confirmed": 1}


def test_it_lists_the_units_below_on_request(client_for, organisation):
    url = reverse("codeapp:coverage-unit", args=[organisation["north"].pk])

    response = client_for("officer").get(url, {"below": "1"})

    names = {p.username for p in response.context["page"].object_list}
    assert names == {"bob", "cas", "manager", "eva"}


def test_overdue_lists_are_grouped_by_the_manager_of_each_unit(
    en_client_for, organisation, officer, manager
):
    people, boss = organisation["people"], organisation["boss"]
    campaign = Campaign.objects.create(
        version=organisation["v2"], title="Ronde", deadline=days(-2), started_by=officer
    )
    later = Campaign.objects.create(
        version=organisation["v2"], title="Later", deadline=days(5), started_by=officer
    )
    for name in ("bob", "cas", "eva", "fay", "ines", "dirk", "gijs"):
        CampaignMember.objects.create(campaign=campaign, user=people[name], deadline=days(-2))
    CampaignMember.objects.create(campaign=later, user=people["ann"], deadline=days(5))

    client = en_client_for("officer")
    url = reverse("codeapp:coverage-overdue")
    response = client.get(url)

    lists = {m.manager_id: [p.username for p in m.people] for m in response.context["lists"]}
    # Cas and Gijs confirmed; Dirk left; Ann's deadline has not passed. Eva's team has no
    # manager of its own: she is on the list of the manager of the team above.
    assert lists == {manager.pk: ["bob", "eva"], boss.pk: ["fay"], None: ["ines"]}
    assert "Fay" not in text_of(response)  # the lists are chosen one at a time

    south = client.get(url, {"manager": boss.pk})
    assert [p.username for p in south.context["page"].object_list] == ["fay"]
    assert "Zuidbaas" in text_of(south) and "Fay" in text_of(south)
    nobody = client.get(url, {"manager": "none"})
    assert [p.username for p in nobody.context["page"].object_list] == ["ines"]
    unknown = client.get(url, {"manager": "x"})
    assert unknown.status_code == 400
    assert "There is no overdue list for that choice." in text_of(unknown)

    mine = en_client_for("manager").get(url)
    assert [p.username for p in mine.context["page"].object_list] == ["bob", "eva"]
    assert "lists" not in mine.context
    assert "Fay" not in text_of(mine)


def test_a_closed_campaign_makes_nobody_overdue(client_for, organisation, officer):
    campaign = Campaign.objects.create(
        version=organisation["v2"], title="Oud", deadline=days(-2), started_by=officer,
        closed_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
    )  # fmt: skip
    CampaignMember.objects.create(
        campaign=campaign, user=organisation["people"]["bob"], deadline=days(-2)
    )

    response = client_for("officer").get(reverse("codeapp:coverage-overdue"))

    assert response.context["total"] == 0


def test_the_csv_has_the_rows_of_the_page(client_for, organisation):
    response = english(client_for("manager")).get(reverse("codeapp:coverage-csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[1] == ["unit", "level", "people", "confirmed", "not yet", "percentage"]
    assert lines[2] == ["Team Noord", "1", "4", "1", "3", "25"]
    assert lines[3] == ["Team Noord / Team Noord-West", "2", "1", "0", "1", "0"]
    assert lines[-1] == ["total", "", "4", "1", "3", "25"]


def test_the_csv_keeps_a_unit_name_from_running_as_a_formula(client_for, organisation):
    Unit.objects.create(name="=HYPERLINK(1)")

    response = client_for("officer").get(reverse("codeapp:coverage-csv"))

    assert "'=HYPERLINK(1)" in response.content.decode("utf-8-sig")


def test_the_pdf_is_a_pdf(client_for, organisation):
    response = client_for("officer").get(reverse("codeapp:coverage-pdf"), {"of": "v1"})

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert "coverage-v1-" in response["Content-Disposition"]
    assert_accessible_pdf(response.content, language="nl", title="Bevestigingen van versie 1")


def test_without_a_published_version_it_says_there_is_nothing_to_confirm(en_client_for, manager):
    response = en_client_for("officer").get(reverse("codeapp:coverage"))

    assert response.status_code == 200
    assert "No version has been published yet" in text_of(response)
    assert en_client_for("officer").get(reverse("codeapp:coverage-csv")).status_code == 400


def grow(size: int, version, django_user_model) -> None:
    """`size` units of three levels with `size` people each, half of them confirmed."""
    top = Unit.objects.create(name=f"Top {size}")
    units = [top]
    for i in range(size):
        units.append(Unit.objects.create(name=f"Unit {size}-{i}", parent=units[i // 3]))
    users = django_user_model.objects.bulk_create(
        django_user_model(username=f"u{size}-{i}") for i in range(size * size)
    )
    Person.objects.bulk_create(
        Person(user=user, unit=units[i % len(units)]) for i, user in enumerate(users)
    )
    Confirmation.objects.bulk_create(
        Confirmation(user=user, version=version) for user in users[::2]
    )
    _analyze()


def _analyze() -> None:
    """Tell PostgreSQL's planner how big the tables now are. The rows are the test's own, not
    committed, so autovacuum never sees them; planned from statistics taken while the tables
    were empty (after earlier tests), the overdue query nested loops over every member and
    ran for many minutes in CI."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE auth_user, people_person, people_unit, codeapp_confirmation, "
                "codeapp_campaign, codeapp_campaignmember, codeapp_codeversion"
            )


@pytest.mark.parametrize("size", [3, 30])
def test_the_pages_run_a_bounded_number_of_queries(
    size, client_for, organisation, officer, django_user_model, django_assert_max_num_queries
):
    grow(size, organisation["v2"], django_user_model)
    campaign = Campaign.objects.create(
        version=organisation["v2"], title="Ronde", deadline=days(-2), started_by=officer
    )
    CampaignMember.objects.bulk_create(
        CampaignMember(campaign=campaign, user=user, deadline=days(-2))
        for user in django_user_model.objects.filter(username__startswith=f"u{size}-")
    )
    _analyze()
    client = client_for("officer")
    manager_client = client_for("manager")
    unit = Unit.objects.get(name=f"Top {size}")
    pages = [
        (client, reverse("codeapp:coverage")),
        (client, reverse("codeapp:coverage") + f"?of=c{campaign.pk}"),
        (client, reverse("codeapp:coverage-unit", args=[unit.pk]) + "?below=1"),
        (client, reverse("codeapp:coverage-overdue")),
        (client, reverse("codeapp:coverage-overdue") + "?manager=none"),
        (client, reverse("codeapp:coverage-csv")),
        (manager_client, reverse("codeapp:coverage")),
        (manager_client, reverse("codeapp:coverage-overdue")),
    ]
    for c, url in pages:
        c.get(url)
        with django_assert_max_num_queries(12):
            assert c.get(url).status_code == 200, url


def menu_of(response) -> list[str]:
    menu = re.search(r'<ul class="navbar-nav">.*?</ul>', response.content.decode(), re.S)
    assert menu, "the page has the main menu"
    return re.findall(r'class="nav-link[^"]*" href="([^"]+)"', menu.group(0))


def test_a_managers_menu_offers_coverage_and_nothing_of_the_draft_or_reflection(
    client_for, organisation
):
    response = client_for("manager").get(reverse("codeapp:coverage"))

    assert menu_of(response) == [
        "/code/", "/code/search/", "/proposals/", "/practice/", "/coverage/",
        "/me/confirmations/",
    ]  # fmt: skip


def test_an_employees_menu_has_their_confirmations_and_no_coverage(client_for, organisation):
    response = client_for("employee").get(reverse("codeapp:my-confirmations"))

    assert menu_of(response) == [
        "/code/", "/code/search/", "/proposals/", "/practice/", "/me/confirmations/",
    ]  # fmt: skip


def test_a_kept_reading_page_shows_no_managers_entry_to_the_next_reader(client_for, organisation):
    url = reverse("codeapp:version", args=[2])

    client_for("manager").get(url)
    seen_by_employee = client_for("employee").get(url)

    assert "/coverage/" not in menu_of(seen_by_employee)


def test_after_an_editorial_change_the_confirmations_of_the_version_before_count(
    client_for, organisation
):
    v2 = organisation["v2"]
    CodeVersion.objects.create(
        number=3, effective_from=days(-1), published_at=timezone.now(), established_by="B&W",
        document=v2.document, sha256="e" * 64, previous_sha256=v2.sha256, editorial=True,
    )  # fmt: skip

    response = client_for("officer").get(reverse("codeapp:coverage"))

    assert response.context["coverage"].selection.version.number == 3
    assert rows_of(response)["Team Noord"] == (4, 1)  # Cas's confirmation of v2 counts


def test_a_manager_of_two_separate_units_sees_both_trees(client_for, organisation, manager):
    UnitManager.objects.create(unit=organisation["finance"], user=manager)

    response = client_for("manager").get(reverse("codeapp:coverage"))

    assert list(rows_of(response)) == ["Afdeling Financiën", "Team Noord", "Team Noord-West"]


def test_a_deactivated_manager_sees_nothing(client_for, organisation, manager):
    client = client_for("manager")
    manager.is_active = False
    manager.save()

    assert client.get(reverse("codeapp:coverage")).status_code in (302, 403)
