"""Every page showing what users typed sends no script from it (the HTML as served).

The fast half of the XSS check: the pages are fetched with the test client and parsed;
tests/security/test_xss_browser.py opens the same kind of pages in Chromium.
"""

import pytest
from django.urls import reverse

from norms.models import Example
from tests.helpers.xss import ALL, PAYLOADS, build, dangers
from values.models import Value

pytestmark = pytest.mark.django_db


@pytest.fixture
def attacked(editor, officer):
    return build(editor, officer)


def pages(attacked) -> list[str]:
    norm, case = attacked["norm"], attacked["case"]
    session, proposal = attacked["session"], attacked["proposal"]
    value = Value.objects.order_by("pk").first()
    example = Example.objects.order_by("pk").first()
    searches = [reverse("codeapp:search") + "?" + f"q={p}" for p in ("klik", *PAYLOADS[:8])]
    return [
        reverse("codeapp:draft"),
        reverse("codeapp:draft-compare"),
        reverse("codeapp:publish"),
        reverse("codeapp:profile-history"),
        reverse("values:history", args=[value.key]),
        reverse("values:edit", args=[value.key]),
        reverse("norms:history", args=[norm.key]),
        reverse("norms:edit", args=[norm.key]),
        reverse("norms:example-history", args=[example.key]),
        reverse("codeapp:in-force"),
        reverse("codeapp:versions"),
        reverse("codeapp:version", args=[1]),
        reverse("codeapp:version", args=[2]),
        reverse("codeapp:version-compare", args=[1, 2]),
        reverse("codeapp:version-on", args=["2025-03-01"]),
        reverse("codeapp:suggest") + f"?norm={norm.key}",
        reverse("reflection:programme"),
        reverse("reflection:session", args=[session.pk]),
        reverse("reflection:session-edit", args=[session.pk]),
        reverse("reflection:cases"),
        reverse("reflection:case", args=[case.pk]),
        reverse("reflection:case-edit", args=[case.pk]),
        reverse("reflection:proposal", args=[proposal.pk]),
        reverse("reflection:proposal-decide", args=[proposal.pk]),
        reverse("reflection:review"),
        *searches,
    ]


def test_no_page_sends_script_from_what_users_typed(attacked, client_for):
    client = client_for("admin")
    found = {}
    for url in pages(attacked):
        response = client.get(url)
        assert response.status_code == 200, url
        if "__xss" not in response.content.decode() and "search" not in url:
            found[url] = ["no payload on the page: the test would prove nothing"]
        if problems := dangers(response.content.decode()):
            found[url] = problems
    assert found == {}


def test_the_my_proposals_page_of_the_proposer_is_safe(attacked, client_for):
    response = client_for("editor").get(reverse("reflection:my-proposals"))
    assert dangers(response.content.decode()) == []


def test_the_conflict_page_shows_both_texts_safely(attacked, client_for):
    """A stale save (409) shows the editor's own text and the current one: both escaped."""
    norm = attacked["norm"]
    response = client_for("editor").post(
        reverse("norms:edit", args=[norm.key]),
        {
            "value": norm.value.key, "title": "Oud", "text": ALL, "kind": "obligation",
            "explanation": ALL, "legal_basis": "\n".join(PAYLOADS[:10]), "revision": 1,
        },
    )  # fmt: skip
    assert response.status_code == 409
    assert dangers(response.content.decode()) == []


def test_the_check_would_notice_a_script():
    page = (
        '<p><a href=" JaVa\tScript:__xss(1)">x</a><img src=x onerror=__xss(2)>'
        "<script>__xss(3)</script><div style=x></div></p>"
    )
    assert len(dangers(page)) == 6
