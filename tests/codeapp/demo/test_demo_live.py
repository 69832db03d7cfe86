"""The demo's live team session: held by the team lead, with answers, notes (one a draft
proposal), an unclear and a missing norm, and its record in the programme; made once."""

import pytest

from codeapp.demo.live import TITLE, demo_live
from codeapp.demo.organisation import demo_organisation
from codeapp.demo.seeding import DEMO_USERS, demo_users
from people.models import TeamLead
from reflection.models import LiveAnswer, LiveSession, NormSignal, Proposal, Session
from tests.helpers.live import dilemma

pytestmark = pytest.mark.django_db


def test_the_demo_team_lead_held_a_live_session_recorded_in_the_programme(roles, code):
    assert "teamlead" in DEMO_USERS
    users = demo_users()
    demo_organisation(users)
    cases = [dilemma("De fles wijn", norms=[code["gifts"]]), dilemma("Het etentje")]
    assert TeamLead.objects.filter(user=users["teamlead"], unit__name="Team Vergunningen")

    live = demo_live(users, cases)
    demo_live(users, cases)  # twice: nothing more

    assert LiveSession.objects.filter(title=TITLE).count() == 1
    assert live.state == "closed" and live.participant_count > 0
    assert LiveAnswer.objects.count() == sum(sum(c) for c in [[5, 2, 4], [3, 8]])
    record = Session.objects.get(live_session=live)
    assert record.held and record.format == "dilemma"
    assert record.participant_groups == "Team Vergunningen"
    assert set(NormSignal.objects.values_list("kind", flat=True)) == {"unclear", "missing"}
    proposal = Proposal.objects.get()
    assert (proposal.state, proposal.session, proposal.proposer) == (
        "draft", record, users["teamlead"],
    )  # fmt: skip
    assert live.notes.filter(proposal=proposal).count() == 1


def test_without_practice_dilemmas_the_demo_has_no_live_session(roles, code):
    users = demo_users()
    assert demo_live(users, []) is None
    assert not LiveSession.objects.exists()
