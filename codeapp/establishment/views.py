"""The page where an integrity officer adds steps to a published version's establishment
record (its log: codeapp.establishment.models)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from codeapp.establishment import record
from codeapp.establishment.forms import EstablishmentLogForm
from codeapp.establishment.services import LogConflict, establishment_steps_record
from codeapp.models import CodeVersion


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@permission_required("codeapp.add_codeversion", raise_exception=True)
def establishment_add(request: HttpRequest, number: int) -> HttpResponse:
    """Those who may publish a version may add to how it was established."""
    version = get_object_or_404(CodeVersion, number=number)
    entries = record.log_of(version)
    recorded = record.recorded_steps(version, entries)
    status = 200
    if request.method == "POST":
        form = EstablishmentLogForm(request.POST, recorded=recorded)
        if form.is_valid():
            try:
                establishment_steps_record(
                    version=version, record=form.cleaned_data["establishment"], user=request.user
                )
            except LogConflict:
                form.add_error(
                    None,
                    _(
                        "Someone else added a step to this version at the same moment. "
                        "Nothing was added; check the record and try again."
                    ),
                )
                status = 409
                entries = record.log_of(version)  # with the step that came first
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("The step has been added to the establishment record of version %(n)d.")
                    % {"n": version.number},
                )
                return redirect(version.get_absolute_url() + "#established")
    else:
        form = EstablishmentLogForm(recorded=recorded)
    sealed = (version.document.get("version") or {}).get("establishment")
    context = {
        "version": version,
        "form": form,
        "establishment": record.steps(version, sealed, entries),
    }
    return render(request, "codeapp/establishment/add.html", context, status=status)
