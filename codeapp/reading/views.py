"""Reading the published code: in force, any version, on a date, compared and confirmed.

Every page renders from a version's sealed JSON document, never from the live draft
tables: a reader sees exactly what was established, in a fixed number of queries
whatever the size of the code.
"""

import datetime
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.context_processors import PermWrapper
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.views import redirect_to_login
from django.contrib.messages import get_messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.http import http_date
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from codeapp.caching import pages as pagecache
from codeapp.models import CodeVersion, Confirmation
from codeapp.reading import readers
from codeapp.versions import provenance, services
from codeapp.versions.compare import KIND_LABELS, Change, ChangeView, compare, present
from codeapp.versions.documents import Item, items
from core.dates import day_or_none, parse_day
from core.markup import render_markdown
from core.roles import can_edit_draft, can_view_draft, person_name

View = Callable[..., HttpResponse]

# The kind in a word or two, as the badges say it (the same words as the draft's badges).
KIND_SHORT = {
    "prohibition": gettext_lazy("must not"),
    "obligation": gettext_lazy("must"),
    "aspiration": gettext_lazy("should"),
}
# Fields whose change means an item was reworded (rather than moved or re-kinded).
WORDING_FIELDS = {
    "title", "preamble", "name", "description", "text", "explanation", "situation", "guidance",
}  # fmt: skip
PENDING_PER_PAGE = 50
# How long a browser may reuse an anonymous reader's page of a version without asking (s).
VERSION_PAGE_MAX_AGE = 300
# Where a kept page has holes for the reader's CSRF token and name (see _kept_page).
TOKEN, NAME = b"csrf-token", b"name"


