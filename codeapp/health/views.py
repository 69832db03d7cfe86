"""The code health dashboard: what is unclear, unbalanced or neglected, and the next session.

For editors and integrity officers (`codeapp.view_healthsettings`); the thresholds are
the integrity officers' (`codeapp.change_healthsettings`); planning the suggested
session is for whoever may plan sessions (`reflection.add_session`).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from codeapp.health import charts
from codeapp.health.findings import health_report
from codeapp.health.forms import HealthSettingsForm
from codeapp.health.report import HealthReport
from codeapp.health.settings import health_settings_save
from codeapp.models import HealthSettings
from core.conflicts import conflict_page
from core.downloads import csv_text, pdf_from_html, static_text
from core.revision import StaleEdit
from reflection.forms.sessions import SessionForm
from reflection.models import Session
from reflection.services.sessions import session_create

view_required = permission_required("codeapp.view_healthsettings", raise_exception=True)


def _charts(report: HealthReport) -> dict[str, charts.Chart]:
    return {
        "balance": charts.balance_chart(report.balance),
        "cadence": charts.cadence_chart(report.cadence),
        "recency": charts.horizontal_bars(report.recency, "bar-recency"),
        "coverage": charts.coverage_chart(report.coverage),
    }


@require_http_methods(["GET", "HEAD"])
@login_required
@view_required
def dashboard(request: HttpRequest) -> HttpResponse:
    report = health_report()
    context = {"report": report, "charts": _charts(report)}
    return render(request, "codeapp/health/dashboard.html", context)


# --- settings ---------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("codeapp.change_healthsettings", raise_exception=True)
def settings_edit(request: HttpRequest) -> HttpResponse:
    current = HealthSettings.current()
    form = HealthSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            health_settings_save(
                changes={name: form.cleaned_data[name] for name in form._meta.fields},
                expected_revision=form.cleaned_data["revision"],
                user=request.user,
                reason=form.cleaned_data.get("reason", ""),
            )
        except StaleEdit as conflict:
            return conflict_page(
                request,
                form=form,
                current=conflict.current,
                heading=_("Code health: thresholds and targets"),
                cancel_url=reverse("codeapp:health"),
            )
        messages.success(request, _("The code health settings are saved."))
        return redirect("codeapp:health")
    history = current.history.select_related("history_user").order_by("-history_date")[:20]
    context = {"form": form, "history": history if current.pk else []}
    return render(
        request, "codeapp/health/settings.html", context, status=400 if form.errors else 200
    )


# --- the report -------------------------------------------------------------------------------


def _report_rows(report: HealthReport) -> list[list[str]]:
    """Every figure, flag and finding of the dashboard as rows: area, item, measure, value.

    The CSV and the PDF both carry these rows: a download must not say less than the page
    (templates/codeapp/health/dashboard.html), flags included.
    """
    yes = _("yes")
    rows = [[_("area"), _("item"), _("measure"), _("value")]]
    glance = _("at a glance")
    rows += [
        [glance, "", _("norms likely above language level B1"),
         f"{len(report.unclear)} / {report.norm_total}"],
        [glance, "", _("values that only prohibit"),
         f"{len(report.only_prohibiting)} / {report.value_count}"],
        [glance, "", _("norms not discussed in %(months)s months")
         % {"months": report.settings.months_until_neglected},
         f"{len(report.neglected_norms)} / {report.norm_total}"],
        [glance, "", _("gaps in structure and size"), str(report.gap_count)],
    ]  # fmt: skip
    for b in report.balance:
        value = f"{b.number} {b.value.name}"
        for label, count, share in b.rows:
            rows.append([_("balance"), value, label, f"{count} ({share:.0f}%)"])
        if b.only_prohibits:
            rows.append([_("balance"), value, _("only prohibits"), yes])
        elif not b.total:
            rows.append([_("balance"), value, _("no norms"), yes])
    for c in report.clarity:
        item = f"{c.number} {c.norm}"
        score = "" if c.score is None else f"{c.score:.1f}"
        per_sentence = "" if c.words_per_sentence is None else str(c.words_per_sentence)
        rows.append([_("clarity"), item, _("readability score"), score])
        rows.append([_("clarity"), item, _("reads as"), c.band])
        rows.append([_("clarity"), item, _("words"), str(c.words)])
        rows.append([_("clarity"), item, _("words per sentence"), per_sentence])
        rows.append([_("clarity"), item, _("likely above B1"), yes if c.above_b1 else _("no")])
    for d in report.value_discussions + report.norm_discussions:
        last = d.last.isoformat() if d.last else _("never")
        rows.append([_("last discussed"), d.label, d.where, last])
        if d.neglected:
            rows.append([_("last discussed"), d.label, _("needs attention"), yes])
    for label, count in report.recency:
        rows.append([_("last discussed"), label, _("norms"), str(count)])
    for q in report.cadence:
        rows.append(
            [
                _("sessions"),
                q.label,
                _("held / planned / target"),
                f"{q.held} / {q.planned} / {q.target}",
            ]
        )
        if not q.on_target:
            rows.append([_("sessions"), q.label, _("below target"), yes])
    decisions = report.decisions
    rows.append([_("proposals"), "", _("open"), str(len(decisions.open))])
    for proposal in decisions.open:
        rows.append([_("proposals"), str(proposal), _("days waiting"), str(proposal.age_days)])
    rows.append([_("proposals"), "", _("decided"), str(decisions.decided)])
    for measure, days in [
        (_("median days to a decision"), decisions.median_days),
        (_("mean days to a decision"), decisions.mean_days),
    ]:
        rows.append([_("proposals"), "", measure, "" if days is None else str(days)])
    coverage = report.coverage
    version = f"v{coverage.version.number}" if coverage.version else ""
    rows.append(
        [
            _("confirmations"),
            version,
            _("confirmed / active users"),
            f"{coverage.confirmed} / {coverage.total}",
        ]
    )
    if coverage.version:
        rows.append([_("confirmations"), version, _("share"), f"{coverage.percentage:.0f}%"])
    areas = {"structure": _("structure"), "size": _("size")}
    for finding in report.structure + report.size:
        rows.append([_("finding"), finding.label, areas[finding.area], finding.problem])
    agenda = report.agenda
    if not agenda.is_empty:
        rows.append([_("agenda"), "", _("suggested date"), agenda.date.isoformat()])
        for norm, number, why in agenda.norms:
            rows.append([_("agenda"), f"{number} {norm}", _("norm to discuss"), why])
        for case in agenda.cases:
            rows.append([_("agenda"), case.title, _("case to discuss"), ""])
    if report.next_planned:
        planned = report.next_planned
        rows.append([_("agenda"), planned.title, _("already planned"), planned.date.isoformat()])
    return rows


@require_http_methods(["GET", "HEAD"])
@login_required
@view_required
def report_csv(request: HttpRequest) -> HttpResponse:
    report = health_report()
    response = HttpResponse(csv_text(_report_rows(report)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="code-health-{report.today}.csv"'
    return response


@require_http_methods(["GET", "HEAD"])
@login_required
@view_required
def report_pdf(request: HttpRequest) -> HttpResponse:
    report = health_report()
    context = {
        "report": report,
        "charts": _charts(report),
        "rows": _report_rows(report),
        # WeasyPrint's SVG sees only a <style> of its own. Our static file, not user input.
        "svg_css": mark_safe(static_text("css/health.css")),
    }
    html = render_to_string("codeapp/health/report_pdf.html", context)
    pdf = pdf_from_html(html, "css/health.css")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="code-health-{report.today}.pdf"'
    return response


# --- planning the next session ----------------------------------------------------------------


def _agenda_notes(report: HealthReport) -> str:
    lines = [_("Agenda suggested by the code health dashboard:"), ""]
    for norm, number, why in report.agenda.norms:
        lines.append(f"- {_('Norm')} {number} {norm} ({why})")
    for case in report.agenda.cases:
        lines.append(f"- {_('Case')}: {case.title}")
    return "\n".join(lines)


# Any fixed number: the advisory lock that serialises planning from the agenda.
_PLANNING_LOCK = 5_000_001


def _one_planning_at_a_time() -> None:
    """Hold PostgreSQL's advisory lock until the transaction ends (SQLite writes one at a time)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PLANNING_LOCK])


