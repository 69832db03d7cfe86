"""The one way a page's menu section is decided (core/menu.py, filled by codeapp/navigation.py)."""

import pytest
from django.test import RequestFactory
from django.urls import URLResolver, get_resolver, resolve

from codeapp.navigation import MENU_SECTIONS
from core import menu
from core.menu import Sections, menu_section, register_menu_sections


@pytest.fixture
def registry(monkeypatch):
    """An empty registry for the test, leaving the project's own untouched."""
    monkeypatch.setattr(menu, "_BY_NAMESPACE", {})


def _request(path: str):
    request = RequestFactory().get(path)
    request.resolver_match = resolve(path)
    return request


def test_it_takes_the_section_a_page_is_declared_in(registry):
    register_menu_sections("codeapp", Sections(default="draft", pages={"in-force": "code"}))

    assert menu_section(_request("/code/")) == "code"
    assert menu_section(_request("/draft/")) == "draft"


def test_it_gives_no_section_to_a_namespace_nobody_declared(registry):
    assert menu_section(_request("/code/")) == ""


def test_it_gives_no_section_to_a_page_outside_any_namespace():
    assert menu_section(_request("/accounts/login/")) == ""


def test_it_gives_no_section_before_a_url_is_resolved():
    assert menu_section(RequestFactory().get("/code/")) == ""


@pytest.mark.parametrize(
    ("path", "section"),
    [
        ("/code/", "code"),
        ("/code/v1/", "code"),
        ("/code/on/2026-01-01/", "code"),
        ("/code/compare/1/2/", "code"),
        ("/code/search/synonyms/", ""),
        ("/draft/", "draft"),
        ("/draft/values/new/", "draft"),
        ("/draft/norms/new/", "draft"),
        ("/draft/examples/new/", "draft"),
        ("/health/", "health"),
        ("/health/settings/", "health"),
        ("/reflection/", "reflection"),
        ("/reflection/cases/1/edit/", "reflection"),
        ("/proposals/", ""),
        ("/proposals/review/", ""),
    ],
)
def test_the_project_declares_the_sections_of_its_pages(path, section):
    assert menu_section(_request(path)) == section


def _url_names(resolver=None, namespace: str = "") -> set[str]:
    """Every namespaced URL name the project serves, as "namespace:name"."""
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace or "") if n)
            names |= _url_names(pattern, inner or namespace)
        elif pattern.name:
            names.add(f"{namespace}:{pattern.name}")
    return names


def test_every_page_the_menu_table_names_exists():
    served = _url_names()
    declared = {
        f"{namespace}:{name}"
        for namespace, sections in MENU_SECTIONS.items()
        for name in sections.pages
    }

    assert declared <= served
