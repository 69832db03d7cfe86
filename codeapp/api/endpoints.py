"""The read-only JSON API: documents of published versions, the version list, comparisons.

Built on django-ninja: the OpenAPI document is generated from the typed endpoints below
(so it cannot drift from the code), it is maintained and widely used, and it is
Django-native — plain function views, Django's sessions for signing in, Django's URLs.

Every answer is JSON, errors included: {"detail": "<message>"} with 400 for bad input,
401 when the code is not public and nobody is signed in, 404 for what does not exist,
405 for any method but GET and HEAD, 503 (with Retry-After) while the database is
unreachable. Documents are sent exactly as stored in the
version (not through a schema that could reorder or drop keys); the schemas below
describe them in the OpenAPI document. Swagger's page is off: it loads from a CDN.
"""

import datetime
import functools
import logging
from collections.abc import Callable
from typing import Annotated, Any

from django.db.utils import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.urls import reverse
from django.utils import timezone
from django.utils.http import parse_etags, quote_etag
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Path, Query
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import SessionAuth
from pydantic import BeforeValidator, WithJsonSchema

from codeapp.api.comparison import comparison_document
from codeapp.api.schemas import CodeDocument, CodeSummary, Comparison, Error, VersionSummary
from codeapp.caching import pages as pagecache
from codeapp.caching import validators
from codeapp.codes.addresses import code_url
from codeapp.codes.listing import listed_codes
from codeapp.establishment.models import EstablishmentEntry
from codeapp.models import CodeVersion
from codeapp.ops import outage
from codeapp.reading.access import may_read
from codeapp.reading.timeline import published_versions
from codeapp.versions.documents import FORMAT
from core.dates import DAY_PATTERN, NotADay, parse_day

logger = logging.getLogger(__name__)

READ_METHODS = ["GET", "HEAD"]
OTHER_METHODS = ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]
MAX_VERSION = 2**31 - 1  # the largest number the database column holds


# ---------------------------------------------------------------------------------------------
# Access: the rule of the reading pages (codeapp.reading.access.may_read), said the API's way.


class ReaderAuth(SessionAuth):
    """Anyone may read when `CODE_PUBLIC` is on; otherwise only users signed in (session)."""

    openapi_description = "Django's session cookie: needed only when the code is not public."

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if not may_read(request):
            return None  # a 401 (_not_signed_in)
        return request.user if request.user.is_authenticated else True


api = NinjaAPI(
    title="Living code of conduct",
    version="1",
    description=(
        "Read-only access to the published versions of the code of conduct, each a "
        f"`{FORMAT}` document sealed with a SHA-256. When the code is not public, "
        "sign in first (Django session cookie)."
    ),
    urls_namespace="api",
    # The OpenAPI document is an endpoint of its own below, so that it is listed in itself
    # and answers like the others (JSON 405, HEAD). Swagger UI stays off: it loads from a CDN.
    openapi_url=None,
    docs_url=None,
    auth=ReaderAuth(csrf=False),  # GET and HEAD only: nothing for CSRF to protect
)


def _version_number(raw: object) -> object:
    # Pydantic would read "1.0", "+1" or "1_0" as a number; a version's URL has one spelling.
    if not (isinstance(raw, str) and raw.isascii() and raw.isdigit()):
        raise ValueError("must be a version number: a whole number such as 1, 2 or 3")
    if len(raw) > len(str(MAX_VERSION)) or not 1 <= int(raw) <= MAX_VERSION:
        raise ValueError(f"must be a version number from 1 to {MAX_VERSION}")
    return raw


VersionNumber = Annotated[
    int,
    BeforeValidator(_version_number),
    Path(ge=1, le=MAX_VERSION, description="A version number: 1, 2, 3 …"),
]


# ---------------------------------------------------------------------------------------------
# Errors: always {"detail": ...} as JSON.


def _error(request: HttpRequest, status: int, detail: str) -> HttpResponse:
    return api.create_response(request, {"detail": detail}, status=status)


@api.exception_handler(ValidationError)
def _bad_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    problems = []
    for error in exc.errors:
        name = error["loc"][-1] if error.get("loc") else "input"
        message = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
        problems.append(f"{name}: {message}")
    return _error(request, 400, "; ".join(problems) or _("The request is not valid."))


@api.exception_handler(AuthenticationError)
def _not_signed_in(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, _("The code is not public: sign in to read it."))


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, str(exc))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, str(exc) or _("Not found."))


@api.exception_handler(OperationalError)
@api.exception_handler(InterfaceError)
def _database_down(request: HttpRequest, exc: Exception) -> HttpResponse:
    # The same 503 with Retry-After as the pages give while the database is unreachable.
    return outage.unavailable(request)


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    # Ninja's default re-raises, and Django would answer with its HTML error page.
    logger.exception("API error on %s", request.path)
    return _error(request, 500, _("Something went wrong on our side."))


