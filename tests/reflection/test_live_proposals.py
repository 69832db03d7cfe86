"""A proposal started from a live session's note: shaped as one made on the proposal form,
its edit page clean for the lead (who may not see the working draft) and for an editor."""

import pytest
from django.urls import reverse

from people.models import Unit
from reflection.models import LiveNote, NormSignal, Proposal
from reflection.services.live import live_close, note_title
from tests.helpers.live import dilemma, open_live

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(teamlead, code):
    cases = [
        dilemma("De fles wijn", norms=[code["gifts"]]),
        dilemma("Het etentje", norms=[code["bribes"]]),
    ]
    return open_live(teamlead, Unit.objects.get(name="Team Noord"), cases)


def closed(live, user):
    live_close(live=live, expected_revision=live.revision, user=user)
    live.refresh_from_db()
    return live


def start(client, live, note):
    done = client.post(reverse("reflection:live-note-proposal", args=[live.pk, note.pk]))
    assert done.status_code == 302
    return Proposal.objects.get(), done


def test_a_note_on_a_dilemma_rewords_its_norm_and_the_lead_edits_it_over_the_code_in_force(
    live, v1, teamlead, client_for, code
):
    note = LiveNote.objects.create(
        live=live, dilemma=live.dilemmas.get(position=0), text="Zeg iets over kleine attenties."
    )
    live = closed(live, teamlead)
    lead = client_for("teamlead")

    proposal, done = start(lead, live, note)

    assert (proposal.action, proposal.target, proposal.norm) == ("reword", "norm", code["gifts"])
    assert proposal.proposed == {"text": code["gifts"].text}, "starts from its current text"
    assert proposal.base_revision == code["gifts"].revision
    assert proposal.title == "Uit teamsessie: Zeg iets over kleine attenties."
    assert proposal.rationale.startswith(note.text)
    assert live.record.name_for_the_public() in proposal.rationale
    assert (proposal.published_version, proposal.published_fields["title"]) == (
        v1.number,
        "Geschenken melden",
    )
    page = lead.get(done["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "None" not in html and "Geschenken melden" in html and "versie 1" in html
    edited = lead.post(
        done["Location"],
        {"change": "reword", "title": proposal.title, "text": "Meld elk geschenk, ook een klein.",
         "rationale": proposal.rationale},
    )  # fmt: skip
    assert edited.status_code == 302, edited.context and edited.context["form"].errors
    proposal.refresh_from_db()
    assert proposal.proposed == {"text": "Meld elk geschenk, ook een klein."}
    assert (proposal.origin, proposal.session) == ("session", live.record)


def test_a_norm_the_session_marked_unclear_is_the_one_reworded(live, teamlead, client_for, code):
    NormSignal.objects.create(live=live, kind="unclear", norm=code["bribes"])
    note = LiveNote.objects.create(live=live, text="Wat is een steekpenning precies?")
    live = closed(live, teamlead)

    proposal, _done = start(client_for("teamlead"), live, note)

    assert (proposal.action, proposal.norm) == ("reword", code["bribes"])


def test_a_note_without_a_norm_adds_one_to_write_and_an_editor_finishes_it(
    live, editor, client_for, code
):
    note = LiveNote.objects.create(live=live, text="We missen iets over thuiswerken.")
    live = closed(live, editor)
    client = client_for("editor")

    proposal, done = start(client, live, note)

    assert (proposal.action, proposal.target) == ("add", "norm")
    assert proposal.parent_value == code["honesty"] and proposal.proposed["text"] == ""
    page = client.get(done["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "None" not in html and "Eerlijkheid" in html


def test_a_long_note_makes_a_short_title_cut_at_a_word():
    title = note_title("woord " * 60)
    assert len(title) <= 120 and title.endswith("woord…")


def test_others_see_who_started_the_draft_and_only_its_proposer_gets_the_link(
    live, teamlead, client_for, code
):
    note = LiveNote.objects.create(live=live, text="We missen iets over thuiswerken.")
    live = closed(live, teamlead)
    proposal, _done = start(client_for("teamlead"), live, note)
    control = reverse("reflection:live-control", args=[live.pk])

    mine = client_for("teamlead").get(control).content.decode()
    assert proposal.get_absolute_url() in mine
    editors = client_for("editor").get(control).content.decode()
    assert "Fatima El Amrani is er mee bezig" in editors and f"#{proposal.number}" in editors
    assert proposal.get_absolute_url() not in editors, "a draft is its proposer's own"
    again = client_for("editor").post(
        reverse("reflection:live-note-proposal", args=[live.pk, note.pk])
    )
    assert again.status_code == 302 and Proposal.objects.count() == 1


def test_the_session_page_names_the_draft_without_its_text_and_the_programme_agrees(
    live, teamlead, client_for
):
    note = LiveNote.objects.create(live=live, text="Geheime zorg over de kantine.")
    live = closed(live, teamlead)
    proposal, _done = start(client_for("teamlead"), live, note)
    page = client_for("editor").get(reverse("reflection:session", args=[live.record.pk]))
    html = page.content.decode()

    assert f"#{proposal.number}: Fatima El Amrani is er mee bezig" in html
    assert proposal.get_absolute_url() not in html and "Uit teamsessie" not in html
    programme = client_for("editor").get(reverse("reflection:programme"))
    shown = {s.pk: s.proposal_count for q in programme.context["quarters"] for s in q.sessions}
    assert shown[live.record.pk] == 1
    officer = client_for("officer").get(reverse("reflection:programme"))
    seen = {s.pk: s.proposal_count for q in officer.context["quarters"] for s in q.sessions}
    officer_page = client_for("officer").get(reverse("reflection:session", args=[live.record.pk]))
    listed = officer_page.content.decode().count(f"#{proposal.number}")
    assert seen[live.record.pk] == listed, "the count is what the page lists"
