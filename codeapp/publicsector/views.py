"""The accessibility statement and security.txt: open to everyone, whatever CODE_PUBLIC says
(both are owed to the public, not only to readers of the code)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from codeapp.publicsector.security_txt import security_txt


@require_http_methods(["GET", "HEAD"])
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement (toegankelijkheidsverklaring) after DigiToegankelijk's model.

    One address, /toegankelijkheid/, as Dutch public sites have it (the register and monitors
    look there); the text follows the reader's interface language, so there is no English
    alias to keep permanent as well.
    """
    return render(
        request,
        "codeapp/publicsector/accessibility.html",
        {
            "organisation": settings.ORGANISATION_NAME,
            "site_url": settings.SITE_URL,
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "contact_url": settings.ACCESSIBILITY_CONTACT_URL,
            "statement_date": settings.ACCESSIBILITY_STATEMENT_DATE,
            "approved_by": settings.ACCESSIBILITY_APPROVED_BY,
            "fully_compliant": settings.ACCESSIBILITY_STATUS == "full",
        },
    )


@require_http_methods(["GET", "HEAD"])
def security_txt_view(request: HttpRequest) -> HttpResponse:
    """/.well-known/security.txt: where to report a vulnerability, and until when that holds."""
    return HttpResponse(
        security_txt(timezone.localdate()), content_type="text/plain; charset=utf-8"
    )
