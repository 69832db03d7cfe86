from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core import editing
from core.forms import MarkdownPreviewForm
from core.markup import render_markdown
from values.forms import ValueCreateForm, ValueForm
from values.models import Value


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("values.add_value", raise_exception=True)
def value_create(request: HttpRequest) -> HttpResponse:
    return editing.create_view(
        request,
        form_class=ValueCreateForm,
        new_item=Value(),
        heading=_("New core value"),
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("values.change_value", raise_exception=True)
def value_edit(request: HttpRequest, key: str) -> HttpResponse:
    value = get_object_or_404(Value, key=key)
    heading = _("Edit core value “%(name)s”") % {"name": value.name}
    return editing.edit_view(request, item=value, form_class=ValueForm, heading=heading)


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("values.change_value", raise_exception=True)
def value_retire(request: HttpRequest, key: str) -> HttpResponse:
    return editing.retire_view(request, item=get_object_or_404(Value, key=key), retire=True)


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("values.change_value", raise_exception=True)
def value_restore(request: HttpRequest, key: str) -> HttpResponse:
    return editing.retire_view(request, item=get_object_or_404(Value, key=key), retire=False)


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("values.change_value", raise_exception=True)
def value_move(request: HttpRequest, key: str) -> HttpResponse:
    return editing.move_view(request, item=get_object_or_404(Value, key=key))


@require_http_methods(["GET", "HEAD"])
@login_required
@permission_required("values.view_value", raise_exception=True)
def value_history(request: HttpRequest, key: str) -> HttpResponse:
    value = get_object_or_404(Value, key=key)
    return editing.history_view(request, item=value, names={})


@require_POST
@login_required
@permission_required("values.change_value", raise_exception=True)
def markdown_preview(request: HttpRequest) -> JsonResponse:
    """A Markdown text being written, as readers will see it, for the edit forms' preview."""
    form = MarkdownPreviewForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"error": " ".join(form.errors["text"])}, status=400)
    return JsonResponse({"html": render_markdown(form.cleaned_data["text"])})
