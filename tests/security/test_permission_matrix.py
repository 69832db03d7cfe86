"""Who gets what on a GET of every URL of the project.

The table below is the permission contract in one place. A new URL pattern without a
row fails `test_it_has_a_row_for_every_url_pattern`, so nobody adds a page without
deciding who may open it.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from codeapp.versions.services import version_publish
from core.services import item_update
from reflection.models import Case, Proposal, Session
from reflection.services.proposals import proposal_create, proposal_submit
from tests.conftest import PERSONAS

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Redirect:
    """A 302 to `to`; LOGIN stands for the login page with `next` set to the page asked for."""

    to: str


LOGIN = Redirect("login")

# Keys from the `code` fixture; versions from the `published` fixture below.
V1 = {"number": 1}
# From the `published` fixture: session 1 and case 1; proposal 1 submitted, proposal 2 a draft,
# both by the editor.
SESSION = {"pk": 1}
CASE = {"pk": 1}
SUBMITTED = {"pk": 1}
DRAFT = {"pk": 2}
COMPARE = {"a": 1, "b": 2}
DAY = {"day": "2025-03-01"}
VALUE = {"key": "eerlijkheid"}
NORM = {"key": "geschenken"}
EXAMPLE = {"key": "wijn"}


Answer = int | Redirect


def answers(
    anonymous: Answer, employee: Answer, editor: Answer, officer: Answer, admin: Answer
) -> dict[str, Answer]:
    return {
        "anonymous": anonymous,
        "employee": employee,
        "editor": editor,
        "officer": officer,
        "admin": admin,
    }


# What the draft's editing pages answer: editors (and the superuser) may, officers may look.
EDIT = answers(LOGIN, 403, 200, 403, 200)
VIEW = answers(LOGIN, 403, 200, 200, 200)
# A POST-only page: the method check runs before the sign-in check.
POST_ONLY = answers(405, 405, 405, 405, 405)
TO_DRAFT = Redirect("/draft/")
TO_HOME = Redirect("/")
TO_ADMIN_LOGIN = Redirect("/admin/login/?next=/admin/")

ADMIN_ROW = "admin:*"
TO_CODE = Redirect("/code/")
EVERYONE = answers(200, 200, 200, 200, 200)
SIGNED_IN = answers(LOGIN, 200, 200, 200, 200)
REPORTS = answers(LOGIN, 403, 200, 200, 200)
PUBLISH = answers(LOGIN, 403, 403, 200, 200)
API_404 = answers(404, 404, 404, 404, 404)

# url name (or route, for a pattern without a name) -> (reverse kwargs, {persona: GET answer})
EXPECTED: dict[str, tuple[dict, dict[str, Answer]]] = {
    # Each role starts where its work is: readers at the code in force, editors (and the
    # superuser) at the draft, integrity officers at the proposals waiting for them.
    "home": ({}, answers(TO_CODE, TO_CODE, TO_DRAFT, Redirect("/proposals/review/"), TO_DRAFT)),
    "codeapp:draft": ({}, VIEW),
    "codeapp:draft-compare": ({}, VIEW),
    "codeapp:publish": ({}, PUBLISH),
    "codeapp:profile-edit": ({}, EDIT),
    "codeapp:profile-history": ({}, VIEW),
    # Reading the published code: public while CODE_PUBLIC is on (see the test below).
    "codeapp:in-force": ({}, EVERYONE),
    "codeapp:versions": ({}, EVERYONE),
    "codeapp:version": (V1, EVERYONE),
    "codeapp:version-pdf": (V1, EVERYONE),
    "codeapp:version-on": (DAY, EVERYONE),
    "codeapp:version-compare": (COMPARE, EVERYONE),
    "codeapp:search": ({}, EVERYONE),
    # The synonym list the search uses: editors and integrity officers keep it.
    "codeapp:search-synonyms": ({}, REPORTS),
    "codeapp:version-confirm": (V1, POST_ONLY),
    "codeapp:version-confirmations": (V1, REPORTS),
    "codeapp:changes-since-confirmed": ({}, SIGNED_IN),
    # Reflection: sessions and cases for editors (officers read), never for everyone.
    "reflection:programme": ({}, VIEW),
    # Integrity officers may plan a session too (from the code health dashboard's agenda).
    "reflection:session-create": ({}, answers(LOGIN, 403, 200, 200, 200)),
    "reflection:session": (SESSION, VIEW),
    "reflection:session-edit": (SESSION, EDIT),
    "reflection:cases": ({}, VIEW),
    "reflection:case-create": ({}, EDIT),
    "reflection:case": (CASE, VIEW),
    "reflection:case-edit": (CASE, EDIT),
    # Proposals: anyone signed in suggests and sees their own; editors record; officers decide.
    "reflection:my-proposals": ({}, SIGNED_IN),
    "codeapp:suggest": ({}, SIGNED_IN),
    "reflection:proposal-create": ({}, EDIT),
    "reflection:review": ({}, PUBLISH),
    "reflection:proposal": (SUBMITTED, VIEW),
    # Only its proposer sees and edits a draft proposal: to everyone else it is not there yet.
    "reflection:proposal-edit": (DRAFT, answers(LOGIN, 404, 200, 404, 404)),
    "reflection:proposal-submit": (DRAFT, POST_ONLY),
    "reflection:proposal-withdraw": (DRAFT, POST_ONLY),
    # Four-eyes: not the proposer (the editor), and only officers.
    "reflection:proposal-decide": (SUBMITTED, PUBLISH),
    # Administrators name a deputy when four-eyes leaves no integrity officer to decide.
    "reflection:proposal-deputy": (SUBMITTED, answers(LOGIN, 403, 403, 403, 200)),
    # The second pair of eyes on an officer's merged text: a post from the proposal page.
    "reflection:proposal-agree": (SUBMITTED, POST_ONLY),
    # Code health: editors and officers look; officers set the thresholds.
    "codeapp:health": ({}, REPORTS),
    "codeapp:health-settings": ({}, PUBLISH),
    "codeapp:health-report-csv": ({}, REPORTS),
    "codeapp:health-report-pdf": ({}, REPORTS),
    "codeapp:health-agenda-plan": ({}, POST_ONLY),
    # The JSON API (django-ninja names each route twice; both rows are the same URL).
    "api:code": ({}, EVERYONE),
    "api:code_in_force": ({}, EVERYONE),
    "api:versions": ({}, EVERYONE),
    "api:version": (V1, EVERYONE),
    "api:version_document": (V1, EVERYONE),
    "api:compare": (COMPARE, EVERYONE),
    "api:openapi-json": ({}, EVERYONE),
    "api:openapi_document": ({}, EVERYONE),
    "api:api_root": ({}, API_404),
    "api:api-root": ({}, API_404),
    "api:unknown_path": ({"rest": "nothing-here"}, API_404),
    "values:create": ({}, EDIT),
    "values:edit": (VALUE, EDIT),
    "values:retire": (VALUE, EDIT),
    "values:restore": (VALUE, EDIT),
    "values:move": (VALUE, EDIT),
    "values:history": (VALUE, VIEW),
    "norms:create": ({}, EDIT),
    "norms:edit": (NORM, EDIT),
    "norms:retire": (NORM, EDIT),
    "norms:restore": (NORM, EDIT),
    "norms:move": (NORM, EDIT),
    "norms:history": (NORM, VIEW),
    # The live readability of a norm text being written: POST-only JSON for editors.
    "norms:readability": ({}, POST_ONLY),
    # The preview of a Markdown text being written: POST-only JSON for editors.
    "values:preview": ({}, POST_ONLY),
    "norms:example-create": ({}, EDIT),
    "norms:example-edit": (EXAMPLE, EDIT),
    "norms:example-retire": (EXAMPLE, EDIT),
    "norms:example-restore": (EXAMPLE, EDIT),
    "norms:example-move": (EXAMPLE, EDIT),
    "norms:example-history": (EXAMPLE, VIEW),
    # redirect_authenticated_user: a signed-in user goes on to LOGIN_REDIRECT_URL.
    "login": ({}, answers(200, TO_HOME, TO_HOME, TO_HOME, TO_HOME)),
    "logout": ({}, POST_ONLY),
    "password_change": ({}, answers(LOGIN, 200, 200, 200, 200)),
    "password_change_done": ({}, answers(LOGIN, 200, 200, 200, 200)),
    # Django's set_language changes the language only on POST; a GET just redirects back.
    "set_language": ({}, answers(TO_HOME, TO_HOME, TO_HOME, TO_HOME, TO_HOME)),
    # The Django admin's own pages: one row, checked on its index.
    ADMIN_ROW: (
        {},
        answers(TO_ADMIN_LOGIN, TO_ADMIN_LOGIN, TO_ADMIN_LOGIN, TO_ADMIN_LOGIN, 200),
    ),
}


def walk(patterns: list, namespace: str = "", prefix: str = "") -> Iterator[tuple[str, str]]:
    """(namespace, identifier) of every pattern: its name, or its full route when unnamed."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern.url_patterns, inner, route)
        elif isinstance(pattern, URLPattern):
            ident = pattern.name or route
            yield namespace, f"{namespace}:{ident}" if namespace else ident


