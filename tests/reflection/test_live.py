"""Live team sessions: open, answer from phones, move on, close into the programme, and a
proposal from a note; replays, floods, bad codes and who sees what."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from people.models import TeamLead, Unit
from reflection.models import (
    LiveAnswer,
    LiveNote,
    LiveParticipant,
    LiveSession,
    NormSignal,
    Proposal,
    Session,
)
from reflection.services.live import live_close, live_go_to
from tests.helpers.live import dilemma, expire, open_live

pytestmark = pytest.mark.django_db


@pytest.fixture
def team() -> Unit:
    return Unit.objects.get(name="Team Noord")


@pytest.fixture
def cases(code):
    return [
        dilemma("De fles wijn", norms=[code["gifts"]]),
        dilemma("Het etentje", options=("Gaan", "Niet gaan"), norms=[code["bribes"]]),
    ]


@pytest.fixture
def live(teamlead, team, cases) -> LiveSession:
    return open_live(teamlead, team, cases)


def phone_page(client: Client, live: LiveSession, **post):
    url = reverse("reflection:join-code", args=[live.join_code])
    return client.post(url, post) if post else client.get(url)


def answer(client: Client, live: LiveSession, option_text: str, position: int | None = None):
    live.refresh_from_db()
    position = live.current if position is None else position
    option = live.dilemmas.get(position=position).case.options.get(text=option_text)
    phone_page(client, live)  # the phone joins (its cookie), then answers
    return phone_page(client, live, position=position, option=option.pk)


def state(client: Client, live: LiveSession, **headers):
    return client.get(reverse("reflection:live-state", args=[live.pk]), headers=headers)


def test_a_team_lead_opens_a_session_for_their_team_with_chosen_dilemmas(client_for, team, cases):
    other = Unit.objects.create(name="Team Zuid")
    lead = client_for("teamlead")
    form = lead.get(reverse("reflection:live-create"))
    assert form.status_code == 200
    assert list(form.context["form"].fields["unit"].queryset) == [team], "only their own team"

    refused = lead.post(
        reverse("reflection:live-create"),
        {"title": "Overleg", "unit": other.pk, "dilemma_1": cases[0].pk},
    )
    assert refused.status_code == 200 and not LiveSession.objects.exists()
    twice = lead.post(
        reverse("reflection:live-create"),
        {"title": "Overleg", "unit": team.pk, "dilemma_1": cases[0].pk, "dilemma_2": cases[0].pk},
    )
    assert "Choose each dilemma once." in twice.content.decode() or twice.context["form"].errors
    assert not LiveSession.objects.exists()

    done = lead.post(
        reverse("reflection:live-create"),
        {"title": "Overleg", "unit": team.pk, "dilemma_1": cases[1].pk, "dilemma_2": cases[0].pk},
    )
    live = LiveSession.objects.get()
    assert done["Location"] == reverse("reflection:live-control", args=[live.pk])
    assert [d.case for d in live.dilemmas.order_by("position")] == [cases[1], cases[0]]
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{6}", live.join_code), "no look-alike characters"
    assert live.unit == team and live.state == "open"


def test_phones_answer_the_screen_counts_and_closing_records_the_session(
    client_for, live, cases, teamlead, team, code
):
    phones = [Client() for _ in range(3)]
    for phone, choice in zip(phones, ["Ja", "Ja", "Nee"], strict=True):
        response = answer(phone, live, choice)
        assert response.status_code == 302
    body = state(client_for("teamlead"), live).json()
    yes, no = (
        str(o.pk) for o in cases[0].options.filter(text__in=["Ja", "Nee"]).order_by("position")
    )
    assert body["answers"] == 3 and body["options"] == {yes: 2, no: 1}
    screen = client_for("teamlead").get(reverse("reflection:live-screen", args=[live.pk]))
    assert screen.status_code == 200
    page = screen.content.decode()
    assert live.join_code in page and "<svg" in page and "/join/" in page
    assert "De fles wijn" in page

    # On to the second dilemma: the phones see it, and answer it.
    lead = client_for("teamlead")
    lead.post(
        reverse("reflection:live-control", args=[live.pk]),
        {"action": "next", "revision": live.revision},
    )
    live.refresh_from_db()
    assert live.current == 1
    assert "Het etentje" in phone_page(phones[0], live).content.decode()
    answer(phones[0], live, "Gaan")
    lead.post(
        reverse("reflection:live-control", args=[live.pk]),
        {
            "action": "note",
            "text": "Wanneer is een etentje zakelijk?",
            "dilemma": live.dilemmas.get(position=1).pk,
        },
    )
    lead.post(
        reverse("reflection:live-control", args=[live.pk]),
        {"action": "signal", "kind": "unclear", "norm": code["gifts"].pk},
    )
    lead.post(
        reverse("reflection:live-control", args=[live.pk]),
        {"action": "signal", "kind": "missing", "text": "Iets over sociale media."},
    )
    live.refresh_from_db()
    lead.post(
        reverse("reflection:live-control", args=[live.pk]),
        {"action": "close", "revision": live.revision},
    )

    live.refresh_from_db()
    assert live.state == "closed" and live.closed_at is not None
    assert live.participant_count == 3, "distinct phones that answered"
    record = live.record
    assert (record.format, record.held, record.unit, record.facilitator) == (
        Session.Format.DILEMMA, True, team, teamlead,
    )  # fmt: skip
    assert record.participant_groups == "Team Noord" and record.participant_count == 3
    assert set(record.cases.all()) == set(cases)
    assert set(record.norms_discussed.all()) == {code["gifts"], code["bribes"]}
    assert "Wanneer is een etentje zakelijk?" in record.insights
    assert "Iets over sociale media." in record.insights
    assert record.public_name and record.title == live.title
    # The phones are told it ended; the screen shows the summary.
    ended = phone_page(phones[1], live)
    assert ended.status_code == 410
    summary = client_for("teamlead").get(reverse("reflection:live-screen", args=[live.pk]))
    assert "Het etentje" in summary.content.decode()


def test_a_replayed_answer_counts_once_and_says_so(live, en):
    phone = Client(HTTP_ACCEPT_LANGUAGE="en")
    answer(phone, live, "Ja")
    again = answer(phone, live, "Nee")
    assert again.status_code == 302
    followed = phone.get(again["Location"])
    assert "You already answered" in followed.content.decode()
    assert LiveAnswer.objects.count() == 1 and LiveParticipant.objects.count() == 1
    assert LiveAnswer.objects.get().option.text == "Ja", "an answer cannot be changed"


def test_a_flood_of_answers_from_one_phone_counts_one(live, cases):
    phone = Client()
    phone_page(phone, live)
    options = list(cases[0].options.all())
    for n in range(30):
        assert phone_page(phone, live, position=0, option=options[n % 3].pk).status_code == 302
    assert LiveAnswer.objects.count() == 1 and LiveParticipant.objects.count() == 1


def test_an_answer_for_a_dilemma_no_longer_on_screen_or_after_its_reflection_is_not_counted(
    live, teamlead
):
    phone = Client()
    phone_page(phone, live)
    live_go_to(live=live, position=1, expected_revision=live.revision, user=teamlead)
    answer(phone, live, "Ja", position=0)
    assert not LiveAnswer.objects.exists()
    live.refresh_from_db()
    LiveSession.objects.filter(pk=live.pk).update(showing_reflection=True)
    answer(phone, live, "Gaan")
    assert not LiveAnswer.objects.exists()


def test_a_bad_option_is_refused_with_a_message_and_changes_nothing(live, cases):
    phone = Client()
    phone_page(phone, live)
    other = cases[1].options.first()  # an option of another dilemma
    for bad in (other.pk, "x", ""):
        response = phone_page(phone, live, position=0, option=bad)
        assert response.status_code == 400
    assert not LiveAnswer.objects.exists() and not LiveParticipant.objects.exists()


def test_joins_are_capped_per_session_and_per_address(live, settings, monkeypatch):
    # Joins are counted per clock minute: the test stays within one.
    moment = timezone.now()
    monkeypatch.setattr(timezone, "now", lambda: moment)
    settings.LIVE_MAX_PARTICIPANTS = 2
    for _n in range(2):
        assert answer(Client(), live, "Ja").status_code == 302
    full = answer(Client(), live, "Ja")
    assert full.status_code == 429
    assert LiveAnswer.objects.count() == 2

    settings.LIVE_JOINS_PER_MINUTE = 4  # three phones joined above: one more may
    joined = Client()
    assert phone_page(joined, live).status_code == 200
    refused = phone_page(Client(), live)
    assert refused.status_code == 429
    # A phone that joined before is not refused.
    assert phone_page(joined, live).status_code == 200


def test_a_wrong_expired_or_closed_code_gets_a_clear_page(live, teamlead, client_for):
    for persona in ("anonymous", "employee"):
        client = client_for(persona)
        missing = client.get(reverse("reflection:join-code", args=["ZZZZZZ"]))
        assert missing.status_code == 404
        assert "ZZZZZZ" in missing.content.decode()
    lower = Client().get(reverse("reflection:join-code", args=[live.join_code.lower()]))
    assert lower.status_code == 200, "case does not matter"
    typed = Client().post(
        reverse("reflection:join"), {"code": f" {live.join_code[:3].lower()}-{live.join_code[3:]} "}
    )
    assert typed["Location"] == reverse("reflection:join-code", args=[live.join_code])
    short = Client().post(reverse("reflection:join"), {"code": "AB"})
    assert short.status_code == 200 and short.context["form"].errors

    expire(live)
    assert phone_page(Client(), live).status_code == 410
    assert state(client_for("teamlead"), live).json()["state"] == "expired"
    live.refresh_from_db()
    live_close(live=live, expected_revision=live.revision, user=teamlead)
    assert phone_page(Client(), live).status_code == 410


def test_the_state_answers_304_when_nothing_changed(live, client_for):
    lead = client_for("teamlead")
    first = state(lead, live)
    etag = first["ETag"]
    assert first.status_code == 200 and "no-cache" in first["Cache-Control"]
    assert state(lead, live, if_none_match=etag).status_code == 304
    answer(Client(), live, "Ja")
    changed = state(lead, live, if_none_match=etag)
    assert changed.status_code == 200 and changed.json()["answers"] == 1


def test_a_phone_sees_the_state_but_never_the_notes(live, client_for):
    LiveNote.objects.create(live=live, text="Geheime notitie van het team")
    phone = Client()
    assert state(phone, live).status_code == 403, "no cookie: not a participant"
    page = phone_page(phone, live)
    assert "Geheime notitie" not in page.content.decode()
    assert state(phone, live).status_code == 200
    for url in ("reflection:live-control", "reflection:live-screen"):
        assert phone.get(reverse(url, args=[live.pk])).status_code == 302  # sign in first
    # Another session's state stays closed to this phone.
    other = open_live(live.lead, live.unit, [live.dilemmas.first().case], title="Ander")
    assert state(phone, other).status_code == 403


@pytest.mark.parametrize("persona", ["employee", "manager"])
def test_an_employee_or_a_manager_of_the_team_sees_none_of_it(live, client_for, persona):
    client = client_for(persona)
    for name in ("reflection:live-control", "reflection:live-screen", "reflection:live-state"):
        assert client.get(reverse(name, args=[live.pk])).status_code == 403
    assert client.get(reverse("reflection:live-sessions")).status_code == 403
    moved = client.post(
        reverse("reflection:live-control", args=[live.pk]),
        {"action": "next", "revision": live.revision},
    )
    assert moved.status_code == 403
    live.refresh_from_db()
    assert live.current == 0


def test_an_officer_reads_the_notes_but_does_not_run_the_session(live, client_for):
    LiveNote.objects.create(live=live, text="Een notitie")
    officer = client_for("officer")
    page = officer.get(reverse("reflection:live-control", args=[live.pk]))
    assert "Een notitie" in page.content.decode() and not page.context["runs"]
    refused = officer.post(
        reverse("reflection:live-control", args=[live.pk]),
        {"action": "close", "revision": live.revision},
    )
    assert refused.status_code == 403


def test_two_tabs_moving_on_at_once_move_once_and_the_other_is_told(live, client_for):
    tab1, tab2 = client_for("teamlead"), client_for("editor")
    seen = live.revision
    url = reverse("reflection:live-control", args=[live.pk])
    tab1.post(url, {"action": "next", "revision": seen})
    told = tab2.post(url, {"action": "next", "revision": seen}, follow=True)
    live.refresh_from_db()
    assert live.current == 1
    assert [m.level_tag for m in told.context["messages"]] == ["warning"]


def test_a_note_or_signal_without_text_re_renders_with_the_error(live, client_for):
    url = reverse("reflection:live-control", args=[live.pk])
    lead = client_for("teamlead")
    note = lead.post(url, {"action": "note", "text": "  "})
    assert note.status_code == 400 and note.context["note_form"].errors
    signal = lead.post(url, {"action": "signal", "kind": "missing", "text": ""})
    assert signal.status_code == 400 and signal.context["signal_form"].errors
    assert not LiveNote.objects.exists() and not NormSignal.objects.exists()


def test_a_proposal_starts_from_a_note_in_one_click(live, client_for, teamlead, code):
    note = LiveNote.objects.create(
        live=live, dilemma=live.dilemmas.get(position=0), text="Zeg iets over kleine attenties."
    )
    lead = client_for("teamlead")
    url = reverse("reflection:live-note-proposal", args=[live.pk, note.pk])
    early = lead.post(url)
    assert early.status_code == 302 and not Proposal.objects.exists(), "close the session first"
    live_close(live=live, expected_revision=live.revision, user=teamlead)

    done = lead.post(url)

    proposal = Proposal.objects.get()
    assert done["Location"] == reverse("reflection:proposal-edit", args=[proposal.pk])
    assert (proposal.state, proposal.origin, proposal.proposer) == ("draft", "session", teamlead)
    live.refresh_from_db()
    assert proposal.session == live.record and proposal.rationale.startswith(note.text)
    assert (proposal.action, proposal.norm) == ("reword", code["gifts"]), "the dilemma's norm"
    note.refresh_from_db()
    assert note.proposal == proposal
    assert lead.get(done["Location"]).status_code == 200, "the lead finishes their draft"
    lead.post(url)
    assert Proposal.objects.count() == 1, "one proposal per note"
    # Nobody else starts one from the lead's session's notes.
    assert client_for("employee").post(url).status_code == 403


@pytest.mark.parametrize("size", [10, 300])
def test_the_state_runs_a_bounded_number_of_queries(
    live, client_for, size, django_assert_max_num_queries
):
    dilemma0 = live.dilemmas.get(position=0)
    options = list(dilemma0.case.options.all())
    participants = LiveParticipant.objects.bulk_create(
        LiveParticipant(live=live, token=f"t{n}") for n in range(size)
    )
    LiveAnswer.objects.bulk_create(
        LiveAnswer(dilemma=dilemma0, participant=p, option=options[n % len(options)])
        for n, p in enumerate(participants)
    )
    lead = client_for("teamlead")
    lead.get(reverse("reflection:live-sessions"))  # the session and user loaded once
    with django_assert_max_num_queries(6):
        response = state(lead, live)
    assert response.json()["answers"] == size


@pytest.mark.parametrize(
    "persona", ["anonymous", "employee", "editor", "officer", "admin", "manager", "teamlead"]
)
def test_a_wrong_or_expired_code_answers_every_persona_alike(live, client_for, persona):
    client = client_for(persona)
    assert client.get(reverse("reflection:join-code", args=["QQQQQQ"])).status_code == 404
    assert phone_page(client, live).status_code == 200
    expire(live)
    assert phone_page(client, live).status_code == 410
    answered = phone_page(client, live, position=0, option=1)
    assert answered.status_code == 410 and not LiveAnswer.objects.exists()


def test_another_teams_lead_sees_none_of_it(live, client_for, django_user_model):
    other = django_user_model.objects.create_user(username="lead2")
    TeamLead.objects.create(unit=Unit.objects.create(name="Team Zuid"), user=other)
    client = Client()
    client.force_login(other)
    assert client.get(reverse("reflection:live-sessions")).status_code == 200
    for name in ("reflection:live-control", "reflection:live-screen", "reflection:live-state"):
        assert client.get(reverse(name, args=[live.pk])).status_code == 403
    assert live.title not in client.get(reverse("reflection:live-sessions")).content.decode()


def test_an_editor_named_for_another_code_only_sees_none_of_it(live, client_for, editor):
    """Rights follow the session's code, whichever code the editor works on."""
    from core.models import Code

    council = Code.objects.create(slug="raad", name="Gedragscode raadsleden", audience="council")
    council.keepers.add(editor)
    client = client_for("editor")
    for name in ("reflection:live-control", "reflection:live-screen"):
        assert client.get(reverse(name, args=[live.pk])).status_code == 403
    assert client.get(reverse("reflection:live-state", args=[live.pk])).status_code == 403
    listed = client.get(reverse("reflection:live-sessions"))
    assert listed.status_code == 200 and live.title not in listed.content.decode()


