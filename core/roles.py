"""Who may do what. Roles are Django groups carrying model permissions.

Every signed-in user is an employee; the groups below add editing (P&O/HR) and
reviewing/publishing (integrity officers). Views check permissions, never group
names, so an administrator can shape roles in the admin.
"""

from functools import cache

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from core.models import CodeItem

EDITOR_GROUP = "editor"
OFFICER_GROUP = "integrity officer"


@cache
def _draft_permission(action: str) -> str:
    """`action` ("view", "change") on the working draft: that permission on its top items.

    The top items are the one kind of item with no parent (core values); found among the
    installed models, so core names no app above it.
    """
    [top] = [
        model
        for model in apps.get_models()
        if issubclass(model, CodeItem) and model.parent_field is None
    ]
    return f"{top._meta.app_label}.{action}_{top._meta.model_name}"


def can_view_draft(user: AbstractBaseUser | AnonymousUser) -> bool:
    return user.has_perm(_draft_permission("view"))


def can_edit_draft(user: AbstractBaseUser | AnonymousUser) -> bool:
    return user.has_perm(_draft_permission("change"))


def person_name(user: AbstractBaseUser | None) -> str:
    """How a person is shown anywhere in the interface: the full name when known."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
