"""Publishing the working draft as a sealed version; the code's title and preamble."""

from django.http import HttpResponse


def _todo(request, *args, **kwargs) -> HttpResponse:
    return HttpResponse("not built yet", status=501)


draft_compare = publish = profile_edit = profile_history = _todo