def test_the_screen_shows_the_address_it_was_opened_at_unless_the_site_url_is_set(
    live, client_for, settings
):
    settings.ALLOWED_HOSTS = ["gedragscode.intern", "testserver"]
    settings.SITE_URL_SET = False
    lead = client_for("teamlead")
    url = reverse("reflection:live-screen", args=[live.pk])
    page = lead.get(url, HTTP_HOST="gedragscode.intern:8080").content.decode()
    assert "http://gedragscode.intern:8080/join/" in page
    assert f"http://gedragscode.intern:8080/join/{live.join_code}/" in page, "the QR's label"
    assert "127.0.0.1:8000" not in page

    settings.SITE_URL, settings.SITE_URL_SET = "https://gedragscode.example.nl", True
    page = lead.get(url, HTTP_HOST="gedragscode.intern:8080").content.decode()
    assert "https://gedragscode.example.nl/join/" in page and "intern" not in page

    settings.SITE_URL_SET = False
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    proxied = lead.get(url, HTTP_HOST="gedragscode.intern", HTTP_X_FORWARDED_PROTO="https")
    assert "https://gedragscode.intern/join/" in proxied.content.decode(), "behind a TLS proxy"

    refused = lead.get(url, HTTP_HOST="elders.example")
    assert refused.status_code == 400, "a host outside ALLOWED_HOSTS is refused by Django"


