"""A norm's legal basis: plain text ("art. 4 Ambtenarenwet 2017"), or a reference to a law in
the government's database of laws, wetten.overheid.nl, by its BWB identifier and article:
{"label": "Ambtenarenwet 2017", "bwb": "BWBR0001905", "article": "4"}.

The identifier is what stays: the law's title may change (the Ambtenarenwet became the
Ambtenarenwet 2017 and kept its identifier), its address on the site is made from it. The
link to an article uses the site's Juriconnect form (`jci1.3:c:BWBR…&artikel=4`), which
finds the article wherever the law puts it in chapters; without an article, the law itself.
"""

import re
from urllib.parse import quote

BWB_PATTERN = r"^BWBR\d{7}$"
_BWB = re.compile(BWB_PATTERN)
# An article number as laws write them: "4", "125quater", "3:2", "7:611a", "1.1".
ARTICLE_PATTERN = r"^[0-9][0-9A-Za-z:.]{0,19}$"
_ARTICLE = re.compile(ARTICLE_PATTERN)
MAX_LABEL = 300

# How the norm form writes a reference on one line: "Ambtenarenwet 2017 (BWBR0001905, art. 4)".
_LINE = re.compile(r"^(?P<label>.+?)\s*\((?P<bwb>BWBR\d{7})(?:,\s*art\.\s*(?P<article>[^)]+))?\)$")


def is_bwb(text: str) -> bool:
    return bool(_BWB.match(text))


def is_article(text: str) -> bool:
    return bool(_ARTICLE.match(text))


def law_url(bwb: str, article: str | None = None) -> str:
    """The law's address on wetten.overheid.nl, at the article when one is given."""
    if article:
        return f"https://wetten.overheid.nl/jci1.3:c:{bwb}&artikel={quote(article, safe=':.')}"
    return f"https://wetten.overheid.nl/{bwb}/"


def as_text(entry: str | dict) -> str:
    """A legal basis as readers see it in running text: "Ambtenarenwet 2017, art. 4"."""
    if isinstance(entry, str):
        return entry
    article = entry.get("article")
    return f"{entry['label']}, art. {article}" if article else entry["label"]


def as_line(entry: str | dict) -> str:
    """A legal basis as the norm form shows it, one a line; `from_line` reads it back."""
    if isinstance(entry, str):
        return entry
    article = entry.get("article")
    return f"{entry['label']} ({entry['bwb']}{f', art. {article}' if article else ''})"


def from_line(line: str) -> str | dict:
    """A line of the norm form: a reference when it ends in "(BWBR…)" or "(BWBR…, art. N)"
    with a valid article, else the text as it is."""
    found = _LINE.match(line)
    if not found:
        return line
    article = (found["article"] or "").strip() or None
    if article is not None and not is_article(article):
        return line
    return {"label": found["label"], "bwb": found["bwb"], "article": article}


def shown(entry: str | dict) -> dict:
    """What a page needs to show a legal basis: its text, and the link to the law if any."""
    if isinstance(entry, str):
        return {"text": entry, "url": None}
    return {"text": as_text(entry), "url": law_url(entry["bwb"], entry.get("article"))}
