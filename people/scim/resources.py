"""What the SCIM service publishes: its resources, limited to what the product keeps.

scim2-models gives the resources, their validation and serialisation; the classes here
declare only the attributes this product stores, under the standard schema URNs. The
schemas the discovery endpoints publish are built from these classes, so a client (and the
scim2-tester conformance checker) sees exactly what a write here keeps and a read gives back.
Attributes a client sends that are not declared (phoneNumbers, addresses, …) are dropped
under the tolerant policy below rather than refused: identity providers send their whole
mapping, and refusing it would stop provisioning altogether.
"""

from datetime import datetime
from typing import Annotated, Any

from pydantic import EmailStr, Field
from scim2_models import (
    URN,
    AuthenticationScheme,
    Bulk,
    ChangePassword,
    ComplexAttribute,
    ETag,
    Extension,
    Filter,
    Mutability,
    Patch,
    Reference,
    Required,
    Resource,
    ResourceType,
    ScimPolicy,
    ServiceProviderConfig,
    Sort,
    Uniqueness,
)

# How many resources one page of a list holds at most (and when no `count` is asked).
MAX_RESULTS = 200

# Identity providers depart from the RFC in known ways: Microsoft Entra sends attributes this
# service does not keep, a `remove` with a value to say which entry, and a PATCH path filter
# (`emails[type eq "work"].value`) that matches no entry yet to mean "add it".
POLICY = ScimPolicy(
    unknown=ScimPolicy.Unknown.ignore,
    remove_value_as_filter=ScimPolicy.RemoveValue.apply,
    unmatched_path_filter=ScimPolicy.UnmatchedPathFilter.create,
)


class Name(ComplexAttribute):
    given_name: str | None = None
    """The given name: the account's first name."""

    family_name: str | None = None
    """The family name: the account's last name."""


class Email(ComplexAttribute):
    value: EmailStr | None = None
    """An e-mail address; the primary one is the account's address."""

    type: str | None = Field(None, examples=["work", "home", "other"])
    """A label: 'work', 'home' or 'other'."""

    primary: bool | None = None
    """Whether this is the address mail goes to."""


class EnterpriseUser(Extension):
    __schema__ = URN("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")

    employee_number: str | None = None
    """The personnel number, kept as given."""

    department: str | None = None
    """The unit the person belongs to: a unit's external id or name (made when new)."""


class Employment(Extension):
    """This product's own extension: what neither the core nor the enterprise schema holds.

    Accepted and given back, but not announced by the discovery endpoints: scim2-tester
    cannot make up a dateTime value and would fail on it, and no identity provider reads
    discovery to decide what to send (the mapping is configured there by hand; README).
    """

    __schema__ = URN("urn:ietf:params:scim:schemas:extension:livingcode:2.0:User")

    start_date: datetime | None = None
    """The day the person started (Entra: employeeHireDate); new employees confirm the code
    in force within a number of days of it. Kept as the day in UTC."""


class User(Resource[EnterpriseUser | Employment]):
    __schema__ = URN("urn:ietf:params:scim:schemas:core:2.0:User")

    user_name: Annotated[str | None, Required.true, Uniqueness.server] = None
    """The account's user name (unique)."""

    name: Name | None = None
    """The person's name."""

    display_name: str | None = None
    """The name to show; when no name parts are given it is split into first and last name."""

    title: str | None = None
    """The person's function."""

    emails: list[Email] | None = None
    """E-mail addresses; the primary one is the account's address."""

    # Required here so that every write says whether the account is active: an absent value
    # would have to mean something, and "removed" cannot (a user is active or not). A
    # creation without it is read as active (views.py fills it in), as RFC 7643 leaves it.
    active: Annotated[bool | None, Required.true] = None
    """Whether the person may sign in; false when they left the organisation."""


class GroupMember(ComplexAttribute):
    value: Annotated[str | None, Mutability.immutable, Required.true] = None
    """The id of the member (a User)."""

    ref: Annotated[Reference["User"] | None, Mutability.immutable] = Field(  # noqa: F821
        None, serialization_alias="$ref", validation_alias="$ref"
    )
    """The address of the member."""

    type: Annotated[str | None, Mutability.immutable] = Field(None, examples=["User"])
    """Always 'User': groups hold people, not other groups."""


class Group(Resource[Any]):
    __schema__ = URN("urn:ietf:params:scim:schemas:core:2.0:Group")

    display_name: Annotated[str | None, Required.true, Uniqueness.server] = None
    """The group's name, as the role mapping (ROLE_MAP) names it."""

    members: list[GroupMember] | None = None
    """The people in the group."""


MODELS: dict[str, type[Resource[Any]]] = {"User": User, "Group": Group}
ENDPOINTS = {"User": "/Users", "Group": "/Groups"}


def resource_types() -> list[ResourceType]:
    types = []
    for name, model in MODELS.items():
        resource_type = ResourceType.from_resource(model)
        resource_type.endpoint = ENDPOINTS[name]
        resource_type.schema_extensions = [
            extension
            for extension in resource_type.schema_extensions or []
            if str(extension.schema_) != str(Employment.__schema__)
        ] or None
        types.append(resource_type)
    return types


def schemas() -> list:
    return [
        User.to_schema(),
        EnterpriseUser.to_schema(),
        Group.to_schema(),
    ]


def service_provider_config() -> ServiceProviderConfig:
    return ServiceProviderConfig(
        patch=Patch(supported=True),
        bulk=Bulk(supported=False, max_operations=0, max_payload_size=0),
        filter=Filter(supported=True, max_results=MAX_RESULTS),
        change_password=ChangePassword(supported=False),
        sort=Sort(supported=False),
        etag=ETag(supported=False),
        authentication_schemes=[
            AuthenticationScheme(
                type=AuthenticationScheme.Type.oauthbearertoken,
                name="Bearer token",
                description="The token of the SCIM_TOKEN setting, as 'Authorization: Bearer …'.",
                primary=True,
            )
        ],
    )
