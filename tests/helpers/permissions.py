"""The permission matrix: who gets what on a GET of every URL of the project.

The table is the permission contract in one place; tests/security/test_permission_matrix.py
checks every row as every persona, and test_csrf_everywhere.py posts to every row.
"""

from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, reverse


@dataclass(frozen=True)
class Redirect:
    """A 302 to `to`; LOGIN stands for the login page with `next` set to the page asked for."""

    to: str


LOGIN = Redirect("login")

# Keys from the `code` fixture; versions from the `matrix_data` fixture
# (tests/security/conftest.py).
V1 = {"number": 1}
# From the `matrix_data` fixture: session 1 and case 1; proposal 1 submitted, proposal 2 a draft,
# both by the editor.
SESSION = {"pk": 1}
CASE = {"pk": 1}
# From the `matrix_data` fixture: case 2, a practice dilemma with two courses of action.
PRACTICE_CASE = {"pk": 2}
SUBMITTED = {"pk": 1}
DRAFT = {"pk": 2}
COMPARE = {"a": 1, "b": 2}
# From the `matrix_data` fixture: campaign 1, for version 2.
CAMPAIGN = {"pk": 1}
DAY = {"day": "2025-03-01"}
VALUE = {"key": "eerlijkheid"}
NORM = {"key": "geschenken"}
EXAMPLE = {"key": "wijn"}
# From the `matrix_data` fixture: a unit below the manager's "Team Noord", and a colleague.
UNIT = {"pk": 900_001}
COLLEAGUE = {"pk": 900_001}
# From the `matrix_data` fixture: an integrity theme.
THEME = {"pk": 900_001}


Answer = int | Redirect


