"""The figures of coverage: who of the active people confirmed a version, per unit.

"Confirmed" is `Confirmation.objects.covering(version)` and nothing else: a confirmation of
the version, of a later one, or of the version an editorial change rests on. Deactivated
accounts (`is_active` False) count nowhere. The people asked are everyone active (a version)
or the members of a campaign; both are counted per unit in one aggregate query (GROUP BY the
person's unit), and the tree is summed here in Python, so the number of queries is the same
for ten people in one team as for 30,000 in 400 units.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.utils import timezone

from codeapp.campaigns.models import Campaign, CampaignMember
from codeapp.models import CodeVersion, Confirmation
from people.units import UnitNode, UnitTree, managers_by_unit, nearest_managers


@dataclass(frozen=True)
class Selection:
    """What the coverage is of: a version (everyone active) or a campaign (its members)."""

    version: CodeVersion
    campaign: Campaign | None = None

    @property
    def param(self) -> str:
        """How the choice is written in the page's address (`?of=`)."""
        return f"c{self.campaign.pk}" if self.campaign else f"v{self.version.number}"

    def population(self) -> QuerySet:
        """The active people asked: everyone active, or the campaign's active members."""
        people = get_user_model().objects.filter(is_active=True)
        if self.campaign is not None:
            people = people.filter(campaign_memberships__campaign=self.campaign)
        return people

    def has_confirmed(self) -> Exists:
        """True for a person (OuterRef "pk") with a confirmation that counts for the version."""
        return Exists(Confirmation.objects.covering(self.version).filter(user=OuterRef("pk")))

    def first_confirmed(self) -> Subquery:
        """When a person (OuterRef "pk") first confirmed a version that counts; null if never."""
        return Subquery(
            Confirmation.objects.covering(self.version)
            .filter(user=OuterRef("pk"))
            .order_by("confirmed_at")
            .values("confirmed_at")[:1]
        )

    def open_campaigns(self) -> QuerySet:
        """The open campaigns whose deadlines count for a person: this campaign, or every open
        campaign of the version."""
        if self.campaign is not None:
            return Campaign.objects.filter(pk=self.campaign.pk)
        return Campaign.objects.filter(version=self.version, closed_at__isnull=True)

    def earliest_deadline(self) -> Subquery:
        """A person's (OuterRef "pk") earliest deadline in those campaigns; null if none."""
        return Subquery(
            CampaignMember.objects.filter(user=OuterRef("pk"), campaign__in=self.open_campaigns())
            .order_by("deadline")
            .values("deadline")[:1]
        )


@dataclass
class UnitRow:
    """One row of the tree: a unit (or the people without one) and its figures."""

    node: UnitNode | None
    depth: int
    # The people of the unit and every unit below it.
    total: int = 0
    confirmed: int = 0
    # Those directly in the unit.
    own_total: int = 0
    own_confirmed: int = 0
    path: str = ""
    parent_name: str = ""
    children: int = 0

    @property
    def percentage(self) -> float | None:
        return 100 * self.confirmed / self.total if self.total else None

    @property
    def share(self) -> int | None:
        """The percentage rounded to a whole number, as the page shows it."""
        return None if self.percentage is None else round(self.percentage)

    @property
    def pending(self) -> int:
        return self.total - self.confirmed


@dataclass
class Coverage:
    selection: Selection
    rows: list[UnitRow]
    # Those without a unit (only when the reader sees the whole organisation).
    no_unit: UnitRow | None
    total: int = 0
    confirmed: int = 0
    today: datetime.date = field(default_factory=timezone.localdate)

    @property
    def percentage(self) -> float | None:
        return 100 * self.confirmed / self.total if self.total else None


def coverage(selection: Selection, tree: UnitTree, *, visible: set[int] | None = None) -> Coverage:
    """Coverage per unit as a tree (depth first); `visible` limits it to those units (a
    manager's); None is the whole organisation, with a row for people without a unit."""
    people = selection.population()
    if visible is not None:
        people = people.filter(person__unit__in=visible)
    # One aggregate query per figure: an EXISTS in WHERE is a semi-join PostgreSQL plans
    # well; inside COUNT(... FILTER) it would be a sub-plan costed per row.
    totals = dict(_per_unit(people))
    confirmed = dict(_per_unit(people.filter(selection.has_confirmed())))
    own: dict[int | None, tuple[int, int]] = {
        unit: (total, confirmed.get(unit, 0)) for unit, total in totals.items()
    }

    roots = tree.roots if visible is None else tree.top_of(visible)
    rows = [
        UnitRow(
            node=node,
            depth=depth,
            own_total=own.get(node.pk, (0, 0))[0],
            own_confirmed=own.get(node.pk, (0, 0))[1],
            children=len(node.children),
        )
        for node, depth in tree.walk(roots)
    ]
    _sum_up(rows)
    parents: list[UnitRow] = []
    for row in rows:
        del parents[row.depth :]
        row.parent_name = parents[-1].node.name if parents else ""
        row.path = " / ".join([*(p.node.name for p in parents), row.node.name])
        parents.append(row)

    no_unit = None
    if visible is None:
        # A unit removed since (SET NULL) or not in the tree any more counts as no unit.
        stray = [own[k] for k in own if k is None or k not in tree]
        total, confirmed = (sum(t for t, _c in stray), sum(c for _t, c in stray))
        no_unit = UnitRow(
            node=None, depth=0, total=total, confirmed=confirmed,
            own_total=total, own_confirmed=confirmed,
        )  # fmt: skip
    top = [row for row in rows if row.depth == 0]
    result = Coverage(selection=selection, rows=rows, no_unit=no_unit)
    result.total = sum(r.total for r in top) + (no_unit.total if no_unit else 0)
    result.confirmed = sum(r.confirmed for r in top) + (no_unit.confirmed if no_unit else 0)
    return result


