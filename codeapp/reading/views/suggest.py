"""An employee's suggestion to change the code, made from the published code they read.

It lives here, not in `reflection`, because it shows the version in force: an employee
may see the published code, never the working draft with its unpublished changes.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from codeapp.models import CodeVersion
from codeapp.versions.documents import Item, items
from norms.models import Norm
from reflection.forms.proposals import SuggestChoiceForm, SuggestForm
from reflection.services import proposals as services
from reflection.services.targets import PROPOSABLE_FIELDS
from values.models import Value


def _published(version: CodeVersion | None) -> dict[str, Item]:
    """The version's values and norms by key."""
    if version is None:
        return {}
    return {i.key: i for i in items(version.document) if i.type in ("value", "norm")}


def _label(item: Item) -> str:
    heading = item.data.get("name") or item.data.get("title") or item.data.get("text", "")[:80]
    return f"{item.number} {heading}"


@require_http_methods(["GET", "POST"])
@login_required
def suggest(request: HttpRequest) -> HttpResponse:
    """Suggest rewording or retiring a norm or value of the code in force, or adding to it."""
    version = CodeVersion.objects.in_force()
    published = _published(version)
    about = request.GET.get("about", "")
    kind, _sep, key = about.partition(":")
    if not key:
        kind = "norm" if request.GET.get("norm") else "value"
        key = request.GET.get(kind, "")
    shown = published.get(key)
    model = {"norm": Norm, "value": Value}.get(shown.type if shown else "")
    # The suggestion is about the item as it lives on in the draft (same key), retired there
    # or not: refusing a norm retired only in the draft would tell of an unpublished change.
    item = model.objects.filter(key=key).first() if model else None
    if item is None:
        choices = [
            (str(_("Norms")), [(f"norm:{i.key}", _label(i)) for i in published.values()
                               if i.type == "norm"]),
            (str(_("Core values")), [(f"value:{i.key}", _label(i)) for i in published.values()
                                     if i.type == "value"]),
        ]  # fmt: skip
        status = 404 if key else 200
        return render(
            request,
            "reflection/suggest.html",
            {"choose": SuggestChoiceForm(choices=choices), "version": version, "unknown": key},
            status=status,
        )
    text_field = "text" if shown.type == "norm" else "description"
    current = shown.data.get(text_field, "")
    form = SuggestForm(request.POST or None, item=item, current_text=current)
    if request.method == "POST" and form.is_valid():
        proposal = form.proposal()
        # What the employee read, so their proposal page can show it and never the draft.
        proposal.published_fields = {
            name: shown.data.get(name, "") for name in PROPOSABLE_FIELDS[shown.type]
        }
        proposal.published_version = version.number
        try:
            with transaction.atomic():
                services.proposal_create(proposal=proposal, user=request.user)
                if form.cleaned_data["submit_now"]:
                    services.proposal_submit(proposal=proposal, user=request.user)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            if form.cleaned_data["submit_now"]:
                text = _(
                    "Thank you. Your suggestion #%(number)d was sent to the integrity officers."
                )
            else:
                text = _("Your suggestion #%(number)d was saved as a draft. Send it when ready.")
            messages.success(request, text % {"number": proposal.number})
            return HttpResponseRedirect(proposal.get_absolute_url())
    return render(
        request,
        "reflection/suggest.html",
        {
            "form": form,
            "item": item,
            "shown": shown,
            "shown_text": current,
            "shown_heading": shown.data.get("name") or shown.data.get("title", ""),
            "is_norm": shown.type == "norm",
            "version": version,
        },
    )
