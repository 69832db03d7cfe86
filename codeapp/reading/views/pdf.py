"""The PDF of a version: drawn once per seal (codeapp.reading.pdf), kept, tagged with the seal."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.http import quote_etag
from django.views.decorators.http import require_http_methods

from codeapp.caching import pages as pagecache
from codeapp.caching import validators
from codeapp.caching.addresses import canonical_redirect
from codeapp.models import CodeVersion
from codeapp.reading import pdf
from codeapp.reading.access import reader_required
from core.downloads import PDF_VARIANT


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
    response = validators.not_modified(request, etag=etag)
    if response is None:
        # The form it is drawn in is part of the key: a PDF kept before the tags came is
        # drawn again. The ETag stays the seal, which names the text.
        key = pagecache.make_key("pdf", PDF_VARIANT, version.sha256)
        response = HttpResponse(
            pagecache.get_or_build(key, lambda: pdf.render_pdf(version)),
            content_type="application/pdf",
        )
        filename = pdf.pdf_filename(version)
        response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    validators.patch_sealed_cache_control(response)
    return response
