"""The main menu's sections, by URL name: the site is composed here, at the top.

core/menu.py decides a page's section from these tables (registered in CodeappConfig.ready());
views never set it. codeapp mounts the items' editing pages under /draft/ and the reflection
pages beside its own, so the whole menu is declared in one place.
"""

from core.menu import Sections, register_menu_sections

# Reading the published code. Every other page of codeapp marks the working draft, as the
# menu always has, the search and suggestion pages included (their own menu links are marked
# by base.html too).
READING_PAGES = [
    "in-force", "versions", "version", "version-on", "version-compare",
    "changes-since-confirmed", "version-confirmations",
]  # fmt: skip
HEALTH_PAGES = ["health", "health-settings"]
CAMPAIGN_PAGES = ["campaigns", "campaign-new", "campaign"]
REFLECTION_PAGES = [
    "programme", "session-create", "session", "session-edit",
    "cases", "case-create", "case", "case-edit",
]  # fmt: skip

MENU_SECTIONS = {
    "codeapp": Sections(
        default="draft",
        pages={
            **dict.fromkeys(READING_PAGES, "code"),
            **dict.fromkeys(HEALTH_PAGES, "health"),
            **dict.fromkeys(CAMPAIGN_PAGES, "campaigns"),
            # Part of searching, not of the working draft.
            "search-synonyms": "",
        },
    ),
    "values": Sections(default="draft"),
    "norms": Sections(default="draft"),
    # Sessions and the case library; proposals have their own menu entries.
    "reflection": Sections(pages=dict.fromkeys(REFLECTION_PAGES, "reflection")),
}


def register() -> None:
    """Tell core's menu the sections of every namespace above (CodeappConfig.ready())."""
    for namespace, sections in MENU_SECTIONS.items():
        register_menu_sections(namespace, sections)
