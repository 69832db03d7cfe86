from django.http import HttpResponse


def _todo(request, *args, **kwargs) -> HttpResponse:
    return HttpResponse("not built yet", status=501)


programme = session_create = session_detail = session_edit = case_list = case_create = (
    case_detail
) = case_edit = _todo