def _method_not_allowed(request: HttpRequest) -> HttpResponse:
    response = _error(
        request, 405, _("Method %(method)s is not allowed: this API is read-only.")
        % {"method": request.method},
    )  # fmt: skip
    response["Allow"] = ", ".join(READ_METHODS)
    return response


def endpoint(path: str, *, url_name: str, summary: str, **options: Any) -> Callable:
    """Register `view` for GET on `path` (documented) and HEAD; other methods get a JSON 405."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)  # ninja reads the parameters through __wrapped__
        def read_only(request: HttpRequest, *args, **kwargs) -> Any:
            if request.method not in READ_METHODS:
                return _method_not_allowed(request)
            return view(request, *args, **kwargs)

        api.get(path, url_name=url_name, summary=summary, **options)(view)
        api.api_operation(["HEAD", *OTHER_METHODS], path, include_in_schema=False, **options)(
            read_only
        )
        return view

    return decorator


# ---------------------------------------------------------------------------------------------
# Endpoints


def _version(number: int) -> CodeVersion:
    """The version, its document left in the database until something reads it."""
    version = next((v for v in published_versions() if v.number == number), None)
    if version is None:
        raise HttpError(404, _("There is no version %(number)d.") % {"number": number})
    return version


def _not_modified(request: HttpRequest, etag: str) -> bool:
    """Whether the client's If-None-Match names `etag` (weak comparison, as for GET)."""
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    etags = parse_etags(header)
    return "*" in etags or etag in {e.removeprefix("W/") for e in etags}


def _document_response(
    request: HttpRequest, version: CodeVersion, *, in_force: bool = False
) -> HttpResponse:
    """The version's document exactly as stored, tagged with its seal."""
    etag = quote_etag(version.sha256)
    if _not_modified(request, etag):
        response = HttpResponseNotModified()
    else:
        # Straight from the stored dict (a response schema could reorder or drop keys),
        # serialised once per seal: the document never changes.
        body = pagecache.get_or_build(
            pagecache.make_key("api-document", version.sha256),
            lambda: api.renderer.render(request, version.document, response_status=200),
        )
        response = HttpResponse(body, content_type=api.get_content_type())
    response["ETag"] = etag
    # A version's document never changes; which version is in force does.
    validators.patch_sealed_cache_control(response, in_force=in_force)
    return response


# Described as a date for clients; read by _parse_day, which names a bad value clearly.
DAY_SCHEMA = {"type": "string", "format": "date", "pattern": f"^{DAY_PATTERN}$"}
DayText = Annotated[str, WithJsonSchema(DAY_SCHEMA)]

DOCUMENT_RESPONSES = {200: CodeDocument, 304: None, 400: Error, 401: Error, 404: Error}


@endpoint("/code", url_name="code", response=DOCUMENT_RESPONSES, summary="The code in force")
def code_in_force(
    request: HttpRequest,
    on: Annotated[
        DayText | None,
        Query(
            description="A date, YYYY-MM-DD: the version in force on that day (default today).",
            example="2026-01-01",
        ),
    ] = None,
) -> HttpResponse:
    """The document of the version in force today, or on the date `on`.

    It changes when a new version comes into force, so it is sent with
    `Cache-Control: no-cache` and an ETag (the version's seal) to revalidate with
    (`private, no-store` when the code is not public).
    """
    day = _parse_day(on) if on is not None else timezone.localdate()
    version = CodeVersion.objects.defer("document").in_force_on(day)
    if version is None:
        raise HttpError(
            404, _("No version of the code is in force on %(day)s.") % {"day": day.isoformat()}
        )
    return _document_response(request, version, in_force=True)


def _parse_day(raw: str) -> datetime.date:
    try:
        return parse_day(raw)
    except NotADay:
        raise HttpError(
            400, _("on: “%(raw)s” is not a date; use YYYY-MM-DD.") % {"raw": raw[:40]}
        ) from None


@endpoint(
    "/versions",
    url_name="versions",
    response={200: list[VersionSummary], 401: Error},
    summary="All published versions, newest first",
    exclude_unset=True,  # `establishment_log` only where there is one
)
def versions(request: HttpRequest) -> list[dict]:
    logs: dict[int, list[dict]] = {}
    for entry in EstablishmentEntry.objects.order_by("pk"):
        logs.setdefault(entry.version_id, []).append(
            {
                "step": entry.step,
                "fields": entry.fields,
                "recorded_at": timezone.localtime(entry.recorded_at),
                "previous_sha256": entry.previous_sha256,
                "sha256": entry.sha256,
            }
        )
    return [
        {
            "number": v.number,
            "effective_from": v.effective_from,
            "published_at": timezone.localtime(v.published_at),
            "established_by": v.established_by,
            "change_summary": v.change_summary,
            "sha256": v.sha256,
            "previous_sha256": v.previous_sha256 or None,
            "url": request.build_absolute_uri(reverse("api:version", args=[v.number])),
            **({"establishment_log": logs[v.pk]} if v.pk in logs else {}),
        }
        for v in CodeVersion.objects.defer("document").order_by("-number")
    ]


