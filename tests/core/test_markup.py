"""Markdown rendered safely (no script gets through) and the word diff between two texts."""

from html.parser import HTMLParser

import pytest

from core.markup import render_markdown, word_diff


class Elements(HTMLParser):
    """Collects the elements and attributes a browser would build from the HTML."""

    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[klik](javascript:alert(1))",
    "[klik](JaVaScRiPt:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    "![x](javascript:alert(1))",
    "<svg onload=alert(1)>",
    '<iframe src="https://example.org"></iframe>',
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
]


@pytest.mark.parametrize("payload", XSS)
def test_it_lets_no_script_through(payload):
    elements = Elements(render_markdown(f"Tekst {payload} meer tekst")).found
    assert {tag for tag, _ in elements} <= {"p", "a"}
    for _tag, attrs in elements:
        assert not [name for name in attrs if name.startswith("on")]
        href = (attrs.get("href") or "").lower().strip()
        assert not href.startswith(("javascript:", "data:", "vbscript:"))


def test_it_renders_markdown():
    html = render_markdown(
        "Wij zijn **eerlijk** en *open*.\n\n- een\n- twee\n\n[Wet](https://wetten.overheid.nl)"
    )
    assert "<strong>eerlijk</strong>" in html and "<em>open</em>" in html
    assert "<li>een</li>" in html
    assert (
        'href="https://wetten.overheid.nl"' in html and 'rel="noopener noreferrer nofollow"' in html
    )


def test_it_demotes_headings_below_the_page_headings():
    assert "<h3>Titel</h3>" in render_markdown("# Titel")


def test_it_keeps_odd_characters():
    assert "€ 50 „citaat” café" in render_markdown("€ 50 „citaat” café")


def test_word_diff_marks_changed_words():
    html = word_diff("Je meldt elk geschenk.", "Je meldt ieder geschenk direct.")
    assert "<del>" in html and "elk" in html
    assert "<ins>" in html and "ieder" in html
    assert "Je meldt" in html


def test_word_diff_escapes_html():
    html = word_diff("<b>", "<script>alert(1)</script>")
    assert {tag for tag, _ in Elements(html).found} <= {"del", "ins", "span"}
    assert "&lt;" in html
