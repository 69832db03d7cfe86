"""Browser tests: Playwright (sync API) driving Debian's Chromium against `live_server`.

Every test here runs on a transactional database (that is what `live_server` needs), so
the role groups are made again before each test (`roles`). Signing in and the axe check
are in tests/helpers/browser.py.
"""

import pytest


@pytest.fixture(autouse=True)
def _browser_test_setup(browser_setup) -> None:
    """Every test here runs against the live server (see `browser_setup`)."""
