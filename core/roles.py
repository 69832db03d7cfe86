"""Who may do what. Roles are Django groups carrying model permissions.

Every signed-in user is an employee; the groups below add editing (P&O/HR) and
reviewing/publishing (integrity officers). Views check permissions, never group
names, so an administrator can shape roles in the admin.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

EDITOR_GROUP = "editor"
OFFICER_GROUP = "integrity officer"


def can_view_draft(user: AbstractBaseUser | AnonymousUser) -> bool:
    return user.has_perm("values.view_value")


def can_edit_draft(user: AbstractBaseUser | AnonymousUser) -> bool:
    return user.has_perm("values.change_value")


def person_name(user: AbstractBaseUser | None) -> str:
    """How a person is shown anywhere in the interface: the full name when known."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
