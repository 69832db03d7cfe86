"""How readable a norm is, in the code's own language, by textstat.

Dutch texts get Flesch-Douma (textstat's Flesch reading ease with the Dutch constants),
English texts Flesch reading ease. Dutch government writing aims at language level B1;
a score below `B1_MINIMUM` means the text is probably harder than that.

textstat counts English syllables with NLTK's CMU dictionary, which it would download on
first use: no request may leave the server, so English goes through the same hyphenation
dictionary (Pyphen, bundled) as Dutch, by naming the language "en-US" rather than "en".
The score moves by a few points at most; the flag does not depend on it.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from html import unescape

import nh3
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from textstat.backend import counts, metrics

from core.markup import render_markdown

# Flesch(-Douma) 60 and up reads as "plain": about B1 (the Dutch government's aim).
B1_MINIMUM = 60.0

# Where a paragraph, list item, heading or table cell ends, a reader stops as at a full stop:
# a list of short items is not one long sentence.
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|td|th|blockquote)>|<br\s*/?>")

# The language passed to textstat: its constants and the bundled hyphenation dictionary.
_TEXTSTAT_LANGUAGE = {"nl": "nl", "en": "en-US"}

# What an editor sees beside a text that is probably above B1.
ABOVE_B1_HINT = _(
    "Probably harder than language level B1: use shorter sentences and everyday words."
)

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


def _text_of(html: str) -> str:
    return " ".join(unescape(nh3.clean(html, tags=set())).split())


def plain_text(markdown: str) -> str:
    """The words a reader sees, without Markdown or HTML."""
    return _text_of(str(render_markdown(markdown or "")))


def _sentences_text(markdown: str) -> str:
    """The words a reader sees, with a full stop where a block ends (textstat counts those)."""
    return _text_of(_BLOCK_END.sub(" . ", str(render_markdown(markdown or ""))))


def readability(markdown: str, language: str, *, b1_minimum: float = B1_MINIMUM) -> Readability:
    """Score a Markdown text written in `language` ("nl" or "en"; others count as English)."""
    score, words, sentences = _measured(markdown or "", language)
    above_b1 = score is not None and score < b1_minimum
    return Readability(score=score, words=words, sentences=sentences, above_b1=above_b1)


# A norm's score changes only with its text, while the code health dashboard scores every
# norm on every visit: a millisecond each, a second for a 1,000-norm code. Kept per process
# for as many texts as a large code has, a few hundred bytes each.
@lru_cache(maxsize=4096)
def _measured(markdown: str, language: str) -> tuple[float | None, int, int]:
    """(score, words, sentences) of a Markdown text: a pure function of text and language."""
    text = _sentences_text(markdown)
    words = counts.count_words(text) if text else 0
    if not words:
        return None, 0, 0
    lang = _TEXTSTAT_LANGUAGE.get(language, "en-US")
    # The formula runs past 0 and 100 on extreme texts (one sentence of a thousand words);
    # beyond the scale's ends it says nothing more.
    score = min(100.0, max(0.0, round(float(metrics.flesch_reading_ease(text, lang)), 1)))
    sentences = max(1, counts.count_sentences(text))
    return score, words, sentences


def formula_name(language: str) -> str:
    """The name of the score `readability` gives for `language`, to explain it to editors."""
    return "Flesch-Douma" if language == "nl" else "Flesch reading ease"


# Where the code's language comes from; see code_language_from.
_language_source: Callable[[], str] | None = None


def code_language_from(source: Callable[[], str]) -> None:
    """Tell norms where to learn the code's language (at start-up, by the app that knows it).

    The code's profile lives in codeapp, which builds on norms: norms may not import it nor
    name it, so codeapp hands its function over in CodeappConfig.ready().
    """
    global _language_source
    _language_source = source


def code_language() -> str:
    """The language the code is written in ("nl" or "en")."""
    if _language_source is None:
        raise ImproperlyConfigured(
            "norms does not know the code's language: no app called code_language_from()."
        )
    return _language_source()
