"""A new release of the model arrives as amendment proposals: the central government's 2016 code
as the model, an organisation's code built on it (adapted, extended, one norm left out), then
the 2019 release compared with 2016 and every change proposed, decided under four-eyes."""

import pytest
from django.core.exceptions import ValidationError

from codeapp.modelcodes.releases import NothingNew, release_propose
from codeapp.modelcodes.starting import item_leave_out, model_start
from codeapp.models import ModelBase, ModelRelease
from codeapp.versions.documents import build_draft_document
from core.services import item_create, item_update
from norms.models import Norm
from reflection.models import Proposal
from reflection.services.proposals import proposal_decide
from tests.helpers import publish, text_of
from tests.helpers.documents import snapshot
from tests.helpers.models import GIR_CHANGES, PUBLISHER, gir
from values.models import Value

pytestmark = pytest.mark.django_db

LOCAL_INVITATIONS = "Je neemt een uitnodiging alleen aan met schriftelijk akkoord."


@pytest.fixture
def built_on_2016(editor, officer):
    """The organisation's code on the 2016 model, published as its version 1."""
    model_start(model=gir(2016), publisher=PUBLISHER, minimum=True, user=editor)
    norm = Norm.objects.get(key="uitnodigingen")
    item_update(
        item=norm, expected_revision=norm.revision, changes={"text": LOCAL_INVITATIONS},
        user=editor,
    )  # fmt: skip
    item_create(
        item=Norm(value=Value.objects.get(key="omgaan-met-elkaar"), title="De dienstauto",
                  text="Je gebruikt de dienstauto alleen voor je werk.", kind="obligation"),
        user=editor, key="dienstauto",
    )  # fmt: skip
    item_leave_out(key="sociale-media", reason="Onze eigen richtlijn gaat verder.", user=editor)
    return publish(officer, "2020-01-01")


def origins(doc: dict) -> dict[str, str]:
    out = {}
    for value in doc["values"]:
        out[value["key"]] = value["origin"]
        for norm in value["norms"]:
            out[norm["key"]] = norm["origin"]
            out.update({e["key"]: e["origin"] for e in norm["examples"]})
    return out


def test_the_first_version_records_the_model_and_each_items_origin(built_on_2016):
    doc = built_on_2016.document
    assert doc["based_on"]["version"] == 1 and doc["based_on"]["publisher"] == PUBLISHER
    assert doc["left_out"] == [
        {"key": "sociale-media", "reason": "Onze eigen richtlijn gaat verder."}
    ]
    found = origins(doc)
    assert found["uitnodigingen"] == "adapted" and found["dienstauto"] == "local"
    assert found["geschenken"] == "model" and found["kerstpakket"] == "model"


def test_the_new_release_becomes_proposals_grouped_under_it(built_on_2016, editor):
    release = release_propose(model=gir(2019), user=editor)
    changes = list(release.changes.order_by("pk"))
    assert len(changes) == GIR_CHANGES
    proposals = {c.key: c.proposal for c in changes if c.proposal}
    assert sorted(proposals) == [
        "belangenverstrengeling", "geheimhouding", "geschenken", "na-vertrek",
        "nevenwerkzaamheden-en-belangen",
    ]  # fmt: skip
    assert all(p.state == Proposal.State.SUBMITTED for p in proposals.values())
    assert all(p.origin == Proposal.Origin.MODEL for p in proposals.values())
    assert proposals["geschenken"].action == "reword"
    assert "Geschenken met een lagere waarde" in proposals["geschenken"].proposed["text"]
    assert proposals["na-vertrek"].new_parent_key == "belangenverstrengeling"
    notes = {c.key: c.note for c in changes if not c.proposal}
    assert "leaves the item out" in notes["sociale-media"] or notes["sociale-media"]
    assert notes["financiele-belangen"]
    # The model's old and new wording are kept beside each change.
    gifts = next(c for c in changes if c.key == "geschenken")
    assert gifts.model_before["text"] != gifts.model_after["text"]


def test_deciding_every_proposal_takes_over_the_release(built_on_2016, editor, officer):
    release = release_propose(model=gir(2019), user=editor)
    proposals = {c.key: c.proposal for c in release.changes.all() if c.proposal}

    def decide(key, approve=True, reason="Overgenomen uit het model."):
        proposal_decide(proposal=proposals[key], user=officer, approve=approve, reason=reason)

    # A norm whose new value is not in the draft yet waits for that value.
    with pytest.raises(ValidationError):
        decide("na-vertrek")
    decide("geheimhouding")
    decide("geschenken")
    decide("nevenwerkzaamheden-en-belangen", approve=False, reason="Wij houden onze naam.")
    decide("belangenverstrengeling")
    assert ModelBase.objects.get().version == 1  # one proposal still open
    decide("na-vertrek")
    base = ModelBase.objects.get()
    assert base.version == 2 and base.sha256 == gir(2019)["version"]["sha256"]
    assert ModelRelease.objects.get().taken_over_at is not None
    # The model's keys stay with the items it added.
    assert Norm.objects.get(key="na-vertrek").value.key == "belangenverstrengeling"
    version = publish(officer, "2021-01-01")
    doc = version.document
    assert doc["based_on"]["version"] == 2
    found = origins(doc)
    assert found["geschenken"] == "model" and found["geheimhouding"] == "model"
    assert found["nevenwerkzaamheden-en-belangen"] == "adapted"  # declined: ours now differs
    assert found["belangenverstrengeling"] == "model" and found["na-vertrek"] == "model"
    assert found["uitnodigingen"] == "adapted" and found["dienstauto"] == "local"
    # The model dropped the norm the code had left out: nothing is left out any more.
    assert "left_out" not in doc
    assert len(doc["version"]["amendments"]) == 4


def test_a_declined_addition_is_left_out_with_the_reasons(built_on_2016, editor, officer):
    release = release_propose(model=gir(2019), user=editor)
    for change in release.changes.all():
        if change.proposal:
            proposal_decide(
                proposal=change.proposal, user=officer, approve=False, reason="Past niet bij ons."
            )
    doc = build_draft_document()
    assert doc["based_on"]["version"] == 2
    assert {e["key"] for e in doc["left_out"]} == {"belangenverstrengeling", "na-vertrek"}


def test_the_same_release_twice_or_an_old_one_proposes_nothing(built_on_2016, editor):
    release_propose(model=gir(2019), user=editor)
    before = snapshot()
    with pytest.raises(NothingNew):
        release_propose(model=gir(2019), user=editor)
    with pytest.raises(NothingNew):
        release_propose(model=gir(2016), user=editor)
    assert snapshot() == before


def test_the_version_that_takes_over_the_release_shows_it_in_the_comparison(
    built_on_2016, editor, officer, client
):
    from codeapp.versions.compare import compare

    release = release_propose(model=gir(2019), user=editor)
    for change in release.changes.all():
        if change.proposal:
            proposal_decide(
                proposal=change.proposal, user=officer, approve=False, reason="Niet nu."
            )
    v2 = publish(officer, "2021-01-01")
    code_change = next(c for c in compare(built_on_2016.document, v2.document) if c.type == "code")
    assert "based_on" in code_change.fields
    page = client.get("/code/compare/1/2/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert "model code" in text_of(page).lower()
