"""The pages of a model release: taking a new version, the changes beside the model's old and
new wording and ours (three-way), adapting a proposal to the code's own wording."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from codeapp.modelcodes.starting import model_start
from codeapp.models import ModelChange, ModelRelease
from core.services import item_update
from norms.models import Norm
from reflection.models import Proposal
from tests.helpers import english, text_of
from tests.helpers.documents import snapshot
from tests.helpers.models import GIR_2019, GIR_CHANGES, PUBLISHER, gir

pytestmark = pytest.mark.django_db

NEW = "/draft/model/releases/new/"


@pytest.fixture
def on_2016(editor):
    model_start(model=gir(2016), publisher=PUBLISHER, user=editor)
    norm = Norm.objects.get(key="geschenken")
    item_update(
        item=norm, expected_revision=norm.revision, changes={"text": "Nooit iets aannemen."},
        user=editor,
    )  # fmt: skip


def upload(body: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("model.json", body, content_type="application/json")


def test_a_new_release_from_a_file_becomes_proposals(client_for, on_2016):
    editor = english(client_for("editor"))
    assert editor.get(NEW).status_code == 200
    response = editor.post(NEW, {"file": upload(GIR_2019.read_bytes())})
    release = ModelRelease.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("codeapp:model-release", args=[release.pk])
    page = editor.get(response["Location"])
    text = text_of(page)
    assert f"Gedragscode Integriteit Rijk 2 — {GIR_CHANGES} changes" in text
    # Three-way: the model then, the model now, ours.
    assert "Model then" in text and "Model now" in text and "Ours" in text
    html = page.content.decode()
    assert "Nooit iets aannemen." in html and "Geschenken met een lagere waarde" in html
    assert Proposal.objects.filter(origin="model", state="submitted").count() == 6
    # The officer reads the release too, and finds the proposals in the review queue.
    officer = client_for("officer")
    assert officer.get(response["Location"]).status_code == 200
    queue = officer.get(reverse("reflection:review")).content.decode()
    assert "Gedragscode Integriteit Rijk" in queue


def test_the_review_queue_groups_a_releases_proposals_under_its_heading(client_for, on_2016):
    english(client_for("editor")).post(NEW, {"file": upload(GIR_2019.read_bytes())})
    release = ModelRelease.objects.get()
    queue = english(client_for("officer")).get(reverse("reflection:review"))
    html = queue.content.decode()
    heading = f"Model code Gedragscode Integriteit Rijk 2 — {GIR_CHANGES} changes"
    assert html.count(heading) == 1
    rows = html.split(heading)[1]
    assert reverse("codeapp:model-release", args=[release.pk]) in html.split(heading)[0][-200:]
    # Every proposal of the release stands under the heading.
    for proposal in Proposal.objects.filter(origin="model"):
        assert f"#{proposal.number} " in rows


def test_a_bad_release_file_changes_nothing(client_for, on_2016):
    before = snapshot()
    editor = english(client_for("editor"))
    for body in (
        b"{",
        json.dumps({**gir(2019), "title": "Vervalst"}).encode(),
        GIR_2019.read_bytes()[:50],
    ):
        response = editor.post(NEW, {"file": upload(body)})
        assert response.status_code == 400 and "Nothing changed" in text_of(response)
    response = editor.post(NEW, {})
    assert response.status_code == 400
    assert snapshot() == before and not ModelRelease.objects.exists()


def test_the_release_the_code_builds_on_is_nothing_new(client_for, on_2016):
    response = english(client_for("editor")).post(
        NEW, {"file": upload(json.dumps(gir(2016)).encode())}
    )
    assert response.status_code == 400 and "already" in text_of(response)


def test_an_editor_adapts_a_proposal_and_the_officer_approves_it(client_for, on_2016, officer):
    editor = client_for("editor")
    editor.post(NEW, {"file": upload(GIR_2019.read_bytes())})
    change = ModelChange.objects.get(key="geheimhouding")
    url = reverse("codeapp:model-adapt", args=[change.pk])
    page = editor.get(url)
    assert page.status_code == 200
    proposal = change.proposal
    ours = "Je houdt vertrouwelijke informatie geheim, ook online."
    response = editor.post(url, {"revision": proposal.revision, "title": "Geheimhouding",
                                 "text": ours, "explanation": ""})  # fmt: skip
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.proposed["text"] == ours
    # A second save from the same stale form is refused, not lost silently.
    stale = editor.post(url, {"revision": proposal.revision - 1, "text": "Anders."})
    assert stale.status_code == 400
    proposal.refresh_from_db()
    assert proposal.proposed["text"] == ours
    from reflection.services.proposals import proposal_decide

    proposal_decide(proposal=proposal, user=officer, approve=True, reason="Eigen woorden.")
    assert Norm.objects.get(key="geheimhouding").text == ours


def test_managers_and_employees_see_no_release(client_for, on_2016):
    client_for("editor").post(NEW, {"file": upload(GIR_2019.read_bytes())})
    url = reverse("codeapp:model-release", args=[ModelRelease.objects.get().pk])
    for persona in ("employee", "manager"):
        assert client_for(persona).get(url).status_code == 403


def test_the_release_page_runs_a_bounded_number_of_queries(
    client_for, on_2016, django_assert_max_num_queries
):
    editor = client_for("editor")
    editor.post(NEW, {"file": upload(GIR_2019.read_bytes())})
    url = reverse("codeapp:model-release", args=[ModelRelease.objects.get().pk])
    editor.get(url)
    with django_assert_max_num_queries(20):
        editor.get(url)


def test_every_model_proposal_opens_for_the_officer_and_is_decided_on_its_page(client_for, on_2016):
    client_for("editor").post(NEW, {"file": upload(GIR_2019.read_bytes())})
    officer = client_for("officer")
    for proposal in Proposal.objects.filter(origin="model"):
        assert officer.get(reverse("reflection:proposal", args=[proposal.pk])).status_code == 200
        page = officer.get(reverse("reflection:proposal-decide", args=[proposal.pk]))
        assert page.status_code == 200, proposal.title
    # Decided through the review page, as every proposal: the new value first, then its norm.
    added = {c.key: c.proposal for c in ModelChange.objects.filter(change="added")}
    for key in ("belangenverstrengeling", "na-vertrek"):
        response = officer.post(
            reverse("reflection:proposal-decide", args=[added[key].pk]),
            {"decision": "approve", "reason": "Overgenomen uit het model."},
        )
        assert response.status_code == 302, key
    assert Norm.objects.get(key="na-vertrek").value.key == "belangenverstrengeling"


def test_a_norm_whose_new_value_is_not_adopted_yet_says_so_and_changes_nothing(client_for, on_2016):
    client_for("editor").post(NEW, {"file": upload(GIR_2019.read_bytes())})
    proposal = ModelChange.objects.get(key="na-vertrek").proposal
    response = english(client_for("officer")).post(
        reverse("reflection:proposal-decide", args=[proposal.pk]),
        {"decision": "approve", "reason": "Overgenomen."},
    )
    assert response.status_code in (200, 400, 409)
    assert "belangenverstrengeling" in text_of(response)
    proposal.refresh_from_db()
    assert proposal.state == "submitted" and not Norm.objects.filter(key="na-vertrek").exists()
