"""Following a proposal through its pages: the detail page, editing, submitting, withdrawing,
and one's own proposals."""

import datetime

import pytest
from django.urls import reverse

from core.services import item_update
from reflection.models import Case, Proposal, Session
from reflection.services.proposals import (
    proposal_create,
    proposal_decide,
    proposal_submit,
    proposals_incorporate,
)
from tests.helpers import add_norm, signed_in
from tests.helpers.proposals import (
    NEW_TEXT,
    SUGGEST,
    login_url,
    reword,
    rewording_post,
    state_of,
    suggestion,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(code, editor) -> Proposal:
    return reword(editor, code["gifts"])


@pytest.fixture
def submitted(code, editor) -> Proposal:
    proposal = reword(editor, code["bribes"], proposed={"text": "Je neemt nooit geld aan."})
    return proposal_submit(proposal=proposal, user=editor)


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
