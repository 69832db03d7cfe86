"""The site's landing page: it sends each reader on to where their work is.

It lives at the project's top, beside `urls.py`, because it knows every feature (the
draft, the review of proposals, the published code) and belongs to none of them.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from codeapp.models import CodeVersion
from core.roles import can_edit_draft, can_view_draft
from people.teamleads import is_team_lead


@require_http_methods(["GET", "HEAD"])
def home(request: HttpRequest) -> HttpResponse:
    """Where each reader's work is; signing in lands here (LOGIN_REDIRECT_URL).

    Editors start at the working draft, integrity officers at the proposals waiting for
    them, team leads at their team sessions (the reading pages, kept for every reader alike,
    cannot offer them in the menu), everyone else at the published code once there is one
    (until then the draft for those who may see it).
    """
    user = request.user
    if can_edit_draft(user):
        return redirect("codeapp:draft")
    if user.has_perm("reflection.decide_proposal"):
        return redirect("reflection:review")
    if is_team_lead(user):
        return redirect("reflection:live-sessions")
    may_read = settings.CODE_PUBLIC or user.is_authenticated
    if may_read and CodeVersion.objects.exists():
        return redirect("codeapp:in-force")
    if can_view_draft(user):
        return redirect("codeapp:draft")
    return render(request, "codeapp/home.html")
