"""The pages of bringing a Word document in: upload, preview and correct, land."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from codeapp.versions.documents import DocumentError
from codeapp.wordimport.forms import CorrectionsForm, LandForm, UploadForm
from codeapp.wordimport.landing import (
    DraftChanged,
    draft_fingerprint,
    draft_is_empty,
    proposed,
    word_correct,
    word_land,
    word_plan,
    word_upload,
)
from codeapp.wordimport.models import WordImport
from codeapp.wordimport.reading import Unreadable
from codeapp.wordimport.structure import NORM

ROWS_PER_PAGE = 200

# Landing rewrites the code's title and preamble and makes values, norms and examples.
DRAFT_WRITING = (
    "codeapp.change_codeprofile",
    "values.add_value",
    "values.change_value",
    "norms.add_norm",
    "norms.change_norm",
    "norms.add_example",
    "norms.change_example",
)


def _get_upload_for_user(request: HttpRequest, pk: int) -> WordImport:
    """The upload, for the editor who made it (and the administrator); 404 for others."""
    upload = WordImport.objects.filter(pk=pk).first()
    if upload is None or (
        upload.uploaded_by_id != request.user.pk and not request.user.is_superuser
    ):
        raise Http404
    return upload


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@permission_required(DRAFT_WRITING, raise_exception=True)
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                made = word_upload(
                    data=form.file_bytes(),
                    file_name=form.cleaned_data["file"].name,
                    user=request.user,
                )
            except Unreadable as error:
                form.add_error("file", error.message)
            else:
                return redirect(reverse("codeapp:word-preview", args=[made.pk]))
        status = 400
    return render(request, "codeapp/wordimport/upload.html", {"form": form}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@permission_required(DRAFT_WRITING, raise_exception=True)
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The document beside the code proposed from it; each paragraph's role and kind."""
    made = _get_upload_for_user(request, pk)
    # A long document is corrected a page of paragraphs at a time: a bounded page, and a
    # form below Django's limit on the number of fields in one request.
    page = Paginator(made.proposal["rows"], ROWS_PER_PAGE).get_page(request.GET.get("page"))
    here = reverse("codeapp:word-preview", args=[made.pk])
    if page.number > 1:
        here += f"?page={page.number}"
    status = 200
    if request.method == "POST":
        form = CorrectionsForm(request.POST, rows=page.object_list)
        if form.is_valid():
            if word_correct(
                upload=made,
                changes=form.changes(),
                expected_revision=form.cleaned_data["revision"],
            ):
                messages.success(request, _("Your corrections are in the proposal."))
            else:
                messages.warning(
                    request,
                    _(
                        "The proposal was corrected in another window at the same time. "
                        "Look at it again: your last corrections were not saved."
                    ),
                )
            return redirect(here + "#proposal")
        status = 400
    else:
        form = CorrectionsForm(initial={"revision": made.revision}, rows=page.object_list)
    result = proposed(made)
    context = {
        "upload": made,
        "form": form,
        "code": result.code,
        "problems": result.problems,
        "norm_role": NORM,
        "page": page,
    }
    return render(request, "codeapp/wordimport/preview.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
@permission_required(DRAFT_WRITING, raise_exception=True)
def land(request: HttpRequest, pk: int) -> HttpResponse:
    """Land the proposal: at once in an empty draft; after a summary in a draft with items."""
    made = _get_upload_for_user(request, pk)
    result = proposed(made)
    if result.doc is None:
        messages.error(request, _("Correct the proposal first: see the points at the top."))
        return redirect(reverse("codeapp:word-preview", args=[made.pk]))
    changed = False
    error = ""
    status = 200
    if request.method == "POST":
        form = LandForm(request.POST)
        fingerprint = (form.cleaned_data["fingerprint"] or None) if form.is_valid() else None
        if fingerprint is not None or draft_is_empty():
            try:
                word_land(upload=made, user=request.user, fingerprint=fingerprint)
            except DraftChanged:
                changed, status = True, 409
            except ValueError:
                # The proposal has problems again (the draft's keys changed meanwhile).
                messages.error(request, _("Correct the proposal first: see the points at the top."))
                return redirect(reverse("codeapp:word-preview", args=[made.pk]))
            except DocumentError as fault:
                error, status = f"{fault.path}: {fault.message}", 400
            except ValidationError as fault:
                error, status = " ".join(fault.messages), 400
            else:
                messages.success(
                    request,
                    _("The code from “%(file)s” is in the working draft.")
                    % {"file": made.file_name},
                )
                return redirect(reverse("codeapp:draft"))
    context = {
        "upload": made,
        "code": result.code,
        "empty": draft_is_empty(),
        "changed": changed,
        "error": error,
    }
    try:
        context["plan"] = word_plan(result.doc)
    except (DocumentError, ValidationError) as fault:
        context["plan"] = None
        context["error"] = context["error"] or str(getattr(fault, "message", fault))
        status = max(status, 400)
    context["form"] = LandForm(initial={"fingerprint": draft_fingerprint()})
    return render(request, "codeapp/wordimport/land.html", context, status=status)