def row_for(namespace: str, ident: str) -> str:
    return ADMIN_ROW if namespace.split(":")[0] == "admin" else ident


def url_of(row: str, kwargs: dict) -> str:
    return reverse("admin:index" if row == ADMIN_ROW else row, kwargs=kwargs or None)


def test_it_has_a_row_for_every_url_pattern():
    found = {row_for(ns, ident) for ns, ident in walk(get_resolver().url_patterns)}
    missing = sorted(found - EXPECTED.keys())
    assert not missing, f"URL patterns without a row in EXPECTED: {missing}"
    stale = sorted(EXPECTED.keys() - found)
    assert not stale, f"rows in EXPECTED for URL patterns that no longer exist: {stale}"


@pytest.fixture
def published(code, officer, editor):
    """Two versions of the `code` fixture's draft: v1 from 2025-01-01, v2 from 2025-06-01.

    Also a held session (facilitated by the editor) with a case, a submitted proposal from
    it and a draft proposal, both by the editor.
    """
    case = Case.objects.create(pk=1, title="Wijn", situation="Een fles wijn.", created_by=editor)
    session = Session.objects.create(
        pk=1, title="Dilemmasessie", date=datetime.date(2025, 3, 1), format="dilemma", held=True,
        facilitator=editor,
    )  # fmt: skip
    session.cases.add(case)
    for pk in (1, 2):
        proposal_create(
            proposal=Proposal(
                pk=pk, title=f"Voorstel {pk}", action="reword", target="norm", norm=code["gifts"],
                proposed={"text": "Je meldt elk geschenk direct."}, rationale="Uit de sessie.",
                origin="session", session=session,
            ),
            user=editor,
        )  # fmt: skip
    proposal_submit(proposal=Proposal.objects.get(pk=1), user=editor)
    version_publish(
        user=officer, effective_from=datetime.date(2025, 1, 1), established_by="B&W",
        change_summary="",
        retroactive=True, retroactive_reason="Besluit met terugwerkende kracht.",
    )  # fmt: skip
    item_update(item=code["gifts"], expected_revision=1, changes={"text": "Anders."}, user=None)
    version_publish(
        user=officer, effective_from=datetime.date(2025, 6, 1), established_by="B&W",
        change_summary="",
        retroactive=True, retroactive_reason="Besluit met terugwerkende kracht.",
    )  # fmt: skip
    return code


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("row", list(EXPECTED))
def test_it_answers_a_get_as_the_table_says(row, persona, client_for, published):
    kwargs, answers = EXPECTED[row]
    expected = answers[persona]
    url = url_of(row, kwargs)

    response = client_for(persona).get(url)

    if isinstance(expected, Redirect):
        assert response.status_code == 302, f"GET {url} as {persona}"
        target = f"/accounts/login/?next={quote(url)}" if expected is LOGIN else expected.to
        assert response["Location"] == target
    else:
        assert response.status_code == expected, f"GET {url} as {persona}"


