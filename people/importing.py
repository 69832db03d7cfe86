"""Accounts and units from a CSV file, for organisations without SCIM provisioning.

One row per person; the header names the columns, in any order:

    username (required), email, first_name, last_name, external_id, unit, parent_unit,
    function, joined_on (YYYY-MM-DD), roles, manages, active

`roles` and `manages` hold several values separated by `;`: role names (the Django groups
"editor", "integrity officer") and the names (or external ids) of the units the person
manages. A column the file has is the truth for every row (an empty `roles` cell takes the
roles away); a column it lacks leaves that part of existing accounts alone.

The import runs whole in one transaction: every row is checked and written, each in a
savepoint so one bad row cannot hide the next; then, on any error or in a dry run, all of it
is rolled back. So a dry run reports exactly what the real run would do, and an import with
an error writes nothing (on SQLite as on PostgreSQL).
"""

import csv
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from core.dates import NotADay, parse_day
from core.roles import EDITOR_GROUP, OFFICER_GROUP
from people.models import Person, RoleChange, Source, Unit, UnitManager
from people.roles import set_groups
from people.services import account_deactivate, account_reactivate

COLUMNS = (
    "username", "email", "first_name", "last_name", "external_id", "unit", "parent_unit",
    "function", "joined_on", "roles", "manages", "active",
)  # fmt: skip
ROLES = (EDITOR_GROUP, OFFICER_GROUP)
_YES = {"1", "yes", "ja", "true"}
_NO = {"0", "no", "nee", "false"}


class RowError(Exception):
    def __init__(self, column: str, message: str):
        self.column, self.message = column, message


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    units_created: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def users_import(*, text: str, apply: bool) -> Report:
    """Import the CSV `text`; written only when `apply` and no row has an error."""
    report = Report()
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in reader.fieldnames or []]
    unknown = [name for name in header if name not in COLUMNS]
    if "username" not in header:
        report.errors.append("line 1: the header has no column 'username'.")
    if unknown:
        report.errors.append(
            f"line 1: unknown column(s) {', '.join(map(repr, unknown))}; "
            f"the columns are {', '.join(COLUMNS)}."
        )
    if report.errors:
        return report
    reader.fieldnames = header
    seen: dict[str, int] = {}
    with transaction.atomic():
        for row in reader:
            line = reader.line_num
            if None in row:  # more cells than the header has columns
                report.errors.append(f"line {line}: more cells than columns in the header.")
                continue
            cells = {key: (value or "").strip() for key, value in row.items()}
            try:
                with transaction.atomic():
                    _import_row(cells, header, report, seen, line)
            except RowError as error:
                report.errors.append(f"line {line}, column {error.column}: {error.message}")
        if reader.line_num <= 1:
            report.errors.append("the file has no rows below the header.")
        if report.errors or not apply:
            transaction.set_rollback(True)
    return report


