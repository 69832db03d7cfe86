"""The integrity officers deciding a proposal: who may, approving and rejecting, and the item
changed since, merged texts included."""

import datetime
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse

from core.roles import OFFICER_GROUP
from core.services import item_set_retired, item_update
from norms.models import Example, Norm
from reflection.models import Proposal, Session
from reflection.services.proposals import (
    proposal_create,
    proposal_decide,
    proposal_submit,
    proposal_withdraw,
)
from tests.helpers import add_norm, add_value, make_user, signed_in
from tests.helpers.decisions import REVIEW, decide_url, snapshot, submit
from tests.helpers.proposals import NEW_TEXT

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer2(django_user_model):
    return make_user(django_user_model, "officer2", OFFICER_GROUP)


@pytest.fixture
def submitted(code, editor) -> Proposal:
    return submit(editor, norm=code["gifts"])


# ---------------------------------------------------------------------------------------------
# proposal_decide: who may open it


@pytest.mark.parametrize(
    ("persona", "status"),
    [("employee", 403), ("editor", 403), ("officer", 200), ("admin", 200)],
)
def test_deciding_is_for_officers(persona, status, en, submitted):
    assert en(persona).get(decide_url(submitted)).status_code == status


def test_deciding_sends_anonymous_visitors_to_sign_in_and_refuses_a_wrong_method(
    client, en, submitted
):
    before = snapshot(submitted)

    assert client.post(decide_url(submitted))["Location"] == (
        f"/accounts/login/?next={quote(decide_url(submitted))}"
    )
    assert en("officer").put(decide_url(submitted)).status_code == 405
    assert (
        en("editor")
        .post(decide_url(submitted), {"decision": "approve", "reason": "Ja."})
        .status_code
        == 403
    )
    assert snapshot(submitted) == before


def test_the_decide_page_shows_the_word_diff_and_the_form(en, submitted):
    response = en("officer").get(decide_url(submitted))

    page = response.content.decode()
    assert "<ins>" in page and "direct bij je leidinggevende" in page
    assert 'name="decision"' in page and 'name="reason"' in page


def test_the_decide_page_warns_that_the_item_changed_since(en, submitted, code, editor2):
    item_update(item=code["gifts"], expected_revision=1, changes={"text": "Anders."}, user=editor2)

    page = en("officer").get(decide_url(submitted)).content.decode()

    assert "The item was changed after this proposal was written" in page


def test_the_facilitator_gets_a_four_eyes_page_with_the_reason(code, editor, officer):
    session = Session.objects.create(
        title="Intervisie", date=datetime.date(2025, 3, 1), format="intervision", held=True,
        facilitator=officer,
    )  # fmt: skip
    proposal = submit(editor, norm=code["gifts"], origin="session", session=session)
    before = snapshot(proposal, code["gifts"])
    client = signed_in(officer)

    shown = client.get(decide_url(proposal))
    posted = client.post(decide_url(proposal), {"decision": "approve", "reason": "Ja."})

    for response in (shown, posted):
        assert response.status_code == 403
        assert "You facilitated the session" in response.content.decode()
    assert snapshot(proposal, code["gifts"]) == before


def test_the_proposer_gets_a_four_eyes_page(code, officer):
    proposal = submit(officer, norm=code["gifts"], origin="suggestion")

    response = signed_in(officer).post(decide_url(proposal), {"decision": "reject", "reason": "x"})

    assert response.status_code == 403
    assert "You made this proposal" in response.content.decode()
    assert Proposal.objects.get(pk=proposal.pk).state == "submitted"


def test_a_closed_proposal_has_nothing_to_decide(en, code, editor):
    draft = proposal_create(
        proposal=Proposal(
            title="Concept", action="retire", target="norm", norm=code["learn"], rationale="-",
            origin="other",
        ),
        user=editor,
    )  # fmt: skip
    # A draft is not there for the officer yet (it is its proposer's own).
    assert en("officer").get(decide_url(draft)).status_code == 404
    proposal_submit(proposal=draft, user=editor)
    proposal_withdraw(proposal=draft, user=editor)

    response = en("officer").get(decide_url(draft))

    assert response.status_code == 302
    assert response["Location"] == draft.get_absolute_url()


# ---------------------------------------------------------------------------------------------
# proposal_decide: deciding


def test_approving_changes_the_draft_and_links_to_it(en, submitted, officer):
    response = en("officer").post(
        decide_url(submitted), {"decision": "approve", "reason": "Helder."}, follow=True
    )

    assert response.redirect_chain == [(submitted.get_absolute_url(), 302)]
    stored = Proposal.objects.get(pk=submitted.pk)
    assert (stored.state, stored.decided_by, stored.decision_reason) == (
        "approved", officer, "Helder.",
    )  # fmt: skip
    assert Norm.objects.get(key="geschenken").text == NEW_TEXT
    page = response.content.decode()
    assert "The working draft now carries the change." in page
    assert 'href="/draft/#norm-geschenken"' in page


