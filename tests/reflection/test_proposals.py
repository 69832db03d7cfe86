"""Recording, suggesting and following amendment proposals through the web pages.

Every view as anonymous, employee, editor, officer and administrator, and with a wrong
method; every POST checked against the database, not only the status code.
"""

import datetime
from urllib.parse import quote

import pytest
from django.urls import reverse

from codeapp.versions.services import version_publish
from core.services import item_set_retired, item_update
from norms.models import Norm
from reflection.models import Case, Proposal, Session
from reflection.services.proposals import (
    proposal_create,
    proposal_decide,
    proposal_submit,
    proposals_incorporate,
)
from tests.helpers import add_norm, signed_in

pytestmark = pytest.mark.django_db

NEW_TEXT = "Je meldt elk geschenk direct bij je leidinggevende."


@pytest.fixture
def en(en_client_for):
    """A client for a persona, asking for the English interface: en("editor")."""
    return en_client_for


def reword(user, norm: Norm, **extra) -> Proposal:
    fields = {
        "title": "Geschenken direct melden", "action": "reword", "target": "norm", "norm": norm,
        "proposed": {"text": NEW_TEXT}, "rationale": "Uit de dilemmasessie.", "origin": "other",
        **extra,
    }  # fmt: skip
    return proposal_create(proposal=Proposal(**fields), user=user)


@pytest.fixture
def draft(code, editor) -> Proposal:
    return reword(editor, code["gifts"])


@pytest.fixture
def submitted(code, editor) -> Proposal:
    proposal = reword(editor, code["bribes"], proposed={"text": "Je neemt nooit geld aan."})
    return proposal_submit(proposal=proposal, user=editor)


def login_url(url: str) -> str:
    return f"/accounts/login/?next={quote(url)}"


def state_of(proposal: Proposal) -> tuple:
    return tuple(
        Proposal.objects.filter(pk=proposal.pk).values_list("state", "title", "revision")[0]
    )


# ---------------------------------------------------------------------------------------------
# proposal_create

CREATE = reverse("reflection:proposal-create")


@pytest.mark.parametrize(
    ("persona", "status"),
    [("employee", 403), ("editor", 200), ("officer", 403), ("admin", 200)],
)
def test_create_answers_each_persona(persona, status, en, code):
    assert en(persona).get(CREATE).status_code == status


def test_create_sends_anonymous_visitors_to_sign_in(client):
    response = client.get(CREATE)

    assert response.status_code == 302
    assert response["Location"] == login_url(CREATE)


def test_create_refuses_a_wrong_method(en, code):
    assert en("editor").put(CREATE).status_code == 405


def test_create_asks_first_what_is_proposed(en, code):
    response = en("editor").get(CREATE)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'method="get"' in page
    assert 'name="action"' in page and 'name="target"' in page


def test_create_asks_which_item_to_reword_with_numbers(en, code):
    response = en("editor").get(CREATE, {"action": "reword", "target": "norm"})

    page = response.content.decode()
    assert 'name="item"' in page
    assert "1.1 Geschenken melden" in page
    assert "2.1 Bijblijven" in page


def test_create_fills_in_the_current_text_when_rewording(en, code):
    response = en("editor").get(
        CREATE, {"action": "reword", "target": "norm", "item": "geschenken"}
    )

    form = response.context["form"]
    assert form["proposed_text"].value() == code["gifts"].text
    assert form["proposed_kind"].value() == "obligation"
    assert form["seen_revision"].value() == 1
    assert "Current text" in response.content.decode()


def rewording_post(**extra) -> dict:
    return {
        "item": "geschenken", "seen_revision": "1", "proposed_title": "Geschenken melden",
        "proposed_text": NEW_TEXT, "proposed_kind": "obligation", "proposed_explanation": "",
        "title": "Geschenken direct melden", "rationale": "Bleek onduidelijk.", "origin": "other",
        **extra,
    }  # fmt: skip


