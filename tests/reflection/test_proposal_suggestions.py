"""Suggesting a change to the published code: the suggest page, and what the suggester sees."""

import pytest

from core.services import item_set_retired, item_update
from reflection.models import Proposal
from tests.helpers import add_norm
from tests.helpers.proposals import NEW_TEXT, SUGGEST, login_url, suggestion

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------------------------
# suggest


def test_suggest_shows_the_published_text_never_the_draft(en, published_code, editor):
    item_update(
        item=published_code["gifts"], expected_revision=1,
        changes={"text": "Geheime werktekst."}, user=editor,
    )  # fmt: skip
    add_norm(editor, published_code["honesty"], "Nog niet gepubliceerd", key="concept")

    page = en("employee").get(SUGGEST, {"norm": "geschenken"}).content.decode()
    choices = en("employee").get(SUGGEST).content.decode()

    assert "Geheime werktekst" not in page
    assert "Je meldt elk geschenk." in page
    assert "Nog niet gepubliceerd" not in choices
    assert en("employee").get(SUGGEST, {"norm": "concept"}).status_code == 404


@pytest.mark.parametrize("persona", ["employee", "editor", "officer", "admin"])
def test_suggest_is_open_to_everyone_signed_in(persona, en, published_code):
    assert en(persona).get(SUGGEST).status_code == 200
    assert en(persona).get(SUGGEST, {"norm": "geschenken"}).status_code == 200


def test_suggest_sends_anonymous_visitors_to_sign_in(client, published_code):
    response = client.get(f"{SUGGEST}?norm=geschenken")

    assert response.status_code == 302
    assert response["Location"] == login_url(f"{SUGGEST}?norm=geschenken")


def test_suggest_refuses_a_wrong_method_and_an_unknown_norm(en, published_code):
    assert en("employee").delete(SUGGEST).status_code == 405
    assert en("employee").get(SUGGEST, {"norm": "bestaat-niet"}).status_code == 404


def test_suggest_without_a_norm_asks_which_one(en, published_code):
    page = en("employee").get(SUGGEST).content.decode()

    assert 'name="about"' in page
    assert "1.1 Geschenken melden" in page
    assert (
        en("employee").get(SUGGEST, {"about": "norm:geschenken"}).context["item"]
        == published_code["gifts"]
    )


def test_suggest_starts_from_the_norms_text_and_states_what_happens(en, published_code):
    response = en("employee").get(SUGGEST, {"norm": "geschenken"})

    assert response.context["form"]["text"].value() == published_code["gifts"].text
    assert response.context["form"]["submit_now"].value() is True
    assert "as soon as you send it" in response.content.decode()


def test_suggest_submits_a_rewording_at_once(en, published_code, employee):
    client = en("employee")

    response = client.post(f"{SUGGEST}?norm=geschenken", suggestion())

    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url()
    assert (proposal.state, proposal.origin, proposal.proposer) == (
        "submitted", "suggestion", employee,
    )  # fmt: skip
    assert (proposal.target, proposal.norm, proposal.proposed) == (
        "norm", published_code["gifts"], {"text": NEW_TEXT},
    )  # fmt: skip
    # The employee follows their own suggestion, though not everyone's.
    assert client.get(proposal.get_absolute_url()).status_code == 200


def test_suggest_keeps_a_draft_when_asked(en, published_code):
    data = suggestion()
    del data["submit_now"]

    en("employee").post(f"{SUGGEST}?norm=geschenken", data)

    assert Proposal.objects.get().state == "draft"


def test_suggest_adds_an_example_to_the_norm(en, published_code):
    data = suggestion(change="add", title="Een taart", text="Een burger brengt een taart.")

    en("employee").post(f"{SUGGEST}?norm=geschenken", data)

    proposal = Proposal.objects.get()
    assert (proposal.action, proposal.target, proposal.parent_norm) == (
        "add", "example", published_code["gifts"],
    )  # fmt: skip
    assert proposal.proposed["situation"] == "Een burger brengt een taart."
    assert proposal.proposed["title"] == "Een taart"


