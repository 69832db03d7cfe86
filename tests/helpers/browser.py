"""For the browser tests (Playwright, sync API): signing in through the real form, and
axe-core's WCAG 2.1 A/AA check of a page. The browser itself is a fixture (tests/conftest.py)."""

import json

import pytest
from playwright.sync_api import Page

from tests.helpers import PASSWORD, ROOT

AXE = ROOT / "tests" / "browser" / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# A desktop screen (below 992 px the menu folds behind its button).
DESKTOP = {"width": 1440, "height": 900}


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
