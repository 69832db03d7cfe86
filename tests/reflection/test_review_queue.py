"""The integrity officers' review queue, and deciding a proposal whose item was retired since."""

import datetime
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.services import item_set_retired
from norms.models import Norm
from reflection.models import Proposal, Session
from reflection.services.proposals import (
    proposal_create,
    proposal_decide,
)
from tests.helpers import signed_in
from tests.helpers.decisions import REVIEW, decide_url, snapshot, submit
from values.models import Value

pytestmark = pytest.mark.django_db


# ---------------------------------------------------------------------------------------------
# review_queue


@pytest.mark.parametrize(
    ("persona", "status"),
    [("employee", 403), ("editor", 403), ("officer", 200), ("admin", 200)],
)
def test_the_queue_is_for_officers(persona, status, en, code):
    assert en(persona).get(REVIEW).status_code == status


def test_the_queue_sends_anonymous_visitors_to_sign_in_and_refuses_posts(client, en):
    assert client.get(REVIEW)["Location"] == f"/accounts/login/?next={quote(REVIEW)}"
    assert en("officer").post(REVIEW).status_code == 405


def test_the_queue_lists_submitted_proposals_oldest_first_with_their_age(en, code, editor, officer):
    newer = submit(editor, norm=code["gifts"], title="Nieuwer")
    older = submit(editor, norm=code["bribes"], title="Ouder")
    Proposal.objects.filter(pk=older.pk).update(submitted_at=timezone.now() - timedelta(days=12))
    draft = proposal_create(
        proposal=Proposal(
            title="Nog een concept", action="retire", target="norm", norm=code["learn"],
            rationale="-", origin="other",
        ),
        user=editor,
    )  # fmt: skip

    response = en("officer").get(REVIEW)

    assert [p for p, _refusal, _group in response.context["queue"]] == [older, newer]
    page = response.content.decode()
    assert "12 days" in page and "0 days" in page
    assert draft.title not in page


def test_the_queue_marks_what_the_officer_may_not_decide(en, code, editor, officer):
    session = Session.objects.create(
        title="Intervisie", date=datetime.date(2025, 3, 1), format="intervision", held=True,
        facilitator=officer,
    )  # fmt: skip
    theirs = submit(editor, norm=code["gifts"], origin="session", session=session)
    free = submit(editor, norm=code["bribes"])

    response = en("officer").get(REVIEW)

    refusals = {p: refusal for p, refusal, _group in response.context["queue"]}
    assert "facilitated the session" in refusals[theirs]
    assert refusals[free] is None
    page = response.content.decode()
    assert decide_url(free) in page
    assert decide_url(theirs) not in page


def test_the_queue_flags_proposals_about_items_retired_since(en, code, editor, officer):
    """An import retires what its document leaves out, open proposals about it included."""
    about_retired = submit(editor, norm=code["bribes"], title="Over steekpenningen")
    about_active = submit(editor, norm=code["gifts"], title="Over geschenken")
    addition_under_retired = submit(
        editor, action="add", target="example", norm=None, parent_norm=code["bribes"],
        proposed={"title": "Een envelop", "situation": "Iemand biedt geld."},
        title="Nieuw voorbeeld",
    )  # fmt: skip
    item_set_retired(item=code["bribes"], retired=True, user=editor, reason="Geïmporteerd")

    response = en("officer").get(REVIEW)

    flagged = {p.title for p, _refusal, _group in response.context["queue"] if p.points_at_retired}
    assert flagged == {about_retired.title, addition_under_retired.title}
    rows = {
        p.title: row
        for p, _refusal, _group in response.context["queue"]
        for row in response.content.decode().split("<tr>")
        if f"#{p.number} {p.title}</a>" in row
    }
    assert "this item has been retired" in rows[about_retired.title]
    assert "its place has been retired" in rows[addition_under_retired.title]
    assert "retired" not in rows[about_active.title]
    dutch = signed_in(officer)
    dutch.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    assert "dit onderdeel is ingetrokken" in dutch.get(REVIEW).content.decode()


def test_the_queue_shows_recent_decisions_with_reasons(en, code, editor, officer):
    done = submit(editor, norm=code["gifts"])
    proposal_decide(proposal=done, user=officer, approve=False, reason="Past niet bij de code.")
    long_ago = submit(editor, norm=code["bribes"], title="Lang geleden")
    proposal_decide(proposal=long_ago, user=officer, approve=False, reason="Oud.")
    Proposal.objects.filter(pk=long_ago.pk).update(decided_at=timezone.now() - timedelta(days=90))

    response = en("officer").get(REVIEW)

    assert list(response.context["decided"]) == [done]
    assert "Past niet bij de code." in response.content.decode()


