"""The preview of Markdown while an editor writes: under each field, through the Preview button
without JavaScript (saving nothing), and the JSON the script asks while typing."""

import re

import pytest
from django.urls import reverse

from core.forms import MAX_TEXT_LENGTH
from tests.helpers import text_of
from values.models import Value

pytestmark = pytest.mark.django_db

PREVIEW = reverse("values:preview")
EDIT = reverse("values:edit", kwargs={"key": "eerlijkheid"})
CREATE = reverse("values:create")
MARKDOWN = "Wij zijn **open** en:\n\n- eerlijk\n- *betrouwbaar*"


def previews(response) -> list[str]:
    """The preview panels' bodies, as the page renders them."""
    return re.findall(r'data-preview="body"[^>]*>(.*?)</div>', text_of(response), re.S)


# --- on the form ---------------------------------------------------------------------------


def test_the_edit_form_previews_the_stored_text_and_helps_with_markdown(en_client_for, code):
    response = en_client_for("editor").get(EDIT)

    assert previews(response) == ["<p>Wij zijn <strong>eerlijk</strong>.</p>\n"]
    page = text_of(response)
    assert "/static/js/markdown-preview.js" in page
    # The shared loop it runs on comes first.
    assert page.index("/static/js/live-preview.js") < page.index("/static/js/markdown-preview.js")
    assert 'name="preview"' in page
    assert "How to format text (Markdown)" in page
    assert "<code>**bold**</code>" in page


def test_the_help_and_preview_speak_dutch(client_for, code):
    page = text_of(client_for("editor").get(EDIT))

    assert "Tekst opmaken (Markdown)" in page
    assert "<code>**vet**</code>" in page
    assert "Voorbeeld: zo zien lezers het" in page


def test_every_markdown_field_of_a_norm_has_its_preview(en_client_for, code):
    response = en_client_for("editor").get(reverse("norms:edit", kwargs={"key": "geschenken"}))

    assert len(previews(response)) == 2  # the text and the explanation


def test_the_preview_button_shows_the_text_and_saves_nothing(en_client_for, code):
    value = code["honesty"]
    history = value.history.count()

    response = en_client_for("editor").post(
        EDIT,
        {"name": "Openheid", "description": MARKDOWN, "revision": value.revision, "preview": "1"},
    )

    assert response.status_code == 200
    assert "nothing has been saved yet" in text_of(response)
    shown = previews(response)[0]
    assert "<strong>open</strong>" in shown and "<em>betrouwbaar</em>" in shown
    assert 'value="Openheid"' in text_of(response)  # the form keeps what was typed
    stored = Value.objects.get(pk=value.pk)
    assert (stored.name, stored.description, stored.revision) == (
        "Eerlijkheid",
        value.description,
        value.revision,
    )
    assert stored.history.count() == history


def test_the_preview_button_on_a_new_item_creates_nothing(en_client_for, code):
    before = Value.objects.count()

    response = en_client_for("editor").post(
        CREATE, {"name": "Openheid", "description": MARKDOWN, "preview": "1"}
    )

    assert response.status_code == 200
    assert "<strong>open</strong>" in previews(response)[0]
    assert Value.objects.count() == before


def test_the_preview_never_shows_raw_html(en_client_for, code):
    response = en_client_for("editor").post(
        CREATE,
        {
            "name": "X",
            "description": "<script>alert(1)</script> <img src=x onerror=alert(1)>",
            "preview": "1",
        },
    )

    shown = previews(response)[0]
    assert "<script" not in shown and "<img" not in shown


# --- the JSON endpoint ---------------------------------------------------------------------


def test_it_renders_markdown_as_readers_will_see_it(en_client_for, code):
    response = en_client_for("editor").post(PREVIEW, {"text": MARKDOWN})

    assert response.status_code == 200
    assert response.json() == {
        "html": "<p>Wij zijn <strong>open</strong> en:</p>\n<ul>\n<li>eerlijk</li>\n"
        "<li><em>betrouwbaar</em></li>\n</ul>\n"
    }


def test_it_sanitises_what_it_renders(en_client_for, code):
    text = "<script>alert(1)</script>\n\n[klik](javascript:alert(1))"

    html = en_client_for("editor").post(PREVIEW, {"text": text}).json()["html"]

    assert "<script" not in html and "href" not in html


def test_it_refuses_a_text_longer_than_a_field_takes(en_client_for, code):
    response = en_client_for("editor").post(PREVIEW, {"text": "x" * (MAX_TEXT_LENGTH + 1)})

    assert response.status_code == 400
    assert "at most" in response.json()["error"]


@pytest.mark.parametrize(("persona", "status"), [("employee", 403), ("officer", 403)])
def test_it_is_for_editors_only(persona, status, en_client_for, code):
    assert en_client_for(persona).post(PREVIEW, {"text": "x"}).status_code == status


def test_it_sends_anonymous_visitors_to_sign_in(client, code):
    response = client.post(PREVIEW, {"text": "x"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
