"""The XSS corpus in Chromium: no payload runs on any page that shows what users typed.

The page's CSP is bypassed on purpose (as in the other browser tests): it would stop an
inline script anyway, and this test is about the escaping and sanitising beneath it.
Every payload would call `__xss(n)` or `alert(n)`; both are counted, and every link is
checked for a script scheme (a `javascript:` link runs only when clicked).
"""

from urllib.parse import quote

import pytest
from django.urls import reverse

from norms.models import Example
from tests.helpers.browser import login
from tests.helpers.xss import PAYLOADS, build

pytestmark = pytest.mark.browser

SENTINEL = "window.__hits = []; window.__xss = (n) => window.__hits.push(n);"
SCRIPT_LINKS = """[...document.querySelectorAll('[href], [src], [action], [formaction]')]
    .map(e => e.href || e.src || e.action || e.formAction || '')
    .filter(u => /^\\s*(javascript|vbscript|data):/i.test(u))"""


def pages(attacked) -> list[str]:
    norm, proposal = attacked["norm"], attacked["proposal"]
    search = reverse("codeapp:search")
    return [
        reverse("codeapp:draft"),
        reverse("codeapp:draft-compare"),
        reverse("codeapp:publish"),
        reverse("norms:history", args=[norm.key]),
        reverse("norms:edit", args=[norm.key]),
        reverse("norms:example-history", args=[Example.objects.order_by("pk").first().key]),
        reverse("codeapp:version", args=[2]),
        reverse("codeapp:version-compare", args=[1, 2]),
        f"{search}?q=klik",
        f"{search}?q={quote(PAYLOADS[2])}",
        reverse("reflection:session", args=[attacked["session"].pk]),
        reverse("reflection:case", args=[attacked["case"].pk]),
        reverse("reflection:proposal", args=[proposal.pk]),
        reverse("reflection:proposal-decide", args=[proposal.pk]),
    ]


def test_no_payload_runs_in_the_browser(browser_setup, live_server, new_page, editor, officer,
                                        admin_user):  # fmt: skip
    attacked = build(editor, officer)
    page = new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.add_init_script(SENTINEL)
    login(page, live_server, "admin")
    found = {}
    for url in pages(attacked):
        page.goto(live_server.url + url)
        page.wait_for_load_state("load")
        page.wait_for_timeout(150)  # let failed image loads fire their handlers
        assert "__xss" in page.content() or "search" in url, f"no payload on {url}"
        hits = page.evaluate("window.__hits")
        links = page.evaluate(SCRIPT_LINKS)
        if hits or links or dialogs:
            found[url] = {"ran": hits, "links": links, "dialogs": list(dialogs)}
        dialogs.clear()
    assert found == {}
    # The sentinel does catch a payload that gets into a page.
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=__xss(99)>')")
    page.wait_for_function("window.__hits.length > 0")
    assert page.evaluate("window.__hits") == [99]
