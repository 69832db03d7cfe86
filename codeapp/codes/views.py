"""The list of the organisation's codes (`/codes/`), and choosing the code to work on."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from codeapp.codes.addresses import code_url
from codeapp.codes.listing import listed_codes
from codeapp.codes.middleware import SESSION_KEY
from codeapp.codes.rights import keeps
from core.codes import code_named
from core.roles import can_view_draft


@require_http_methods(["GET", "POST"])
def code_list(request: HttpRequest) -> HttpResponse:
    """Every code the reader may read; a signed-in reader chooses the one they work on (the
    draft, proposals, reports and their own pages are then about it)."""
    user = request.user
    if request.method == "POST":
        return _choose(request)
    staff = user.is_authenticated and can_view_draft(user)
    rows = listed_codes(timezone.localdate(), signed_in=user.is_authenticated, staff=staff)
    entries = [
        {
            "row": row,
            "url": code_url(row.code, "codeapp:in-force"),
            "may_work": _may_work_on(user, row.code),
            "working": row.code.pk == request.code.pk,
        }
        for row in rows
    ]
    context = {"entries": entries, "staff": staff, "today": timezone.localdate()}
    return render(request, "codeapp/codes/list.html", context)


def _may_work_on(user, code) -> bool:
    """Anyone signed in may work on any code, but a keeper of chosen codes only on those."""
    return user.is_authenticated and keeps(user, code)


def _choose(request: HttpRequest) -> HttpResponse:
    code = code_named(request.POST.get("code", ""))
    if code is None or not request.user.is_authenticated or not _may_work_on(request.user, code):
        messages.error(request, _("You cannot work on that code."))
        return redirect("codeapp:codes")
    request.session[SESSION_KEY] = code.slug
    messages.success(request, _("You now work on “%(code)s”.") % {"code": code.name})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("home")  # each role's own start: the draft, the queue, the code
    return redirect(target)
