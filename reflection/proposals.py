from django.http import HttpResponse


def _todo(request, *args, **kwargs) -> HttpResponse:
    return HttpResponse("not built yet", status=501)


my_proposals = proposal_create = suggest = review_queue = proposal_detail = proposal_edit = (
    proposal_submit
) = proposal_withdraw = proposal_decide = _todo