def reader_required(view: View) -> View:
    """Let anyone read when the code is public (CODE_PUBLIC); otherwise signed-in users only."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not settings.CODE_PUBLIC and readers.reader(request) is None:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def _get_version_or_404(number: int, *, with_document: bool = True) -> CodeVersion:
    versions = CodeVersion.objects.all() if with_document else CodeVersion.objects.defer("document")
    return get_object_or_404(versions, number=number)


def named_as_is(request: HttpRequest) -> bool:
    """Whether the address was sent as the path Django sees: not `/code/v%31/`, which the
    server decodes to `/code/v1/` before Django sees it (RAW_URI: gunicorn's; REQUEST_URI:
    other servers'). The path may lack a prefix a proxy removed, never gain one."""
    raw = request.META.get("RAW_URI") or request.META.get("REQUEST_URI")
    return not raw or urlsplit(raw).path.endswith(request.path_info)


def canonical_redirect(request: HttpRequest, url: str) -> HttpResponse | None:
    """A permanent redirect to `url`, the one address of a version (`/code/v1/`), when the
    request named it otherwise (`/code/v00001/`, `/code/v%31/`): one page, one cache entry."""
    if request.path == url and named_as_is(request):
        return None
    query = request.META.get("QUERY_STRING")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


# ---------------------------------------------------------------------------------------------
# Where each version stands in time


@dataclass(frozen=True)
class Standing:
    """A version's place on the timeline, seen from `today`.

    state: "in-force", "old" (in force until `until`), "future", or "never" (a later
    version came into force on the same day, so this one never applied).
    """

    version: CodeVersion
    state: str
    until: datetime.date | None = None
    successor: CodeVersion | None = None


def published_versions() -> list[CodeVersion]:
    """Every version (without its document) in the order they come into force; kept."""
    return pagecache.published_versions(
        lambda: list(CodeVersion.objects.defer("document").order_by("effective_from", "number"))
    )


# The timeline last worked out in this process: its list of versions, its day, the timeline.
_last_timeline: tuple[list, datetime.date, list[Standing]] | None = None


def _timeline(today: datetime.date) -> list[Standing]:
    """Every version (without its document) in the order they come into force (shared
    between requests while the list and the day are the same: not to be changed)."""
    global _last_timeline
    ordered = published_versions()
    last = _last_timeline
    if last is not None and last[0] is ordered and last[1] == today:
        return last[2]
    out = []
    for i, version in enumerate(ordered):
        successor = ordered[i + 1] if i + 1 < len(ordered) else None
        if version.effective_from > today:
            out.append(Standing(version, "future", successor=successor))
        elif successor is None or successor.effective_from > today:
            out.append(Standing(version, "in-force", successor=successor))
        elif successor.effective_from == version.effective_from:
            out.append(Standing(version, "never", successor=successor))
        else:
            until = successor.effective_from - datetime.timedelta(days=1)
            out.append(Standing(version, "old", until, successor))
    _last_timeline = (ordered, today, out)
    return out


def _in_force_in(timeline: list[Standing]) -> CodeVersion | None:
    return next((s.version for s in timeline if s.state == "in-force"), None)


# ---------------------------------------------------------------------------------------------
# A document as readers see it


@dataclass
class NormBlock:
    item: Item
    kind_label: str
    related: list[Item]
    examples: list[Item]
    citation: str
    origin: provenance.Origin = provenance.UNKNOWN


@dataclass
class ValueBlock:
    item: Item
    citation: str
    norms: list[NormBlock] = field(default_factory=list)
    origin: provenance.Origin = provenance.UNKNOWN


@dataclass
class Reading:
    values: list[ValueBlock]
    norm_count: int
    example_count: int


def citation_source(version: CodeVersion) -> str:
    """How a citation names the version: title, version number and date in force."""
    return _("%(title)s, version %(number)d (in force from %(date)s)") % {
        "title": version.document["title"],
        "number": version.number,
        "date": date_format(version.effective_from, "DATE_FORMAT"),
    }


def read_document(
    doc: dict, *, source: str, origins: dict[str, provenance.Origin] | None = None
) -> Reading:
    """The document as a tree of values → norms → examples, numbered, with citations.

    `origins` (codeapp.versions.provenance.for_reading) says where each value's and norm's
    wording comes from; without it, that is unknown.
    """
    origins = origins or {}
    all_items = list(items(doc))
    value_items = {i.key: i for i in all_items if i.type == "value"}
    values: list[ValueBlock] = []
    norms: dict[str, NormBlock] = {}
    for item in all_items:
        if item.type == "value":
            citation = _("%(source)s, core value %(number)s") % {
                "source": source,
                "number": item.number,
            }
            values.append(
                ValueBlock(item, citation, origin=origins.get(item.key, provenance.UNKNOWN))
            )
        elif item.type == "norm":
            norm = NormBlock(
                item,
                str(KIND_SHORT.get(item.data["kind"], item.data["kind"])),
                [value_items[k] for k in item.data["related_values"] if k in value_items],
                [],
                _("%(source)s, norm %(number)s") % {"source": source, "number": item.number},
                origins.get(item.key, provenance.UNKNOWN),
            )
            norms[item.key] = norm
            values[-1].norms.append(norm)
        else:
            norms[item.parent].examples.append(item)
    return Reading(values, len(norms), sum(len(n.examples) for n in norms.values()))


# ---------------------------------------------------------------------------------------------
# Reading a version
#
# A version page is two parts: what comes from the sealed version alone (the table of
# contents and the document, about all of the HTML), rendered once and kept by
# codeapp.caching.pages; and the little that depends on the day and the reader (where the
# version stands in time, the confirm box, the menu), rendered per request. Anonymous
# readers all see the same page, so theirs is kept whole, with a hole for the CSRF token
# of the language switcher. Every answer carries validators, so a browser that has the
# page gets a 304.


def _fragments(request: HttpRequest, version: CodeVersion) -> dict:
    """The parts of a version's page that come from the version alone (kept, not personal)."""
    signed_in = readers.reader(request) is not None
    absolute_url = request.build_absolute_uri(reverse("codeapp:version", args=[version.number]))
    key = pagecache.make_key(
        "version-body", version.sha256, get_language(), absolute_url, signed_in
    )
    return pagecache.get_or_build(
        key, lambda: _render_fragments(version, absolute_url=absolute_url, signed_in=signed_in)
    )


def _render_fragments(version: CodeVersion, *, absolute_url: str, signed_in: bool) -> dict:
    doc = version.document  # loaded from the database only now, when not kept
    content_lang = doc["language"] if doc["language"] != get_language() else ""
    context = {
        "version": version,
        "doc": doc,
        "reading": read_document(
            doc, source=citation_source(version), origins=provenance.for_reading(version)
        ),
        "version_url": reverse("codeapp:version", args=[version.number]),
        "absolute_url": absolute_url,
        # The code may be written in another language than the interface speaks.
        "content_lang": content_lang,
        "signed_in": signed_in,
    }
    return {
        "title": doc["title"],
        "content_lang": content_lang,
        "amendments": _amendments(doc),
        "change_summary": render_markdown(version.change_summary),
        # As bytes, to go into the response as they are (see _render_version).
        "toc": render_to_string("codeapp/reading/_toc.html", context).encode(),
        "document": render_to_string("codeapp/reading/_document.html", context).encode(),
    }


@dataclass
class ReaderState:
    """What a signed-in reader's page says about them: their confirmation of this version
    or the last one they confirmed before it (only on the version in force)."""

    confirmation: readers.Confirmed | None = None
    confirmed_before: readers.Confirmed | None = None


def _reader_state(request: HttpRequest, version: CodeVersion, standing: Standing) -> ReaderState:
    reader = readers.reader(request)
    if standing.state != "in-force" or reader is None:
        return ReaderState()
    latest = reader.confirmation
    if latest is not None and latest.version_id == version.pk:
        return ReaderState(confirmation=latest)
    return ReaderState(confirmed_before=latest)


@dataclass
class VersionPage:
    """Which version a reading page shows, and what else decides its HTML."""

    version: CodeVersion
    timeline: list[Standing]
    asked_on: datetime.date | None = None

    @property
    def standing(self) -> Standing:
        return next(s for s in self.timeline if s.version.pk == self.version.pk)


def _render_version(
    request: HttpRequest,
    page: VersionPage,
    reader: ReaderState,
    *,
    date_error: str = "",
    status: int = 200,
    csrf_token: str | None = None,
    shown_name: str | None = None,
) -> HttpResponse:
    version = page.version
    fragments = _fragments(request, version)
    # The template renders only the frame, with a mark where each kept part goes: the
    # megabyte of the document is then copied once, not rendered, joined and encoded.
    mark = secrets.token_hex(16)
    context = {
        "version": version,
        "title": fragments["title"],
        "fragments": {part: mark_safe(f"<!--{mark}-{part}-->") for part in ("toc", "document")},
        "standing": page.standing,
        "current": _in_force_in(page.timeline),
        "amendments": fragments["amendments"],
        "change_summary": fragments["change_summary"],
        "kinds": [(kind, KIND_SHORT[kind], KIND_LABELS[kind]) for kind in KIND_SHORT],
        "content_lang": fragments["content_lang"],
        "confirmation": reader.confirmation,
        "confirmed_before": reader.confirmed_before,
        "asked_on": page.asked_on,
        "asked_later": page.asked_on is not None and page.asked_on > timezone.localdate(),
        "date_error": date_error,
        "date_value": (page.asked_on or timezone.localdate()).isoformat(),
    }
    if csrf_token is not None:
        context["csrf_token"] = csrf_token
    facts = readers.reader(request)
    if shown_name is not None and facts is not None:
        # The page is kept for every reader with the same facts: drawn from them alone.
        shown = _ShownAs(facts, shown_name)
        context.update(
            user=shown,
            perms=PermWrapper(shown),
            can_view_draft=can_view_draft(shown),
            can_edit_draft=can_edit_draft(shown),
        )
    response = render(request, "codeapp/reading/version.html", context, status=status)
    head, _toc, rest = response.content.partition(f"<!--{mark}-toc-->".encode())
    middle, _document, tail = rest.partition(f"<!--{mark}-document-->".encode())
    response.content = b"".join([head, fragments["toc"], middle, fragments["document"], tail])
    return response


def _version_page(
    request: HttpRequest, page: VersionPage, *, date_error: str = "", status: int = 200
) -> HttpResponse:
    """A version's page: 304 when the reader has it already; otherwise kept, shared by the
    readers who see the same page (see _kept_page)."""
    has_message = bool(len(get_messages(request)))
    if has_message:
        # It follows a change (the thanks for confirming): the reader as they are now.
        readers.reader(request, checked=True)
    reader = _reader_state(request, page.version, page.standing)
    if status != 200 or has_message:
        # An error, or a message to show once: not for keeping, nor for a 304.
        return _render_version(request, page, reader, date_error=date_error, status=status)
    signed_in = readers.reader(request) is not None
    shared = _shared_parts(request, page)
    etag = f'"{pagecache.digest(*_page_parts(request, shared, reader))}"'
    last_modified = _last_modified(page, reader)
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        if request.GET or not pagecache.enabled():
            response = _render_version(request, page, reader)
        else:
            key = _kept_page_key(request, shared, reader)
            response = _kept_page(request, page, reader, key)
            # The same for every anonymous reader who asks the same (codeapp.caching.replay).
            response.replayable = not signed_in
    # Weak: a signed-in reader's CSRF token differs from one answer to the next.
    response["ETag"] = "W/" + etag
    response["Last-Modified"] = http_date(last_modified)
    _cache_control(request, response, page, signed_in)
    return response


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
        page.asked_on,
    )