@require_http_methods(["POST"])
@login_required
@view_required
@permission_required("reflection.add_session", raise_exception=True)
def agenda_plan(request: HttpRequest) -> HttpResponse:
    """Turn the agenda suggestion into a planned session, through the session form's checks."""
    report = health_report()
    agenda = report.agenda
    if agenda.is_empty:
        messages.error(
            request, _("There is nothing to put on the agenda yet: the code has no norms.")
        )
        return redirect("codeapp:health")
    title = _("Reflection on the code, %(date)s") % {
        "date": date_format(agenda.date, "DATE_FORMAT")
    }
    form = SessionForm(
        data={
            "title": title,
            "date": agenda.date.isoformat(),
            "format": Session.Format.CASE_DISCUSSION if agenda.cases else Session.Format.DILEMMA,
            "norms_discussed": [norm.pk for norm, _number, _why in agenda.norms],
            "cases": [case.pk for case in agenda.cases],
            "insights": _agenda_notes(report),
            "reason": _("Planned from the code health dashboard."),
        }
    )
    if not form.is_valid():  # the suggestion is made to pass; say so rather than fail if not
        messages.error(
            request,
            _("The session could not be planned: %(errors)s") % {"errors": form.errors.as_text()},
        )
        return redirect("codeapp:health")
    with transaction.atomic():
        _one_planning_at_a_time()
        # A double click, or two colleagues at once, plan one session: the second is shown it.
        planned = Session.objects.planned().filter(date=agenda.date, title=title).first()
        if planned is not None:
            messages.info(request, _("This session was already planned; here it is."))
            return redirect(planned)
        session = session_create(form=form, user=request.user)
    messages.success(
        request,
        _("The session is planned for %(date)s with the suggested agenda. Invite the participants.")
        % {"date": date_format(session.date, "DATE_FORMAT")},
    )
    return redirect(session)
