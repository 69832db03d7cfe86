"""Recording an amendment proposal on the create page: each kind of change, and what is refused."""

import datetime

import pytest
from django.urls import reverse

from core.services import item_update
from reflection.models import Case, Proposal, Session
from tests.helpers.proposals import NEW_TEXT, login_url, rewording_post

pytestmark = pytest.mark.django_db


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