def _page_parts(request: HttpRequest, shared: tuple, reader: ReaderState) -> tuple:
    """Everything that decides a version page's HTML for this reader, today (its ETag)."""
    parts = shared
    reader_facts = readers.reader(request)
    if reader_facts is not None:
        # The menu, the name in the header and the confirm box are the reader's own.
        parts += (
            reader_facts.pk,
            reader_facts.name,
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
    facts = readers.reader(request)
    if facts is not None:
        confirmed = reader.confirmation and timezone.localdate(reader.confirmation.confirmed_at)
        before = reader.confirmed_before and reader.confirmed_before.version_number
        permissions = sorted(facts.permissions)
        parts += ("reader", facts.is_staff, facts.is_superuser, *permissions, confirmed, before)
    return pagecache.make_key("version-page", *parts)


class _ShownAs:
    """A signed-in reader as a kept page's template sees them: their facts (what the page
    is kept by, see codeapp.reading.readers), with a stand-in for their name."""

    is_authenticated = True
    is_anonymous = False
    is_active = True

    def __init__(self, reader: readers.Reader, name: str) -> None:
        self._reader = reader
        self._name = name
        self.pk = self.id = reader.pk
        self.is_staff = reader.is_staff
        self.is_superuser = reader.is_superuser

    def get_username(self) -> str:
        return self._name

    def get_full_name(self) -> str:
        return self._name

    def __str__(self) -> str:
        return self._name

    def has_perm(self, perm: str, obj: object = None) -> bool:
        return obj is None and self._reader.has_perm(perm)

    def has_perms(self, perm_list, obj: object = None) -> bool:
        return all(self.has_perm(perm, obj) for perm in perm_list)

    def has_module_perms(self, app_label: str) -> bool:
        return self._reader.has_module_perms(app_label)


def _kept_page(
    request: HttpRequest, page: VersionPage, reader: ReaderState, key: str
) -> HttpResponse:
    """A version page kept whole, but for the reader's CSRF token and name.

    It is rendered once with stand-ins for both and kept cut at them: the pieces between,
    with a TOKEN or NAME mark between every two. Each reader's answer is those pieces sent
    one after the other with their own token and name in between (nothing copied).
    """

    def render_in_pieces() -> tuple[bool, list[bytes]]:
        holes = {secrets.token_urlsafe(24).encode(): mark for mark in (TOKEN, NAME)}
        token_hole, name_hole = holes
        rendered = _render_version(
            request, page, reader, csrf_token=token_hole.decode(), shown_name=name_hole.decode()
        )
        cut = re.split(b"(" + b"|".join(map(re.escape, holes)) + b")", rendered.content)
        pieces = [holes.get(piece, piece) if i % 2 else piece for i, piece in enumerate(cut)]
        return TOKEN in pieces[1::2], pieces

    needs_token, pieces = pagecache.get_or_build(key, render_in_pieces)
    facts = readers.reader(request)
    fill = {
        NAME: escape(facts.name if facts else "").encode(),
        # An anonymous reader's page has no form that needs a token: none is made, no cookie.
        TOKEN: get_token(request).encode() if needs_token else b"",
    }
    return InPieces([fill[p] if i % 2 else p for i, p in enumerate(pieces)])


class InPieces(HttpResponse):
    """An answer sent piece after piece as it is (WSGI takes any iterable of bytes), not
    copied into one: a megabyte copied is most of what a signed-in reader's page costs.
    Its content is joined only when asked for (by tests)."""

    def __init__(self, pieces: list[bytes], status: int = 200) -> None:
        super().__init__(status=status)
        self._container = pieces  # what HttpResponse sends and joins as its content
        self["Content-Length"] = str(sum(map(len, pieces)))


def _cache_control(
    request: HttpRequest, response: HttpResponse, page: VersionPage, signed_in: bool
) -> None:
    """Browsers may keep a version page; never a shared cache (it carries a CSRF token).

    The code in force, and any page of a signed-in reader (the confirm box), is checked
    each time (a 304 when unchanged); an anonymous reader's page of one version may be
    reused for a few minutes, as only where it stands in time can change, at midnight
    or when a new version is published. A code that is not public is kept by no browser:
    a copy would outlive signing out.
    """
    addressed_by_number = request.resolver_match.url_name == "version"
    if not settings.CODE_PUBLIC:
        patch_cache_control(response, private=True, no_store=True)
    elif addressed_by_number and not signed_in:
        patch_cache_control(response, private=True, max_age=VERSION_PAGE_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])


