"""The synonym list page: editors and officers keep the terms searching treats as one.

The list is one row with history (codeapp.models.SynonymList), saved through
codeapp.reading.synonyms; a late save gets the one conflict page.
"""

import itertools

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from codeapp.models import SynonymList, starter_synonyms
from codeapp.reading.forms import SynonymListForm
from codeapp.reading.synonyms import synonym_list_save
from core.conflicts import conflict_page
from core.display import field_changes
from core.revision import StaleEdit


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("codeapp.change_synonymlist", raise_exception=True)
def synonyms_edit(request: HttpRequest) -> HttpResponse:
    current = SynonymList.current()
    form = SynonymListForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            saved = synonym_list_save(
                text=form.cleaned_data["text"],
                expected_revision=form.cleaned_data["revision"] or 0,
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except StaleEdit as conflict:
            return conflict_page(
                request,
                form=form,
                current=conflict.current,
                heading=_("Synonyms for searching"),
                cancel_url=reverse("codeapp:search"),
            )
        except ValidationError as error:
            form.add_error("text", error)
        else:
            if saved.revision == current.revision:
                messages.info(request, _("Nothing was changed."))
            else:
                messages.success(request, _("The synonym list is saved. Searches use it now."))
            return redirect("codeapp:search-synonyms")
    return render(
        request,
        "codeapp/synonyms.html",
        {"form": form, "history": _synonym_history(current)},
        status=400 if form.errors else 200,
    )


def _synonym_history(current: SynonymList) -> list[dict]:
    """The latest changes to the list, newest first, each with what it changed."""
    if current.pk is None:
        return []
    records = list(
        current.history.select_related("history_user").order_by("-history_date", "-history_id")[:21]
    )
    shown = []
    for record, previous in itertools.zip_longest(records[:20], records[1:21]):
        # The first save changed the starter list, which was there without a record.
        before = previous or {"text": starter_synonyms()}
        changes = field_changes(SynonymList, ["text"], before, record, None)
        shown.append({"record": record, "changes": changes})
    return shown