def test_create_records_a_draft_rewording_with_only_what_changes(en, code, editor):
    url = f"{CREATE}?action=reword&target=norm&item=geschenken"

    response = en("editor").post(url, rewording_post())

    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == proposal.get_absolute_url()
    assert (proposal.state, proposal.proposer, proposal.norm) == ("draft", editor, code["gifts"])
    assert proposal.proposed == {"text": NEW_TEXT}
    assert proposal.base_revision == 1
    assert proposal.origin == "other" and proposal.session is None


def test_create_from_a_session_names_the_session(en, code):
    session = Session.objects.create(
        title="Dilemmasessie", date=datetime.date(2025, 3, 1), format="dilemma", held=True
    )
    url = f"{CREATE}?action=reword&target=norm&item=geschenken&session={session.pk}"
    client = en("editor")

    form = client.get(url).context["form"]
    response = client.post(url, rewording_post(origin="session", session=session.pk))

    assert (form["origin"].value(), form["session"].value()) == ("session", session.pk)
    assert response.status_code == 302
    assert Proposal.objects.get().session == session


def test_create_needs_the_session_when_the_origin_is_a_session(en, code):
    url = f"{CREATE}?action=reword&target=norm&item=geschenken"

    response = en("editor").post(url, rewording_post(origin="session"))

    assert response.status_code == 200
    assert "Choose the session" in response.content.decode()
    assert not Proposal.objects.exists()


def test_create_refuses_a_rewording_that_changes_nothing(en, code):
    url = f"{CREATE}?action=reword&target=norm&item=geschenken"

    response = en("editor").post(url, rewording_post(proposed_text=code["gifts"].text))

    assert response.status_code == 200
    assert "the same as the current text" in response.content.decode()
    assert not Proposal.objects.exists()


def test_create_notices_an_edit_of_the_item_while_writing(en, code, editor2):
    url = f"{CREATE}?action=reword&target=norm&item=geschenken"
    client = en("editor")
    item_update(item=code["gifts"], expected_revision=1, changes={"text": "Anders."}, user=editor2)

    first = client.post(url, rewording_post())
    again = client.post(
        url, rewording_post(seen_revision=first.context["form"]["seen_revision"].value())
    )

    assert first.status_code == 200
    assert "Someone changed the item while you were writing" in first.content.decode()
    assert "Anders." in first.content.decode()
    assert again.status_code == 302
    assert Proposal.objects.get().base_revision == 2


def test_create_records_a_retirement_chosen_from_a_list(en, code):
    url = f"{CREATE}?action=retire&target=example"
    client = en("editor")

    page = client.get(url).content.decode()
    response = client.post(
        url, {"item": "wijn", "title": "Wijn schrappen", "rationale": "Oud.", "origin": "other"}
    )

    assert "1.1.1 Een fles wijn" in page
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert (proposal.action, proposal.example, proposal.proposed) == ("retire", code["wine"], {})


def test_create_records_a_new_norm_under_a_value(en, code):
    url = f"{CREATE}?action=add&target=norm"

    response = en("editor").post(
        url,
        {
            "parent": "deskundigheid", "proposed_title": "Delen",
            "proposed_text": "Je deelt kennis.", "proposed_kind": "aspiration",
            "title": "Kennis delen", "rationale": "Uit intervisie.", "origin": "other",
        },
    )  # fmt: skip

    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert (proposal.action, proposal.target) == ("add", "norm")
    assert proposal.parent_value == code["expertise"]
    assert proposal.proposed["text"] == "Je deelt kennis."
    assert proposal.base_revision is None


def test_create_turns_a_case_into_a_new_example(en, code):
    case = Case.objects.create(title="Taart", situation="Een burger brengt een taart.")
    case.norms.add(code["gifts"])
    url = f"{CREATE}?case={case.pk}&target=example&action=add"
    client = en("editor")

    form = client.get(url).context["form"]
    data = {k: v for k, v in ((n, form[n].value()) for n in form.fields) if v is not None}
    response = client.post(url, {**data, "rationale": "Kwam terug in de sessie."})

    assert form["proposed_situation"].value() == "Een burger brengt een taart."
    assert form["parent"].value() == "geschenken"
    assert form["case"].value() == case.pk
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.parent_norm == code["gifts"]
    assert proposal.case == case
    assert proposal.proposed["situation"] == "Een burger brengt een taart."


