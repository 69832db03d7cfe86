"""Reading the published code: in force, any version, on a date, compared, searched, confirmed."""

from django.http import HttpResponse


def _todo(request, *args, **kwargs) -> HttpResponse:
    return HttpResponse("not built yet", status=501)


in_force = versions = version = version_pdf = version_confirm = version_confirmations = _todo
version_on = version_compare = changes_since_confirmed = search = _todo
