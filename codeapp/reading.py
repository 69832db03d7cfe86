"""Reading the published code: in force, any version, on a date, compared and confirmed.

Every page renders from a version's sealed JSON document, never from the live draft
tables: a reader sees exactly what was established, in a fixed number of queries
whatever the size of the code.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from codeapp import provenance, services
from codeapp.compare import KIND_LABELS, Change, ChangeView, compare, present
from codeapp.documents import Item, items
from codeapp.models import CodeVersion, Confirmation

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
_ISO_DAY = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def reader_required(view: View) -> View:
    """Let anyone read when the code is public (CODE_PUBLIC); otherwise signed-in users only."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not settings.CODE_PUBLIC and not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def _get_version_or_404(number: int, *, with_document: bool = True) -> CodeVersion:
    versions = CodeVersion.objects.all() if with_document else CodeVersion.objects.defer("document")
    return get_object_or_404(versions, number=number)


def _parse_day(text: str) -> datetime.date | None:
    """A calendar date written YYYY-MM-DD, or None (2026-02-30 is not one)."""
    if not _ISO_DAY.match(text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Where each version stands in time


@dataclass
class Standing:
    """A version's place on the timeline, seen from `today`.

    state: "in-force", "old" (in force until `until`), "future", or "never" (a later
    version came into force on the same day, so this one never applied).
    """

    version: CodeVersion
    state: str
    until: datetime.date | None = None
    successor: CodeVersion | None = None


def _timeline(today: datetime.date) -> list[Standing]:
    """Every version (without its document) in the order they come into force."""
    ordered = list(CodeVersion.objects.defer("document").order_by("effective_from", "number"))
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

    `origins` (codeapp.provenance.for_reading) says where each value's and norm's
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


def _render_version(
    request: HttpRequest,
    version: CodeVersion,
    *,
    asked_on: datetime.date | None = None,
    date_error: str = "",
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    timeline = _timeline(today)
    standing = next(s for s in timeline if s.version.pk == version.pk)
    confirmation = confirmed_before = None
    if standing.state == "in-force" and request.user.is_authenticated:
        latest = (
            Confirmation.objects.filter(user=request.user)
            .annotate(version_number=F("version__number"))
            .order_by("-version__number")
            .first()
        )
        if latest is not None and latest.version_id == version.pk:
            confirmation = latest
        else:
            confirmed_before = latest
    doc = version.document
    context = {
        "version": version,
        "doc": doc,
        "reading": read_document(
            doc, source=citation_source(version), origins=provenance.for_reading(version)
        ),
        "standing": standing,
        "current": _in_force_in(timeline),
        "amendments": _amendments(doc),
        "kinds": [(kind, KIND_SHORT[kind], KIND_LABELS[kind]) for kind in KIND_SHORT],
        # The code may be written in another language than the interface speaks.
        "content_lang": doc["language"] if doc["language"] != get_language() else "",
        "version_url": reverse("codeapp:version", args=[version.number]),
        "absolute_url": request.build_absolute_uri(
            reverse("codeapp:version", args=[version.number])
        ),
        "confirmation": confirmation,
        "confirmed_before": confirmed_before,
        "asked_on": asked_on,
        "date_error": date_error,
        "date_value": (asked_on or today).isoformat(),
    }
    return render(request, "codeapp/reading/version.html", context, status=status)


def _amendments(doc: dict) -> list[dict]:
    """The amendments a version incorporates, with dates to format in the reader's language."""
    day = datetime.date.fromisoformat
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
        day = _parse_day(request.GET["on"].strip())
        if day is not None:
            return redirect("codeapp:version-on", day=day.isoformat())
        date_error = _("Enter a date in the calendar, such as 2026-01-31.")
    status = 400 if date_error else 200
    version = CodeVersion.objects.in_force() or CodeVersion.objects.upcoming().first()
    if version is None:
        context = {"date_error": date_error, "date_value": ""}
        return render(request, "codeapp/reading/nothing_published.html", context, status=status)
    return _render_version(request, version, date_error=date_error, status=status)


@require_http_methods(["GET", "HEAD"])
@reader_required
def version(request: HttpRequest, number: int) -> HttpResponse:
    return _render_version(request, _get_version_or_404(number))


@require_http_methods(["GET", "HEAD"])
@reader_required
def version_on(request: HttpRequest, day: str) -> HttpResponse:
    """The version in force on a day; a clear 404 for a day that does not exist or had none."""
    parsed = _parse_day(day)
    if parsed is None:
        return _not_found(
            request,
            _("Not a valid date"),
            _("“%(day)s” is not a date in the calendar. Write dates as YYYY-MM-DD.") % {"day": day},
        )
    found = CodeVersion.objects.in_force_on(parsed)
    if found is None:
        return _not_found(
            request,
            _("No version in force on that date"),
            _("No version of the code was in force on %(date)s.")
            % {"date": date_format(parsed, "DATE_FORMAT")},
        )
    return _render_version(request, found, asked_on=parsed)


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


@require_http_methods(["GET", "HEAD"])
@reader_required
def version_compare(request: HttpRequest, a: int, b: int) -> HttpResponse:
    """What changed from version A to version B, in that order (A may be the newer one)."""
    old, new = _get_version_or_404(a), _get_version_or_404(b)
    changes, shown = _compare(old.document, new.document)
    rows = sorted(_timeline(timezone.localdate()), key=lambda s: s.version.number, reverse=True)
    context = {
        "old": old,
        "new": new,
        "backwards": a > b,
        "changes": shown,
        "counts": _count(changes),
        "compare_error": "",
        **_compare_choices(rows, a, b),
    }
    return render(request, "codeapp/reading/compare.html", context)


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