def test_create_refuses_an_officer_on_post(en, code):
    url = f"{CREATE}?action=reword&target=norm&item=geschenken"

    assert en("officer").post(url, rewording_post()).status_code == 403
    assert not Proposal.objects.exists()


# ---------------------------------------------------------------------------------------------
# suggest

SUGGEST = reverse("codeapp:suggest")


@pytest.fixture
def published_code(code, officer):
    """The `code` fixture published as version 1, in force: suggestions start from it."""
    version_publish(
        user=officer, effective_from=datetime.date(2025, 1, 1), established_by="B&W",
        change_summary="",
        retroactive=True, retroactive_reason="Besluit met terugwerkende kracht.",
    )  # fmt: skip
    return code


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


def suggestion(**extra) -> dict:
    return {
        "change": "reword", "title": "Ook kleine geschenken melden", "text": NEW_TEXT,
        "rationale": "Ik wist niet dat een fles wijn ook telt.", "submit_now": "on", **extra,
    }  # fmt: skip


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


# ---------------------------------------------------------------------------------------------
# proposal_detail


@pytest.mark.parametrize(
    ("persona", "status"),
    [("employee", 403), ("editor", 200), ("officer", 200), ("admin", 200)],
)
def test_detail_answers_each_persona(persona, status, en, submitted):
    assert en(persona).get(submitted.get_absolute_url()).status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [("employee", 404), ("editor", 200), ("officer", 404), ("admin", 404)],
)
def test_a_draft_is_seen_by_its_proposer_only(persona, status, en, draft):
    assert en(persona).get(draft.get_absolute_url()).status_code == status


def test_an_unsubmitted_suggestion_is_its_authors_alone(en, code, employee):
    """The suggestion form promises "a draft that only you can see": editors and officers,
    who may read every submitted proposal, cannot open it by its number."""
    suggestion = proposal_create(
        proposal=Proposal(
            title="Geheim idee", action="reword", target="norm", norm=code["gifts"],
            proposed={"text": NEW_TEXT}, rationale="Nog niet klaar.", origin="suggestion",
        ),
        user=employee,
    )  # fmt: skip
    url = suggestion.get_absolute_url()
    decide = reverse("reflection:proposal-decide", args=[suggestion.pk])

    assert en("employee").get(url).status_code == 200
    for persona in ("editor", "officer", "admin"):
        assert en(persona).get(url).status_code == 404
    assert en("officer").get(decide).status_code == 404
    assert en("officer").post(decide, {"decision": "approve", "reason": "Ja."}).status_code == 404
    assert Proposal.objects.get(pk=suggestion.pk).state == "draft"

    proposal_submit(proposal=suggestion, user=employee)
    assert en("officer").get(url).status_code == 200


def test_a_session_page_lists_a_draft_for_its_proposer_only(en, code, editor, editor2):
    session = Session.objects.create(
        title="Sessie", date=datetime.date(2025, 3, 1), format="dilemma", held=True
    )
    mine = reword(editor, code["gifts"], title="Mijn concept", origin="session", session=session)
    theirs = reword(editor2, code["bribes"], title="Hun concept", origin="session", session=session)
    url = session.get_absolute_url()

    assert list(en("editor").get(url).context["proposals"]) == [mine]
    assert list(en("officer").get(url).context["proposals"]) == []
    proposal_submit(proposal=theirs, user=editor2)
    assert list(en("officer").get(url).context["proposals"]) == [theirs]


def test_detail_sends_anonymous_visitors_to_sign_in_and_refuses_posts(client, en, draft):
    url = draft.get_absolute_url()

    assert client.get(url)["Location"] == login_url(url)
    assert en("editor").post(url).status_code == 405
    assert en("editor").get(reverse("reflection:proposal", args=[999])).status_code == 404