def _per_unit(people: QuerySet) -> QuerySet:
    """(unit id or None, how many) for `people`, grouped by their unit."""
    return (
        people.order_by()
        .values("person__unit")
        .annotate(n=Count("pk"))
        .values_list("person__unit", "n")
    )


def _sum_up(rows: list[UnitRow]) -> None:
    """Each row's totals: its own people plus those of every row below it (rows depth first)."""
    stack: list[UnitRow] = []
    for row in [*rows, None]:
        depth = row.depth if row is not None else -1
        while stack and stack[-1].depth >= depth:
            done = stack.pop()
            done.total += done.own_total
            done.confirmed += done.own_confirmed
            if stack:
                stack[-1].total += done.total
                stack[-1].confirmed += done.confirmed
        if row is not None:
            stack.append(row)


# --- the people of a unit ---------------------------------------------------------------------


def unit_people(selection: Selection, unit_ids: set[int]) -> QuerySet:
    """The active people asked in those units, with when they confirmed and their deadline."""
    return (
        selection.population()
        .filter(person__unit__in=unit_ids)
        .select_related("person", "person__unit")
        .annotate(confirmed_on=selection.first_confirmed(), deadline=selection.earliest_deadline())
        .order_by("last_name", "first_name", "username", "pk")
    )


# --- overdue ----------------------------------------------------------------------------------


@dataclass
class OverduePerson:
    user_id: int
    name: str
    username: str
    email: str
    unit_id: int | None
    unit: str
    function: str
    # (campaign title, deadline) of each open campaign the person is overdue in.
    campaigns: list[tuple[str, datetime.date]] = field(default_factory=list)

    @property
    def since(self) -> datetime.date:
        return min(deadline for _title, deadline in self.campaigns)


@dataclass
class ManagerList:
    """The overdue people a manager looks after; `manager` None: those nobody manages."""

    manager_id: int | None
    manager: str
    people: list[OverduePerson]


def overdue_people(
    tree: UnitTree, *, visible: set[int] | None = None, today: datetime.date | None = None
) -> list[OverduePerson]:
    """Members of open campaigns whose deadline has passed and who have no confirmation that
    counts for the campaign's version; active people only, of `visible` units when given.

    One query per version that open campaigns ask for (a handful), whatever their size.
    """
    today = today or timezone.localdate()
    found: dict[int, OverduePerson] = {}
    open_campaigns = Campaign.objects.filter(closed_at__isnull=True).select_related("version")
    by_version: dict[int, list[Campaign]] = defaultdict(list)
    versions: dict[int, CodeVersion] = {}
    for campaign in open_campaigns.defer("version__document"):
        by_version[campaign.version_id].append(campaign)
        versions[campaign.version_id] = campaign.version
    for version_id, campaigns in by_version.items():
        members = CampaignMember.objects.filter(
            campaign__in=[c.pk for c in campaigns], deadline__lt=today, user__is_active=True
        ).exclude(
            Exists(
                Confirmation.objects.covering(versions[version_id]).filter(user=OuterRef("user"))
            )
        )
        if visible is not None:
            members = members.filter(user__person__unit__in=visible)
        for row in members.values(
            "user_id", "user__first_name", "user__last_name", "user__username", "user__email",
            "user__person__unit", "user__person__unit__name", "user__person__function",
            "campaign__title", "deadline",
        ).order_by():  # fmt: skip
            person = found.get(row["user_id"])
            if person is None:
                full = f"{row['user__first_name']} {row['user__last_name']}".strip()
                person = found[row["user_id"]] = OverduePerson(
                    user_id=row["user_id"],
                    name=full or row["user__username"],
                    username=row["user__username"],
                    email=row["user__email"],
                    unit_id=row["user__person__unit"],
                    unit=tree.path(row["user__person__unit"])
                    if row["user__person__unit"] in tree
                    else "",
                    function=row["user__person__function"] or "",
                )
            person.campaigns.append((row["campaign__title"], row["deadline"]))
    people = sorted(found.values(), key=lambda p: (p.unit.casefold(), p.name.casefold(), p.user_id))
    for person in people:
        person.campaigns.sort(key=lambda c: (c[1], c[0]))
    return people


def lists_per_manager(tree: UnitTree, people: list[OverduePerson]) -> list[ManagerList]:
    """The overdue people grouped by the managers of their unit (or of the nearest unit above
    it with a manager); one list more for those nobody manages."""
    managers = managers_by_unit()
    lists: dict[int | None, list[OverduePerson]] = defaultdict(list)
    for person in people:
        for manager_id in nearest_managers(tree, managers, person.unit_id) or [None]:
            lists[manager_id].append(person)
    names = {
        user.pk: user.get_full_name() or user.get_username()
        for user in get_user_model().objects.filter(pk__in=[k for k in lists if k is not None])
    }
    result = [ManagerList(pk, names.get(pk, ""), lists[pk]) for pk in lists if pk is not None]
    result.sort(key=lambda m: (m.manager.casefold(), m.manager_id))
    if None in lists:
        result.append(ManagerList(None, "", lists[None]))
    return result