READING_PREFIXES = ("codeapp:version", "codeapp:in-force", "codeapp:search", "api:")
READING_ROWS = [
    r for r in EXPECTED if r.startswith(READING_PREFIXES) and EXPECTED[r][1] == EVERYONE
]


@pytest.mark.parametrize("row", READING_ROWS)
def test_a_private_code_is_closed_to_anonymous_readers(row, client_for, published, settings):
    settings.CODE_PUBLIC = False
    kwargs, _answers = EXPECTED[row]
    url = url_of(row, kwargs)

    anonymous = client_for("anonymous").get(url)
    employee = client_for("employee").get(url)

    if row.startswith("api:") and row not in ("api:openapi-json", "api:openapi_document"):
        assert anonymous.status_code == 401, f"GET {url} anonymously"
        assert anonymous["Content-Type"].startswith("application/json")
    elif not row.startswith("api:"):
        assert anonymous.status_code == 302, f"GET {url} anonymously"
        assert anonymous["Location"] == f"/accounts/login/?next={quote(url)}"
    assert employee.status_code == 200, f"GET {url} as employee"


@pytest.mark.parametrize("persona", ["employee", "officer"])
def test_it_shows_the_no_access_page_to_a_signed_in_user_without_the_permission(
    persona, en_client_for, code
):
    response = en_client_for(persona).get(reverse("values:edit", kwargs=VALUE))

    assert response.status_code == 403
    assert "No access" in response.content.decode()