def answers(
    anonymous: Answer,
    employee: Answer,
    editor: Answer,
    officer: Answer,
    admin: Answer,
    manager: Answer | None = None,
    teamlead: Answer | None = None,
) -> dict[str, Answer]:
    """What each persona gets. A manager (of a unit, no group) and a team lead (of a unit, no
    group) get what an employee gets unless the row says otherwise."""
    return {
        "anonymous": anonymous,
        "employee": employee,
        "editor": editor,
        "officer": officer,
        "admin": admin,
        "manager": employee if manager is None else manager,
        "teamlead": employee if teamlead is None else teamlead,
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
# Coverage: reports (editors, officers) and managers, for their own units.
COVERAGE = answers(LOGIN, 403, 200, 200, 200, manager=200)
# Live team sessions (matrix_data: live session 1, led by the team lead, open with the join
# code in LIVE_CODE, with note 1). Its lead, editors and officers see it; an employee and a
# manager do not. A phone needs no account: the join pages answer everyone.
LIVE = {"pk": 1}
LIVE_CODE = "K7P2QM"
LIVE_PAGE = answers(LOGIN, 403, 200, 200, 200, teamlead=200)
API_404 = answers(404, 404, 404, 404, 404)
# The SCIM service answers only its bearer token (tests/people/scim): without SCIM_TOKEN set,
# as here, there is no service (404) for anyone, signed in or not. With the token set and
# no token sent, every persona gets 401 (test_scim_needs_the_token_from_every_persona).
SCIM = answers(404, 404, 404, 404, 404)
SCIM_ID = {"resource_id": "1"}
SCIM_ROWS = {
    "scim:service-provider-config": ({}, SCIM),
    "scim:resource-types": ({}, SCIM),
    "scim:resource-type": ({"resource_id": "User"}, SCIM),
    "scim:schemas": ({}, SCIM),
    "scim:schema": ({"resource_id": "urn:ietf:params:scim:schemas:core:2.0:User"}, SCIM),
    "scim:users": ({}, SCIM),
    "scim:user": (SCIM_ID, SCIM),
    "scim:groups": ({}, SCIM),
    "scim:group": (SCIM_ID, SCIM),
    "scim:search": ({}, SCIM),
    "scim:not-found": ({"rest": "Nothing"}, SCIM),
}

# url name (or route, for a pattern without a name) -> (reverse kwargs, {persona: GET answer})
EXPECTED: dict[str, tuple[dict, dict[str, Answer]]] = {
    # Each role starts where its work is: readers at the code in force, editors (and the
    # superuser) at the draft, integrity officers at the proposals waiting for them.
    "home": (
        {},
        answers(
            TO_CODE,
            TO_CODE,
            TO_DRAFT,
            Redirect("/proposals/review/"),
            TO_DRAFT,
            teamlead=Redirect("/live/"),
        ),
    ),  # fmt: skip
    "codeapp:draft": ({}, VIEW),
    "codeapp:draft-compare": ({}, VIEW),
    # The draft as a file for the works council (codeapp/wordexport): as the draft itself.
    "codeapp:draft-docx": ({}, VIEW),
    "codeapp:draft-odt": ({}, VIEW),
    "codeapp:draft-compare-docx": ({}, VIEW),
    "codeapp:draft-compare-odt": ({}, VIEW),
    "codeapp:publish": ({}, PUBLISH),
    "codeapp:profile-edit": ({}, EDIT),
    "codeapp:profile-history": ({}, VIEW),
    # Bringing a code in from Word (matrix_data: upload 1, by the editor; the administrator
    # may look at anyone's, other editors get 404). The land page's GET is its summary.
    "codeapp:word-upload": ({}, EDIT),
    "codeapp:word-preview": ({"pk": 1}, EDIT),
    "codeapp:word-land": ({"pk": 1}, EDIT),
    # The model code the code builds on (matrix_data: the norm "geschenken" is a model item).
    "codeapp:model": ({}, VIEW),
    "codeapp:model-leave-out": (NORM, EDIT),
    "codeapp:model-release-new": ({}, EDIT),
    "codeapp:model-release": ({"pk": 1}, VIEW),
    "codeapp:model-adapt": ({"pk": 1}, EDIT),
    # Version 2 compared with the model it builds on: read like the version.
    "codeapp:version-model": ({"number": 2}, EVERYONE),
    # Reading the published code: public while CODE_PUBLIC is on (see the test below).
    "codeapp:in-force": ({}, EVERYONE),
    "codeapp:versions": ({}, EVERYONE),
    "codeapp:version": (V1, EVERYONE),
    "codeapp:version-pdf": (V1, EVERYONE),
    # A version as a Word or OpenDocument file: read like its PDF.
    "codeapp:version-docx": (V1, EVERYONE),
    "codeapp:version-odt": (V1, EVERYONE),
    "codeapp:version-on": (DAY, EVERYONE),
    "codeapp:version-compare": (COMPARE, EVERYONE),
    "codeapp:search": ({}, EVERYONE),
    # The synonym list the search uses: editors and integrity officers keep it.
    "codeapp:search-synonyms": ({}, REPORTS),
    "codeapp:version-confirm": (V1, POST_ONLY),
    "codeapp:version-confirmations": (V1, REPORTS),
    # Adding a step to how version 1 was established: those who may publish.
    "codeapp:version-establishment": (V1, PUBLISH),
    "codeapp:changes-since-confirmed": ({}, SIGNED_IN),
    # The organisation's codes (each code's own pages: the twins test in the matrix's module).
    "codeapp:codes": ({}, EVERYONE),
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
    # Practising alone with a dilemma: every signed-in employee (results are colleagues').
    "reflection:practice": ({}, SIGNED_IN),
    "reflection:practice-dilemma": (PRACTICE_CASE, SIGNED_IN),
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
    # Live team sessions: team leads their own, editors any (officers read); participants
    # join with the code, signed in or not (a wrong or expired code: tests/reflection).
    "reflection:live-sessions": ({}, LIVE_PAGE),
    "reflection:live-create": ({}, answers(LOGIN, 403, 200, 403, 200, teamlead=200)),
    "reflection:live-control": (LIVE, LIVE_PAGE),
    "reflection:live-screen": (LIVE, LIVE_PAGE),
    # JSON for the screen and the joined phones: 403 (JSON) without a phone's cookie.
    "reflection:live-state": (LIVE, answers(403, 403, 200, 200, 200, teamlead=200)),
    "reflection:live-note-proposal": ({"pk": 1, "note": 1}, POST_ONLY),
    "reflection:join": ({}, EVERYONE),
    "reflection:join-code": ({"code": LIVE_CODE}, EVERYONE),
    # Code health: editors and officers look; officers set the thresholds.
    "codeapp:health": ({}, REPORTS),
    "codeapp:health-settings": ({}, PUBLISH),
    "codeapp:health-report-csv": ({}, REPORTS),
    "codeapp:health-report-pdf": ({}, REPORTS),
    "codeapp:health-agenda-plan": ({}, POST_ONLY),
    # The integrity themes: editors and officers see and change them; a manager does not.
    "codeapp:health-themes": ({}, REPORTS),
    "codeapp:health-theme-create": ({}, REPORTS),
    "codeapp:health-theme": (THEME, REPORTS),
    "codeapp:health-theme-delete": (THEME, POST_ONLY),
    # Confirmation campaigns: editors and officers see them, officers start and close them;
    # a manager (no group) sees none of it.
    "codeapp:campaigns": ({}, REPORTS),
    "codeapp:campaign-new": ({}, PUBLISH),
    "codeapp:campaign": (CAMPAIGN, REPORTS),
    "codeapp:campaign-csv": (CAMPAIGN, REPORTS),
    "codeapp:campaign-pdf": (CAMPAIGN, REPORTS),
    "codeapp:campaign-close": (CAMPAIGN, POST_ONLY),
    # Coverage per unit: editors and officers see all; a manager the units below their own.
    "codeapp:coverage": ({}, COVERAGE),
    "codeapp:coverage-unit": (UNIT, COVERAGE),
    "codeapp:coverage-overdue": ({}, COVERAGE),
    "codeapp:coverage-csv": ({}, COVERAGE),
    "codeapp:coverage-pdf": ({}, COVERAGE),
    # Evidence per employee: integrity officers see anyone's (the colleague's here), and
    # everyone their own under /me/.
    "codeapp:people": ({}, PUBLISH),
    "codeapp:evidence": (COLLEAGUE, PUBLISH),
    "codeapp:evidence-pdf": (COLLEAGUE, PUBLISH),
    "codeapp:my-confirmations": ({}, SIGNED_IN),
    "codeapp:my-confirmations-pdf": ({}, SIGNED_IN),
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
    "api:codes": ({}, EVERYONE),
    "api:unknown-code": ({"slug": "nergens", "rest": "code"}, API_404),
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
    # Sign-in with the work account (people/signin/): not there while single sign-on is off,
    # as in these tests (tests/people/signin/ covers it on); signing out there is a POST.
    "oidc_authentication_init": ({}, answers(404, 404, 404, 404, 404)),
    "oidc_authentication_callback": ({}, answers(404, 404, 404, 404, 404)),
    "oidc_logout": ({}, POST_ONLY),
    "password_change": ({}, answers(LOGIN, 200, 200, 200, 200)),
    "password_change_done": ({}, answers(LOGIN, 200, 200, 200, 200)),
    # Django's set_language changes the language only on POST; a GET just redirects back.
    "set_language": ({}, answers(TO_HOME, TO_HOME, TO_HOME, TO_HOME, TO_HOME)),
    **SCIM_ROWS,
    # Owed to the public whatever CODE_PUBLIC says (codeapp/publicsector): the accessibility
    # statement and security.txt (tests/codeapp/publicsector checks them with the code private).
    "publicsector:accessibility": ({}, EVERYONE),
    "publicsector:security-txt": ({}, EVERYONE),
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
