""" "Practise with a dilemma" at each norm that practice dilemmas are about, for signed-in readers.

A version's document is rendered once and kept (codeapp.reading.rendering); which norms have
practice dilemmas changes whenever an editor marks a case. So the links are not rendered with
the document: they are put into the signed-in readers' kept document when it is taken from
the kept parts (codeapp.reading.version_page), right after each norm's "suggest a change"
link, from one small cached query (reflection.services.practice.practice_norms). The set of
norms is part of the keys the page is kept under, so a new practice dilemma makes new keys.
Anonymous readers' pages are untouched: practice is for employees, and the answers shown
are colleagues'.
"""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from codeapp.caching import pages as pagecache
from codeapp.caching import reader_facts
from core.codes import active_code_id
from reflection.services.practice import practice_norms

_ATTRIBUTE = "_practice_norms"


def for_reader(request: HttpRequest) -> dict[str, list[int]]:
    """The practice dilemmas per norm key of the active code, for a signed-in reader (once per
    request); none for an anonymous one."""
    if reader_facts.reader(request) is None:
        return {}
    if not hasattr(request, _ATTRIBUTE):
        setattr(request, _ATTRIBUTE, practice_norms(active_code_id()))
    return getattr(request, _ATTRIBUTE)


def fingerprint(norms: dict[str, list[int]]) -> str:
    """What of `norms` decides the links: part of a kept page's key and its ETag."""
    return pagecache.digest(
        *(f"{key}:{cases[0]}:{len(cases)}" for key, cases in sorted(norms.items()))
    )


def _link(key: str, cases: list[int], hidden: bytes) -> bytes:
    """The link for one norm: to its dilemma when there is one, else to the list of them."""
    if len(cases) == 1:
        url = reverse("reflection:practice-dilemma", args=[cases[0]])
    else:
        url = f"{reverse('reflection:practice')}?norm={key}"
    link = format_html(
        '<a class="practice-link small d-print-none ms-3" href="{}">{}</a>',
        url,
        _("Practise with a dilemma"),
    )
    # The suggest link's hidden words ("to norm 2.3") name the norm for screen readers too.
    return link[: -len("</a>")].encode() + hidden + b"</a>"


def with_links(document: bytes, norms: dict[str, list[int]]) -> bytes:
    """`document` (a signed-in reader's) with the link after each of `norms`' suggest links.

    One pass over the megabyte: the places are found with bytes.find and the document is
    joined once.
    """
    if not norms:
        return document
    places = []
    for key, cases in norms.items():
        at = document.find(f'?norm={key}"'.encode())
        if at < 0:
            continue  # a norm that is not in this version
        end = document.find(b"</a>", at)
        if end < 0:
            continue
        start = document.find(b'<span class="visually-hidden">', at, end)
        hidden = document[start:end] if start >= 0 else b""
        places.append((end + len(b"</a>"), _link(key, cases, hidden)))
    pieces, last = [], 0
    for at, link in sorted(places):
        pieces += [document[last:at], link]
        last = at
    pieces.append(document[last:])
    return b"".join(pieces)
