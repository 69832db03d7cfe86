"""The model code pages: what the code builds on and starting it from a model; leaving a model
item out with a reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from codeapp.modelcodes.fetching import ModelUnavailable, fetch_release
from codeapp.modelcodes.forms import LeaveOutForm, ModelStartForm
from codeapp.modelcodes.starting import item_leave_out, model_start
from codeapp.models import ModelBase
from codeapp.versions.documents import DocumentError, parse
from norms.models import Example, Norm
from values.models import Value

MAX_UPLOAD = 10_000_000


def _base() -> ModelBase | None:
    return ModelBase.objects.order_by("pk").first()


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@permission_required("codeapp.view_codeprofile", raise_exception=True)
def model_page(request: HttpRequest) -> HttpResponse:
    """What the code builds on; for editors, a form to start the code from a model."""
    base = _base()
    can_start = request.user.has_perm("codeapp.change_codeprofile")
    has_items = Value.objects.active().exists()
    form = None
    status = 200
    if can_start:
        form = ModelStartForm(
            request.POST or None, request.FILES or None, draft_has_items=has_items
        )
    if request.method == "POST":
        if not can_start:
            raise Http404
        if form.is_valid():
            try:
                _start(request, form.cleaned_data)
            except (DocumentError, ModelUnavailable, ValidationError, DatabaseError) as error:
                form.add_error(None, _message(error))
            else:
                messages.success(request, _("The working draft now holds the model's items."))
                return redirect(reverse("codeapp:draft"))
        status = 400
    context = {"base": base, "form": form, "releases": base.releases.all() if base else []}
    return render(request, "codeapp/modelcodes/model.html", context, status=status)


def _start(request: HttpRequest, data: dict) -> None:
    if data["file"]:
        upload = data["file"]
        if upload.size > MAX_UPLOAD:
            raise ModelUnavailable(_("The file is too large to be a code."))
        try:
            model = parse(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            if isinstance(error, DocumentError):
                raise
            raise ModelUnavailable(_("The file is not a JSON document.")) from None
        url = ""
    else:
        url = data["url"]
        model = fetch_release(url)
    model_start(
        model=model,
        publisher=data["publisher"],
        url=url,
        minimum=data["minimum"],
        follow=data["follow"],
        user=request.user,
    )


def _message(error: Exception) -> str:
    if isinstance(error, DocumentError):
        return _("The model is not a valid living-code/1 document: %(error)s. Nothing changed.") % {
            "error": error
        }
    if isinstance(error, ValidationError):
        return " ".join(error.messages) + " " + _("Nothing changed.")
    if isinstance(error, DatabaseError):
        return _("The model could not be stored. Nothing changed; try again.")
    return f"{error} " + _("Nothing changed.")


_KINDS = {"value": Value, "norm": Norm, "example": Example}


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@permission_required("codeapp.change_codeprofile", raise_exception=True)
def leave_out(request: HttpRequest, key: str) -> HttpResponse:
    """Leave a model item out of the code, with a reason (a minimum model warns)."""
    base = _base()
    if base is None or key not in base.items:
        raise Http404
    model_item = base.items[key]
    item = None
    for kind in [model_item["type"]] if model_item else list(_KINDS):
        item = _KINDS[kind].objects.filter(key=key, retired=False).first()
        if item is not None:
            break
    if item is None:
        raise Http404
    form = LeaveOutForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                item_leave_out(key=key, reason=form.cleaned_data["reason"], user=request.user)
            except ValidationError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                messages.success(request, _("“%(item)s” is left out of the code.") % {"item": item})
                return redirect(reverse("codeapp:draft"))
        status = 400
    context = {"base": base, "item": item, "form": form}
    return render(request, "codeapp/modelcodes/leave_out.html", context, status=status)
