from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core import editing
from norms.forms import (
    ExampleCreateForm,
    ExampleForm,
    NormCreateForm,
    NormForm,
    ReadabilityForm,
)
from norms.models import Example, Norm
from norms.readability import ABOVE_B1_HINT, code_language, readability
from values.models import Value


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("norms.add_norm", raise_exception=True)
def norm_create(request: HttpRequest) -> HttpResponse:
    value = Value.objects.active().filter(key=request.GET.get("value", "")).first()
    return editing.create_view(
        request,
        form_class=NormCreateForm,
        new_item=Norm(),
        heading=_("New norm under “%(value)s”") % {"value": value.name} if value else _("New norm"),
        initial={"value": value.key} if value else None,
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("norms.change_norm", raise_exception=True)
def norm_edit(request: HttpRequest, key: str) -> HttpResponse:
    norm = get_object_or_404(Norm.objects.select_related("value"), key=key)
    heading = _("Edit norm “%(title)s”") % {"title": norm.title}
    return editing.edit_view(request, item=norm, form_class=NormForm, heading=heading)


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("norms.change_norm", raise_exception=True)
def norm_retire(request: HttpRequest, key: str) -> HttpResponse:
    return editing.retire_view(request, item=get_object_or_404(Norm, key=key), retire=True)


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("norms.change_norm", raise_exception=True)
def norm_restore(request: HttpRequest, key: str) -> HttpResponse:
    return editing.retire_view(request, item=get_object_or_404(Norm, key=key), retire=False)


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("norms.change_norm", raise_exception=True)
def norm_move(request: HttpRequest, key: str) -> HttpResponse:
    return editing.move_view(
        request,
        item=get_object_or_404(Norm, key=key),
        parents=Value.objects.active().order_by("position", "id"),
        parent_label=_("Core value"),
    )


@require_http_methods(["GET", "HEAD"])
@login_required
@permission_required("norms.view_norm", raise_exception=True)
def norm_history(request: HttpRequest, key: str) -> HttpResponse:
    norm = get_object_or_404(Norm, key=key)
    names: dict = {}
    for pk, value_key, name in Value.objects.values_list("pk", "key", "name"):
        names[(Value, pk)] = name
        names[("value-key", value_key)] = name
    return editing.history_view(request, item=norm, names=names)


@require_POST
@login_required
@permission_required("norms.change_norm", raise_exception=True)
def norm_readability(request: HttpRequest) -> JsonResponse:
    """The readability of a norm text being written, for the edit form's live figures."""
    form = ReadabilityForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"error": " ".join(form.errors["text"])}, status=400)
    language = code_language()
    result = readability(form.cleaned_data["text"], language)
    return JsonResponse(
        {
            "language": language,
            "score": result.score,
            "band": str(result.band or ""),
            "words": result.words,
            "sentences": result.sentences,
            "words_per_sentence": result.words_per_sentence,
            "above_b1": result.above_b1,
            "hint": str(ABOVE_B1_HINT) if result.above_b1 else "",
        }
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("norms.add_example", raise_exception=True)
def example_create(request: HttpRequest) -> HttpResponse:
    norm = Norm.objects.active().filter(key=request.GET.get("norm", "")).first()
    return editing.create_view(
        request,
        form_class=ExampleCreateForm,
        new_item=Example(),
        heading=_("New example for “%(norm)s”") % {"norm": norm.title}
        if norm
        else _("New example"),
        initial={"norm": norm.key} if norm else None,
    )


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("norms.change_example", raise_exception=True)
def example_edit(request: HttpRequest, key: str) -> HttpResponse:
    example = get_object_or_404(Example.objects.select_related("norm"), key=key)
    heading = _("Edit example “%(title)s”") % {"title": example.title}
    return editing.edit_view(request, item=example, form_class=ExampleForm, heading=heading)


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("norms.change_example", raise_exception=True)
def example_retire(request: HttpRequest, key: str) -> HttpResponse:
    return editing.retire_view(request, item=get_object_or_404(Example, key=key), retire=True)


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("norms.change_example", raise_exception=True)
def example_restore(request: HttpRequest, key: str) -> HttpResponse:
    return editing.retire_view(request, item=get_object_or_404(Example, key=key), retire=False)


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("norms.change_example", raise_exception=True)
def example_move(request: HttpRequest, key: str) -> HttpResponse:
    return editing.move_view(
        request,
        item=get_object_or_404(Example, key=key),
        parents=Norm.objects.active()
        .filter(value__retired=False)
        .select_related("value")
        .order_by("value__position", "value_id", "position", "id"),
        parent_label=_("Norm"),
    )


@require_http_methods(["GET", "HEAD"])
@login_required
@permission_required("norms.view_example", raise_exception=True)
def example_history(request: HttpRequest, key: str) -> HttpResponse:
    example = get_object_or_404(Example, key=key)
    names = {(Norm, pk): title for pk, title in Norm.objects.values_list("pk", "title")}
    return editing.history_view(request, item=example, names=names)