def _amendments(doc: dict) -> list[dict]:
    """The amendments a version incorporates, with dates to format in the reader's language."""
    day = parse_day
    return [
        {
            "number": a["number"],
            "title": a["title"],
            "decided_on": day(a["decided_on"]),
            "session": a["session"] and {**a["session"], "date": day(a["session"]["date"])},
        }
        for a in (doc["version"] or {}).get("amendments", [])
    ]


def _not_found(request: HttpRequest, heading: str, message: str) -> HttpResponse:
    context = {"heading": heading, "message": message, "date_value": ""}
    return render(request, "codeapp/reading/not_found.html", context, status=404)


@require_http_methods(["GET", "HEAD"])
@reader_required
def in_force(request: HttpRequest) -> HttpResponse:
    """The code in force today; `?on=YYYY-MM-DD` (the date picker) goes to that day's version."""
    date_error = ""
    if "on" in request.GET:
        day = day_or_none(request.GET["on"].strip())
        if day is not None:
            return redirect("codeapp:version-on", day=day.isoformat())
        date_error = _("Enter a date in the calendar, such as 2026-01-31.")
    status = 400 if date_error else 200
    timeline = _timeline(timezone.localdate())
    upcoming = next((s.version for s in timeline if s.state == "future"), None)
    version = _in_force_in(timeline) or upcoming
    if version is None:
        context = {"date_error": date_error, "date_value": ""}
        return render(request, "codeapp/reading/nothing_published.html", context, status=status)
    page = VersionPage(version, timeline)
    return _version_page(request, page, date_error=date_error, status=status)


