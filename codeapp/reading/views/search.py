"""The search page: the code in force searched for what the reader typed (and its synonyms).

No search page is kept: results depend on the synonym list as well as on the version
(codeapp.reading.search).
"""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString
from django.views.decorators.http import require_http_methods

from codeapp.models import CodeVersion, VersionEntry
from codeapp.reading.access import reader_required
from codeapp.reading.search import MAX_QUERY_LENGTH, MAX_RESULTS, search_entries
from codeapp.versions.documents import items


@dataclass
class Hit:
    entry: VersionEntry
    anchor: str
    heading: SafeString
    snippet: SafeString


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
