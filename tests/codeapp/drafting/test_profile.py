"""The code's title, language and preamble: edited like the items, with history and conflicts."""

import pytest
from django.urls import reverse

from codeapp.models import CodeProfile
from core.services import item_update
from tests.helpers import PERSONAS, form_data, text_of

pytestmark = pytest.mark.django_db

EDIT = reverse("codeapp:profile-edit")
HISTORY = reverse("codeapp:profile-history")
DRAFT = reverse("codeapp:draft")


def profile_data(**overrides) -> dict:
    profile = CodeProfile.current()
    data = {
        "title": "Gedragscode Gemeente Lindewaard",
        "language": "nl",
        "preamble": "Wie voor de gemeente werkt, werkt met **publiek geld**.",
        "revision": str(profile.revision),
        "reason": "",
    }
    data.update(overrides)
    return data


# --- who may ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [("employee", 403), ("editor", 200), ("officer", 403), ("admin", 200)],
)
def test_it_lets_only_editors_edit_the_profile(persona, status, client_for, code):
    assert client_for(persona).get(EDIT).status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [("employee", 403), ("editor", 200), ("officer", 200), ("admin", 200)],
)
def test_it_shows_the_history_to_draft_readers(persona, status, client_for, code):
    assert client_for(persona).get(HISTORY).status_code == status


@pytest.mark.parametrize("url", [EDIT, HISTORY])
def test_it_sends_anonymous_visitors_to_sign_in(url, client_for):
    response = client_for("anonymous").get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


@pytest.mark.parametrize("persona", ["employee", "officer"])
def test_it_refuses_an_edit_post_from_those_who_may_not(persona, client_for):
    before = CodeProfile.current()

    response = client_for(persona).post(EDIT, profile_data(title="Overgenomen"))

    assert response.status_code == 403
    after = CodeProfile.current()
    assert (after.title, after.revision) == (before.title, before.revision)


@pytest.mark.parametrize("persona", PERSONAS)
def test_it_refuses_other_methods(persona, client_for):
    client = client_for(persona)

    assert client.delete(EDIT).status_code == 405
    assert client.put(EDIT).status_code == 405
    assert client.post(HISTORY).status_code == 405


# --- editing ---------------------------------------------------------------------------------


def test_it_saves_title_language_and_preamble_with_the_reason(client_for, editor):
    response = client_for("editor").post(
        EDIT, profile_data(language="en", reason="Besluit van het MT")
    )

    assert response.status_code == 302
    assert response["Location"] == f"{DRAFT}?at=code#codeprofile-code"
    profile = CodeProfile.current()
    assert profile.title == "Gedragscode Gemeente Lindewaard"
    assert profile.language == "en"
    assert profile.preamble.startswith("Wie voor de gemeente werkt")
    assert profile.revision == 2
    record = profile.history.first()
    assert record.history_user == editor
    assert record.history_change_reason == "Besluit van het MT"


def test_it_shows_the_edit_and_its_reason_in_the_history(en_client_for):
    client = en_client_for("editor")
    client.post(EDIT, profile_data(title="Gedragscode Lindewaard", reason="Kortere titel"))

    response = client.get(HISTORY)

    page = text_of(response)
    assert response.status_code == 200
    assert "Kortere titel" in page
    assert "Gedragscode Lindewaard" in page
    assert "<del>" in page or "<ins>" in page
    assert "Preamble" in page
    assert len(response.context["revisions"]) == 2


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("title", {"title": "   "}),
        ("title", {"title": "x" * 301}),
        ("language", {"language": "fr"}),
        ("preamble", {"preamble": "x" * 20_001}),
    ],
)
def test_it_refuses_invalid_input_and_writes_nothing(field, overrides, client_for):
    before = CodeProfile.current()

    response = client_for("editor").post(EDIT, profile_data(**overrides))

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert CodeProfile.current().revision == before.revision


def test_it_refuses_a_save_over_a_newer_edit_with_a_conflict_page(en_client_for, editor2):
    client = en_client_for("editor")
    opened = client.get(EDIT)
    data = form_data(opened.context["form"])
    profile = CodeProfile.current()
    item_update(
        item=profile,
        expected_revision=profile.revision,
        changes={"title": "Titel van een collega"},
        user=editor2,
    )

    data["title"] = "Mijn titel"
    response = client.post(EDIT, data)

    assert response.status_code == 409
    assert CodeProfile.current().title == "Titel van een collega"
    page = text_of(response)
    assert "Not saved: someone else changed this item" in page
    assert "editor2" in page
    assert "Titel van een collega" in page and "Mijn titel" in page
    assert response.context["form"]["revision"].value() == str(CodeProfile.current().revision)


# --- on the draft page -----------------------------------------------------------------------


def test_it_shows_title_and_preamble_on_the_draft_page(client_for, editor, code):
    client_for("editor").post(EDIT, profile_data())

    page = text_of(client_for("editor").get(DRAFT))

    assert 'id="codeprofile-code"' in page
    assert "Gedragscode Gemeente Lindewaard" in page
    assert "werkt met <strong>publiek geld</strong>." in page
    assert EDIT in page
    assert HISTORY in page


def test_it_shows_no_profile_edit_link_to_officers(client_for, code):
    page = text_of(client_for("officer").get(DRAFT))

    assert EDIT not in page
    assert HISTORY in page


def test_the_draft_page_creates_no_profile(client_for, code):
    client_for("editor").get(DRAFT)

    assert not CodeProfile.objects.exists()
