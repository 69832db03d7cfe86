from django.http import HttpRequest

from values.roles import can_edit_draft, can_view_draft


def roles(request: HttpRequest) -> dict[str, bool]:
    """What the signed-in user may do, for menus and buttons."""
    user = request.user
    return {"can_view_draft": can_view_draft(user), "can_edit_draft": can_edit_draft(user)}
