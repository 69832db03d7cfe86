"""Approved proposals flow into the next version: named in it (no people), then incorporated."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from codeapp.drafting.changes import draft_changes
from core.services import item_set_retired, item_update
from norms.models import Norm
from reflection.models import Proposal
from reflection.services.proposals import proposal_create, proposal_decide, proposal_submit
from tests.helpers import OFFICER_NAME, PROPOSER_NAME, add_norm, publish, text_of

pytestmark = pytest.mark.django_db

PUBLISH = reverse("codeapp:publish")
DRAFT = reverse("codeapp:draft")


def test_it_names_the_approved_proposals_in_the_version_without_people(
    code, named, session, approve, officer
):
    publish(officer, datetime.date(2026, 1, 1))
    gifts = approve(
        code["gifts"], "Je meldt ook afgeslagen geschenken.",
        title="Geschenken melden: ook afgeslagen geschenken", session=session,
    )  # fmt: skip
    learn = approve(code["learn"], "Je volgt elk jaar een cursus.", title="Bijblijven concreter")

    version = publish(officer, datetime.date(2026, 4, 1))

    assert version.document["version"]["amendments"] == [
        {
            "number": gifts.number,
            "title": "Geschenken melden: ook afgeslagen geschenken",
            "decided_on": timezone.localdate(gifts.decided_at).isoformat(),
            "session": {"title": "Dilemmasessie", "date": "2026-03-03"},
        },
        {
            "number": learn.number,
            "title": "Bijblijven concreter",
            "decided_on": timezone.localdate(learn.decided_at).isoformat(),
            "session": None,
        },
    ]
    sealed = json.dumps(version.document, ensure_ascii=False)
    for name in (*PROPOSER_NAME, *OFFICER_NAME, "editor", "officer"):
        assert name not in sealed
    for proposal in (gifts, learn):
        proposal.refresh_from_db()
        assert proposal.state == Proposal.State.INCORPORATED
        assert proposal.incorporated_in == version.number


def test_a_later_version_does_not_name_them_again(code, approve, officer):
    approve(code["gifts"], "Je meldt ook afgeslagen geschenken.", title="Afgeslagen geschenken")
    first = publish(officer, datetime.date(2026, 1, 1))

    second = publish(officer, datetime.date(2026, 2, 1))

    assert [a["title"] for a in first.document["version"]["amendments"]] == [
        "Afgeslagen geschenken"
    ]
    assert second.document["version"]["amendments"] == []


def test_a_failed_publish_leaves_the_proposals_approved(code, approve, officer):
    publish(officer, datetime.date(2026, 5, 1))
    proposal = approve(code["gifts"], "Je meldt ook afgeslagen geschenken.", title="Afgeslagen")

    with pytest.raises(ValidationError) as refused:
        publish(officer, datetime.date(2026, 4, 1))

    assert "effective_from" in refused.value.error_dict

    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.APPROVED
    assert proposal.incorporated_in is None


def test_a_version_never_names_an_approved_change_it_does_not_contain(
    code, editor, approve, officer, en_client_for
):
    """A rewording approved, then its norm retired in the draft: the norm is not in the
    version, so neither is the amendment; the proposal stays approved, not incorporated."""
    publish(officer, datetime.date(2026, 1, 1))
    kept = approve(code["learn"], "Je volgt elk jaar een cursus.", title="Bijblijven concreter")
    lost = approve(code["bribes"], "Je neemt nooit geld aan.", title="Steekpenningen scherper")
    item_set_retired(item=Norm.objects.get(key="steekpenningen"), retired=True, user=editor)

    page = en_client_for("officer").get(PUBLISH)
    draft = en_client_for("officer").get(reverse("codeapp:draft"))
    version = publish(officer, datetime.date(2026, 4, 1))

    # The draft page lists it apart, saying why the next version will not name it.
    assert draft.context["approved_proposals"] == [kept]
    assert draft.context["approved_left_out"] == [lost]
    assert "the item each one changes was retired" in draft.content.decode()

    assert "Steekpenningen scherper" not in page.context["form"]["change_summary"].value()
    assert [a["number"] for a in version.document["version"]["amendments"]] == [kept.number]
    lost.refresh_from_db()
    assert (lost.state, lost.incorporated_in) == (Proposal.State.APPROVED, None)
    kept.refresh_from_db()
    assert (kept.state, kept.incorporated_in) == (Proposal.State.INCORPORATED, version.number)


# --- the publish page ------------------------------------------------------------------------


def test_it_prefills_the_summary_with_the_proposals_then_the_other_changes(
    code, editor, session, approve, officer, en_client_for
):
    publish(officer, datetime.date(2026, 1, 1))
    proposal = approve(
        code["gifts"], "Je meldt ook afgeslagen geschenken.",
        title="Geschenken melden: ook afgeslagen geschenken", session=session,
    )  # fmt: skip
    add_norm(editor, code["honesty"], "Nevenwerk melden", key="nevenwerk")

    response = en_client_for("officer").get(PUBLISH)

    # In the language of the code (Dutch), whatever the officer's interface speaks.
    lines = response.context["form"]["change_summary"].value().splitlines()
    assert lines[0] == (
        f"- #{proposal.number} Geschenken melden: ook afgeslagen geschenken "
        "(Dilemmasessie van 3 maart 2026)"
    )
    # Then every change, the proposal's own too, saying which proposal made it.
    assert lines[1:] == [
        f"- Norm 1.1 “Geschenken melden”: tekst gewijzigd (voorstel #{proposal.number})",
        "- Norm 1.3 “Nevenwerk melden” toegevoegd",
    ]


def test_the_summary_names_a_norm_a_proposal_added(code, editor, officer):
    publish(officer, datetime.date(2026, 1, 1))
    proposal = Proposal(
        title="Een norm over nevenwerk", action=Proposal.Action.ADD, target=Proposal.Target.NORM,
        parent_value=code["honesty"], origin=Proposal.Origin.SUGGESTION, rationale="Praktijk.",
        proposed={"title": "Nevenwerk melden", "text": "Je meldt nevenwerk.", "kind": "obligation"},
    )  # fmt: skip
    proposal = proposal_submit(
        proposal=proposal_create(proposal=proposal, user=editor), user=editor
    )
    proposal_decide(proposal=proposal, user=officer, approve=True, reason="Goed idee.")
    item_update(
        item=code["learn"], expected_revision=code["learn"].revision,
        changes={"text": "Je leert elk jaar iets nieuws."}, user=editor,
    )  # fmt: skip

    summary = draft_changes().summary().splitlines()

    assert summary == [
        f"- #{proposal.number} Een norm over nevenwerk",
        "- Norm 1.3 “Nevenwerk melden” toegevoegd (voorstel #1)",
        "- Norm 2.1 “Bijblijven”: tekst gewijzigd",
    ]


def test_it_prefills_only_the_generated_changes_without_approved_proposals(
    code, editor, officer, en_client_for
):
    publish(officer, datetime.date(2026, 1, 1))
    add_norm(editor, code["honesty"], "Nevenwerk melden", key="nevenwerk")

    response = en_client_for("officer").get(PUBLISH)

    summary = response.context["form"]["change_summary"].value()
    assert summary.startswith("- ") and "Nevenwerk melden" in summary and "#" not in summary
    assert "approved-proposals-section" not in text_of(response)


def test_it_lists_the_proposals_above_the_form(code, session, approve, en_client_for):
    proposal = approve(
        code["gifts"], "Je meldt ook afgeslagen geschenken.", title="Afgeslagen geschenken",
        session=session,
    )  # fmt: skip

    response = en_client_for("officer").get(PUBLISH)

    page = text_of(response)
    link = reverse("reflection:proposal", args=[proposal.pk])
    assert f'href="{link}"' in page
    assert page.index(link) < page.index('class="publish-form')
    assert "Approved amendment proposals" in page
    assert "from the session “Dilemmasessie” of March 3, 2026" in page
    # A first version: its summary says so, then names the proposal.
    assert response.context["form"]["change_summary"].value() == (
        "Eerste versie van de gedragscode.\n\n"
        f"- #{proposal.number} Afgeslagen geschenken (Dilemmasessie van 3 maart 2026)"
    )


def test_publishing_through_the_page_incorporates_them(code, approve, en_client_for):
    proposal = approve(code["gifts"], "Je meldt ook afgeslagen geschenken.", title="Afgeslagen")
    client = en_client_for("officer")
    form = client.get(PUBLISH).context["form"]

    response = client.post(
        PUBLISH,
        {
            "effective_from": "2099-01-01",
            "established_by": "College van B&W",
            "change_summary": form["change_summary"].value(),
            "expected_latest": "0",
        },
    )

    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.INCORPORATED and proposal.incorporated_in == 1


# --- the draft page --------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["editor", "officer"])
def test_the_draft_lists_the_proposals_waiting_for_the_next_version(
    persona, code, session, approve, en_client_for
):
    proposal = approve(
        code["gifts"], "Je meldt ook afgeslagen geschenken.", title="Afgeslagen geschenken",
        session=session,
    )  # fmt: skip

    response = en_client_for(persona).get(DRAFT)

    page = text_of(response)
    assert "Approved proposals waiting for the next version" in page
    assert f'href="{reverse("reflection:proposal", args=[proposal.pk])}"' in page
    assert f"#{proposal.number} Afgeslagen geschenken" in page
    with translation.override("en"):
        decided = date_format(timezone.localdate(proposal.decided_at), "DATE_FORMAT")
    assert f"decided on {decided}" in page


def test_the_draft_lists_none_once_they_are_published(code, approve, officer, en_client_for):
    approve(code["gifts"], "Je meldt ook afgeslagen geschenken.", title="Afgeslagen geschenken")
    publish(officer, datetime.date(2026, 1, 1))

    page = text_of(en_client_for("editor").get(DRAFT))

    assert "Approved proposals waiting for the next version" not in page
