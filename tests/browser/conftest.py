"""Browser tests: Playwright (sync API) driving Debian's Chromium against `live_server`.

Every test here runs on a transactional database (that is what `live_server` needs), so
the role groups are made again before each test (`roles`).
"""

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# database access from it ("You cannot call this from an async context").
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PASSWORD = "secret-pass-123"  # what tests.conftest.make_user gives every user
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _browser_test_setup(live_server, roles, settings) -> None:
    """Live server, role groups, and the stylesheets as they are in static/ now.

    With DEBUG off the settings use WhiteNoise's manifest storage, whose hashed names the
    live server's static files handler (which looks files up through the finders) cannot
    find: pages would come out unstyled and the colour-contrast checks would check nothing.
    The plain storage links the same files under their own names.
    """
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def new_page(browser: Browser) -> Iterator:
    """Open pages in separate browser contexts (separate cookies): new_page()."""
    contexts = []

    def make() -> Page:
        # The site's CSP (script-src 'self') would block axe-core; bypass it for the tests.
        context = browser.new_context(bypass_csp=True, locale="nl-NL")
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page) -> Page:
    return new_page()


def login(page: Page, live_server, username: str, password: str = PASSWORD) -> None:
    """Sign in through the real login form; end on the page it leads to."""
    page.goto(f"{live_server.url}/accounts/login/")
    assert_accessible(page)
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/accounts/login/" not in page.url, f"sign-in as {username} failed: {page.url}"


def assert_accessible(page: Page) -> None:
    """Run axe-core on the page; fail listing each WCAG 2.1 A/AA violation."""
    page.wait_for_load_state()
    unstyled = page.evaluate(
        """[...document.querySelectorAll("link[rel=stylesheet]:not([media=print])")]
            .filter(link => !link.sheet || link.sheet.cssRules.length === 0)
            .map(link => link.href)"""
    )
    assert not unstyled, f"stylesheets not loaded on {page.url}: {unstyled}"
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    violations = result["violations"]
    if violations:
        lines = [f"{len(violations)} accessibility violation(s) on {page.url}:"]
        for v in violations:
            targets = [json.dumps(node["target"]) for node in v["nodes"][:3]]
            more = f" (+{len(v['nodes']) - 3} more)" if len(v["nodes"]) > 3 else ""
            lines.append(f"- {v['id']} [{v['impact']}]: {v['help']}")
            lines.append(f"    {', '.join(targets)}{more}")
            summary = v["nodes"][0].get("failureSummary", "").replace("\n", " ")
            lines.append(f"    {summary[:300]}")
        pytest.fail("\n".join(lines), pytrace=False)
