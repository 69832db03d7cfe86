"""The code health dashboard: what is unclear, unbalanced or neglected, and the next session.

For editors and integrity officers (`codeapp.view_healthsettings`); the thresholds are
the integrity officers' (`codeapp.change_healthsettings`); planning the suggested
session is for whoever may plan sessions (`reflection.add_session`). The integrity themes
are seen with the dashboard and changed by editors and integrity officers
(`codeapp.change_integritytheme`).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from codeapp.health import charts
from codeapp.health.findings import health_report
from codeapp.health.forms import HealthSettingsForm, IntegrityThemeForm
from codeapp.health.models import IntegrityTheme
from codeapp.health.report import HealthReport
from codeapp.health.settings import health_settings_save
from codeapp.health.themes import coverage as theme_coverage
from codeapp.health.themes import theme_delete, theme_save
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
        [glance, "", _("norms where colleagues disagree"), str(len(report.disputed))],
        [glance, "", _("norms marked unclear by teams"), str(len(report.unclear_norms))],
        [glance, "", _("units without a session in %(months)s months")
         % {"months": report.quiet_months},
         f"{len(report.quiet_units)} / {report.unit_total}"],
        [glance, "", _("integrity themes no norm covers"),
         f"{len(report.uncovered_themes)} / {len(report.themes)}"],
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
    rows += _colleague_rows(report)
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
        for theme in agenda.themes:
            rows.append([_("agenda"), theme, _("theme no norm covers"), ""])
        for unit in agenda.quiet_units:
            rows.append([_("agenda"), unit, _("unit to invite"), ""])
    if report.next_planned:
        planned = report.next_planned
        rows.append([_("agenda"), planned.title, _("already planned"), planned.date.isoformat()])
    return rows


def _colleague_rows(report: HealthReport) -> list[list[str]]:
    """What colleagues and teams said, the quiet units and the themes: aggregated, never who."""
    yes = _("yes")
    rows = []
    spread = _("practice answers")
    for d in report.disputes:
        rows += [
            [spread, d.label, _("most divided dilemma"), d.case.title],
            [spread, d.label, _("answers to it"), str(d.case_answers)],
            [spread, d.label, _("most chosen course of action"), f"{d.top_share:.0f}%"],
            [spread, d.label, _("dilemmas counted"), str(d.dilemmas)],
            # One rule everywhere: the most chosen course of action has at most 60% of answers.
            [spread, d.label, _("colleagues disagree"), yes if d.disputed else _("no")],
        ]
    marks = _("marked by teams")
    for g in report.signals:
        rows += [
            [marks, g.label, _("teams: unclear"), str(g.unclear_teams)],
            [marks, g.label, _("teams: missing a norm near it"), str(g.missing_teams)],
            [marks, g.label, _("last marked"), g.last.isoformat()],
        ]
    for m in report.missing:
        where = ", ".join(part for part in (m.team, m.date.isoformat()) if part)
        rows.append([_("missing norm"), m.text, m.near or "–", where])
    quiet = _("units without a session")
    for u in report.quiet_units:
        last = u.last.isoformat() if u.last else _("never")
        rows.append([quiet, u.path, _("last session"), last])
    themes = _("integrity themes")
    for t in report.themes:
        if t.covered:
            covering = ", ".join(f"{number} {norm}" for norm, number in t.norms)
            rows.append([themes, t.theme.name, _("norms that cover it"), covering])
        else:
            rows.append([themes, t.theme.name, _("no norm covers it"), yes])
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
    if report.agenda.themes:
        lines += ["", _("Themes no norm covers yet:") + " " + ", ".join(report.agenda.themes)]
    if report.agenda.quiet_units:
        lines += ["", _("Units without a session:") + " " + "; ".join(report.agenda.quiet_units)]
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


# --- integrity themes -------------------------------------------------------------------------

themes_change_required = permission_required("codeapp.change_integritytheme", raise_exception=True)


@require_http_methods(["GET", "HEAD"])
@login_required
@view_required
def themes(request: HttpRequest) -> HttpResponse:
    """The themes, the norms of the code that cover each, suggestions, and the history."""
    covered, _numbers = theme_coverage()
    history = IntegrityTheme.history.select_related("history_user").order_by("-history_date")[:20]
    context = {"themes": covered, "history": history}
    return render(request, "codeapp/health/themes.html", context)


def _theme_form_page(
    request: HttpRequest, theme: IntegrityTheme | None, *, heading: str
) -> HttpResponse:
    covered, numbers = theme_coverage()
    instance = theme or IntegrityTheme(
        position=10 + max((c.theme.position for c in covered), default=0)
    )
    form = IntegrityThemeForm(request.POST or None, instance=instance, norm_labels=numbers)
    if request.method == "POST" and form.is_valid():
        try:
            saved, changed = theme_save(form=form, user=request.user, numbers=numbers)
        except StaleEdit as conflict:
            return conflict_page(
                request,
                form=form,
                current=conflict.current,
                heading=heading,
                cancel_url=reverse("codeapp:health-themes"),
                form_kwargs={"norm_labels": numbers},
            )
        if changed:
            messages.success(request, _("The theme “%(name)s” is saved.") % {"name": saved.name})
        else:
            messages.info(request, _("Nothing changed."))
        return redirect("codeapp:health-themes")
    suggestions = []
    if theme is not None:
        here = next((c for c in covered if c.theme.pk == theme.pk), None)
        suggestions = here.suggestions if here else []
    context = {"form": form, "theme": theme, "heading": heading, "suggestions": suggestions}
    return render(
        request, "codeapp/health/theme_form.html", context, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("codeapp.add_integritytheme", raise_exception=True)
def theme_create(request: HttpRequest) -> HttpResponse:
    return _theme_form_page(request, None, heading=_("New integrity theme"))


@require_http_methods(["GET", "POST"])
@login_required
@themes_change_required
def theme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    theme = get_object_or_404(IntegrityTheme, pk=pk)
    return _theme_form_page(
        request, theme, heading=_("Integrity theme: %(name)s") % {"name": theme.name}
    )


@require_http_methods(["POST"])
@login_required
@permission_required("codeapp.delete_integritytheme", raise_exception=True)
def theme_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    theme = get_object_or_404(IntegrityTheme, pk=pk)
    try:
        expected = int(request.POST.get("revision", ""))
    except ValueError:
        messages.error(request, _("The form is incomplete; open the theme again."))
        return redirect("codeapp:health-theme", pk=theme.pk)
    try:
        theme_delete(theme=theme, expected_revision=expected, user=request.user)
    except StaleEdit:
        messages.error(
            request,
            _("Someone changed this theme since you opened it. Look at it again before removing."),
        )
        return redirect("codeapp:health-theme", pk=theme.pk)
    messages.success(request, _("The theme “%(name)s” is removed.") % {"name": theme.name})
    return redirect("codeapp:health-themes")
