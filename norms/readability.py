"""How readable a norm is, in the code's own language, by textstat.

Dutch texts get Flesch-Douma (textstat's Flesch reading ease with the Dutch constants),
English texts Flesch reading ease. Dutch government writing aims at language level B1;
a score below `B1_MINIMUM` means the text is probably harder than that.

textstat counts English syllables with NLTK's CMU dictionary, which it would download on
first use: no request may leave the server, so English goes through the same hyphenation
dictionary (Pyphen, bundled) as Dutch, by naming the language "en-US" rather than "en".
The score moves by a few points at most; the flag does not depend on it.
"""

from dataclasses import dataclass
from html import unescape

import nh3
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from textstat.backend import counts, metrics

from values.markup import render_markdown

# Flesch(-Douma) 60 and up reads as "plain": about B1 (the Dutch government's aim).
B1_MINIMUM = 60.0

# The language passed to textstat: its constants and the bundled hyphenation dictionary.
_TEXTSTAT_LANGUAGE = {"nl": "nl", "en": "en-US"}

# The usual Flesch bands, hardest last.
_BANDS: list[tuple[float, Promise]] = [
    (90, _("very easy")),
    (80, _("easy")),
    (70, _("fairly easy")),
    (60, _("plain")),
    (50, _("fairly difficult")),
    (30, _("difficult")),
    (float("-inf"), _("very difficult")),
]


@dataclass(frozen=True)
class Readability:
    """A text's readability: its Flesch(-Douma) score, size, and the B1 flag."""

    score: float | None  # None for a text without words
    words: int
    sentences: int
    above_b1: bool

    @property
    def band(self) -> Promise | None:
        if self.score is None:
            return None
        return next(label for floor, label in _BANDS if self.score >= floor)

    @property
    def words_per_sentence(self) -> float | None:
        return round(self.words / self.sentences, 1) if self.sentences else None


def plain_text(markdown: str) -> str:
    """The words a reader sees, without Markdown or HTML."""
    html = render_markdown(markdown or "")
    return " ".join(unescape(nh3.clean(str(html), tags=set())).split())


def readability(markdown: str, language: str, *, b1_minimum: float = B1_MINIMUM) -> Readability:
    """Score a Markdown text written in `language` ("nl" or "en"; others count as English)."""
    text = plain_text(markdown)
    words = counts.count_words(text) if text else 0
    if not words:
        return Readability(score=None, words=0, sentences=0, above_b1=False)
    lang = _TEXTSTAT_LANGUAGE.get(language, "en-US")
    score = round(float(metrics.flesch_reading_ease(text, lang)), 1)
    sentences = max(1, counts.count_sentences(text))
    return Readability(score=score, words=words, sentences=sentences, above_b1=score < b1_minimum)
