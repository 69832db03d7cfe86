from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from codeapp.draft import RECENT_DAYS, working_code
from values.roles import can_view_draft


@require_http_methods(["GET", "HEAD"])
def home(request: HttpRequest) -> HttpResponse:
    if can_view_draft(request.user):
        return redirect("codeapp:draft")
    return render(request, "codeapp/home.html")


@require_http_methods(["GET", "HEAD"])
@login_required
@permission_required("values.view_value", raise_exception=True)
def draft(request: HttpRequest) -> HttpResponse:
    return render(
        request, "codeapp/draft.html", {"code": working_code(), "recent_days": RECENT_DAYS}
    )
