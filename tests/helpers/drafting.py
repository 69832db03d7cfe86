"""Helpers for the tests of the working-draft page: its addresses and how to read it."""

import re

from django.urls import reverse

DRAFT = reverse("codeapp:draft")
HOME = reverse("home")


def numbered(page: str) -> list[tuple[str, str]]:
    """(number, title) of every numbered heading, in page order."""
    return [
        (number, title.strip())
        for number, title in re.findall(r'class="item-number">([^<]+)</span>\s*([^<\n]+)', page)
    ]


def element(page: str, element_id: str) -> str:
    """The page from the element with this id up to the end of its heading."""
    start = page.index(f'id="{element_id}"')
    end = re.compile(r"</h[234]>").search(page, start).end()
    return page[start:end]


def retired_section(page: str) -> str:
    start = page.index('<section class="retired')
    return page[start : page.index("</section>", start)]
