"""The SCIM 2.0 service (RFC 7644) under /scim/v2/: Users, Groups and discovery.

Every request: the bearer token of SCIM_TOKEN (compared in constant time; no token set means
no service: 404), no CSRF (a machine client with a token, no cookies), one transaction (a
refused write changes nothing), and any refusal as SCIM error JSON with its status.
"""

import functools
import hmac
import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from pydantic import ValidationError
from scim2_models import (
    Context,
    Error,
    InvalidSyntaxException,
    InvalidValueException,
    ListResponse,
    NotFoundException,
    NotImplementedException,
    PatchOp,
    PayloadTooLargeException,
    ResponseParameters,
    SCIMException,
    UnauthorizedException,
    UniquenessException,
)

from people.scim import groups, resources, users
from people.scim.filters import GROUP_ATTRIBUTES, USER_ATTRIBUTES, filter_query

CONTENT_TYPE = "application/scim+json"


def _answer(body: Any, status: int = 200, **headers: str) -> HttpResponse:
    response = JsonResponse(body, status=status, content_type=CONTENT_TYPE, safe=False)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _error(exception: SCIMException | Error) -> HttpResponse:
    error = exception if isinstance(exception, Error) else exception.to_error()
    response = _answer(error.model_dump(), status=error.status or 400)
    if error.status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="SCIM"'
    return response


def _authorised(request: HttpRequest) -> bool:
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        token.strip().encode(), settings.SCIM_TOKEN.encode()
    )


def scim_endpoint(*methods: str) -> Callable:
    """Token, methods, one transaction and SCIM errors around a view."""

    def decorate(view: Callable) -> Callable:
        @csrf_exempt
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not settings.SCIM_TOKEN:
                return _error(NotFoundException(detail="There is no SCIM service here."))
            if not _authorised(request):
                return _error(UnauthorizedException(detail="A valid bearer token is needed."))
            if request.method not in methods:
                response = _error(Error(status=405, detail=f"{request.method} is not allowed."))
                response["Allow"] = ", ".join(methods)
                return response
            try:
                # English details: they end up in the provider's provisioning logs, read by
                # administrators there, and the SCIM vocabulary is English.
                with translation.override("en"), resources.POLICY, transaction.atomic():
                    return view(request, *args, **kwargs)
            except SCIMException as exception:
                return _error(exception)
            except ValidationError as exception:
                return _error(Error.from_validation_errors(exception)[0])
            except IntegrityError:
                # Another request wrote the same unique value (a user name, an external id,
                # a group name) between our check and our write.
                return _error(
                    UniquenessException(detail="A value that must be unique was just taken.")
                )

        return wrapped

    return decorate


def _body(request: HttpRequest) -> Any:
    try:
        raw = request.body
    except RequestDataTooBig:
        raise PayloadTooLargeException(
            detail=f"The body is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes."
        ) from None
    try:
        return json.loads(raw or b"null")
    except (ValueError, UnicodeDecodeError):
        raise InvalidSyntaxException(detail="The body is not JSON.") from None


def _location(request: HttpRequest, name: str, pk: int | str | None = None) -> str:
    return request.build_absolute_uri(
        reverse(f"scim:{name}", kwargs={"resource_id": str(pk)} if pk is not None else None)
    )


def _parameters(request: HttpRequest, model: type) -> ResponseParameters:
    asked = {
        key: request.GET[key] for key in ("attributes", "excludedAttributes") if key in request.GET
    }
    return ResponseParameters[model].model_validate(asked)


def _dump(resource: Any, context: Context, parameters: ResponseParameters | None) -> dict:
    return resource.model_dump(scim_ctx=context, response_parameters=parameters)