def test_rejecting_leaves_the_draft_as_it_is(en, submitted, code):
    before = snapshot(submitted, code["gifts"])[2:]

    response = en("officer").post(
        decide_url(submitted), {"decision": "reject", "reason": "Te streng."}
    )

    assert response.status_code == 302
    stored = Proposal.objects.get(pk=submitted.pk)
    assert (stored.state, stored.decision_reason) == ("rejected", "Te streng.")
    assert snapshot(submitted, code["gifts"])[2:] == before


@pytest.mark.parametrize("data", [{"decision": "approve", "reason": "  "}, {"reason": "Ja."}])
def test_a_decision_needs_a_choice_and_reasons(data, en, submitted, code):
    before = snapshot(submitted, code["gifts"])

    response = en("officer").post(decide_url(submitted), data)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert snapshot(submitted, code["gifts"]) == before


def test_a_decision_the_draft_cannot_take_is_shown_and_changes_nothing(en, code, editor):
    value = add_value(editor, "Zorg", key="zorg")
    add_norm(editor, value, "Zorgvuldig", key="zorgvuldig")
    proposal = submit(editor, action="retire", target="value", value=value, proposed={})
    before = snapshot(proposal, value)

    response = en("officer").post(decide_url(proposal), {"decision": "approve", "reason": "Ja."})

    assert response.status_code == 200
    assert "still has 1 active norm" in response.content.decode()
    assert snapshot(proposal, value) == before


def test_deciding_what_someone_decided_first_is_a_conflict(en, submitted, code, officer2):
    client = en("officer")
    client.get(decide_url(submitted))
    proposal_decide(proposal=submitted, user=officer2, approve=False, reason="Niet nodig.")
    before = snapshot(submitted, code["gifts"])

    response = client.post(decide_url(submitted), {"decision": "approve", "reason": "Ja."})

    assert response.status_code == 409
    page = response.content.decode()
    assert "officer2 decided it first: rejected" in page
    assert "Niet nodig." in page
    assert "nothing was changed" in page
    assert snapshot(submitted, code["gifts"]) == before


def test_deciding_a_withdrawn_proposal_is_a_conflict(en, submitted, editor):
    from reflection.services.proposals import proposal_withdraw

    proposal_withdraw(proposal=submitted, user=editor)

    response = en("officer").post(decide_url(submitted), {"decision": "reject", "reason": "x"})

    assert response.status_code == 409
    assert "The proposer withdrew it." in response.content.decode()
    assert Proposal.objects.get(pk=submitted.pk).state == "withdrawn"


# ---------------------------------------------------------------------------------------------
# proposal_decide: the item changed since the proposal was written


@pytest.fixture
def changed(submitted, code, editor2) -> Proposal:
    item_update(
        item=code["gifts"], expected_revision=1,
        changes={"text": "Je meldt elk geschenk boven de 50 euro."}, user=editor2,
    )  # fmt: skip
    return submitted


def test_approving_a_changed_item_shows_the_three_texts_and_changes_nothing(en, changed, code):
    before = snapshot(changed, code["gifts"])

    response = en("officer").post(decide_url(changed), {"decision": "approve", "reason": "Ja."})

    assert response.status_code == 409
    page = response.content.decode()
    assert "the item changed since the proposal was written" in page
    assert "Je meldt elk geschenk." in page  # when written
    assert "Je meldt elk geschenk boven de 50 euro." in page  # now
    assert NEW_TEXT in page  # proposed
    assert "<ins>" in page
    assert "editor2" in page
    resolve = response.context["resolve"]
    assert resolve["proposed_text"].value() == NEW_TEXT
    assert resolve["seen_revision"].value() == 2
    assert 'name="resolved"' in page
    assert "does not enter the working draft on your word alone" in page
    assert snapshot(changed, code["gifts"]) == before


MERGED = "Je meldt elk geschenk boven de 50 euro direct bij je leidinggevende."


def merge(client: Client, proposal: Proposal, text: str = MERGED):
    return client.post(
        decide_url(proposal),
        {"resolved": "1", "seen_revision": "2", "proposed_text": text,
         "decision": "approve", "reason": "Samengevoegd."},
    )  # fmt: skip


def agree_url(proposal: Proposal) -> str:
    return reverse("reflection:proposal-agree", args=[proposal.pk])


def test_approving_the_proposed_text_over_a_changed_item_applies_it(en, changed, officer):
    response = merge(en("officer"), changed, NEW_TEXT)

    assert response.status_code == 302
    norm = Norm.objects.get(key="geschenken")
    assert (norm.text, norm.revision) == (NEW_TEXT, 3)
    assert norm.history.first().history_change_reason.startswith("Amendment proposal #1")
    stored = Proposal.objects.get(pk=changed.pk)
    assert (stored.state, stored.decided_by) == ("approved", officer)


