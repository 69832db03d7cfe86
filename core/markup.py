"""Markdown to safe HTML (or to its tokens, for other formats), and word-level comparison
of two texts.

Users write Markdown, never HTML: markdown-it-py renders it with raw HTML
switched off, and nh3 then keeps only a small set of tags and safe link schemes,
so no script, event handler or `javascript:` link reaches a reader.
"""

import difflib
import re

import nh3
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_markdown.enable("table")
_markdown.enable("strikethrough")

ALLOWED_TAGS = {
    "p", "br", "hr", "em", "strong", "s", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
# Headings a user writes become h3 and lower: the page owns h1 and h2.
_HEADING = re.compile(r"<(/?)h([1-6])>")


def render_markdown(text: str) -> SafeString:
    """Render user Markdown to sanitised HTML safe to put in a page."""
    if not text:
        return mark_safe("")
    html = _markdown.render(text)
    html = _HEADING.sub(lambda m: f"<{m[1]}h{min(6, int(m[2]) + 2)}>", html)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above


def markdown_tokens(text: str) -> list:
    """User Markdown as markdown-it-py's tokens, parsed by the same rules as the pages: for
    writing it in another format (the Word export, codeapp/wordexport) without HTML."""
    return _markdown.parse(text or "")


_TOKEN = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def word_changes(old: str, new: str) -> list[tuple[str, str]]:
    """How `old` became `new`, word by word: ("equal" | "delete" | "insert", text) in order.

    The one word-level diff: `word_diff` shows it as HTML, the Word export as tracked changes.
    """
    a, b = _TOKEN.findall(old or ""), _TOKEN.findall(new or "")
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(("insert", "".join(b[j1:j2])))
    return out


def word_diff(old: str, new: str) -> SafeString:
    """Show how `old` became `new`, word by word: removals in <del>, additions in <ins>.

    Screen readers do not announce <del>/<ins>, so each carries hidden words
    saying what it is.
    """
    out: list[str] = []
    removed = escape(_("removed"))
    added = escape(_("added"))
    for op, text in word_changes(old, new):
        if op == "equal":
            out.append(escape(text))
        elif op == "delete":
            out.append(
                f'<del><span class="visually-hidden">[{removed}: </span>'
                f'{escape(text)}<span class="visually-hidden">]</span></del>'
            )
        else:
            out.append(
                f'<ins><span class="visually-hidden">[{added}: </span>'
                f'{escape(text)}<span class="visually-hidden">]</span></ins>'
            )
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above
