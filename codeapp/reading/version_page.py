"""A version's page: what decides its HTML, and how it is answered, kept and validated.

A version page is two parts: what comes from the sealed version alone (the table of
contents and the document, about all of the HTML), rendered once and kept by
codeapp.caching.pages; and the little that depends on the day and the reader (where the
version stands in time, the confirm box, the menu), rendered per request and put together
with the kept parts (codeapp.caching.assembly). Anonymous readers all see the same page,
so theirs is kept whole, with a hole for the CSRF token of the language switcher. Every
answer carries validators (codeapp.caching.validators), so a browser that has the page
gets a 304.
"""

import datetime
from dataclasses import dataclass

from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language

from codeapp.caching import assembly, reader_facts, validators
from codeapp.caching import pages as pagecache
from codeapp.establishment import record as establishment_record
from codeapp.models import CodeVersion
from codeapp.reading import practice_links, rendering
from codeapp.reading.timeline import Standing, in_force_in
from codeapp.versions.compare import KIND_LABELS
from core.codes import active_code
from norms.models import SHORT_KINDS

# How long a browser may reuse an anonymous reader's page of a version without asking (s).
VERSION_PAGE_MAX_AGE = 300


@dataclass
class VersionPage:
    """Which version a reading page shows, and what else decides its HTML."""

    version: CodeVersion
    timeline: list[Standing]
    asked_on: datetime.date | None = None

    @property
    def standing(self) -> Standing:
        return next(s for s in self.timeline if s.version.pk == self.version.pk)


@dataclass
class ReaderState:
    """What a signed-in reader's page says about them: their confirmation of this version
    or the last one they confirmed before it (only on the version in force)."""

    confirmation: reader_facts.Confirmed | None = None
    confirmed_before: reader_facts.Confirmed | None = None
    asked: bool = True


def reader_state(request: HttpRequest, page: VersionPage) -> ReaderState:
    reader = reader_facts.reader(request)
    if page.standing.state != "in-force" or reader is None:
        return ReaderState()
    if not reader.asked_to_confirm:
        return ReaderState(asked=False)
    latest = reader.confirmation
    if latest is not None and latest.version_id == page.version.pk:
        return ReaderState(confirmation=latest)
    # An editorial change asks no new confirmation: one of the version it rests on (or a
    # later one) counts. Only then is a query needed to know which version that is.
    if (
        latest is not None
        and page.version.editorial
        and latest.version_number >= page.version.confirmation_base()
    ):
        return ReaderState(confirmation=latest)
    return ReaderState(confirmed_before=latest)


def version_page(
    request: HttpRequest, page: VersionPage, *, date_error: str = "", status: int = 200
) -> HttpResponse:
    """A version's page: 304 when the reader has it already; otherwise kept, shared by the
    readers who see the same page (see kept_page)."""
    has_message = bool(len(get_messages(request)))
    if has_message:
        # It follows a change (the thanks for confirming): the reader as they are now.
        reader_facts.reader(request, checked=True)
    reader = reader_state(request, page)
    if status != 200 or has_message:
        # An error, or a message to show once: not for keeping, nor for a 304.
        return render_version(request, page, reader, date_error=date_error, status=status)
    signed_in = reader_facts.reader(request) is not None
    shared = _shared_parts(request, page)
    etag = validators.etag_of(*_page_parts(request, shared, reader))
    last_modified = _last_modified(page, reader)
    response = validators.not_modified(request, etag=etag, last_modified=last_modified)
    if response is None:
        if request.GET or not pagecache.enabled():
            response = render_version(request, page, reader)
        else:
            key = _kept_page_key(request, shared, reader)
            response = kept_page(request, page, reader, key)
            # The same for every anonymous reader who asks the same, or for this reader
            # while they stay as they are: given again by codeapp.caching.replay.
            response.replayable = not signed_in
            response.replayable_for_reader = signed_in
    validators.tag_reader_page(response, etag=etag, last_modified=last_modified)
    # The code in force, and any page of a signed-in reader (the confirm box), is checked
    # each time; an anonymous reader's page of one version may be reused for a few minutes,
    # as only where it stands in time can change, at midnight or when a new version is
    # published.
    addressed_by_number = request.resolver_match.url_name == "version"
    reusable = addressed_by_number and not signed_in
    validators.patch_reader_cache_control(
        response, max_age=VERSION_PAGE_MAX_AGE if reusable else None
    )
    return response


def kept_page(request: HttpRequest, page: VersionPage, reader: ReaderState, key: str):
    """The page kept whole under `key`, with this reader's CSRF token and name."""
    return assembly.kept_in_pieces(
        request,
        key,
        lambda csrf_token, shown_name: render_version(
            request, page, reader, csrf_token=csrf_token, shown_name=shown_name
        ),
    )


