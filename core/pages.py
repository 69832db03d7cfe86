"""The pages above core that the item kernel links to, named by the apps that own them.

core knows no value, norm or version, and no URL name of an app above it (the layer rule,
docs/architecture.md). Where the kernel must point at a page it does not own, the owner
tells it at start-up, in its `AppConfig.ready()`:

- the *landing page*, where an editor lands after working on an item (and where Cancel
  goes): codeapp names its working draft, placed at the item;
- the *Markdown preview*, which the Markdown fields ask while the editor types: values
  names the endpoint it mounts;
- a *published version* (`page_url("version", number)`) and the employee's *suggestion*
  page (`page_url("suggest")`), which reflection's pages link to: codeapp provides them.

core never names either; a page nobody named is a configuration error, said loudly.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

# Set once at start-up; read on every request. The landing page is the page named "landing".
_preview_url_name: str | None = None
_pages: dict[str, Callable[..., str]] = {}


def set_landing_page(page: Callable[[Any], str]) -> None:
    """Name the page an editor lands on after working on an item.

    `page(item)` gives its URL placed at `item`; `page(None)` the page as a whole.
    """
    provide("landing", page)


def landing_url(item: Any = None) -> str:
    """Where the editor goes after working on `item` (or, without one, where Cancel goes)."""
    return page_url("landing", item)


def set_preview_url_name(name: str) -> None:
    """Name the URL that renders Markdown being written (POST `text`, answers JSON)."""
    global _preview_url_name
    _preview_url_name = name


def preview_url() -> str:
    if _preview_url_name is None:
        raise ImproperlyConfigured(
            "No Markdown preview URL: the app that mounts it calls "
            "core.pages.set_preview_url_name() in its AppConfig.ready()."
        )
    return reverse(_preview_url_name)


def provide(name: str, page: Callable[..., str]) -> None:
    """Name a page of a higher app that lower apps may link to: `page(*args)` gives its URL."""
    _pages[name] = page


def page_url(name: str, *args: Any) -> str:
    """The URL of a page a higher app provided under `name` (in templates: `{% page_url %}`)."""
    try:
        page = _pages[name]
    except KeyError:
        raise ImproperlyConfigured(
            f"No page named {name!r}: the app that owns it calls core.pages.provide() "
            "in its AppConfig.ready()."
        ) from None
    return page(*args)