def test_detail_compares_the_proposal_with_the_current_text_word_by_word(en, draft):
    page = en("editor").get(draft.get_absolute_url()).content.decode()

    assert "#1" in page and "Geschenken direct melden" in page
    assert "<ins>" in page and "direct bij je leidinggevende" in page
    assert "Compared with the current text" in page
    assert "Uit de dilemmasessie." in page  # the rationale


def test_detail_offers_the_proposer_edit_submit_and_withdraw(en, draft):
    page = en("editor").get(draft.get_absolute_url()).content.decode()

    assert reverse("reflection:proposal-edit", args=[draft.pk]) in page
    assert reverse("reflection:proposal-submit", args=[draft.pk]) in page
    assert reverse("reflection:proposal-withdraw", args=[draft.pk]) in page


def test_detail_offers_no_buttons_to_others(en, submitted):
    page = en("officer").get(submitted.get_absolute_url()).content.decode()

    assert reverse("reflection:proposal-edit", args=[submitted.pk]) not in page
    assert reverse("reflection:proposal-withdraw", args=[submitted.pk]) not in page


def test_detail_offers_an_officer_the_decision(en, submitted):
    page = en("officer").get(submitted.get_absolute_url()).content.decode()

    assert reverse("reflection:proposal-decide", args=[submitted.pk]) in page


def test_detail_says_why_an_officer_may_not_decide(code, officer):
    proposal = proposal_submit(proposal=reword(officer, code["gifts"]), user=officer)

    page = signed_in(officer).get(proposal.get_absolute_url()).content.decode()

    assert reverse("reflection:proposal-decide", args=[proposal.pk]) not in page
    assert "Four-eyes rule:" in page
    assert "You made this proposal" in page


def test_detail_links_the_session_for_editors_and_shows_the_case(en, code, editor):
    session = Session.objects.create(
        title="Dilemmasessie", date=datetime.date(2025, 3, 1), format="dilemma", held=True
    )
    case = Case.objects.create(title="Taart", situation="Een taart.")
    proposal = reword(editor, code["gifts"], origin="session", session=session, case=case)
    proposal_submit(proposal=proposal, user=editor)

    page = en("officer").get(proposal.get_absolute_url()).content.decode()

    assert f'href="{session.get_absolute_url()}"' in page
    assert 'datetime="2025-03-01"' in page
    assert f'href="{case.get_absolute_url()}"' in page


def test_detail_shows_the_timeline_up_to_the_version(en, submitted, officer):
    proposal_decide(proposal=submitted, user=officer, approve=True, reason="Helder en nodig.")
    proposals_incorporate(
        proposals=list(Proposal.objects.approved_not_incorporated()), version_number=4, user=officer
    )

    page = en("editor").get(submitted.get_absolute_url()).content.decode()

    for event in ("Created", "Submitted", "Approved", "Incorporated in a published version"):
        assert event in page
    assert "Helder en nodig." in page
    assert reverse("codeapp:version", args=[4]) in page
    # Once approved, the proposal is compared with the text it was written against.
    assert "when the proposal was written" in page
    assert "<ins>" in page


# ---------------------------------------------------------------------------------------------
# proposal_edit


def edit_url(proposal: Proposal) -> str:
    return reverse("reflection:proposal-edit", args=[proposal.pk])


@pytest.mark.parametrize(
    ("persona", "status"),
    [("employee", 404), ("editor", 200), ("officer", 404), ("admin", 404)],
)
def test_edit_is_for_the_proposer_only(persona, status, en, draft):
    assert en(persona).get(edit_url(draft)).status_code == status


def test_edit_refuses_another_editor_and_a_wrong_method(en, draft, editor2):
    before = state_of(draft)

    assert signed_in(editor2).get(edit_url(draft)).status_code == 404
    assert signed_in(editor2).post(edit_url(draft), rewording_post()).status_code == 404
    assert en("editor").delete(edit_url(draft)).status_code == 405
    assert state_of(draft) == before


