from django.conf import settings
from django.http import HttpRequest

from core.roles import can_edit_draft, can_view_draft

# Which part of the site a page belongs to, for the menu; by URL name.
READING_PAGES = {
    "in-force", "versions", "version", "version-on", "version-compare",
    "changes-since-confirmed", "version-confirmations",
}  # fmt: skip


def _section(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if match.namespace == "codeapp" and match.url_name in READING_PAGES:
        return "code"
    if match.namespace in ("codeapp", "values", "norms"):
        return "draft"
    return ""


def roles(request: HttpRequest) -> dict:
    """What the signed-in user may do, and where they are, for menus and buttons."""
    user = request.user
    return {
        "can_view_draft": can_view_draft(user),
        "can_edit_draft": can_edit_draft(user),
        "code_public": settings.CODE_PUBLIC,
        "nav_section": _section(request),
    }
