"""The preview of Markdown being written; the editing pages of values are core's
(core.editing.ItemPages, declared in values/urls.py)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST

from core.forms import MarkdownPreviewForm
from core.markup import render_markdown


@require_POST
@login_required
@permission_required("values.change_value", raise_exception=True)
def markdown_preview(request: HttpRequest) -> JsonResponse:
    """A Markdown text being written, as readers will see it, for the edit forms' preview."""
    form = MarkdownPreviewForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"error": " ".join(form.errors["text"])}, status=400)
    return JsonResponse({"html": render_markdown(form.cleaned_data["text"])})
