"""The readability of a norm's text on its form, and the JSON the form asks while typing."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from codeapp.models import CodeProfile
from norms.models import Norm
from norms.readability import readability
from tests.helpers import text_of

pytestmark = pytest.mark.django_db

READABILITY = reverse("norms:readability")
EDIT = reverse("norms:edit", kwargs={"key": "geschenken"})
HINT = "Probably harder than language level B1: use shorter sentences and everyday words."
BUREAUCRATIC_NL = (
    "Het is de medewerker, behoudens voorafgaande schriftelijke toestemming van de "
    "leidinggevende, niet toegestaan om geschenken, giften of andere voordelen van derden "
    "met een geldelijke waarde aan te nemen, te behouden of anderszins te accepteren."
)
PLAIN_EN = "You do not accept gifts. You tell your manager about every offer."


def written_in(language: str) -> None:
    CodeProfile.objects.update_or_create(pk=1, defaults={"language": language})


def region(response) -> str:
    """The live region with the figures, as the page renders it."""
    match = re.search(r'<div id="id_text-readability".*?</dl>.*?</div>', text_of(response), re.S)
    assert match, "no readability region on the page"
    return match[0]


def edit_data(norm: Norm, **overrides) -> dict:
    data = {
        "value": norm.value.key, "title": norm.title, "text": norm.text, "kind": norm.kind,
        "explanation": norm.explanation, "legal_basis": "", "revision": norm.revision,
    }  # fmt: skip
    return {**data, **overrides}


# --- on the form ---------------------------------------------------------------------------


def test_the_edit_form_shows_the_readability_of_the_stored_text(en_client_for, code):
    response = en_client_for("editor").get(EDIT)

    shown = region(response)
    result = readability(code["gifts"].text, "nl")
    assert 'aria-live="polite"' in shown
    assert f'<span data-readability="score">{result.score:.1f}</span>' in shown
    assert f'<span data-readability="band">{result.band}</span>' in shown
    assert f'<dd data-readability="words">{result.words}</dd>' in shown
    assert HINT not in shown
    assert "Flesch-Douma" in text_of(response)
    assert "/static/js/readability.js" in text_of(response)
    page = text_of(response)
    assert page.index("/static/js/live-preview.js") < page.index("/static/js/readability.js")


def test_the_form_shows_numbers_in_the_interface_language(client_for, code):
    # A Dutch interface writes a decimal comma, as the script does with Intl.NumberFormat.
    response = client_for("editor").get(EDIT)

    score = readability(code["gifts"].text, "nl").score
    assert f'data-readability="score">{score:.1f}'.replace(".", ",") in region(response)


def test_a_refused_save_shows_the_figures_of_the_text_as_typed(en_client_for, code):
    data = edit_data(code["gifts"], text=BUREAUCRATIC_NL, kind="not-a-kind")

    response = en_client_for("editor").post(EDIT, data)

    assert response.status_code == 200
    assert response.context["form"].errors["kind"]
    shown = region(response)
    assert HINT in shown
    assert f'data-readability="words">{readability(BUREAUCRATIC_NL, "nl").words}<' in shown
    assert Norm.objects.get(key="geschenken").text == code["gifts"].text


def test_the_form_uses_the_code_language(en_client_for, code):
    written_in("en")

    response = en_client_for("editor").get(EDIT)

    assert "Flesch reading ease" in text_of(response)
    score = readability(code["gifts"].text, "en").score
    assert f'data-readability="score">{score:.1f}<' in region(response)


def test_a_new_norm_form_says_the_score_comes_with_words(en_client_for, code):
    response = en_client_for("editor").get(reverse("norms:create"))

    shown = region(response)
    assert "The score appears once the text has words." in shown
    assert '<dl class="row-meta mb-0" data-readability="figures" hidden>' in shown


def test_the_example_form_has_no_readability(en_client_for, code):
    response = en_client_for("editor").get(reverse("norms:example-edit", kwargs={"key": "wijn"}))

    assert "data-readability" not in text_of(response)
    assert "readability.js" not in text_of(response)


# --- the JSON endpoint ---------------------------------------------------------------------


def test_it_scores_a_dutch_text_with_flesch_douma(en_client_for, code):
    response = en_client_for("editor").post(READABILITY, {"text": BUREAUCRATIC_NL})

    assert response.status_code == 200
    result = readability(BUREAUCRATIC_NL, "nl")
    assert response.json() == {
        "language": "nl",
        "score": result.score,
        "band": "very difficult",
        "words": result.words,
        "sentences": 1,
        "words_per_sentence": float(result.words),
        "above_b1": True,
        "hint": HINT,
    }


def test_it_scores_an_english_code_with_flesch_reading_ease(en_client_for, code):
    written_in("en")

    answer = en_client_for("editor").post(READABILITY, {"text": PLAIN_EN}).json()

    assert answer["language"] == "en"
    assert answer["score"] == readability(PLAIN_EN, "en").score
    assert answer["above_b1"] is False
    assert answer["hint"] == ""
    assert answer["sentences"] == 2


@pytest.mark.parametrize("data", [{"text": ""}, {"text": "  **  "}, {}])
def test_a_text_without_words_has_no_score(data, client_for, code):
    answer = client_for("editor").post(READABILITY, data).json()

    assert answer["score"] is None
    assert answer["band"] == ""
    assert answer["words"] == 0
    assert answer["words_per_sentence"] is None


def test_it_takes_a_text_as_long_as_a_norm_may_be(client_for, code):
    response = client_for("editor").post(READABILITY, {"text": "Je meldt het. " * 1428})

    assert response.status_code == 200
    assert response.json()["words"] == 3 * 1428


def test_it_refuses_a_longer_text_with_a_clear_message(en_client_for, code):
    response = en_client_for("editor").post(READABILITY, {"text": "a" * 20_001})

    assert response.status_code == 400
    assert response.json() == {
        "error": "Ensure this value has at most 20000 characters (it has 20001)."
    }


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_it_answers_only_a_post(method, client_for, code):
    assert getattr(client_for("editor"), method)(READABILITY).status_code == 405


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 302), ("employee", 403), ("officer", 403)]
)
def test_it_refuses_who_may_not_edit_norms(persona, status, client_for, code):
    response = client_for(persona).post(READABILITY, {"text": BUREAUCRATIC_NL})

    assert response.status_code == status
    if persona == "anonymous":
        assert response["Location"].startswith(reverse("login"))


def test_it_needs_the_csrf_token(editor, code):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    assert client.post(READABILITY, {"text": "Je meldt het."}).status_code == 403