@require_http_methods(["GET", "HEAD"])
@reader_required
def version(request: HttpRequest, number: int) -> HttpResponse:
    if redirect_ := canonical_redirect(request, reverse("codeapp:version", args=[number])):
        return redirect_
    timeline = _timeline(timezone.localdate())
    found = next((s.version for s in timeline if s.version.number == number), None)
    if found is None:
        raise Http404(f"There is no version {number}.")
    return _version_page(request, VersionPage(found, timeline))


@require_http_methods(["GET", "HEAD"])
@reader_required
def version_on(request: HttpRequest, day: str) -> HttpResponse:
    """The version in force on a day; a clear 404 for a day that does not exist or had none."""
    parsed = day_or_none(day)
    if parsed is None:
        return _not_found(
            request,
            _("Not a valid date"),
            _("“%(day)s” is not a date in the calendar. Write dates as YYYY-MM-DD.") % {"day": day},
        )
    timeline = _timeline(timezone.localdate())
    # The newest version that came into force on or before that day (the timeline is in
    # order of coming into force).
    started = [s.version for s in timeline if s.version.effective_from <= parsed]
    if not started:
        return _not_found(
            request,
            _("No version in force on that date"),
            _("No version of the code was in force on %(date)s.")
            % {"date": date_format(parsed, "DATE_FORMAT")},
        )
    return _version_page(request, VersionPage(started[-1], timeline, asked_on=parsed))


