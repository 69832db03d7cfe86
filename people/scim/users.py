"""Users over SCIM: an account as a SCIM User, and a SCIM User written onto an account.

The mapping (README, "Provisioning (SCIM)"): userName → username; name.givenName and
name.familyName → first and last name (on creation without name parts, the displayName split
at its first space); the primary e-mail → email; externalId → Person.external_id; active →
is_active (leaving sets Person.left_at and ends the sessions, people.services); title →
Person.function; the enterprise extension's department → the person's unit (found by
external id, else by name, else made); employeeNumber and the addresses as sent → ScimUser;
our own extension's startDate → Person.joined_on (as the day in UTC).
"""

from datetime import UTC
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from scim2_models import (
    InvalidValueException,
    Meta,
    NotFoundException,
    UniquenessException,
)

from people.models import Person, ScimUser, Source, Unit
from people.scim.resources import Email, Employment, EnterpriseUser, Name, User
from people.services import account_deactivate, account_reactivate


def visible_users() -> QuerySet:
    """The accounts the identity provider sees: not the (break-glass) superusers, and not
    the ones it deleted."""
    return (
        get_user_model()
        .objects.filter(is_superuser=False)
        .filter(scim__removed_at__isnull=True)  # also true without a ScimUser row
        .select_related("person__unit", "scim")
        .order_by("pk")
    )


def user_for(resource_id: str, *, lock: bool = False) -> AbstractBaseUser:
    """The account, locked for the transaction when it is about to be written (`lock`): two
    writes of one account at once then follow each other, the second seeing the first."""
    if resource_id.isdigit():
        users = visible_users()
        if lock:
            users = users.select_for_update(of=("self",))
        user = users.filter(pk=int(resource_id)).first()
        if user is not None:
            return user
    raise NotFoundException(detail=f"User {resource_id[:60]!r} not found.")


def _related(user: AbstractBaseUser, name: str):
    try:
        return getattr(user, name)
    except AttributeError:  # RelatedObjectDoesNotExist: no row yet
        return None


def _emails(user: AbstractBaseUser, scim: ScimUser | None) -> list[Email] | None:
    if not user.email:
        return None
    if scim and any(e.get("value", "").lower() == user.email.lower() for e in scim.emails):
        return [Email.model_validate(e) for e in scim.emails]
    return [Email(value=user.email, type="work", primary=True)]


def _department(person: Person | None, scim: ScimUser | None) -> str | None:
    unit = person.unit if person else None
    if unit is None:
        return None
    if scim and scim.department in (unit.external_id, unit.name):
        return scim.department
    return unit.external_id or unit.name


def as_resource(user: AbstractBaseUser, location: str) -> User:
    """The account as the SCIM User the provider reads."""
    person: Person | None = _related(user, "person")
    scim: ScimUser | None = _related(user, "scim")
    name = None
    if user.first_name or user.last_name:
        name = Name(given_name=user.first_name or None, family_name=user.last_name or None)
    resource = User(
        id=str(user.pk),
        user_name=user.username,
        external_id=(person.external_id or None) if person else None,
        name=name,
        display_name=(scim.display_name or None) if scim else None,
        title=(person.function or None) if person else None,
        emails=_emails(user, scim),
        active=user.is_active,
        meta=Meta(
            resource_type="User",
            created=user.date_joined,
            last_modified=scim.updated_at if scim else user.date_joined,
            location=location,
        ),
    )
    department = _department(person, scim)
    employee_number = (scim.employee_number or None) if scim else None
    if department or employee_number:
        resource[EnterpriseUser] = EnterpriseUser(
            department=department, employee_number=employee_number
        )
    if scim and scim.start_date:
        resource[Employment] = Employment(start_date=scim.start_date)
    return resource


def _chosen_email(resource: User, current: str) -> tuple[str, list[dict]]:
    """The one address the account keeps, and the addresses as sent.

    The account has one address; the provider may send several. A new address wins over the
    one the account has (a PATCH `add` or a filtered `replace` leaves the old entry beside
    the new one); among several, the primary one, else a work address, else the first.
    """
    entries = [e for e in resource.emails or [] if e.value]
    sent = [e.model_dump(exclude_none=True) for e in entries]
    if not entries:
        return "", sent
    fresh = [e for e in entries if e.value.lower() != current.lower()] or entries
    for rule in (lambda e: e.primary, lambda e: e.type == "work", lambda e: True):
        for entry in fresh:
            if rule(entry):
                return str(entry.value), sent
    raise AssertionError("unreachable")  # pragma: no cover


