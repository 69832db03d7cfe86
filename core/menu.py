"""Which part of the site a page belongs to, for the main menu: the one way it is decided.

The menu in templates/base.html marks the section a page belongs to ("The code", "Working
draft", "Reflection", "Code health"). Pages are known by their URL names, which belong to
the apps above core: so each app, or the project that mounts them, declares its namespace's
sections here from its AppConfig.ready(), and core never names another app's URLs.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.http import HttpRequest


@dataclass(frozen=True)
class Sections:
    """The menu sections of one URL namespace: per URL name, else `default` ("" for none)."""

    default: str = ""
    pages: Mapping[str, str] = field(default_factory=dict)

    def of(self, url_name: str | None) -> str:
        return self.pages.get(url_name or "", self.default)


_BY_NAMESPACE: dict[str, Sections] = {}


def register_menu_sections(namespace: str, sections: Sections) -> None:
    """Declare which menu section the pages of a URL namespace belong to (at start-up)."""
    _BY_NAMESPACE[namespace] = sections


def menu_section(request: HttpRequest) -> str:
    """The section of the menu the requested page belongs to, or "" for none."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespace not in _BY_NAMESPACE:
        return ""
    return _BY_NAMESPACE[match.namespace].of(match.url_name)