def render_version(
    request: HttpRequest,
    page: VersionPage,
    reader: ReaderState,
    *,
    date_error: str = "",
    status: int = 200,
    csrf_token: str | None = None,
    shown_name: str | None = None,
) -> HttpResponse:
    """The page rendered now, its kept parts put in (stand-ins for a kept page's token and
    name when given)."""
    version = page.version
    fragments = _fragments(request, version)
    slots = assembly.Slots("toc", "document")
    context = {
        "version": version,
        "title": fragments["title"],
        "fragments": slots.marks(),
        "standing": page.standing,
        "current": in_force_in(page.timeline),
        "amendments": fragments["amendments"],
        "change_summary": fragments["change_summary"],
        # Sealed steps come with the kept parts; logged ones are read now (only when the
        # timeline says the version has a log), as they may be added after publication.
        "establishment": establishment_record.steps(
            version, fragments.get("establishment"), establishment_record.log_of(version)
        ),
        "kinds": [(kind, SHORT_KINDS[kind], KIND_LABELS[kind]) for kind in SHORT_KINDS],
        "content_lang": fragments["content_lang"],
        "confirmation": reader.confirmation,
        "confirmed_before": reader.confirmed_before,
        # A code for council members (say) does not ask the others (codeapp.codes.audience).
        "not_asked": not reader.asked,
        "audience": active_code().get_audience_display(),
        "asked_on": page.asked_on,
        "asked_later": page.asked_on is not None and page.asked_on > timezone.localdate(),
        "date_error": date_error,
        "date_value": (page.asked_on or timezone.localdate()).isoformat(),
    }
    if csrf_token is not None:
        context["csrf_token"] = csrf_token
    if shown_name is not None:
        # The page is kept for every reader with the same facts: drawn from them alone.
        context.update(assembly.shown_as_context(request, shown_name))
    response = render(request, "codeapp/reading/version.html", context, status=status)
    return slots.fill(response, fragments)


def _fragments(request: HttpRequest, version: CodeVersion) -> dict:
    """The parts of a version's page that come from the version alone (kept, not personal):
    from this process or the shared cache, else from the database, where they were put when
    the version was published (codeapp.reading.rendering)."""
    signed_in = reader_facts.reader(request) is not None
    absolute_url = request.build_absolute_uri(reverse("codeapp:version", args=[version.number]))
    language = get_language()
    # A signed-in reader's document has "Practise with a dilemma" at the norms that have
    # practice dilemmas (codeapp.reading.practice_links): which ones is part of the key.
    practice = practice_links.for_reader(request)
    parts = ("version-body", version.sha256, language, absolute_url, signed_in)
    if practice:
        parts += (practice_links.fingerprint(practice),)
    key = pagecache.make_key(*parts)

    def build() -> dict:
        fragments = rendering.page_fragments(
            version, language=language, signed_in=signed_in, absolute_url=absolute_url
        )
        if practice:
            fragments = {
                **fragments,
                "document": practice_links.with_links(fragments["document"], practice),
            }
        return fragments

    return pagecache.get_or_build(key, build)


def _shared_parts(request: HttpRequest, page: VersionPage) -> tuple:
    """What decides a version page's HTML for every reader alike, today."""
    latest = max(page.timeline, key=lambda s: s.version.number).version
    return (
        request.get_full_path(),
        request.build_absolute_uri("/"),
        get_language(),
        timezone.localdate(),
        latest.sha256,
        page.version.sha256,
        # A step added to the version's establishment log changes its page.
        getattr(page.version, "log_seal", None),
        page.asked_on,
    )


def _page_parts(request: HttpRequest, shared: tuple, reader: ReaderState) -> tuple:
    """Everything that decides a version page's HTML for this reader, today (its ETag)."""
    parts = shared
    facts = reader_facts.reader(request)
    if facts is not None:
        # The menu, the name in the header and the confirm box are the reader's own; the
        # practice links change when an editor marks a dilemma.
        parts += (
            practice_links.fingerprint(practice_links.for_reader(request)),
            facts.pk,
            facts.name,
            request.session.session_key,
            reader.confirmation and reader.confirmation.pk,
            reader.confirmed_before and reader.confirmed_before.pk,
        )
    return parts


def _last_modified(page: VersionPage, reader: ReaderState) -> float:
    """When the page last changed: a publication, the start of today, a confirmation."""
    today = timezone.localdate()
    moments = [
        max(s.version.published_at for s in page.timeline),
        timezone.make_aware(datetime.datetime.combine(today, datetime.time())),
    ]
    if reader.confirmation is not None:
        moments.append(reader.confirmation.confirmed_at)
    return max(moments).timestamp()


def _kept_page_key(request: HttpRequest, shared: tuple, reader: ReaderState) -> str:
    """Readers who see the same page share it: anonymous ones all; signed-in ones with the
    same permissions (the menu, the report links) and the same confirm box."""
    parts = shared
    facts = reader_facts.reader(request)
    if facts is not None:
        confirmed = reader.confirmation and timezone.localdate(reader.confirmation.confirmed_at)
        before = reader.confirmed_before and reader.confirmed_before.version_number
        permissions = sorted(facts.permissions)
        parts += (
            "reader", facts.is_staff, facts.is_superuser, *permissions, confirmed, before,
            reader.asked, practice_links.fingerprint(practice_links.for_reader(request)),
        )  # fmt: skip
    return pagecache.make_key("version-page", *parts)