def test_an_officers_merged_text_waits_for_another_editor(en, changed, code, officer, editor2):
    officer_client = en("officer")

    merged = merge(officer_client, changed)
    page = officer_client.get(changed.get_absolute_url())

    assert merged.status_code == 302
    assert Norm.objects.get(key="geschenken").text == "Je meldt elk geschenk boven de 50 euro."
    stored = Proposal.objects.get(pk=changed.pk)
    assert (stored.state, stored.merged_by, stored.decided_by) == ("agreeing", officer, None)
    text = page.content.decode()
    assert "now waits for agreement" in text and "Merged text awaiting agreement" in text
    assert "You wrote this merged text" in text
    assert agree_url(changed) not in text
    queue = officer_client.get(REVIEW)
    assert list(queue.context["agreeing"]) == [stored]
    assert "merged by officer" in queue.content.decode()
    # The officer cannot agree to their own text by posting either.
    refused = officer_client.post(agree_url(changed), {"agree": "yes"})
    assert refused.status_code == 403
    assert Proposal.objects.get(pk=changed.pk).state == "agreeing"

    other = signed_in(editor2)
    assert changed in other.get(reverse("reflection:my-proposals")).context["to_agree"]
    assert agree_url(changed) in other.get(changed.get_absolute_url()).content.decode()
    agreed = other.post(agree_url(changed), {"agree": "yes"})

    assert agreed.status_code == 302
    norm = Norm.objects.get(key="geschenken")
    assert (norm.text, norm.revision) == (MERGED, 3)
    stored = Proposal.objects.get(pk=changed.pk)
    assert (stored.state, stored.decided_by) == ("approved", officer)


def test_not_agreeing_on_the_page_returns_it_to_the_officers(en, changed):
    merge(en("officer"), changed)

    bad = en("editor").post(agree_url(changed), {"agree": "maybe"})
    declined = en("editor").post(agree_url(changed), {"agree": "no"})

    assert bad.status_code == 302 and declined.status_code == 302
    assert Proposal.objects.get(pk=changed.pk).state == "submitted"
    assert Norm.objects.get(key="geschenken").text == "Je meldt elk geschenk boven de 50 euro."


def test_an_employee_suggester_never_sees_the_merged_text(en, code, employee, editor2):
    proposal = submit(employee, norm=code["gifts"], origin="suggestion")
    item_update(
        item=code["gifts"], expected_revision=1,
        changes={"text": "Je meldt elk geschenk boven de 50 euro."}, user=editor2,
    )  # fmt: skip
    merge(en("officer"), proposal)

    page = en("employee").get(proposal.get_absolute_url()).content.decode()
    refused = en("employee").post(agree_url(proposal), {"agree": "yes"})

    assert "Merged text awaiting agreement" in page
    assert "50 euro" not in page
    assert refused.status_code == 403
    assert Proposal.objects.get(pk=proposal.pk).state == "agreeing"


def test_rejecting_from_the_conflict_page_leaves_the_draft(en, changed):
    response = en("officer").post(
        decide_url(changed),
        {"resolved": "1", "seen_revision": "2", "proposed_text": "",
         "decision": "reject", "reason": "Achterhaald."},
    )  # fmt: skip

    assert response.status_code == 302
    assert Proposal.objects.get(pk=changed.pk).state == "rejected"
    assert Norm.objects.get(key="geschenken").text == "Je meldt elk geschenk boven de 50 euro."


def test_a_further_edit_while_merging_is_shown_again(en, changed, code, editor2):
    item_update(
        item=Norm.objects.get(key="geschenken"), expected_revision=2,
        changes={"text": "Nog weer anders."}, user=editor2,
    )  # fmt: skip
    before = snapshot(changed, code["gifts"])

    response = en("officer").post(
        decide_url(changed),
        {"resolved": "1", "seen_revision": "2", "proposed_text": "Mijn samenvoeging.",
         "decision": "approve", "reason": "Ja."},
    )  # fmt: skip

    assert response.status_code == 409
    page = response.content.decode()
    assert "It changed again while you were merging" in page
    assert "Nog weer anders." in page
    assert response.context["resolve"]["proposed_text"].value() == "Mijn samenvoeging."
    assert response.context["resolve"]["seen_revision"].value() == "3"
    assert snapshot(changed, code["gifts"]) == before


def test_an_empty_merged_text_is_refused(en, changed, code):
    before = snapshot(changed, code["gifts"])

    response = en("officer").post(
        decide_url(changed),
        {"resolved": "1", "seen_revision": "2", "proposed_text": "",
         "decision": "approve", "reason": "Ja."},
    )  # fmt: skip

    assert response.status_code == 409
    assert response.context["resolve"].errors
    assert snapshot(changed, code["gifts"]) == before


def test_retiring_what_is_already_retired_leaves_only_rejecting(en, code, editor, editor2):
    proposal = submit(editor, action="retire", target="example", example=code["wine"], proposed={})
    item_set_retired(item=code["wine"], retired=True, user=editor2)
    before = snapshot(proposal, code["wine"])
    client = en("officer")

    conflict = client.post(decide_url(proposal), {"decision": "approve", "reason": "Ja."})

    assert conflict.status_code == 409
    assert "already retired" in conflict.content.decode()
    assert [v for v, _label in conflict.context["decision"].fields["decision"].choices] == [
        "reject"
    ]
    assert snapshot(proposal, code["wine"]) == before

    rejected = client.post(decide_url(proposal), {"decision": "reject", "reason": "Al gedaan."})

    assert rejected.status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).state == "rejected"
    assert Example.objects.get(key="wijn").retired