# ---------------------------------------------------------------------------------------------
# All versions, and comparing two of them


@require_http_methods(["GET", "HEAD"])
@reader_required
def versions(request: HttpRequest) -> HttpResponse:
    """All published versions, newest first; `?a=&b=` (the compare form) goes to the comparison."""
    timeline = _timeline(timezone.localdate())
    compare_error = ""
    if "a" in request.GET or "b" in request.GET:
        numbers = {s.version.number for s in timeline}
        a, b = request.GET.get("a", ""), request.GET.get("b", "")
        if a.isdigit() and b.isdigit() and int(a) in numbers and int(b) in numbers:
            return redirect("codeapp:version-compare", a=int(a), b=int(b))
        compare_error = _("Choose two published versions to compare.")
    rows = sorted(timeline, key=lambda s: s.version.number, reverse=True)
    context = {"rows": rows, "compare_error": compare_error, "date_value": ""}
    context.update(_compare_choices(rows))
    return render(
        request, "codeapp/reading/versions.html", context, status=400 if compare_error else 200
    )


def _compare_choices(rows: list[Standing], a: int | None = None, b: int | None = None) -> dict:
    """The versions the compare form offers (newest first) and which two it proposes."""
    numbers = [s.version.number for s in rows]
    if b is None:
        b = numbers[0] if numbers else None
        a = numbers[1] if len(numbers) > 1 else b
    return {"choices": rows, "compare_a": a, "compare_b": b}


@dataclass
class Counts:
    added: int
    removed: int
    changed: int
    reworded: int
    moved: int
    kind: int

    @property
    def total(self) -> int:
        return self.added + self.removed + self.changed


def _count(changes: list[Change]) -> Counts:
    changed = [c for c in changes if c.change == "changed"]
    return Counts(
        added=sum(c.change == "added" for c in changes),
        removed=sum(c.change == "removed" for c in changes),
        changed=len(changed),
        reworded=sum(bool(WORDING_FIELDS & set(c.fields)) for c in changed),
        moved=sum(bool({"parent", "position"} & set(c.fields)) for c in changed),
        kind=sum("kind" in c.fields for c in changed),
    )


def _compare(old_doc: dict, new_doc: dict) -> tuple[list[Change], list[ChangeView]]:
    """The changes from one document to another, and how the comparison partial shows them."""
    changes = compare(old_doc, new_doc)
    return changes, present(changes, old_doc, new_doc)


def _comparison(old: CodeVersion, new: CodeVersion) -> dict:
    """The changes from one version to another, rendered and counted (kept: not personal)."""

    def render_comparison() -> dict:
        changes, shown = _compare(old.document, new.document)
        context = {"changes": shown, "link_version": new.number}
        html = render_to_string("codeapp/includes/_changes.html", context)
        return {"changes": html.encode(), "counts": _count(changes)}

    key = pagecache.make_key("comparison", old.sha256, new.sha256, get_language())
    return pagecache.get_or_build(key, render_comparison)


@require_http_methods(["GET", "HEAD"])
@reader_required
def version_compare(request: HttpRequest, a: int, b: int) -> HttpResponse:
    """What changed from version A to version B, in that order (A may be the newer one)."""
    if redirect_ := canonical_redirect(request, reverse("codeapp:version-compare", args=[a, b])):
        return redirect_
    timeline = _timeline(timezone.localdate())
    by_number = {s.version.number: s.version for s in timeline}
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
    etag = f'"{pagecache.digest(*parts)}"'
    if len(get_messages(request)):
        return _with_validators(request, _render_comparison(request, old, new, timeline), etag)
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return _with_validators(request, not_modified, etag)
    if request.user.is_authenticated:
        response = _render_comparison(request, old, new, timeline)
    else:
        # Every anonymous reader sees the same page: kept whole.
        body = pagecache.get_or_build(
            pagecache.make_key(*parts),
            lambda: _render_comparison(request, old, new, timeline).content,
        )
        response = HttpResponse(body)
        response.replayable = True  # see codeapp.caching.replay
    return _with_validators(request, response, etag)


