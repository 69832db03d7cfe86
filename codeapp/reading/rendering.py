"""Rendering once per version: its Markdown texts and its reading pages, kept with it.

A published version never changes, so what is rendered from it never needs rendering
again. When a version is stored (codeapp.versions.services.version_store: publishing and
restoring alike) its Markdown texts are rendered and sanitised once (VersionRender), and
the parts of its reading page that come from the version alone — the table of contents
and the document — are rendered in every interface language as anonymous readers see them
and as signed-in readers see them, with a "suggest a change" link per norm (VersionPageRender;
one render gives both). They live in the database, beside the version: a
restart, a new instance or an evicted cache finds them there, and a reader never waits for
a render. What depends on the day and the reader (where the version stands in time, the
confirm box, the menu) stays out of them and is rendered per request around them
(codeapp.reading.version_page).

Versions stored before this existed, or rendered by an older deployment (another
`shape()`), are rendered on first need and kept then; `manage.py render_versions` renders
them all ahead of time.

Nothing here is part of the seal or the exchange document.
"""

import functools
import hashlib
import inspect
import json
import logging
import re
import secrets
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from codeapp.models import CodeVersion, VersionPageRender, VersionRender
from codeapp.reading.presentation import citation_source, read_document
from codeapp.versions import provenance
from codeapp.versions.documents import items
from core import markup
from core.dates import parse_day
from norms import legal_basis

logger = logging.getLogger(__name__)

# Raise it when what is rendered changes in a way the sources below do not show.
SHAPE_VERSION = "1"
# The badge of an item in a code built on a model code (codeapp.modelcodes).
ORIGIN_TEMPLATE = "codeapp/modelcodes/_reading_origin.html"
TEMPLATES = (
    "codeapp/reading/_document.html",
    "codeapp/reading/_toc.html",
    "codeapp/reading/_provenance.html",
    ORIGIN_TEMPLATE,
)
# The Markdown fields of each kind of item (the exchange format's).
MARKDOWN_FIELDS = {
    "value": ("description",),
    "norm": ("text", "explanation"),
    "example": ("situation", "guidance"),
}


@functools.cache
def shape() -> str:
    """How this deployment renders: a fingerprint of the templates, the Markdown rules, this
    module and the translations. Renders of another shape are stale and made again."""
    parts = [SHAPE_VERSION.encode()]
    parts += [get_template(name).template.source.encode() for name in TEMPLATES]
    parts += [inspect.getsource(markup).encode(), Path(__file__).read_bytes()]
    for folder in settings.LOCALE_PATHS:
        parts += [path.read_bytes() for path in sorted(Path(folder).glob("*/LC_MESSAGES/*.mo"))]
    return hashlib.sha256(b"\x1f".join(parts)).hexdigest()[:32]


# ---------------------------------------------------------------------------------------------
# The Markdown texts


def render_texts(doc: dict) -> dict:
    """Every Markdown text of a sealed document as sanitised HTML (core.markup)."""
    render = markup.render_markdown
    by_key = {}
    for item in items(doc):
        data = item.data
        by_key[item.key] = {
            name: str(render(data[name])) for name in MARKDOWN_FIELDS[item.type] if data.get(name)
        }
    return {
        "preamble": str(render(doc["preamble"])),
        "change_summary": str(render((doc["version"] or {}).get("change_summary", ""))),
        "items": by_key,
    }


def texts_of(version: CodeVersion, doc: dict | None = None) -> dict:
    """The version's rendered texts: the kept ones, else rendered now and kept."""
    kept = VersionRender.objects.filter(version=version, shape=shape()).first()
    if kept is not None:
        return kept.texts
    texts = render_texts(doc if doc is not None else version.document)
    _keep(lambda: VersionRender.objects.update_or_create(
        version=version, defaults={"shape": shape(), "texts": texts}
    ))  # fmt: skip
    return texts


def _keep(write) -> None:
    """Write a render made on first need. Another reader who rendered it at the same moment
    wins just as well; a database that refuses the write (read-only, full) costs the next
    reader a render, not this one their page."""
    try:
        with transaction.atomic():
            write()
    except IntegrityError:
        pass
    except DatabaseError:
        logger.warning("A render could not be kept; it is made again on the next need.")


# ---------------------------------------------------------------------------------------------
# The reading pages


def render_pages(version: CodeVersion) -> None:
    """Render and keep the version's page parts in every interface language, for anonymous
    and signed-in readers (at publication; see the module's docstring)."""
    doc = version.document
    texts = texts_of(version, doc)
    origins = provenance.for_reading(version)
    rows = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for parts in _render_parts(version, doc, texts, origins):
                rows.append(VersionPageRender(version=version, language=language, **parts))
    VersionPageRender.objects.bulk_create(rows, ignore_conflicts=True)