def test_the_screen_is_a_page_without_the_site_menu_and_links_back(live, client_for):
    page = client_for("teamlead").get(reverse("reflection:live-screen", args=[live.pk]))
    html = page.content.decode()
    assert "site-header" not in html and "site-footer" not in html and "working-code" not in html
    assert 'id="main"' in html and "skip-link" in html
    assert reverse("reflection:live-control", args=[live.pk]) in html


def test_closing_asks_first_and_changes_nothing_until_confirmed(live, en):
    lead = en("teamlead")
    url = reverse("reflection:live-control", args=[live.pk])
    page = lead.get(url).content.decode()
    assert "?close=1" in page and 'value="close"' not in page, "one click does not close"
    confirm = lead.get(url + "?close=1").content.decode()
    assert "Close the session? Phones can no longer answer after that." in confirm
    assert 'value="close"' in confirm and f'name="revision" value="{live.revision}"' in confirm
    assert "No, go back" in confirm
    live.refresh_from_db()
    assert live.state == "open"
    lead.post(url, {"action": "close", "revision": live.revision})
    live.refresh_from_db()
    assert live.state == "closed"


def test_the_close_message_fits_who_reads_it(teamlead, team, cases, en):
    first = open_live(teamlead, team, cases)
    lead = en("teamlead")
    done = lead.post(
        reverse("reflection:live-control", args=[first.pk]),
        {"action": "close", "revision": first.revision},
        follow=True,
    ).content.decode()
    assert "The programme&#x27;s managers see it in the reflection programme." in done
    assert "in the programme." not in done

    second = open_live(teamlead, team, cases, title="Tweede")
    editor = en("editor")
    done = editor.post(
        reverse("reflection:live-control", args=[second.pk]),
        {"action": "close", "revision": second.revision},
        follow=True,
    ).content.decode()
    assert "was closed and recorded as “Tweede” in the programme." in done