def _render_comparison(
    request: HttpRequest, old: CodeVersion, new: CodeVersion, timeline: list[Standing]
) -> HttpResponse:
    a, b = old.number, new.number
    kept = _comparison(old, new)
    rows = sorted(timeline, key=lambda s: s.version.number, reverse=True)
    mark = secrets.token_hex(16)
    context = {
        "old": old,
        "new": new,
        "backwards": a > b,
        "changes": mark_safe(f"<!--{mark}-changes-->"),
        "counts": kept["counts"],
        "compare_error": "",
        **_compare_choices(rows, a, b),
    }
    response = render(request, "codeapp/reading/compare.html", context)
    head, _changes, tail = response.content.partition(f"<!--{mark}-changes-->".encode())
    response.content = b"".join([head, kept["changes"], tail])
    return response


def _with_validators(request: HttpRequest, response: HttpResponse, etag: str) -> HttpResponse:
    """A comparison of two versions changes only with the language and the reader."""
    response["ETag"] = "W/" + etag  # weak: a signed-in reader's CSRF token differs
    if settings.CODE_PUBLIC:
        patch_cache_control(response, private=True, no_cache=True)
    else:
        patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["Cookie"])
    return response


# ---------------------------------------------------------------------------------------------
# Confirming having read the version in force


@require_http_methods(["POST"])
def version_confirm(request: HttpRequest, number: int) -> HttpResponse:
    version_url = reverse("codeapp:version", args=[number])
    if not request.user.is_authenticated:
        # Back to the reading page after signing in: this address only answers a POST.
        return redirect_to_login(version_url)
    version = _get_version_or_404(number, with_document=False)
    current = CodeVersion.objects.defer("document").in_force()
    if current is None or current.pk != version.pk:
        messages.error(
            request,
            _("Version %(number)d is not in force; only the version in force can be confirmed.")
            % {"number": version.number},
        )
        return redirect(version_url)
    confirmation = services.version_confirm(user=request.user, version=version)
    messages.success(
        request,
        _("Thank you. You confirmed on %(date)s that you have read version %(number)d.")
        % {
            "date": date_format(timezone.localtime(confirmation.confirmed_at), "DATE_FORMAT"),
            "number": version.number,
        },
    )
    return redirect(version_url)


@require_http_methods(["GET", "HEAD"])
@login_required
@permission_required("codeapp.view_confirmation", raise_exception=True)
def version_confirmations(request: HttpRequest, number: int) -> HttpResponse:
    """How many active users confirmed a version, and who has not yet (paginated)."""
    version = _get_version_or_404(number, with_document=False)
    active = get_user_model().objects.filter(is_active=True)
    total = active.count()
    confirmed = Confirmation.objects.filter(version=version, user__is_active=True).count()
    pending = active.exclude(code_confirmations__version=version).order_by(
        get_user_model().USERNAME_FIELD, "pk"
    )
    page = Paginator(pending, PENDING_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "version": version,
        "total": total,
        "confirmed": confirmed,
        "percentage": 100 * confirmed / total if total else 0,
        "page": page,
    }
    return render(request, "codeapp/reading/confirmations.html", context)


@require_http_methods(["GET", "HEAD"])
@login_required
def changes_since_confirmed(request: HttpRequest) -> HttpResponse:
    """For the signed-in user: what changed since the last version they confirmed."""
    current = CodeVersion.objects.in_force()
    confirmation = (
        Confirmation.objects.filter(user=request.user)
        .select_related("version")
        .order_by("-version__number")
        .first()
    )
    context: dict = {"current": current, "confirmation": confirmation}
    if current and confirmation and confirmation.version_id != current.pk:
        changes, context["changes"] = _compare(confirmation.version.document, current.document)
        context["counts"] = _count(changes)
    return render(request, "codeapp/reading/changes_since_confirmed.html", context)