def _page(request: HttpRequest) -> tuple[int, int]:
    def number(name: str, default: int) -> int:
        raw = request.GET.get(name, "")
        if not raw:
            return default
        try:
            return int(raw)
        except ValueError:
            raise InvalidValueException(detail=f"{name} is not a whole number.") from None

    start = max(number("startIndex", 1), 1)
    count = min(max(number("count", resources.MAX_RESULTS), 0), resources.MAX_RESULTS)
    return start, count


def _list(request: HttpRequest, queryset, attributes, publish, model) -> HttpResponse:
    if text := request.GET.get("filter", "").strip():
        queryset = queryset.filter(filter_query(text, attributes)).distinct()
    parameters = _parameters(request, model)
    start, count = _page(request)
    total = queryset.count()
    page = list(queryset[start - 1 : start - 1 + count]) if count else []
    return _answer(
        {
            "schemas": [str(ListResponse.__schema__)],
            "totalResults": total,
            "startIndex": start,
            "itemsPerPage": len(page),
            "Resources": [
                _dump(publish(item), Context.SEARCH_RESPONSE, parameters) for item in page
            ],
        }
    )


# Users -------------------------------------------------------------------------------------


def _user_resource(request: HttpRequest, user) -> resources.User:
    return users.as_resource(user, _location(request, "user", user.pk))


@scim_endpoint("GET", "POST")
def user_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        resource = resources.User.model_validate(
            users.user_payload(_body(request)), scim_ctx=Context.RESOURCE_CREATION_REQUEST
        )
        user = users.write(resource)
        created = _user_resource(request, user)
        return _answer(
            _dump(created, Context.RESOURCE_CREATION_RESPONSE, None),
            status=201,
            Location=created.meta.location,
        )
    return _list(
        request,
        users.visible_users(),
        USER_ATTRIBUTES,
        lambda user: _user_resource(request, user),
        resources.User,
    )


@scim_endpoint("GET", "PUT", "PATCH", "DELETE")
def user_detail(request: HttpRequest, resource_id: str) -> HttpResponse:
    user = users.user_for(resource_id, lock=request.method != "GET")
    current = _user_resource(request, user)
    if request.method == "DELETE":
        groups.forget_member(user)
        users.remove(user)
        return HttpResponse(status=204)
    if request.method == "GET":
        parameters = _parameters(request, resources.User)
        return _answer(_dump(current, Context.RESOURCE_QUERY_RESPONSE, parameters))
    if request.method == "PUT":
        replacement = resources.User.model_validate(
            _body(request), scim_ctx=Context.RESOURCE_REPLACEMENT_REQUEST
        )
        replacement.replace(current)
        replacement.id = current.id
        user = users.write(replacement, user=user)
    else:
        patch = PatchOp[resources.User].model_validate(
            _body(request), scim_ctx=Context.RESOURCE_PATCH_REQUEST
        )
        if patch.patch(current):
            user = users.write(current, user=user)
    parameters = _parameters(request, resources.User)
    written = _user_resource(request, users.user_for(str(user.pk)))
    return _answer(_dump(written, Context.RESOURCE_REPLACEMENT_RESPONSE, parameters))


# Groups ------------------------------------------------------------------------------------


def _group_resource(request: HttpRequest, group, with_members: bool = True) -> resources.Group:
    base = _location(request, "users")
    return groups.as_resource(
        group,
        _location(request, "group", group.pk),
        lambda pk: f"{base}/{pk}",
        with_members=with_members,
    )


def _members_asked(request: HttpRequest) -> bool:
    """Whether a read needs the members: a group of thousands is not loaded for nothing."""
    excluded = request.GET.get("excludedAttributes", "").lower().replace(" ", "").split(",")
    asked = request.GET.get("attributes", "").lower().replace(" ", "")
    return "members" not in excluded and (not asked or "members" in asked.split(","))