def queries_for_queue(client: Client) -> int:
    client.get(REVIEW)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(REVIEW).status_code == 200
    return len(queries)


def test_the_queue_needs_as_many_queries_for_30_proposals_as_for_3(code, editor, officer):
    session = Session.objects.create(
        title="Intervisie", date=datetime.date(2025, 3, 1), format="intervision", held=True,
        facilitator=editor,
    )  # fmt: skip
    client = signed_in(officer)

    def add(count: int) -> None:
        for i in range(count):
            extra = {"origin": "session", "session": session} if i % 2 else {}
            proposal = submit(editor, norm=code["gifts"], **extra)
            if i % 3 == 0:
                proposal_decide(proposal=proposal, user=officer, approve=False, reason="Nee.")

    add(3)
    few = queries_for_queue(client)
    add(27)
    many = queries_for_queue(client)

    assert few == many


# ---------------------------------------------------------------------------------------------
# proposal_decide: the reworded item was retired since the proposal was written


@pytest.fixture
def reworded_then_retired(code, editor, editor2) -> Proposal:
    proposal = submit(editor, norm=code["bribes"], proposed={"text": "Je neemt nooit geld aan."})
    item_set_retired(item=code["bribes"], retired=True, user=editor2)
    return proposal


def test_approving_a_rewording_of_a_retired_norm_says_so_and_changes_nothing(
    en, reworded_then_retired, code
):
    proposal = reworded_then_retired
    before = snapshot(proposal, code["bribes"])
    client = en("officer")

    page = client.get(decide_url(proposal))
    approved = client.post(decide_url(proposal), {"decision": "approve", "reason": "Ja."})

    text = page.content.decode()
    assert "or what it belongs to, has been retired in the working draft" in text
    assert "bring it back into the working draft with the proposed text" in text
    assert [v for v, _label in page.context["form"].fields["decision"].choices] == [
        "restore", "reject",
    ]  # fmt: skip
    assert approved.status_code == 409
    assert approved.context["form"]["reason"].value() == "Ja."
    assert snapshot(proposal, code["bribes"]) == before


def test_restoring_brings_the_norm_back_with_the_proposed_text(en, reworded_then_retired, officer):
    response = en("officer").post(
        decide_url(reworded_then_retired), {"decision": "restore", "reason": "Hoort erbij."}
    )

    assert response.status_code == 302
    norm = Norm.objects.get(key="steekpenningen")
    assert (norm.retired, norm.text) == (False, "Je neemt nooit geld aan.")
    stored = Proposal.objects.get(pk=reworded_then_retired.pk)
    assert (stored.state, stored.decided_by, stored.applied_key) == (
        "approved", officer, "steekpenningen",
    )  # fmt: skip


def test_a_norm_of_a_retired_value_leaves_only_rejecting(en, code, editor, editor2):
    proposal = submit(editor, norm=code["learn"], proposed={"text": "Je leert elk jaar."})
    item_set_retired(item=code["learn"], retired=True, user=editor2)
    item_set_retired(item=code["expertise"], retired=True, user=editor2)
    before = snapshot(proposal, code["learn"])
    client = en("officer")

    page = client.get(decide_url(proposal))
    restored = client.post(decide_url(proposal), {"decision": "restore", "reason": "Ja."})

    assert "“Deskundigheid” is retired; restore it first." in page.content.decode()
    assert [v for v, _label in page.context["form"].fields["decision"].choices] == ["reject"]
    assert restored.status_code == 200 and restored.context["form"].errors
    assert snapshot(proposal, code["learn"]) == before


def test_approving_an_addition_links_to_the_new_item(en, code, editor):
    proposal = submit(
        editor, action="add", target="value", proposed={"name": "Moed", "description": ""}
    )

    response = en("officer").post(
        decide_url(proposal), {"decision": "approve", "reason": "Ja."}, follow=True
    )

    value = Value.objects.get(name="Moed")
    assert f'href="/draft/#value-{value.key}"' in response.content.decode()


def test_people_are_shown_by_their_full_name_where_known(en, code, editor, officer):
    editor.first_name, editor.last_name = "Eva", "de Vries"
    editor.save()
    proposal = submit(editor, norm=code["gifts"])

    queue = en("officer").get(REVIEW).content.decode()
    detail = en("officer").get(reverse("reflection:proposal", args=[proposal.pk])).content.decode()

    for page in (queue, detail):
        assert "Eva de Vries" in page
    # Someone without a name on record is shown by their user name.
    proposal_decide(proposal=proposal, user=officer, approve=False, reason="Nee.")
    assert ">officer, " in en("officer").get(REVIEW).content.decode()
