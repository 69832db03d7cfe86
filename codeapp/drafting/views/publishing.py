"""The publish page (the working draft sealed as the next version) and the draft's comparison
with the latest version."""

from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from codeapp.drafting.changes import draft_changes
from codeapp.drafting.forms import PublishForm
from codeapp.versions.documents import seal
from codeapp.versions.services import DraftChanged, PublishConflict, version_publish
from core.roles import person_name


@require_http_methods(["GET", "HEAD"])
@login_required
@permission_required("values.view_value", raise_exception=True)
def draft_compare(request: HttpRequest) -> HttpResponse:
    return render(request, "codeapp/draft_compare.html", {"state": draft_changes()})


@require_http_methods(["GET", "POST"])
@login_required
@permission_required("codeapp.add_codeversion", raise_exception=True)
def publish(request: HttpRequest) -> HttpResponse:
    state = draft_changes()
    if request.method == "POST":
        form = PublishForm(request.POST, latest=state.latest)
        if form.is_valid():
            try:
                version = version_publish(user=request.user, **form.cleaned_data)
            except PublishConflict as conflict:
                return _publish_conflict(request, conflict)
            except DraftChanged:
                return _publish_conflict(request, None)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                if version.retroactive:
                    published = _(
                        "Version %(number)d has been published with retroactive effect from "
                        "%(date)s."
                    )
                else:
                    published = _(
                        "Version %(number)d has been published; it comes into force on %(date)s."
                    )
                day = date_format(version.effective_from, "DATE_FORMAT")
                published = published % {"number": version.number, "date": day}
                if version.editorial:
                    published += " " + _(
                        "It is an editorial change: nobody is asked to confirm it again."
                    )
                messages.success(request, published)
                return redirect(version)
    else:
        form = PublishForm(
            latest=state.latest,
            initial={
                "expected_latest": state.latest.number if state.latest else 0,
                "expected_draft_seal": seal(state.draft),
                "change_summary": state.summary(),
            },
        )
    return render(request, "codeapp/publish.html", {"state": state, "form": form})


def _add_errors(form: PublishForm, error: ValidationError) -> None:
    """The service's errors on the fields they name; any other on the form as a whole."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def _publish_conflict(request: HttpRequest, conflict: PublishConflict | None) -> HttpResponse:
    """Another officer was first, or the draft changed: nothing was written; let them review."""
    state = draft_changes()
    latest = (conflict.latest if conflict else None) or state.latest
    data = request.POST.copy()
    data["expected_latest"] = str(latest.number if latest else 0)
    data["expected_draft_seal"] = seal(state.draft)
    form = PublishForm(data, latest=state.latest)
    form.is_valid()
    if conflict is None:
        message = _(
            "The working draft changed while you were preparing this; "
            "review the changes again before publishing."
        )
    elif latest is None:
        message = _(
            "The published versions changed while you were preparing this; "
            "review the changes again."
        )
    else:
        message = _(
            "Version %(number)d was published by %(user)s at %(when)s while you were "
            "preparing this; review the changes again."
        ) % {
            "number": latest.number,
            "user": _user_name(latest.published_by),
            "when": date_format(timezone.localtime(latest.published_at), "DATETIME_FORMAT"),
        }
    return render(
        request,
        "codeapp/publish.html",
        {"state": state, "form": form, "conflict": message},
        status=409,
    )


def _user_name(user: AbstractBaseUser | None) -> str:
    return person_name(user) if user is not None else _("someone")
