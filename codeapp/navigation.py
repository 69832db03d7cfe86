"""The main menu's sections, by URL name: the site is composed here, at the top.

core/menu.py decides a page's section from these tables (registered in CodeappConfig.ready());
views never set it. codeapp mounts the items' editing pages under /draft/ and the reflection
pages beside its own, so the whole menu is declared in one place.
"""

from django.http import HttpRequest

from core import codes
from core.menu import Sections, register_menu_sections
from people.teamleads import unit_roles

# Reading the published code. Every other page of codeapp marks the working draft, as the
# menu always has, the search and suggestion pages included (their own menu links are marked
# by base.html too).
READING_PAGES = [
    "in-force", "versions", "version", "version-on", "version-compare",
    "changes-since-confirmed", "version-confirmations", "version-model",
]  # fmt: skip
HEALTH_PAGES = ["health", "health-settings", "health-themes", "health-theme-create", "health-theme"]
CAMPAIGN_PAGES = ["campaigns", "campaign-new", "campaign"]
COVERAGE_PAGES = [
    "coverage", "coverage-unit", "coverage-overdue", "coverage-csv", "coverage-pdf",
    # Finding a person and their evidence: integrity officers reach it from coverage.
    "people", "evidence", "evidence-pdf",
]  # fmt: skip
MY_CONFIRMATION_PAGES = ["my-confirmations", "my-confirmations-pdf"]
REFLECTION_PAGES = [
    "programme", "session-create", "session", "session-edit",
    "cases", "case-create", "case", "case-edit",
]  # fmt: skip
# Practising alone with a dilemma: every signed-in employee.
PRACTICE_PAGES = ["practice", "practice-dilemma"]
# Live team sessions: team leads (their own), editors and integrity officers.
LIVE_PAGES = ["live-sessions", "live-create", "live-control", "live-screen"]

MENU_SECTIONS = {
    "codeapp": Sections(
        default="draft",
        pages={
            **dict.fromkeys(READING_PAGES, "code"),
            **dict.fromkeys(HEALTH_PAGES, "health"),
            **dict.fromkeys(CAMPAIGN_PAGES, "campaigns"),
            **dict.fromkeys(COVERAGE_PAGES, "coverage"),
            **dict.fromkeys(MY_CONFIRMATION_PAGES, "my-confirmations"),
            # Part of searching, not of the working draft.
            "search-synonyms": "",
        },
    ),
    "values": Sections(default="draft"),
    "norms": Sections(default="draft"),
    # Sessions and the case library; proposals have their own menu entries.
    "reflection": Sections(
        pages={
            **dict.fromkeys(REFLECTION_PAGES, "reflection"),
            **dict.fromkeys(PRACTICE_PAGES, "practice"),
            **dict.fromkeys(LIVE_PAGES, "live"),
        }
    ),
}


def register() -> None:
    """Tell core's menu the sections of every namespace above (CodeappConfig.ready())."""
    for namespace, sections in MENU_SECTIONS.items():
        register_menu_sections(namespace, sections)


def menu_facts(request: HttpRequest) -> dict:
    """What the menu needs beyond permissions (a context processor): whether the user manages
    a unit, for the coverage entry (a manager holds no group), and whether they lead a team,
    for the team sessions entry.

    Asked only when the menu reads it (a callable), and never on the pages that read the
    published code: those are kept and shared by readers with the same rights (see
    codeapp.caching), so they cannot carry one manager's entry, and they are the pages whose
    queries are counted. A manager finds coverage from every other page.
    """
    several = codes.several()  # kept a minute per process: no query
    canonical = getattr(request, "canonical_path", None)  # codeapp/codes/middleware.py
    canonical_url = request.build_absolute_uri(canonical) if canonical else ""
    match = getattr(request, "resolver_match", None)
    if match is not None and match.namespace == "codeapp" and match.url_name in READING_PAGES:
        return {
            "manages_units": False,
            "leads_teams": False,
            "several_codes": several,
            "canonical_url": canonical_url,
        }
    user = getattr(request, "user", None)
    roles = _UnitRoles(user)
    return {
        "manages_units": roles.manages if user is not None else False,
        # Team leads (no group) find their team sessions in the menu.
        "leads_teams": roles.leads if user is not None else False,
        "several_codes": several,
        # Which code the draft, sessions, proposals and reports are about (codeapp/codes).
        "working_code": getattr(request, "code", None) if several else None,
        "canonical_url": canonical_url,
    }


class _UnitRoles:
    """Whether the user manages a unit and leads a team: asked together, once, and only when
    the menu reads one of them (a template calls a callable)."""

    def __init__(self, user) -> None:
        self.user = user
        self.found: tuple[bool, bool] | None = None

    def _get(self) -> tuple[bool, bool]:
        if self.found is None:
            self.found = unit_roles(self.user)
        return self.found

    def manages(self) -> bool:
        return self._get()[0]

    def leads(self) -> bool:
        return self._get()[1]
