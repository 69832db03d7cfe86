"""The compare page: what changed from version A to version B, as a reader reads it.

The changes come from the compare engine (codeapp.versions.compare) and are rendered once
per pair of seals and language (kept: not personal); the page around them is the reader's.
"""

from django.contrib.messages import get_messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from codeapp.caching import assembly, validators
from codeapp.caching import pages as pagecache
from codeapp.caching.addresses import canonical_redirect
from codeapp.models import CodeVersion
from codeapp.reading.access import reader_required
from codeapp.reading.presentation import changes_shown, compare_choices, count_changes
from codeapp.reading.timeline import Standing, timeline
from core.roles import person_name


@require_http_methods(["GET", "HEAD"])
@reader_required
def version_compare(request: HttpRequest, a: int, b: int) -> HttpResponse:
    """What changed from version A to version B, in that order (A may be the newer one)."""
    if redirect_ := canonical_redirect(request, reverse("codeapp:version-compare", args=[a, b])):
        return redirect_
    standings = timeline(timezone.localdate())
    by_number = {s.version.number: s.version for s in standings}
    if a not in by_number or b not in by_number:
        raise Http404("There is no such version.")
    old, new = by_number[a], by_number[b]
    parts = (
        "compare",
        request.get_full_path(),
        request.build_absolute_uri("/"),
        get_language(),
        old.sha256,
        new.sha256,
        # The compare form offers every version.
        max(by_number.values(), key=lambda v: v.number).sha256,
    )
    if request.user.is_authenticated:
        parts += (request.user.pk, person_name(request.user), request.session.session_key)
    etag = validators.etag_of(*parts)
    if len(get_messages(request)):
        return _validated(_render_comparison(request, old, new, standings), etag)
    not_modified = validators.not_modified(request, etag=etag)
    if not_modified is not None:
        return _validated(not_modified, etag)
    if request.user.is_authenticated:
        response = _render_comparison(request, old, new, standings)
    else:
        # Every anonymous reader sees the same page: kept whole.
        body = pagecache.get_or_build(
            pagecache.make_key(*parts),
            lambda: _render_comparison(request, old, new, standings).content,
        )
        response = HttpResponse(body)
        response.replayable = True  # see codeapp.caching.replay
    return _validated(response, etag)


def _validated(response: HttpResponse, etag: str) -> HttpResponse:
    """A comparison of two versions changes only with the language and the reader."""
    validators.tag_reader_page(response, etag=etag)
    validators.patch_reader_cache_control(response)
    return response


def _kept_changes(old: CodeVersion, new: CodeVersion) -> dict:
    """The changes from one version to another, rendered and counted (kept: not personal)."""

    def render_changes() -> dict:
        changes, shown = changes_shown(old.document, new.document)
        context = {"changes": shown, "link_version": new.number}
        html = render_to_string("codeapp/includes/_changes.html", context)
        return {"changes": html.encode(), "counts": count_changes(changes)}

    key = pagecache.make_key("comparison", old.sha256, new.sha256, get_language())
    return pagecache.get_or_build(key, render_changes)


def _render_comparison(
    request: HttpRequest, old: CodeVersion, new: CodeVersion, standings: list[Standing]
) -> HttpResponse:
    a, b = old.number, new.number
    kept = _kept_changes(old, new)
    rows = sorted(standings, key=lambda s: s.version.number, reverse=True)
    slots = assembly.Slots("changes")
    context = {
        "old": old,
        "new": new,
        "backwards": a > b,
        "changes": slots.marks()["changes"],
        "counts": kept["counts"],
        "compare_error": "",
        **compare_choices(rows, a, b),
    }
    response = render(request, "codeapp/reading/compare.html", context)
    return slots.fill(response, kept)