def page_fragments(
    version: CodeVersion, *, language: str, signed_in: bool, absolute_url: str
) -> dict:
    """What a version's page shows from the version alone, in `language` for this kind of
    reader, with the version's `absolute_url` in its citations: kept in the database (one
    query), else rendered now and kept."""
    row = _stored(version, language=language, signed_in=signed_in)
    if row is None:
        doc = version.document
        texts = texts_of(version, doc)
        with translation.override(language):
            both = _render_parts(version, doc, texts, provenance.for_reading(version))
        _keep(lambda: VersionPageRender.objects.bulk_create(
            [VersionPageRender(version=version, language=language, **parts) for parts in both]
        ))  # fmt: skip
        row = both[signed_in]
    head = row["head"]
    return {
        "title": head["title"],
        "content_lang": head["language"] if head["language"] != language else "",
        "amendments": _amendments(head["amendments"]),
        "change_summary": mark_safe(head["change_summary"]),  # noqa: S308 - sanitised (markup)
        "establishment": head.get("establishment"),
        # As bytes, to go into the response as they are (version_page.render_version).
        "toc": row["toc"].encode(),
        "document": bytes(row["document"]).replace(
            row["site_mark"].encode(), absolute_url.encode()
        ),
    }


def _stored(version: CodeVersion, *, language: str, signed_in: bool) -> dict | None:
    """The kept page parts of this release's shape, in one query; None when there are none.

    On PostgreSQL the row is read with binary results: the document comes as the bytes it
    is stored as, not as hex text to decode (on a 4 MB page, a third of the time). The
    cursor is Django's wrapper around psycopg's own (Django's client-side cursor cannot read
    binary results), so the query is counted and logged like any other.
    """
    rows = VersionPageRender.objects.filter(
        version=version, language=language, signed_in=signed_in, shape=shape()
    ).values("head", "toc", "document", "site_mark")
    if connection.vendor != "postgresql":
        return rows.first()
    import psycopg  # only here: an installation on SQLite needs no PostgreSQL driver

    sql, params = rows[:1].query.sql_with_params()
    connection.ensure_connection()
    raw = psycopg.Cursor(connection.connection)
    raw.format = psycopg.pq.Format.BINARY
    with connection._prepare_cursor(raw) as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchone()
    if found is None:
        return None
    head, toc, document, site_mark = found
    # psycopg reads binary jsonb as Python values; Django's loader, if any, as text.
    return {
        "head": json.loads(head) if isinstance(head, str | bytes) else head,
        "toc": toc,
        "document": document,
        "site_mark": site_mark,
    }


def _amendments(stored: list[dict]) -> list[dict]:
    """The amendments with their dates as dates, to format in the reader's language."""
    day = parse_day
    return [
        {
            **a,
            "decided_on": day(a["decided_on"]),
            "session": a["session"] and {**a["session"], "date": day(a["session"]["date"])},
        }
        for a in stored
    ]


def _render_parts(
    version: CodeVersion, doc: dict, texts: dict, origins: dict[str, provenance.Origin]
) -> tuple[dict, dict]:
    """The page parts in the active language for anonymous and for signed-in readers: what
    VersionPageRender keeps. One render: the two differ only in the "suggest a change" link
    after each norm, put in (or left out) where the render left a hole."""
    content_lang = doc["language"] if doc["language"] != translation.get_language() else ""
    # Where the version's absolute address goes (put in per request), and the links.
    site, hole = f"site-{secrets.token_hex(16)}", f"suggest-{secrets.token_hex(16)}"
    values = _shown_values(version, doc, texts, origins, content_lang)
    context = {
        "version": version,
        "based_on": doc.get("based_on"),
        "preamble": mark_safe(texts["preamble"]),  # noqa: S308 - sanitised (core.markup)
        "values": values,
        "absolute_url": site,
        "lang": format_html(' lang="{}"', content_lang) if content_lang else "",
        "version_url": reverse("codeapp:version", args=[version.number]),
        "suggest_hole": hole,
    }
    rendered = render_to_string("codeapp/reading/_document.html", context)
    suggest_url, suggest = reverse("codeapp:suggest"), _("Suggest a change")
    links = {
        n["key"]: format_html(
            '<a class="suggest-link small d-print-none" href="{}?norm={}">{}'
            '<span class="visually-hidden"> {}</span></a>',
            suggest_url,
            n["key"],
            suggest,
            n["suggest_for"],
        )
        for v in values
        for n in v["norms"]
    }
    holes = re.compile(re.escape(hole) + "([a-z0-9-]+)" + re.escape(hole))
    common = {
        "shape": shape(),
        "head": {
            "title": doc["title"],
            "language": doc["language"],
            "amendments": (doc["version"] or {}).get("amendments", []),
            "change_summary": texts["change_summary"],
            # The sealed establishment record (absent in older versions); the steps logged
            # later are not in here: they change after publication (version_page).
            "establishment": (doc["version"] or {}).get("establishment"),
        },
        "toc": render_to_string("codeapp/reading/_toc.html", context),
        "site_mark": site,
    }
    anonymous = {**common, "signed_in": False, "document": holes.sub("", rendered).encode()}
    signed_in = {
        **common,
        "signed_in": True,
        "document": holes.sub(lambda m: links[m[1]], rendered).encode(),
    }
    return anonymous, signed_in


