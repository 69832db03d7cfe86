"""Coverage pages: the tree of units, the people of a unit, overdue lists, CSV and PDF.

Who sees what is `codeapp.coverage.access`: reports for editors and integrity officers,
their own units for managers, 403 for everyone else.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from codeapp.coverage import exports
from codeapp.coverage.access import Scope, coverage_required
from codeapp.coverage.figures import (
    Coverage,
    coverage,
    lists_per_manager,
    overdue_people,
    unit_people,
)
from codeapp.coverage.forms import CoverageOfForm

PEOPLE_PER_PAGE = 100


def _chosen(request: HttpRequest, scope: Scope) -> tuple[CoverageOfForm, Coverage | None, int]:
    """The choice of version or campaign, its coverage as this reader sees it, and the status:
    400 with the form's message for a choice that is not on the list."""
    form = CoverageOfForm(request.GET if "of" in request.GET else None)
    if form.is_bound and not form.is_valid():
        return form, None, 400
    selection = form.selection()
    if selection is None:
        return form, None, 200
    return form, coverage(selection, scope.tree, visible=scope.visible), 200


def _tree_rows(figures: Coverage) -> list[dict]:
    """What each row of the tree shows, worked out here: 400 units are rendered well within
    the page's time only when the template does no more than print (no tag or filter per row
    that reverses a URL, translates or formats a number)."""
    sentinel = 2_147_483_647
    unit_url = reverse("codeapp:coverage-unit", args=[sentinel]).replace(str(sentinel), "{}")
    query = f"?of={figures.selection.param}"
    return [
        {
            "row": row,
            "url": unit_url.format(row.node.pk) + query,
            "depth": min(row.depth, 8),
            # As text already: the template would localise each number, for nothing.
            "figures": [str(row.total), str(row.confirmed), str(row.pending)],
            "share": "" if row.share is None else str(row.share),
            "nesting": _("(level %(level)d, part of %(parent)s)")
            % {"level": row.depth + 1, "parent": row.parent_name}
            if row.parent_name
            else "",
        }
        for row in figures.rows
    ]


@require_http_methods(["GET", "HEAD"])
@login_required
@coverage_required
def tree(request: HttpRequest, scope: Scope) -> HttpResponse:
    form, figures, status = _chosen(request, scope)
    context = {
        "form": form,
        "coverage": figures,
        "scope": scope,
        "rows": _tree_rows(figures) if figures else [],
    }
    return render(request, "codeapp/coverage/tree.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
@login_required
@coverage_required
def unit(request: HttpRequest, pk: int, scope: Scope) -> HttpResponse:
    node = scope.unit_or_404(pk)
    form = CoverageOfForm(request.GET if "of" in request.GET else None)
    if form.is_bound and not form.is_valid():
        return render(
            request, "codeapp/coverage/unit.html", {"form": form, "node": node}, status=400
        )
    selection = form.selection()
    below = request.GET.get("below") == "1"
    context: dict = {
        "form": form,
        "node": node,
        "below": below,
        "path": scope.tree.path(pk),
        "selection": selection,
        "today": timezone.localdate(),
        "parent": scope.tree.get(node.parent_id)
        if node.parent_id is not None and (scope.everything or node.parent_id in scope.visible)
        else None,
    }
    if selection is not None:
        ids = scope.tree.subtree_ids(pk) if below else {pk}
        people = unit_people(selection, ids)
        asked = selection.population().filter(person__unit__in=ids)
        counts = {
            "total": asked.count(),
            "confirmed": asked.filter(selection.has_confirmed()).count(),
        }
        context["counts"] = counts
        context["percentage"] = (
            100 * counts["confirmed"] / counts["total"] if counts["total"] else None
        )
        context["page"] = Paginator(people, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "codeapp/coverage/unit.html", context)


OVERDUE_PER_PAGE = 200


@require_http_methods(["GET", "HEAD"])
@login_required
@coverage_required
def overdue(request: HttpRequest, scope: Scope) -> HttpResponse:
    """A manager sees their own list; those who see everything see how many each manager
    has, and one manager's list at a time (`?manager=<id>`, or `none`: nobody manages them)."""
    people = overdue_people(scope.tree, visible=scope.visible)
    context: dict = {"scope": scope, "today": timezone.localdate(), "total": len(people)}
    status = 200
    shown = people
    if scope.everything:
        lists = lists_per_manager(scope.tree, people)
        context["lists"] = lists
        asked = request.GET.get("manager")
        if asked is not None:
            key = None if asked == "none" else asked
            chosen = [m for m in lists if str(m.manager_id) == key or m.manager_id == key]
            if chosen:
                context["chosen"] = chosen[0]
                shown = chosen[0].people
            else:
                messages.error(request, _("There is no overdue list for that choice."))
                status = 400
                shown = []
        else:
            shown = []
    if shown:
        context["page"] = Paginator(shown, OVERDUE_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "codeapp/coverage/overdue.html", context, status=status)


def _export(request: HttpRequest, scope: Scope) -> Coverage | HttpResponse:
    form, figures, status = _chosen(request, scope)
    if figures is None:
        return render(
            request, "codeapp/coverage/tree.html", {"form": form, "coverage": None}, status=400
        )
    return figures


@require_http_methods(["GET", "HEAD"])
@login_required
@coverage_required
def export_csv(request: HttpRequest, scope: Scope) -> HttpResponse:
    figures = _export(request, scope)
    if isinstance(figures, HttpResponse):
        return figures
    response = HttpResponse(exports.as_csv(figures), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(figures, "csv")}"'
    return response


@require_http_methods(["GET", "HEAD"])
@login_required
@coverage_required
def export_pdf(request: HttpRequest, scope: Scope) -> HttpResponse:
    figures = _export(request, scope)
    if isinstance(figures, HttpResponse):
        return figures
    response = HttpResponse(exports.as_pdf(figures), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(figures, "pdf")}"'
    return response
