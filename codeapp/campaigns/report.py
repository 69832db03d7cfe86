"""What the campaign pages show: the list with its figures, one campaign's coverage over time,
its reminders and the members overdue. Each is a fixed number of queries at any size.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from codeapp.campaigns.models import Campaign, CampaignMember, Reminder
from codeapp.campaigns.services import active_members, covered, covered_in
from codeapp.health.charts import WIDTH, Chart, Line, Rect, Text
from codeapp.models import Confirmation

# Members overdue shown on the page (all of them are in the CSV and the PDF).
OVERDUE_SHOWN = 100
# Points of the coverage over time: at most this many (a day each, or a week each).
MAX_POINTS = 16


@dataclass
class Figures:
    members: int
    confirmed: int

    @property
    def percentage(self) -> float:
        return 100 * self.confirmed / self.members if self.members else 0.0


def figures(campaign: Campaign) -> Figures:
    """The campaign's active members and how many of them have confirmed: one query."""
    counts = active_members(campaign).aggregate(
        members=Count("pk"), confirmed=Count("pk", filter=covered_in(campaign))
    )
    return Figures(counts["members"], counts["confirmed"])


def state(campaign: Campaign, today: datetime.date) -> str:
    if campaign.closed_at:
        return _("closed")
    if campaign.deadline and campaign.deadline < today:
        return _("after the deadline")
    return _("running")


@dataclass
class Row:
    campaign: Campaign
    figures: Figures
    state: str


def campaign_rows(campaigns: list[Campaign]) -> list[Row]:
    """The list's rows: one query for the figures of all campaigns of one version."""
    today = timezone.localdate()
    by_version: dict[int, list[Campaign]] = {}
    for campaign in campaigns:
        by_version.setdefault(campaign.version_id, []).append(campaign)
    counts: dict[int, Figures] = {}
    for same_version in by_version.values():
        rows = (
            CampaignMember.objects.filter(campaign__in=same_version, user__is_active=True)
            .order_by()
            .values("campaign")
            .annotate(
                members=Count("pk"), confirmed=Count("pk", filter=covered_in(same_version[0]))
            )
        )
        counts.update({r["campaign"]: Figures(r["members"], r["confirmed"]) for r in rows})
    return [Row(c, counts.get(c.pk, Figures(0, 0)), state(c, today)) for c in campaigns]


@dataclass
class Point:
    day: datetime.date
    confirmed: int
    members: int

    @property
    def percentage(self) -> float:
        return 100 * self.confirmed / self.members if self.members else 0.0


def coverage_over_time(campaign: Campaign, members: int, today: datetime.date) -> list[Point]:
    """How many members had confirmed by each point from the start until today (or the close).

    One query: each member's first confirmation that counts, counted per day here (a
    member's day in the installation's time zone).
    A confirmation from before the start counts from the start.
    """
    member_ids = active_members(campaign).values("user_id")
    firsts = (
        Confirmation.objects.covering(campaign.version)
        .filter(user_id__in=member_ids)
        .order_by()
        .values("user_id")
        .annotate(first=Min("confirmed_at"))
        .values_list("first", flat=True)
    )
    per_day: dict[datetime.date, int] = {}
    for first in firsts:
        day = timezone.localdate(first)
        per_day[day] = per_day.get(day, 0) + 1
    start = timezone.localdate(campaign.started_at)
    end = min(today, timezone.localdate(campaign.closed_at)) if campaign.closed_at else today
    end = max(end, start)
    span = (end - start).days
    step = 1 if span < MAX_POINTS else -(-span // (MAX_POINTS - 1))
    days = [start + datetime.timedelta(days=d) for d in range(0, span + 1, step)]
    if days[-1] != end:
        days.append(end)
    counts = sorted(per_day.items())
    points = []
    for day in days:
        confirmed = sum(n for confirmed_on, n in counts if confirmed_on <= day)
        points.append(Point(day, confirmed, members))
    return points


def coverage_chart(points: list[Point], deadline: datetime.date | None) -> Chart:
    """A bar per point: the share of members who had confirmed by then; the deadline marked."""
    top, plot = 16, 140
    step = WIDTH / max(len(points), 1)
    chart = Chart(WIDTH, top + plot + 40)
    base = top + plot
    for i, point in enumerate(points):
        x = i * step + step * 0.15
        width = step * 0.7
        height = plot * point.percentage / 100
        if height:
            chart.rects.append(Rect(x, base - height, width, height, "cadence-held"))
        chart.texts.append(
            Text(x + width / 2, base - height - 4, f"{point.percentage:.0f}%", anchor="middle")
        )
        chart.texts.append(Text(x + width / 2, base + 16, f"{point.day:%d-%m}", anchor="middle"))
        if deadline and point.day <= deadline < point.day + datetime.timedelta(days=1):
            chart.lines.append(Line(x + width / 2, top, x + width / 2, base, "target"))
    chart.lines.append(Line(0, base, WIDTH, base, "chart-axis"))
    chart.lines.append(Line(0, top, WIDTH, top, "chart-axis"))
    return chart


@dataclass
class CampaignReport:
    campaign: Campaign
    today: datetime.date
    figures: Figures
    points: list[Point]
    reminders: list[Reminder]
    overdue_count: int
    overdue: list[CampaignMember] = field(default_factory=list)


def overdue_members(campaign: Campaign, today: datetime.date):
    """The active members past their deadline who have not confirmed, by deadline and name."""
    return (
        active_members(campaign)
        .filter(deadline__lt=today)
        .filter(~covered(campaign))
        .select_related("user", "user__person__unit")
        .order_by("deadline", "user__last_name", "user__first_name", "user__username")
    )


def campaign_report(campaign: Campaign, *, overdue_limit: int | None = OVERDUE_SHOWN):
    today = timezone.localdate()
    numbers = figures(campaign)
    overdue = overdue_members(campaign, today)
    shown = list(overdue[:overdue_limit] if overdue_limit else overdue)
    return CampaignReport(
        campaign=campaign,
        today=today,
        figures=numbers,
        points=coverage_over_time(campaign, numbers.members, today),
        reminders=list(campaign.reminders.order_by("sent_at", "pk")),
        overdue_count=overdue.count() if overdue_limit else len(shown),
        overdue=shown,
    )