def _unit_for(department: str) -> Unit:
    unit = Unit.objects.filter(external_id=department).first()
    if unit is None:
        unit = Unit.objects.filter(name=department).order_by("pk").first()
    if unit is None:
        if len(department) > 200:
            raise InvalidValueException(detail="The department is longer than 200 characters.")
        unit = Unit.objects.create(name=department)
    return unit


def _check_unique(user: AbstractBaseUser | None, resource: User) -> None:
    users = get_user_model().objects.all()
    people = Person.objects.all()
    if user is not None:
        users = users.exclude(pk=user.pk)
        people = people.exclude(user=user)
    if users.filter(username__iexact=resource.user_name).exists():
        raise UniquenessException(detail=f"The userName {resource.user_name!r} is taken.")
    if resource.external_id and people.filter(external_id=resource.external_id).exists():
        raise UniquenessException(detail=f"The externalId {resource.external_id!r} is taken.")


def write(resource: User, *, user: AbstractBaseUser | None = None) -> AbstractBaseUser:
    """Write the SCIM User onto the account (a new one when `user` is None); the account.

    The caller runs this in a transaction: a refusal anywhere leaves everything as it was.
    """
    resource.user_name = (resource.user_name or "").strip()
    if not resource.user_name:
        raise InvalidValueException(detail="userName is required.")
    if user is None:  # provisioned again after a deletion: the same account comes back
        user = (
            get_user_model()
            .objects.filter(username__iexact=resource.user_name, scim__removed_at__isnull=False)
            .first()
        )
    _check_unique(user, resource)
    creating = user is None
    user = user or get_user_model()(date_joined=timezone.now())
    scim = (_related(user, "scim") if not creating else None) or ScimUser(user=user)

    user.username = resource.user_name
    given = resource.name.given_name if resource.name else None
    family = resource.name.family_name if resource.name else None
    if creating and not (given or family) and resource.display_name:
        given, _space, family = resource.display_name.strip().partition(" ")
    user.first_name, user.last_name = (given or "").strip(), (family or "").strip()
    user.email, scim.emails = _chosen_email(resource, user.email or "")
    was_active = user.is_active if not creating else True
    if creating:
        user.set_unusable_password()
        user.is_active = True
    try:
        user.full_clean(exclude=["password"], validate_unique=False)
    except ValidationError as error:
        raise InvalidValueException(detail=_message(error)) from None
    user.save()

    person = Person.objects.filter(user=user).first() or Person(user=user, source=Source.SCIM)
    person.external_id = resource.external_id or ""
    person.function = resource.title or ""
    extension = resource[EnterpriseUser]
    department = (extension.department or "").strip() if extension else ""
    person.unit = _unit_for(department) if department else None
    employment = resource[Employment]
    start = employment.start_date if employment else None
    if start is not None:
        start = start.astimezone(UTC) if start.tzinfo else start.replace(tzinfo=UTC)
        person.joined_on = start.date()
    try:
        person.full_clean(validate_unique=False)
    except ValidationError as error:
        raise InvalidValueException(detail=_message(error)) from None
    person.save()

    scim.user = user
    scim.display_name = resource.display_name or ""
    scim.employee_number = (extension.employee_number or "") if extension else ""
    scim.department = department
    scim.start_date = start
    scim.removed_at = None
    try:
        scim.full_clean(exclude=["user"], validate_unique=False)
    except ValidationError as error:
        raise InvalidValueException(detail=_message(error)) from None
    scim.save()

    active = True if resource.active is None else resource.active
    if active and not was_active:
        account_reactivate(user=user)
    elif not active and was_active:
        account_deactivate(user=user)
    user.refresh_from_db()
    return user


def remove(user: AbstractBaseUser) -> None:
    """The provider deleted the account: deactivated and out of its sight, history kept."""
    account_deactivate(user=user)
    scim, _created = ScimUser.objects.get_or_create(user=user)
    scim.removed_at = timezone.now()
    scim.save(update_fields=["removed_at", "updated_at"])


def _message(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items())
    return " ".join(error.messages)


def user_payload(body: Any) -> Any:
    """A creation without `active` creates an active account (RFC 7643 leaves it open)."""
    if isinstance(body, dict) and not any(key.lower() == "active" for key in body):
        return {**body, "active": True}
    return body