def test_suggest_retires_without_text(en, published_code):
    en("employee").post(f"{SUGGEST}?norm=geschenken", suggestion(change="retire", text=""))

    proposal = Proposal.objects.get()
    assert (proposal.action, proposal.norm, proposal.proposed) == (
        "retire",
        published_code["gifts"],
        {},
    )


def test_suggest_a_norm_under_a_value_needs_its_kind(en, published_code):
    url = f"{SUGGEST}?value=eerlijkheid"
    client = en("employee")

    refused = client.post(url, suggestion(change="add", text="Je bent open."))
    assert refused.status_code == 200
    assert "Choose the kind" in refused.content.decode()
    assert not Proposal.objects.exists()

    client.post(url, suggestion(change="add", text="Je bent open.", kind="obligation"))
    proposal = Proposal.objects.get()
    assert (proposal.target, proposal.parent_value) == ("norm", published_code["honesty"])
    assert proposal.proposed["kind"] == "obligation"


def test_suggest_refuses_the_current_text_and_an_empty_one(en, published_code):
    client = en("employee")

    same = client.post(f"{SUGGEST}?norm=geschenken", suggestion(text=published_code["gifts"].text))
    empty = client.post(f"{SUGGEST}?norm=geschenken", suggestion(text=" "))

    assert "This is the current text" in same.content.decode()
    assert "Write the text you propose" in empty.content.decode()
    assert not Proposal.objects.exists()


def test_suggest_does_not_tell_of_a_retirement_only_in_the_draft(en, published_code, editor):
    item_set_retired(item=published_code["bribes"], retired=True, user=editor)
    client = en("employee")

    response = client.get(SUGGEST, {"norm": "steekpenningen"})
    posted = client.post(f"{SUGGEST}?norm=steekpenningen", suggestion(text="Je neemt niets aan."))

    assert response.status_code == 200
    assert "Geen steekpenningen" in response.content.decode()
    assert "retired" not in response.content.decode()
    assert posted.status_code == 302
    assert Proposal.objects.get().norm == published_code["bribes"]


@pytest.fixture
def suggested(en, published_code):
    """An employee's rewording of norm 1.1 as published in version 1, sent at once."""
    en("employee").post(f"{SUGGEST}?norm=geschenken", suggestion())
    return Proposal.objects.get()


def test_the_suggester_sees_the_published_wording_never_the_draft(
    en, suggested, published_code, editor
):
    item_update(
        item=published_code["gifts"], expected_revision=1,
        changes={"title": "Geheime titel", "text": "Geheime werktekst."}, user=editor,
    )  # fmt: skip

    page = en("employee").get(suggested.get_absolute_url()).content.decode()

    assert "Geheim" not in page
    assert "Geschenken melden" in page  # the title in version 1
    assert "Compared with the text of version 1" in page
    assert "<ins>" in page and "direct bij je leidinggevende" in page
    assert suggested.published_fields["text"] == "Je meldt elk geschenk."
    # Those who may see the draft keep comparing with it.
    assert "Geheime titel" in en("officer").get(suggested.get_absolute_url()).content.decode()


@pytest.mark.parametrize("change", ["retire", "add"])
def test_a_retirement_or_addition_shows_the_suggester_the_published_norm(
    change, en, published_code, editor
):
    client = en("employee")
    text = "" if change == "retire" else "Een burger brengt een taart."
    client.post(f"{SUGGEST}?norm=geschenken", suggestion(change=change, text=text))
    item_update(
        item=published_code["gifts"], expected_revision=1,
        changes={"title": "Geheime titel", "text": "Geheime werktekst."}, user=editor,
    )  # fmt: skip

    page = client.get(Proposal.objects.get().get_absolute_url()).content.decode()

    assert "Geheim" not in page
    assert "Geschenken melden" in page
    if change == "retire":
        assert "Je meldt elk geschenk." in page
