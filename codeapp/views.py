from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from codeapp.draft import RECENT_DAYS, working_code
from codeapp.models import CodeProfile, CodeVersion
from reflection.models import Proposal
from values.roles import can_edit_draft, can_view_draft


@require_http_methods(["GET", "HEAD"])
def home(request: HttpRequest) -> HttpResponse:
    """Where each reader's work is; signing in lands here (LOGIN_REDIRECT_URL).

    Editors start at the working draft, integrity officers at the proposals waiting for
    them, everyone else at the published code once there is one (until then the draft
    for those who may see it).
    """
    user = request.user
    if can_edit_draft(user):
        return redirect("codeapp:draft")
    if user.has_perm("reflection.decide_proposal"):
        return redirect("reflection:review")
    may_read = settings.CODE_PUBLIC or user.is_authenticated
    if may_read and CodeVersion.objects.exists():
        return redirect("codeapp:in-force")
    if can_view_draft(user):
        return redirect("codeapp:draft")
    return render(request, "codeapp/home.html")


@require_http_methods(["GET", "HEAD"])
@login_required
@permission_required("values.view_value", raise_exception=True)
def draft(request: HttpRequest) -> HttpResponse:
    # Reading, not creating, the profile: a GET of the draft writes nothing.
    profile = CodeProfile.objects.order_by("pk").first() or CodeProfile()
    latest = CodeVersion.objects.defer("document").order_by("-number").first()
    if latest is None or latest.effective_from <= timezone.localdate():
        in_force = latest
    else:
        in_force = CodeVersion.objects.defer("document").in_force()
    # What the next version will incorporate, for those who work with proposals.
    approved = []
    if request.user.has_perm("reflection.view_proposal"):
        approved = list(
            Proposal.objects.approved_not_incorporated()
            .select_related("session")
            .order_by("number")
        )
    return render(
        request,
        "codeapp/draft.html",
        {
            "code": working_code(),
            "recent_days": RECENT_DAYS,
            "profile": profile,
            "latest_version": latest,
            "in_force_version": in_force,
            "approved_proposals": approved,
        },
    )