def test_the_lead_is_shown_by_full_name(live, client_for):
    lead = client_for("teamlead")
    for url in (
        reverse("reflection:live-sessions"),
        reverse("reflection:live-control", args=[live.pk]),
    ):
        html = lead.get(url).content.decode()
        assert "Fatima El Amrani" in html


def test_the_phone_says_when_the_last_dilemma_is_done(live, client_for):
    phone = Client(HTTP_ACCEPT_LANGUAGE="en")
    lead = client_for("teamlead")
    url = reverse("reflection:live-control", args=[live.pk])
    lead.post(url, {"action": "show-reflection", "revision": live.revision})
    first = phone_page(phone, live).content.decode()
    assert "The next dilemma appears here by itself." in first
    assert "This was the last dilemma." not in first
    live.refresh_from_db()
    lead.post(url, {"action": "next", "revision": live.revision})
    live.refresh_from_db()
    lead.post(url, {"action": "show-reflection", "revision": live.revision})
    last = phone_page(phone, live).content.decode()
    assert "This was the last dilemma." in last
    assert "The next dilemma appears here by itself." not in last


def test_the_participants_pages_offer_no_sign_in_but_keep_the_language_switch(live, client):
    for url in (
        reverse("reflection:join"),
        reverse("reflection:join-code", args=[live.join_code]),
        reverse("reflection:join-code", args=["ZZZZZZ"]),
    ):
        html = client.get(url).content.decode()
        assert reverse("login") not in html, url
        assert 'name="language"' in html, url
