"""The readability score of a norm text: textstat, in the code's language, offline."""

import socket
from types import SimpleNamespace

import nltk
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from textstat.backend import counts, metrics
from textstat.backend.utils import get_cmudict

from codeapp.models import code_language as the_profiles_language
from norms import readability as readability_module
from norms.readability import B1_MINIMUM, Readability, plain_text, readability

PLAIN_NL = "Je neemt geen geschenken aan. Je meldt elk aanbod aan je leidinggevende."
BUREAUCRATIC_NL = (
    "Het is de medewerker, behoudens voorafgaande schriftelijke toestemming van de "
    "leidinggevende, niet toegestaan om geschenken, giften of andere voordelen van derden "
    "met een geldelijke waarde aan te nemen, te behouden of anderszins te accepteren."
)
PLAIN_EN = "You do not accept gifts. You tell your manager about every offer."
BUREAUCRATIC_EN = (
    "Employees shall not, without prior written authorisation from their line management, "
    "accept, retain or otherwise benefit from any gratuities, hospitality or other pecuniary "
    "advantages offered by third parties with whom the organisation maintains relations."
)


@pytest.mark.parametrize("language, text", [("nl", PLAIN_NL), ("en", PLAIN_EN)])
def test_it_finds_a_plain_text_at_b1(language, text):
    result = readability(text, language)

    assert result.score >= B1_MINIMUM
    assert not result.above_b1
    assert result.sentences == 2


@pytest.mark.parametrize("language, text", [("nl", BUREAUCRATIC_NL), ("en", BUREAUCRATIC_EN)])
def test_it_flags_a_long_bureaucratic_sentence(language, text):
    result = readability(text, language)

    assert result.score < B1_MINIMUM
    assert result.above_b1
    assert result.sentences == 1
    assert result.words_per_sentence == result.words > 25
    with translation.override("en"):
        assert str(result.band) in {"difficult", "very difficult"}


def test_dutch_gets_flesch_douma_and_english_flesch_reading_ease():
    # The same words score differently: Flesch-Douma weighs syllables less than Flesch.
    text = "De medewerker meldt elk geschenk direct aan de leidinggevende."

    dutch, english = readability(text, "nl"), readability(text, "en")

    assert dutch.score == round(metrics.flesch_reading_ease(plain_text(text), "nl"), 1)
    assert english.score == round(max(0, metrics.flesch_reading_ease(text, "en-US")), 1)
    assert dutch.score != english.score


def test_an_unknown_language_counts_as_english():
    assert readability(PLAIN_EN, "de") == readability(PLAIN_EN, "en")


def test_a_stricter_minimum_flags_more():
    result = readability(PLAIN_NL, "nl")

    assert not result.above_b1
    assert readability(PLAIN_NL, "nl", b1_minimum=result.score + 1).above_b1


def test_markdown_is_not_read_as_words():
    marked = "**Je** neemt *geen* [geschenken](https://example.org) aan.\n\n# Meld `elk` aanbod"

    assert plain_text(marked) == "Je neemt geen geschenken aan. Meld elk aanbod"
    assert readability(marked, "nl").words == 8


def test_html_is_read_as_the_reader_sees_it():
    # Markdown here has raw HTML switched off: a reader sees the tags as typed, not bold.
    assert plain_text("<b>Je</b> meldt het <script>x()</script>") == (
        "<b>Je</b> meldt het <script>x()</script>"
    )
    assert plain_text("<p>Je meldt het.</p>") == "<p>Je meldt het.</p>"


def test_entities_show_as_the_characters_a_reader_sees():
    assert plain_text("Eten &amp; drinken, 5 < 6") == "Eten & drinken, 5 < 6"


def test_each_list_item_ends_like_a_sentence():
    listed = (
        "Je meldt altijd:\n\n- elk geschenk van een leverancier\n- elke uitnodiging voor een diner"
    )

    result = readability(listed, "nl")

    assert result.sentences == 3
    assert result.words == 13


@pytest.mark.parametrize("text", ["", "   \n\t ", "...!?", "- \n- ", "**", "😀 😀", "&amp; &"])
def test_a_text_without_words_has_no_score(text):
    result = readability(text, "nl")

    assert result == Readability(score=None, words=0, sentences=0, above_b1=False)
    assert result.band is None
    assert result.words_per_sentence is None


def test_none_counts_as_empty():
    assert readability(None, "en").score is None


def test_odd_characters_among_words_are_harmless():
    result = readability("Je neemt 😀 geen geschenken aan & je meldt het — altijd!", "nl")

    assert result.score is not None
    assert result.words == 9


def test_a_very_long_text_is_scored_within_the_scale():
    text = ("Je neemt geen geschenken aan van leveranciers en relaties. " * 400)[:20_000]
    one_sentence = "woord " * 3_000

    assert readability(text, "nl").words > 2_500
    assert readability(one_sentence, "en").score == 0.0
    assert readability("Ja. " * 5, "en").score <= 100.0


@pytest.mark.parametrize(
    "score, band",
    [(100, "very easy"), (90, "very easy"), (85, "easy"), (72, "fairly easy"), (60, "plain"),
     (59.9, "fairly difficult"), (30, "difficult"), (0, "very difficult")],
)  # fmt: skip
def test_the_band_names_the_usual_flesch_ranges(score, band):
    with translation.override("en"):
        assert str(Readability(score=score, words=1, sentences=1, above_b1=False).band) == band


def test_the_band_speaks_the_interface_language():
    with translation.override("nl"):
        band = Readability(score=20, words=1, sentences=1, above_b1=True).band
        assert str(band)  # translated when the catalogue has it, English otherwise


def test_words_per_sentence_is_rounded_to_one_decimal():
    assert Readability(score=50, words=10, sentences=3, above_b1=True).words_per_sentence == 3.3


def test_english_is_scored_without_any_network_access(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("readability tried to reach the network or load NLTK's cmudict")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(nltk.data, "find", refuse)
    monkeypatch.setattr(nltk.corpus, "cmudict", SimpleNamespace(dict=refuse))
    # textstat caches its answers: clear them so this text is really counted now.
    for cached in (metrics.flesch_reading_ease, counts.count_syllables, get_cmudict):
        cached.cache_clear()

    result = readability("Offline, every syllable comes from the bundled dictionary.", "en")

    assert result.score is not None
    assert result.words == 8


def test_norms_learn_the_code_language_from_the_app_that_knows_it(monkeypatch):
    monkeypatch.setattr(readability_module, "_language_source", None)
    readability_module.code_language_from(lambda: "en")

    assert readability_module.code_language() == "en"


def test_the_project_tells_norms_the_code_language_at_start_up(db):
    assert readability_module._language_source is the_profiles_language
    assert readability_module.code_language() == "nl"


def test_without_a_source_norms_say_so_loudly(monkeypatch):
    monkeypatch.setattr(readability_module, "_language_source", None)

    with pytest.raises(ImproperlyConfigured, match="code_language_from"):
        readability_module.code_language()
