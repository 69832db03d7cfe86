"""A version of the code as PDF (WeasyPrint): title, version, dates and seal on every page."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from weasyprint import CSS, HTML

from codeapp.caching import pages as pagecache
from codeapp.models import CodeVersion
from codeapp.reading.views import canonical_redirect, reader_required
from codeapp.versions.documents import outline


def render_pdf(version: CodeVersion) -> bytes:
    """The version as a PDF, its labels in the code's own language (the reader's may differ)."""
    with translation.override(version.document.get("language") or settings.LANGUAGE_CODE):
        html = render_to_string(
            "codeapp/version_pdf.html",
            {"version": version, "doc": version.document, "values": outline(version.document)},
        )
    with open(finders.find("css/pdf.css"), encoding="utf-8") as stylesheet:
        css = CSS(string=stylesheet.read())
    # No base URL: the PDF needs nothing from outside, and fetches nothing.
    return HTML(string=html).write_pdf(stylesheets=[css])


def pdf_filename(version: CodeVersion) -> str:
    """The PDF's file name after the code's title and version, in the code's own language
    ("gedragscode-gemeente-utrecht-versie-3.pdf"); plain letters, safe in any header."""
    with translation.override(version.document.get("language") or settings.LANGUAGE_CODE):
        label = _("version %(number)d") % {"number": version.number}
    return f"{slugify(f'{version.title} {label}')}.pdf"


@require_http_methods(["GET", "HEAD"])
@reader_required
def version_pdf(request: HttpRequest, number: int) -> HttpResponse:
    if redirect_ := canonical_redirect(request, reverse("codeapp:version-pdf", args=[number])):
        return redirect_
    version = CodeVersion.objects.defer("document").filter(number=number).first()
    if version is None:
        raise Http404(f"There is no version {number}.")
    # The PDF says only what the sealed version says, in the code's own language: the seal
    # identifies it, and it is drawn once.
    etag = quote_etag(version.sha256)
    response = get_conditional_response(request, etag=etag)
    if response is None:
        key = pagecache.make_key("pdf", version.sha256)
        response = HttpResponse(
            pagecache.get_or_build(key, lambda: render_pdf(version)),
            content_type="application/pdf",
        )
        filename = pdf_filename(version)
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    pagecache.patch_sealed_cache_control(response)
    return response
