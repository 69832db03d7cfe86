"""The model code pages: what the code builds on and starting it from a model; leaving a model
item out with a reason."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from codeapp.modelcodes.fetching import ModelUnavailable, fetch_release
from codeapp.modelcodes.forms import AdaptForm, LeaveOutForm, ModelStartForm, ReleaseForm
from codeapp.modelcodes.marks import local_wordings, model_document
from codeapp.modelcodes.releases import NothingNew, proposal_adapt, release_propose
from codeapp.modelcodes.starting import item_leave_out, model_start
from codeapp.models import CodeVersion, ModelBase, ModelChange, ModelRelease
from codeapp.reading.access import reader_required
from codeapp.reading.presentation import changes_shown, count_changes
from codeapp.versions.documents import DocumentError, parse
from core.revision import StaleEdit
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
            raise PermissionDenied
        if form.is_valid():
            try:
                _start(request, form.cleaned_data)
            except (DocumentError, ModelUnavailable, ValidationError, DatabaseError) as error:
                form.add_error(None, _message(error))
            else:
                messages.success(request, _("The working draft now holds the model's items."))
                return redirect(reverse("codeapp:draft"))
        status = 400
    releases = list(base.releases.order_by("-pk")) if base else []
    context = {"base": base, "form": form, "releases": releases}
    return render(request, "codeapp/modelcodes/model.html", context, status=status)


def _start(request: HttpRequest, data: dict) -> None:
    if data["file"]:
        model = _read_upload(data["file"])
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


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@permission_required("codeapp.change_codeprofile", raise_exception=True)
def release_receive(request: HttpRequest) -> HttpResponse:
    """Take a newer release of the model (a file, or the model's address) and propose it."""
    base = _base()
    if base is None:
        raise Http404
    form = ReleaseForm(request.POST or None, request.FILES or None, has_address=bool(base.url))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                if form.cleaned_data["file"]:
                    model = _read_upload(form.cleaned_data["file"])
                else:
                    model = fetch_release(base.url, since=base.document)
                release = release_propose(model=model, user=request.user)
            except NothingNew as nothing:
                form.add_error(None, str(nothing))
            except (DocumentError, ModelUnavailable, ValidationError, DatabaseError) as error:
                form.add_error(None, _message(error))
            else:
                messages.success(
                    request,
                    _("The changes of the model's version %(number)d wait as proposals.")
                    % {"number": release.version},
                )
                return redirect(reverse("codeapp:model-release", args=[release.pk]))
        status = 400
    return render(
        request, "codeapp/modelcodes/release_receive.html", {"base": base, "form": form},
        status=status,
    )  # fmt: skip


def _read_upload(upload) -> dict:
    if upload.size > MAX_UPLOAD:
        raise ModelUnavailable(_("The file is too large to be a code."))
    try:
        return parse(upload.read().decode("utf-8"))
    except DocumentError:
        raise
    except (UnicodeDecodeError, ValueError):
        raise ModelUnavailable(_("The file is not a JSON document.")) from None


@require_http_methods(["GET", "HEAD"])
@login_required
@permission_required("codeapp.view_codeprofile", raise_exception=True)
def release_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A model release's changes, each beside the model's old and new wording and ours."""
    release = get_object_or_404(ModelRelease.objects.select_related("base"), pk=pk)
    changes = list(release.changes.select_related("proposal").order_by("pk"))
    ours = local_wordings(changes)
    rows = [(c, ours.get(c.key)) for c in changes]
    return render(
        request,
        "codeapp/modelcodes/release.html",
        {"release": release, "rows": rows, "count": len(changes),
         "proposals": sum(1 for c in changes if c.proposal_id)},
    )  # fmt: skip


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@permission_required("codeapp.change_codeprofile", raise_exception=True)
def change_adapt(request: HttpRequest, pk: int) -> HttpResponse:
    """Give an undecided model proposal this code's own wording."""
    change = get_object_or_404(ModelChange.objects.select_related("proposal", "release"), pk=pk)
    proposal = change.proposal
    if proposal is None or proposal.action == "retire":
        raise Http404
    ours = local_wordings([change]).get(change.key)
    start = {**(ours or {}), **proposal.proposed}
    form = AdaptForm(request.POST or None, fields=start, initial={"revision": proposal.revision})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            fields = {k: v for k, v in form.cleaned_data.items() if k != "revision"}
            try:
                proposal_adapt(
                    proposal=proposal, fields=fields, revision=form.cleaned_data["revision"],
                    user=request.user,
                )  # fmt: skip
            except StaleEdit:
                form.add_error(
                    None,
                    _("Someone changed or decided this proposal meanwhile. Nothing was saved; "
                      "open it again to see it as it is now."),
                )  # fmt: skip
            except ValidationError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                messages.success(request, _("The proposal now has this code's own wording."))
                return redirect(reverse("codeapp:model-release", args=[change.release_id]))
        status = 400
    context = {"change": change, "proposal": proposal, "ours": ours, "form": form}
    return render(request, "codeapp/modelcodes/adapt.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
@reader_required
def version_model_compare(request: HttpRequest, number: int) -> HttpResponse:
    """What version N of the code does differently from the model release it builds on."""
    version = CodeVersion.objects.filter(number=number).first()
    if version is None or "based_on" not in version.document:
        raise Http404("This version is not based on a model code.")
    doc = version.document
    model = model_document(doc["based_on"]["sha256"])
    context = {"version": version, "based_on": doc["based_on"], "model": model}
    if model is not None:
        # What the code does with the model's items; that it builds on the model is said above.
        ours = {k: v for k, v in doc.items() if k != "based_on"}
        changes, shown = changes_shown(model, ours)
        context.update(changes=shown, counts=count_changes(changes), link_version=number)
    return render(request, "codeapp/modelcodes/version_compare.html", context)