def _import_row(cells: dict, header: list, report: Report, seen: dict, line: int) -> None:
    username = cells["username"]
    if not username:
        raise RowError("username", "is empty.")
    if username.lower() in seen:
        raise RowError("username", f"{username!r} is on line {seen[username.lower()]} too.")
    seen[username.lower()] = line
    user_model = get_user_model()
    user = user_model.objects.filter(username__iexact=username).first()
    if user is not None and user.is_superuser:
        raise RowError("username", f"{username!r} is an administrator; change it in the admin.")
    creating = user is None
    if creating:
        user = user_model(username=username)
        user.set_unusable_password()

    for column, attribute in (("email", "email"), ("first_name", "first_name"),
                              ("last_name", "last_name")):  # fmt: skip
        if column in header:
            setattr(user, attribute, cells[column])
    if cells.get("email"):
        try:
            validate_email(cells["email"])
        except ValidationError:
            raise RowError("email", f"{cells['email']!r} is not an e-mail address.") from None
    _clean(user, exclude=["password"])
    user.save()

    person = Person.objects.filter(user=user).first() or Person(user=user, source=Source.IMPORT)
    if "external_id" in header:
        taken = Person.objects.filter(external_id=cells["external_id"]).exclude(user=user)
        if cells["external_id"] and taken.exists():
            raise RowError("external_id", f"{cells['external_id']!r} belongs to someone else.")
        person.external_id = cells["external_id"]
    if "function" in header:
        person.function = cells["function"]
    if "joined_on" in header:
        if cells["joined_on"]:
            try:
                person.joined_on = parse_day(cells["joined_on"])
            except NotADay as error:
                raise RowError("joined_on", f"{error}.") from None
        elif creating:
            person.joined_on = timezone.localdate()
    if "unit" in header:
        parent = (
            _unit(cells["parent_unit"], None, report, "parent_unit")
            if cells.get("parent_unit")
            else None
        )
        person.unit = _unit(cells["unit"], parent, report, "unit") if cells["unit"] else None
    elif cells.get("parent_unit"):
        raise RowError("parent_unit", "is given without a unit.")
    _clean(person, exclude=["user"])
    person.save()

    if "roles" in header:
        wanted = [role.strip() for role in cells["roles"].split(";") if role.strip()]
        if unknown := [role for role in wanted if role not in ROLES]:
            raise RowError(
                "roles", f"no role {unknown[0]!r}; the roles are {', '.join(map(repr, ROLES))}."
            )
        if missing := set(wanted) - set(Group.objects.values_list("name", flat=True)):
            raise RowError("roles", f"the role {sorted(missing)[0]!r} does not exist here.")
        set_groups(user, wanted, managed=ROLES, source=Source.IMPORT)
    if "manages" in header:
        _set_managed(user, cells["manages"], report)
    if "active" in header and cells["active"]:
        value = cells["active"].lower()
        if value not in _YES | _NO:
            raise RowError("active", f"{cells['active']!r} is not yes or no (1/0).")
        if value in _YES:
            account_reactivate(user=user)
        else:
            account_deactivate(user=user)
    if creating:
        report.created += 1
    else:
        report.updated += 1


def _clean(instance, exclude: list[str]) -> None:
    try:
        instance.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as error:
        [(column, messages)] = list(error.message_dict.items())[:1]
        raise RowError(column, " ".join(messages)) from None


def _unit(name: str, parent: Unit | None, report: Report, column: str) -> Unit:
    """The unit named (by external id or name), made when new; placed under `parent`."""
    unit = Unit.objects.filter(external_id=name).first() or (
        Unit.objects.filter(name=name).order_by("pk").first()
    )
    if unit is None:
        if len(name) > 200:
            raise RowError(column, "is longer than 200 characters.")
        report.units_created.append(name)
        return Unit.objects.create(name=name, parent=parent)
    if parent is not None and unit.parent_id != parent.pk:
        if unit.parent_id is not None:
            raise RowError(
                "parent_unit",
                f"{unit.name!r} lies under {unit.parent.name!r}, not {parent.name!r}.",
            )
        ancestor: Unit | None = parent
        while ancestor is not None:
            if ancestor.pk == unit.pk:
                raise RowError("parent_unit", f"{parent.name!r} lies within {unit.name!r}.")
            ancestor = ancestor.parent
        unit.parent = parent
        unit.save(update_fields=["parent"])
    return unit


def _set_managed(user: AbstractBaseUser, cell: str, report: Report) -> None:
    """Make the person manager of exactly the units named; each change recorded."""
    names = [name.strip() for name in cell.split(";") if name.strip()]
    wanted = {_existing_unit(name): name for name in names}
    current = {row.unit_id: row for row in UnitManager.objects.filter(user=user)}
    changes = []
    for unit, _name in wanted.items():
        if unit.pk not in current:
            UnitManager.objects.create(unit=unit, user=user, source=Source.IMPORT)
            changes.append((f"manager of {unit.name}", RoleChange.Change.GRANTED))
    kept = {unit.pk for unit in wanted}
    for unit_id, row in current.items():
        if unit_id not in kept:
            changes.append((f"manager of {row.unit.name}", RoleChange.Change.REVOKED))
            row.delete()
    RoleChange.objects.bulk_create(
        RoleChange(user=user, role=role, change=change, source=Source.IMPORT)
        for role, change in changes
    )


def _existing_unit(name: str) -> Unit:
    unit = Unit.objects.filter(external_id=name).first() or (
        Unit.objects.filter(name=name).order_by("pk").first()
    )
    if unit is None:
        raise RowError("manages", f"no unit {name!r} (name it in the unit column of a row first).")
    return unit
