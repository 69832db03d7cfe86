"""The code's title, language and preamble: edited, and its history, like any item of the draft
(through the item kernel's pages)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from codeapp.drafting.forms import CodeProfileForm
from codeapp.models import CodeProfile
from core import editing


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("codeapp.change_codeprofile", raise_exception=True)
def profile_edit(request: HttpRequest) -> HttpResponse:
    return editing.edit_view(
        request,
        item=CodeProfile.current(),
        form_class=CodeProfileForm,
        heading=_("Edit the title and preamble of the code"),
    )


@require_http_methods(["GET", "HEAD"])
@login_required
@permission_required("codeapp.view_codeprofile", raise_exception=True)
def profile_history(request: HttpRequest) -> HttpResponse:
    return editing.history_view(request, item=CodeProfile.current(), names={})
