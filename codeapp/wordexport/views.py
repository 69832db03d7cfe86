"""The Word and OpenDocument files of a version, of the working draft, and of the draft beside
the version in force. A version's file follows the rule of its PDF (anyone who may read the
code; 404 for a version that does not exist); the draft's follow the draft page (editors and
integrity officers)."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods

from codeapp.caching import validators
from codeapp.caching.addresses import canonical_redirect
from codeapp.models import CodeVersion
from codeapp.reading.access import reader_required
from codeapp.versions.documents import build_draft_document
from codeapp.wordexport import docx, odt
from codeapp.wordexport.outline import (
    Outline,
    comparison_outline,
    draft_outline,
    version_outline,
)

# Each format: how it is written, and its MIME type.
FORMATS: dict[str, tuple[Callable[[Outline], bytes], str]] = {
    "docx": (docx.write_docx, docx.MIME_TYPE),
    "odt": (odt.write_odt, odt.MIME_TYPE),
}


def _file(outline: Outline, fmt: str, name: str) -> HttpResponse:
    """The outline written in `fmt`, as a download named `name` (plain letters: slugified)."""
    write, mime_type = FORMATS[fmt]
    response = HttpResponse(write(outline), content_type=mime_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _slug(title: str) -> str:
    # A title of only non-Latin letters slugifies to nothing: the file still needs a name.
    return slugify(title) or "code"


def _language(doc: dict) -> str:
    return doc.get("language") or settings.LANGUAGE_CODE


@require_http_methods(["GET", "HEAD"])
@reader_required
def version_file(request: HttpRequest, number: int, fmt: str) -> HttpResponse:
    """Version N as a word-processor file, from its sealed document alone."""
    url = reverse(f"codeapp:version-{fmt}", args=[number])
    if redirect_ := canonical_redirect(request, url):
        return redirect_
    version = CodeVersion.objects.filter(number=number).first()
    if version is None:
        raise Http404(f"There is no version {number}.")
    response = _file(version_outline(version), fmt, f"{_slug(version.title)}-v{number}")
    validators.patch_sealed_cache_control(response)
    return response


def _draft_file(response: HttpResponse) -> HttpResponse:
    # The draft is confidential: no cache keeps it, not even the browser's.
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_http_methods(["GET", "HEAD"])
@login_required
@permission_required("values.view_value", raise_exception=True)
def draft_file(request: HttpRequest, fmt: str) -> HttpResponse:
    """The working draft as it stands, as a word-processor file."""
    draft = build_draft_document()
    in_force = CodeVersion.objects.defer("document").in_force()
    with translation.override(_language(draft)):
        label = pgettext("file name", "draft")
        name = f"{_slug(draft['title'])}-{slugify(label)}"
    return _draft_file(_file(draft_outline(draft, in_force=in_force), fmt, name))


@require_http_methods(["GET", "HEAD"])
@login_required
@permission_required("values.view_value", raise_exception=True)
def draft_compare_file(request: HttpRequest, fmt: str) -> HttpResponse:
    """The working draft with its changes since the version in force tracked; a clear page
    when no version is in force yet (there is nothing to compare with)."""
    in_force = CodeVersion.objects.in_force()
    if in_force is None:
        latest = CodeVersion.objects.defer("document").order_by("-number").first()
        return render(
            request,
            "codeapp/wordexport/nothing_to_compare.html",
            {"latest": latest, "fmt": fmt},
            status=404,
        )
    draft = build_draft_document()
    with translation.override(_language(draft)):
        label = pgettext("file name", "draft compared with v%(number)d") % {
            "number": in_force.number
        }
        name = f"{_slug(draft['title'])}-{slugify(label)}"
    return _draft_file(_file(comparison_outline(draft, in_force=in_force), fmt, name))