def _shown_values(
    version: CodeVersion,
    doc: dict,
    texts: dict,
    origins: dict[str, provenance.Origin],
    content_lang: str,
) -> list[dict]:
    """The values, norms and examples as flat dicts holding exactly what the page shows:
    numbers, labels and HTML worked out here, so the template only puts them in place
    (a lookup in a dict is the cheapest thing a Django template does)."""
    reading = read_document(doc, source=citation_source(version), origins=origins)
    html = texts["items"]
    provenance_html = _provenance_renderer(version, content_lang)
    origin_mark = _origin_marks()
    values = []
    for v in reading.values:
        key, number = v.item.key, v.item.number
        norms = []
        for n in v.norms:
            data, n_number = n.item.data, n.item.number
            n_html = html.get(n.item.key, {})
            examples = [
                {
                    "key": e.key,
                    "number": e.number,
                    "title": e.data["title"],
                    "situation": mark_safe(html.get(e.key, {}).get("situation", "")),  # noqa: S308
                    "guidance": mark_safe(html.get(e.key, {}).get("guidance", "")),  # noqa: S308
                }
                for e in n.examples
            ]
            norms.append(
                {
                    "key": n.item.key,
                    "number": n_number,
                    "kind": data["kind"],
                    "kind_label": n.kind_label,
                    "title": data["title"],
                    "untitled": _("Norm %(number)s") % {"number": n_number},
                    "link_label": _("Link to norm %(number)s") % {"number": n_number},
                    "provenance": provenance_html(n.origin),
                    "origin_mark": origin_mark(data.get("origin")),
                    "text": mark_safe(n_html.get("text", "")),  # noqa: S308 - sanitised
                    "explanation": mark_safe(n_html.get("explanation", "")),  # noqa: S308
                    "related": [
                        {"key": r.key, "number": r.number, "name": r.data["name"]}
                        for r in n.related
                    ],
                    "legal_basis": [legal_basis.shown(b) for b in data["legal_basis"]],
                    "examples": examples,
                    "examples_label": ngettext(
                        "%(counter)s example", "%(counter)s examples", len(examples)
                    )
                    % {"counter": len(examples)},
                    "examples_for": _("for norm %(number)s") % {"number": n_number},
                    "suggest_for": _("to norm %(number)s") % {"number": n_number},
                    "citation": n.citation,
                }
            )
        values.append(
            {
                "key": key,
                "number": number,
                "name": v.item.data["name"],
                "link_label": _("Link to core value %(number)s") % {"number": number},
                "provenance": provenance_html(v.origin),
                "origin_mark": origin_mark(v.item.data.get("origin")),
                "description": mark_safe(html.get(key, {}).get("description", "")),  # noqa: S308
                "citation": v.citation,
                "norms": norms,
                "norms_label": ngettext("%(counter)s norm", "%(counter)s norms", len(norms))
                % {"counter": len(norms)},
            }
        )
    return values


def _origin_marks():
    """The badge of a code built on a model (from the model, adapted, own addition), rendered
    once per origin; nothing for a code without a model."""
    rendered: dict[str, SafeString] = {}

    def origin_mark(origin: str | None) -> SafeString | str:
        if not origin:
            return ""
        if origin not in rendered:
            rendered[origin] = render_to_string(ORIGIN_TEMPLATE, {"origin": origin})
        return rendered[origin]

    return origin_mark


def _provenance_renderer(version: CodeVersion, content_lang: str):
    """Where an item's wording comes from, as HTML: rendered once per distinct origin (most
    items of a version share a handful)."""
    rendered: dict[tuple, SafeString] = {}

    def provenance_html(origin: provenance.Origin) -> SafeString:
        amendment = origin.amendment
        key = (origin.since_version, amendment and amendment.get("number"))
        if key not in rendered:
            context = {"origin": origin, "version": version, "content_lang": content_lang}
            rendered[key] = render_to_string("codeapp/reading/_provenance.html", context)
        return rendered[key]

    return provenance_html


# ---------------------------------------------------------------------------------------------
# Ahead of time (manage.py render_versions)


def render_missing() -> tuple[int, int]:
    """Render every version whose texts or pages this deployment has not rendered yet, and
    forget renders of other shapes. (versions rendered, stale rows removed)"""
    current = shape()
    removed = VersionPageRender.objects.exclude(shape=current).delete()[0]
    removed += VersionRender.objects.exclude(shape=current).delete()[0]
    wanted = len(settings.LANGUAGES) * 2
    rendered = 0
    for version in CodeVersion.objects.order_by("number"):
        have = VersionPageRender.objects.filter(version=version, shape=current).count()
        if have < wanted or not VersionRender.objects.filter(version=version).exists():
            with transaction.atomic():
                VersionPageRender.objects.filter(version=version).delete()
                render_pages(version)
            rendered += 1
    return rendered, removed
