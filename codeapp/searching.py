"""Searching the code in force.

On PostgreSQL: full-text search with the code's own language configuration
(Dutch or English word stems), ranked, with highlighted snippets. On SQLite
(the embedded demo database) a plain substring match stands in.
"""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_http_methods

from codeapp.documents import items
from codeapp.models import CodeVersion, VersionEntry
from codeapp.reading import reader_required

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 50
# PostgreSQL text-search configurations per language of the code.
TS_CONFIG = {"nl": "dutch", "en": "english"}
# Markers that cannot occur in text typed by users; swapped for <mark> after escaping.
_START, _STOP = "\x02", "\x03"


@dataclass
class Hit:
    entry: VersionEntry
    anchor: str
    heading: SafeString
    snippet: SafeString


def _highlight(text: str) -> SafeString:
    return mark_safe(escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308


def _fallback_snippet(text: str, query: str, width: int = 80) -> SafeString:
    at = text.lower().find(query.lower())
    if at < 0:
        return _highlight(text[: 2 * width] + ("…" if len(text) > 2 * width else ""))
    start = max(0, at - width)
    end = min(len(text), at + len(query) + width)
    piece = (
        text[start:at] + _START + text[at : at + len(query)] + _STOP + text[at + len(query) : end]
    )
    return _highlight(("…" if start else "") + piece + ("…" if end < len(text) else ""))


def search_entries(
    version: CodeVersion, query: str
) -> list[tuple[VersionEntry, SafeString, SafeString]]:
    """The entries of `version` matching `query`, best first: entry, heading, snippet.

    Heading and snippet are escaped, with the matched words in <mark>.
    """
    entries = VersionEntry.objects.filter(version=version)
    if connection.vendor == "postgresql":
        config = TS_CONFIG.get(version.document.get("language"), "simple")
        ts_query = SearchQuery(query, config=config, search_type="websearch")
        # The very expression of the indexes of migration codeapp 0011: the match below
        # is found through them, so only matching entries are ranked.
        vector = SearchVector("heading", weight="A", config=config) + SearchVector(
            "body", weight="B", config=config
        )
        found = (
            entries.annotate(entry_vector=vector)
            .filter(entry_vector=ts_query)
            .annotate(rank=SearchRank(vector, ts_query))
            .annotate(
                snippet=SearchHeadline(
                    "body",
                    ts_query,
                    config=config,
                    start_sel=_START,
                    stop_sel=_STOP,
                    max_words=30,
                    min_words=12,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
                title_hl=SearchHeadline(
                    "heading",
                    ts_query,
                    config=config,
                    start_sel=_START,
                    stop_sel=_STOP,
                    highlight_all=True,
                ),
            )  # fmt: skip
            .order_by("-rank", "id")[:MAX_RESULTS]
        )
        return [(e, _highlight(e.title_hl), _highlight(e.snippet)) for e in found]
    found = entries.filter(Q(heading__icontains=query) | Q(body__icontains=query)).order_by(
        F("id")
    )[:MAX_RESULTS]
    return [
        (e, _fallback_snippet(e.heading, query), _fallback_snippet(e.body, query)) for e in found
    ]


@require_http_methods(["GET", "HEAD"])
@reader_required
def search(request: HttpRequest) -> HttpResponse:
    # Control characters (a NUL byte, say) are refused by the database: drop them.
    typed = "".join(ch for ch in request.GET.get("q", "") if ch.isprintable() or ch == " ")
    query = " ".join(typed.split())[:MAX_QUERY_LENGTH]
    version = CodeVersion.objects.in_force()
    hits: list[Hit] = []
    if version is not None and query:
        parents = {i.key: i.parent for i in items(version.document) if i.type == "example"}
        for entry, heading, snippet in search_entries(version, query):
            if entry.kind == "example":
                anchor = f"norm-{parents.get(entry.key, '')}"
            else:
                anchor = f"{entry.kind}-{entry.key}"
            hits.append(Hit(entry, anchor, heading, snippet))
    return render(
        request,
        "codeapp/search.html",
        {"query": query, "version": version, "hits": hits, "max_results": MAX_RESULTS},
    )
