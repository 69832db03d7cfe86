"""The readability of a norm text being written; the editing pages of norms and examples
are core's (core.editing.ItemPages, declared in norms/urls.py)."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST

from norms.forms import ReadabilityForm
from norms.readability import ABOVE_B1_HINT, code_language, readability


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