@endpoint(
    "/codes",
    url_name="codes",
    auth=None,
    response={200: list[CodeSummary]},
    summary="The organisation's codes that you may read",
)
def codes(request: HttpRequest) -> list[dict]:
    """Each code with a published version that the reader may read (one query)."""
    rows = listed_codes(timezone.localdate(), signed_in=request.user.is_authenticated, staff=False)
    return [
        {
            "slug": row.code.slug,
            "title": row.title,
            "language": row.version.published_language,
            "audience": row.code.audience,
            "main": row.code.is_main,
            "latest_version": {
                "number": row.version.number,
                "effective_from": row.version.effective_from,
                "sha256": row.version.sha256,
            },
            "url": request.build_absolute_uri(code_url(row.code, "api:code", twin=True)),
            "reading_url": request.build_absolute_uri(code_url(row.code, "codeapp:in-force")),
        }
        for row in rows
    ]


@api.api_operation(
    ["GET", "HEAD", *OTHER_METHODS],
    "/codes/{slug}/{path:rest}",
    url_name="unknown-code",
    auth=None,
    include_in_schema=False,
)
def unknown_code(request: HttpRequest, slug: str, rest: str) -> HttpResponse:
    """/api/v1/codes/<slug>/… of a code there is not (a known code's are its own URLs)."""
    return _error(request, 404, _("There is no code “%(slug)s”.") % {"slug": slug})


@endpoint(
    "/versions/{number}",
    url_name="version",
    response=DOCUMENT_RESPONSES,
    summary="One version's document",
)
def version_document(request: HttpRequest, number: VersionNumber) -> HttpResponse:
    """The document of version `number`, with its seal as ETag (answers If-None-Match)."""
    return _document_response(request, _version(number))


@endpoint(
    "/compare/{a}/{b}",
    url_name="compare",
    response={200: Comparison, 400: Error, 401: Error, 404: Error},
    by_alias=True,  # "from"
    summary="What changed from version a to version b",
)
def compare(request: HttpRequest, a: VersionNumber, b: VersionNumber) -> HttpResponse:
    """One entry per item that differs, in the order of the newer version (design.md)."""
    # Named `compare`: ninja names the HEAD route after the function (the URL name api:compare).
    old, new = _version(a), _version(b)

    def render_comparison() -> bytes:
        document = comparison_document(old.document, new.document, old.number, new.number)
        # Through the response schema, as an answer built per request would be.
        shaped = Comparison.model_validate(document).model_dump(mode="json", by_alias=True)
        return api.renderer.render(request, shaped, response_status=200)

    key = pagecache.make_key("api-comparison", old.sha256, new.sha256, get_language())
    body = pagecache.get_or_build(key, render_comparison)
    return HttpResponse(body, content_type=api.get_content_type())


@endpoint(
    "/openapi.json",
    url_name="openapi-json",
    response={200: dict[str, Any]},
    auth=None,
    summary="This API described in OpenAPI 3.1",
)
def openapi_document(request: HttpRequest) -> dict:
    return openapi_schema()


def openapi_schema() -> dict:
    """Ninja's document, with the sign-in optional: anyone reads while the code is public.

    OpenAPI writes "optional" as an empty alternative; without it, clients (and
    schemathesis) take the session cookie for a requirement.
    """
    document = api.get_openapi_schema()
    for operations in document["paths"].values():
        for operation in operations.values():
            if operation.get("security"):
                operation["security"] = [{}, *operation["security"]]
    return document


# Anything else under the API is a JSON 404, not Django's HTML page. Registered last:
# Django tries the patterns in order.
def _no_such_endpoint(request: HttpRequest) -> HttpResponse:
    return _error(
        request, 404, _("No such endpoint; see %(url)s.") % {"url": reverse("api:openapi-json")}
    )


@api.api_operation(READ_METHODS + OTHER_METHODS, "/", auth=None, include_in_schema=False)
def api_root(request: HttpRequest) -> HttpResponse:
    return _no_such_endpoint(request)


@api.api_operation(READ_METHODS + OTHER_METHODS, "/{path:rest}", auth=None, include_in_schema=False)
def unknown_path(request: HttpRequest, rest: str) -> HttpResponse:
    return _no_such_endpoint(request)