@scim_endpoint("GET", "POST")
def group_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        resource = resources.Group.model_validate(
            _body(request), scim_ctx=Context.RESOURCE_CREATION_REQUEST
        )
        group = groups.write(resource)
        created = _group_resource(request, group)
        return _answer(
            _dump(created, Context.RESOURCE_CREATION_RESPONSE, None),
            status=201,
            Location=created.meta.location,
        )
    with_members = _members_asked(request)
    return _list(
        request,
        groups.all_groups(with_members=with_members),
        GROUP_ATTRIBUTES,
        lambda group: _group_resource(request, group, with_members),
        resources.Group,
    )


@scim_endpoint("GET", "PUT", "PATCH", "DELETE")
def group_detail(request: HttpRequest, resource_id: str) -> HttpResponse:
    group = groups.group_for(resource_id, lock=request.method != "GET")
    if request.method == "DELETE":
        groups.remove(group)
        return HttpResponse(status=204)
    parameters = _parameters(request, resources.Group)
    if request.method == "GET":
        current = _group_resource(request, group, _members_asked(request))
        return _answer(_dump(current, Context.RESOURCE_QUERY_RESPONSE, parameters))
    current = _group_resource(request, group)
    if request.method == "PUT":
        replacement = resources.Group.model_validate(
            _body(request), scim_ctx=Context.RESOURCE_REPLACEMENT_REQUEST
        )
        replacement.replace(current)
        group = groups.write(replacement, group=group)
    else:
        patch = PatchOp[resources.Group].model_validate(
            _body(request), scim_ctx=Context.RESOURCE_PATCH_REQUEST
        )
        if patch.patch(current):
            group = groups.write(current, group=group)
    written = _group_resource(request, groups.group_for(str(group.pk)))
    return _answer(_dump(written, Context.RESOURCE_REPLACEMENT_RESPONSE, parameters))


# Discovery ---------------------------------------------------------------------------------


@scim_endpoint("GET")
def service_provider_config(request: HttpRequest) -> HttpResponse:
    config = resources.service_provider_config()
    config.meta = _meta("ServiceProviderConfig", _location(request, "service-provider-config"))
    return _answer(config.model_dump())


def _meta(kind: str, location: str):
    from scim2_models import Meta

    return Meta(resource_type=kind, location=location)


def _discovery_list(items: list) -> HttpResponse:
    return _answer(
        {
            "schemas": [str(ListResponse.__schema__)],
            "totalResults": len(items),
            "startIndex": 1,
            "itemsPerPage": len(items),
            "Resources": [item.model_dump() for item in items],
        }
    )


def _resource_types(request: HttpRequest) -> list:
    found = resources.resource_types()
    for item in found:
        item.meta = _meta("ResourceType", _location(request, "resource-type", item.id))
    return found


def _schemas(request: HttpRequest) -> list:
    found = resources.schemas()
    for item in found:
        item.meta = _meta("Schema", _location(request, "schema", item.id))
    return found


@scim_endpoint("GET")
def resource_type_list(request: HttpRequest) -> HttpResponse:
    return _discovery_list(_resource_types(request))


@scim_endpoint("GET")
def resource_type_detail(request: HttpRequest, resource_id: str) -> HttpResponse:
    for item in _resource_types(request):
        if item.id == resource_id:
            return _answer(item.model_dump())
    raise NotFoundException(detail=f"No resource type {resource_id[:60]!r}.")


@scim_endpoint("GET")
def schema_list(request: HttpRequest) -> HttpResponse:
    return _discovery_list(_schemas(request))


@scim_endpoint("GET")
def schema_detail(request: HttpRequest, resource_id: str) -> HttpResponse:
    for item in _schemas(request):
        if item.id == resource_id:
            return _answer(item.model_dump())
    raise NotFoundException(detail=f"No schema {resource_id[:60]!r}.")


@scim_endpoint("POST")
def search(request: HttpRequest) -> HttpResponse:
    raise NotImplementedException(detail="Search with POST /.search is not offered; use GET.")


@scim_endpoint("GET", "POST", "PUT", "PATCH", "DELETE")
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    raise NotFoundException(detail="There is nothing at this address.")
