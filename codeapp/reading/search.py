"""Searching a published version (the search page is codeapp.reading.views.search), with the
synonym list (kept on codeapp.reading.views.synonyms).

On PostgreSQL: full-text search with the code's own language configuration
(Dutch or English word stems), ranked, with highlighted snippets. On SQLite
(the embedded demo database) a plain substring match stands in.

Both search for the meaning, not only the word: a term of the code's synonym list
(codeapp.models.SynonymList, kept by editors on the synonyms page) is searched as every
term of its group, so "cadeau" finds the norm on gifts that says "geschenk". Search
results therefore depend on the list as well as on the version: no search page is kept
(codeapp.caching.pages keeps only what a sealed version alone decides), so a changed list
counts from the next search on.
"""

import itertools
import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchQueryField,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import BooleanField, F, Func, Q, Value
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from codeapp.models import CodeVersion, SynonymList, VersionEntry

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 50
# PostgreSQL text-search configurations per language of the code.
TS_CONFIG = {"nl": "dutch", "en": "english"}
# Markers that cannot occur in text typed by users; swapped for <mark> after escaping.
_START, _STOP = "\x02", "\x03"
# SQLite: a query with several synonyms is tried in at most this many wordings.
MAX_VARIANTS = 16


def _highlight(text: str) -> SafeString:
    return mark_safe(escape(text).replace(_START, "<mark>").replace(_STOP, "</mark>"))  # noqa: S308


def _fallback_snippet(text: str, queries: list[str], width: int = 80) -> SafeString:
    """The text around the first of `queries` (the query and its wordings with synonyms) in it."""
    found = ((text.lower().find(q.lower()), q) for q in queries)
    at, query = next(((at, q) for at, q in found if at >= 0), (-1, ""))
    if at < 0:
        return _highlight(text[: 2 * width] + ("…" if len(text) > 2 * width else ""))
    start = max(0, at - width)
    end = min(len(text), at + len(query) + width)
    piece = (
        text[start:at] + _START + text[at : at + len(query)] + _STOP + text[at + len(query) : end]
    )
    return _highlight(("…" if start else "") + piece + ("…" if end < len(text) else ""))


class _Matches(Func):
    """`vector @@ query`, as Django's own search lookup writes it (so the index serves it)."""

    template = "%(expressions)s"
    arg_joiner = " @@ "
    output_field = BooleanField()


def _with_synonyms(query: str, config: str, expansions: dict[str, tuple[str, ...]]) -> str:
    """The reader's query, parsed, with each term of the synonym list replaced by its group,
    as the text of a tsquery (word stems and all).

    PostgreSQL's own ts_rewrite does it, on the parsed query, so the operators the reader
    typed ("or", "-", quotes) keep their meaning and "nevenwerkzaamheden" matches as a stem.
    Each term is first replaced by a stand-in for its group, then each stand-in by the group:
    replacing terms by groups directly would find the group's own terms again. One small
    query of its own, written out here: as nested ORM expressions, the rewriting of a few
    dozen terms took Django most of a second to compile, four times over.
    """
    groups = sorted(set(expansions.values()))
    # A lexeme with spaces: the parsing of a typed query never makes one.
    stand_ins = {group: f"'synonym group {i}'" for i, group in enumerate(groups)}
    sql, params = "websearch_to_tsquery(%s::regconfig, %s)", [config, query]
    # Terms of several words first: "line manager" before "manager".
    for term in sorted(expansions, key=lambda t: (-len(t.split()), t)):
        sql = f"ts_rewrite({sql}, plainto_tsquery(%s::regconfig, %s), %s::tsquery)"
        params += [config, term, stand_ins[expansions[term]]]
    for group, stand_in in stand_ins.items():
        substitute = " || ".join(["plainto_tsquery(%s::regconfig, %s)"] * len(group))
        sql = f"ts_rewrite({sql}, %s::tsquery, {substitute})"
        params += [stand_in, *itertools.chain.from_iterable((config, t) for t in group)]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ({sql})::text", params)
        return cursor.fetchone()[0]


def query_variants(query: str, expansions: dict[str, tuple[str, ...]]) -> list[str]:
    """The query as typed, then as worded with the synonyms of the terms in it (for SQLite,
    which matches text, not word stems); at most MAX_VARIANTS wordings."""
    choices = []
    rest = query
    for term in sorted(expansions, key=lambda t: (-len(t.split()), -len(t), t)):
        pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)", re.IGNORECASE)
        if pattern.search(rest):
            # A unit that later terms must not match inside ("manager" in "line manager").
            marker = f"\x00{chr(0xE000 + len(choices))}\x00"
            rest = pattern.sub(marker, rest)
            choices.append((marker, (term, *(t for t in expansions[term] if t != term))))
    variants = [query]
    combinations = itertools.product(*(alternatives for _marker, alternatives in choices))
    for combination in itertools.islice(combinations, MAX_VARIANTS):
        wording = rest
        for (marker, _alternatives), term in zip(choices, combination, strict=True):
            wording = wording.replace(marker, term)
        if wording.lower() != query.lower():
            variants.append(wording)
    return variants[:MAX_VARIANTS]


def search_entries(
    version: CodeVersion, query: str
) -> list[tuple[VersionEntry, SafeString, SafeString]]:
    """The entries of `version` matching `query` or its synonyms, best first: entry,
    heading, snippet.

    Heading and snippet are escaped, with the matched words in <mark>.
    """
    entries = VersionEntry.objects.filter(version=version)
    expansions = SynonymList.current().expansions()
    if connection.vendor == "postgresql":
        config = TS_CONFIG.get(version.document.get("language"), "simple")
        ts_query = SearchQuery(query, config=config, search_type="websearch")
        if expansions:
            rewritten = _with_synonyms(query, config, expansions)
            ts_query = Cast(Value(rewritten), SearchQueryField())
        # The very expression of the indexes of migration codeapp 0011: the match below
        # is found through them, so only matching entries are ranked.
        vector = SearchVector("heading", weight="A", config=config) + SearchVector(
            "body", weight="B", config=config
        )
        found = (
            entries.annotate(entry_vector=vector)
            .filter(_Matches(F("entry_vector"), ts_query))
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
    variants = query_variants(query, expansions)
    matches = Q()
    for variant in variants:
        matches |= Q(heading__icontains=variant) | Q(body__icontains=variant)
    found = entries.filter(matches).order_by(F("id"))[:MAX_RESULTS]
    return [
        (e, _fallback_snippet(e.heading, variants), _fallback_snippet(e.body, variants))
        for e in found
    ]


# --- the synonym list -------------------------------------------------------------------------
