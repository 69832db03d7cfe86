"""The campaign pages: the list, starting one, one campaign's coverage over time, its CSV and
PDF, and closing it. Integrity officers start and close; editors and officers see them.
Managers are no group and see none of this (their unit's coverage is elsewhere).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from codeapp.campaigns import report as reports
from codeapp.campaigns.audience import audience_users
from codeapp.campaigns.forms import CampaignForm, default_version
from codeapp.campaigns.models import Campaign
from codeapp.campaigns.services import (
    CampaignAlreadyStarted,
    CampaignClosed,
    campaign_close,
    campaign_start,
)
from core.codes import active_code
from core.downloads import csv_text, pdf_from_html, static_text
from core.roles import person_name

CAMPAIGNS_PER_PAGE = 25

view_required = permission_required("codeapp.view_campaign", raise_exception=True)


def _get_campaign_or_404(pk: int) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("version", "started_by"), pk=pk)


@require_http_methods(["GET", "HEAD"])
@login_required
@view_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    # The campaigns of the code worked on (core.codes); the reminder run serves every code.
    campaigns = (
        Campaign.objects.filter(version__code=active_code())
        .select_related("version")
        .order_by("-started_at", "-pk")
    )
    page = Paginator(campaigns, CAMPAIGNS_PER_PAGE).get_page(request.GET.get("page"))
    rows = reports.campaign_rows(list(page.object_list))
    return render(request, "codeapp/campaigns/list.html", {"page": page, "rows": rows})


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("codeapp.add_campaign", raise_exception=True)
def campaign_new(request: HttpRequest) -> HttpResponse:
    """The form; "count" shows how many people the audience holds, "start" starts it."""
    count = None
    if request.method == "POST":
        form = CampaignForm(request.POST)
        if form.is_valid():
            audience = form.audience_asked()
            if "start" not in request.POST:
                count = audience_users(audience).count()
            else:
                data = form.cleaned_data
                try:
                    campaign = campaign_start(
                        user=request.user,
                        version=data["version"],
                        title=data["title"],
                        message=data["message"],
                        deadline=data["deadline"],
                        reminder_days=data["reminder_days"],
                        weekly_after_deadline=data["weekly_after_deadline"],
                        audience=audience,
                        start_key=data["start_key"],
                    )
                except CampaignAlreadyStarted as started:
                    messages.info(request, _("This campaign was already started; here it is."))
                    return redirect("codeapp:campaign", pk=started.campaign.pk)
                except ValidationError as error:
                    _add_errors(form, error)
                else:
                    members = campaign.members.count()
                    messages.success(
                        request,
                        _("The campaign has started: %(n)d people are asked to confirm.")
                        % {"n": members},
                    )
                    return redirect("codeapp:campaign", pk=campaign.pk)
    else:
        version = default_version()
        form = CampaignForm(initial={"version": version and version.pk})
    has_versions = form.fields["version"].queryset.exists()
    return render(
        request,
        "codeapp/campaigns/new.html",
        {"form": form, "count": count, "has_versions": has_versions},
    )


def _add_errors(form: CampaignForm, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def _charts_context(report: reports.CampaignReport) -> dict:
    return {"chart": reports.coverage_chart(report.points, report.campaign.deadline)}


@require_http_methods(["GET", "HEAD"])
@login_required
@view_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _get_campaign_or_404(pk)
    report = reports.campaign_report(campaign)
    context = {
        "campaign": campaign,
        "report": report,
        "state": reports.state(campaign, report.today),
        **_charts_context(report),
    }
    return render(request, "codeapp/campaigns/detail.html", context)


def _overdue_rows(report: reports.CampaignReport) -> list[list[str]]:
    rows = [[_("Name"), _("User name"), _("E-mail"), _("Unit"), _("Deadline")]]
    for member in report.overdue:
        person = getattr(member.user, "person", None)
        unit = person.unit.name if person and person.unit else ""
        rows.append(
            [
                person_name(member.user),
                member.user.get_username(),
                member.user.email,
                unit,
                member.deadline.isoformat(),
            ]
        )
    return rows


@require_http_methods(["GET", "HEAD"])
@login_required
@view_required
def campaign_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Coverage over time, then the members overdue: one file for a spreadsheet."""
    campaign = _get_campaign_or_404(pk)
    report = reports.campaign_report(campaign, overdue_limit=None)
    rows = [[_("Day"), _("Confirmed"), _("Members"), _("Percentage")]]
    rows += [
        [point.day.isoformat(), point.confirmed, point.members, f"{point.percentage:.1f}"]
        for point in report.points
    ]
    rows += [[], *_overdue_rows(report)]
    response = HttpResponse(csv_text(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="campaign-{campaign.pk}-{report.today}.csv"'
    )
    return response


@require_http_methods(["GET", "HEAD"])
@login_required
@view_required
def campaign_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _get_campaign_or_404(pk)
    report = reports.campaign_report(campaign, overdue_limit=None)
    context = {
        "campaign": campaign,
        "report": report,
        "state": reports.state(campaign, report.today),
        # WeasyPrint's SVG sees only a <style> of its own. Our static file, not user input.
        "svg_css": mark_safe(static_text("css/health.css")),
        **_charts_context(report),
    }
    html = render_to_string("codeapp/campaigns/report_pdf.html", context, request=request)
    pdf = pdf_from_html(html, "css/health.css")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="campaign-{campaign.pk}-{report.today}.pdf"'
    )
    return response


@require_http_methods(["POST"])
@login_required
@permission_required("codeapp.change_campaign", raise_exception=True)
def campaign_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _get_campaign_or_404(pk)
    try:
        campaign_close(campaign_id=campaign.pk, user=request.user)
    except CampaignClosed as closed:
        when = date_format(timezone.localtime(closed.campaign.closed_at), "DATETIME_FORMAT")
        messages.warning(
            request,
            _("This campaign was already closed on %(when)s; nothing changed.") % {"when": when},
        )
    else:
        messages.success(request, _("The campaign is closed: no more reminders are sent."))
    return redirect("codeapp:campaign", pk=campaign.pk)