def test_edit_sends_anonymous_visitors_to_sign_in(client, draft):
    assert client.get(edit_url(draft))["Location"] == login_url(edit_url(draft))


def test_edit_starts_from_the_proposal_and_saves_the_change(en, draft):
    client = en("editor")

    form = client.get(edit_url(draft)).context["form"]
    response = client.post(
        edit_url(draft), rewording_post(title="Beter", proposed_text="Meld alles.")
    )

    assert form["proposed_text"].value() == NEW_TEXT
    assert form["title"].value() == "Geschenken direct melden"
    assert response.status_code == 302
    stored = Proposal.objects.get(pk=draft.pk)
    assert (stored.title, stored.proposed, stored.state) == (
        "Beter",
        {"text": "Meld alles."},
        "draft",
    )


def test_edit_of_a_submitted_proposal_changes_nothing(en, submitted):
    before = state_of(submitted)

    response = en("editor").post(edit_url(submitted), rewording_post(title="Anders"))

    assert response.status_code == 302
    assert response["Location"] == submitted.get_absolute_url()
    assert state_of(submitted) == before


# ---------------------------------------------------------------------------------------------
# proposal_submit and proposal_withdraw


@pytest.mark.parametrize("name", ["reflection:proposal-submit", "reflection:proposal-withdraw"])
@pytest.mark.parametrize("persona", ["anonymous", "employee", "editor", "officer", "admin"])
def test_submit_and_withdraw_take_posts_only(name, persona, client_for, draft):
    assert client_for(persona).get(reverse(name, args=[draft.pk])).status_code == 405


@pytest.mark.parametrize("name", ["reflection:proposal-submit", "reflection:proposal-withdraw"])
@pytest.mark.parametrize("persona", ["employee", "officer", "admin"])
def test_only_the_proposer_submits_or_withdraws(name, persona, en, draft):
    before = state_of(draft)

    # Someone else's draft is not there for them at all.
    assert en(persona).post(reverse(name, args=[draft.pk])).status_code == 404
    assert state_of(draft) == before


def test_submit_sends_anonymous_visitors_to_sign_in(client, draft):
    url = reverse("reflection:proposal-submit", args=[draft.pk])

    assert client.post(url)["Location"] == login_url(url)
    assert state_of(draft)[0] == "draft"


def test_the_proposer_submits_a_draft(en, draft):
    response = en("editor").post(reverse("reflection:proposal-submit", args=[draft.pk]))

    assert response["Location"] == draft.get_absolute_url()
    stored = Proposal.objects.get(pk=draft.pk)
    assert stored.state == "submitted" and stored.submitted_at is not None


def test_the_proposer_withdraws_a_submitted_proposal(en, submitted):
    en("editor").post(reverse("reflection:proposal-withdraw", args=[submitted.pk]))

    assert state_of(submitted)[0] == "withdrawn"


def test_submitting_twice_says_why_and_changes_nothing(en, submitted):
    before = state_of(submitted)
    client = en("editor")

    response = client.post(reverse("reflection:proposal-submit", args=[submitted.pk]), follow=True)

    expected = f"Proposal #{submitted.number} is submitted; this step is not possible now."
    assert expected in response.content.decode()
    assert state_of(submitted) == before


def test_withdrawing_a_decided_proposal_says_so_and_changes_nothing(en, submitted, officer):
    proposal_decide(proposal=submitted, user=officer, approve=False, reason="Nee.")
    before = state_of(submitted)

    response = en("editor").post(
        reverse("reflection:proposal-withdraw", args=[submitted.pk]), follow=True
    )

    assert "was rejected in the meantime" in response.content.decode()
    assert state_of(submitted) == before


# ---------------------------------------------------------------------------------------------
# my_proposals

MINE = reverse("reflection:my-proposals")


@pytest.mark.parametrize("persona", ["employee", "editor", "officer", "admin"])
def test_my_proposals_is_open_to_everyone_signed_in(persona, en, code):
    assert en(persona).get(MINE).status_code == 200


