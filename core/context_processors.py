"""What every page's template knows: the user's roles and where they are in the menu."""

from django.conf import settings
from django.http import HttpRequest

from core.codes import active_code
from core.menu import menu_section
from core.roles import can_edit_draft, can_view_draft


def roles(request: HttpRequest) -> dict:
    """What the signed-in user may do, and where they are, for menus and buttons."""
    user = request.user
    return {
        "can_view_draft": can_view_draft(user),
        "can_edit_draft": can_edit_draft(user),
        "code_public": settings.CODE_PUBLIC and active_code().public,
        "nav_section": menu_section(request),
    }