def test_my_proposals_sends_anonymous_visitors_to_sign_in_and_refuses_posts(client, en):
    assert client.get(MINE)["Location"] == login_url(MINE)
    assert en("employee").post(MINE).status_code == 405


def test_my_proposals_lists_only_ones_own_with_decisions_and_reasons(
    en, code, employee, submitted, officer
):
    mine = reword(employee, code["gifts"], title="Mijn suggestie", origin="suggestion")
    proposal_submit(proposal=mine, user=employee)
    proposal_decide(proposal=mine, user=officer, approve=False, reason="Staat al in norm 1.2.")

    response = en("employee").get(MINE)

    assert list(response.context["proposals"]) == [mine]
    page = response.content.decode()
    assert "Mijn suggestie" in page and "Rejected" in page
    assert "Staat al in norm 1.2." in page and "officer" in page
    assert submitted.title not in page


def test_an_employee_edits_their_own_draft_suggestion(en, code, employee):
    proposal = proposal_create(
        proposal=Proposal(
            title="Taart", action="add", target="example", parent_norm=code["gifts"],
            proposed={"title": "Taart", "situation": "Een taart.", "guidance": ""},
            rationale="Gebeurde.", origin="suggestion",
        ),
        user=employee,
    )  # fmt: skip
    client = en("employee")

    form = client.get(edit_url(proposal)).context["form"]
    response = client.post(
        edit_url(proposal),
        {"change": "add", "title": "Taart", "text": "Twee taarten.", "rationale": "Gebeurde."},
    )

    assert "origin" not in form.fields
    assert response.status_code == 302
    stored = Proposal.objects.get(pk=proposal.pk)
    assert stored.proposed["situation"] == "Twee taarten."
    assert (stored.origin, stored.parent_norm, stored.state) == (
        "suggestion", code["gifts"], "draft",
    )  # fmt: skip


def test_an_employee_edits_a_draft_suggestion_over_the_published_text(en, published_code, editor):
    client = en("employee")
    data = suggestion()
    del data["submit_now"]
    client.post(f"{SUGGEST}?norm=geschenken", data)
    proposal = Proposal.objects.get()
    item_update(
        item=published_code["gifts"], expected_revision=1,
        changes={"title": "Geheime titel", "text": "Geheime werktekst."}, user=editor,
    )  # fmt: skip
    add_norm(editor, published_code["honesty"], "Geheime nieuwe norm", key="concept")

    page = client.get(edit_url(proposal)).content.decode()
    same = client.post(edit_url(proposal), suggestion(text="Je meldt elk geschenk."))
    saved = client.post(edit_url(proposal), suggestion(text="Je meldt elk geschenk meteen."))

    assert "Geheim" not in page
    assert "Je meldt elk geschenk." in page and "version 1" in page
    assert "This is the current text" in same.content.decode()
    assert saved.status_code == 302
    stored = Proposal.objects.get(pk=proposal.pk)
    # Only the text: the draft's title is neither shown nor proposed back.
    assert (stored.proposed, stored.state) == ({"text": "Je meldt elk geschenk meteen."}, "draft")


@pytest.mark.parametrize("action", ["add", "retire"])
def test_detail_shows_an_addition_and_a_retirement(action, en, code, editor):
    fields = (
        {"target": "example", "parent_norm": code["gifts"],
         "proposed": {"title": "Taart", "situation": "Een burger brengt taart.", "guidance": ""}}
        if action == "add"
        else {"target": "norm", "norm": code["learn"]}
    )  # fmt: skip
    proposal = proposal_create(
        proposal=Proposal(title="X", action=action, rationale="-", origin="other", **fields),
        user=editor,
    )

    page = en("editor").get(proposal.get_absolute_url()).content.decode()

    if action == "add":
        assert "A new example for the norm “Geschenken melden”" in page
        assert "Een burger brengt taart." in page
    else:
        assert "Retire the norm “Bijblijven”" in page
