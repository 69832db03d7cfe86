"""The whole living loop in a real browser, with axe on every page.

An editor records a dilemma session in the reflection programme and proposes, from it, a new
wording of a norm; an integrity officer approves it and publishes the next version; an employee
reads the new wording, where it comes from, and what changed. Three people, three browser
contexts, one running server. Texts on the screen come from Django's own catalogue (`nl()`).
"""

import re

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from codeapp.models import CodeVersion
from codeapp.versions.services import version_publish
from reflection.models import Case, Proposal, Session
from tests.helpers import days, nl, nl_date
from tests.helpers.browser import assert_accessible, login

pytestmark = pytest.mark.browser

OLD_TEXT = "Je meldt elk geschenk."  # what tests.helpers.add_norm gives the gifts norm
NEW_TEXT = "Je meldt elk geschenk, ook als je het afslaat."
NORM = "#norm-geschenken"
CASE_TITLE = "Een taart van een aanvrager"
SESSION_TITLE = "Dilemmasessie geschenken en relaties"
# What the published version says about the session: never its title.
SESSION_PUBLIC_NAME = "Dilemmasessie over geschenken"
EXTERNAL_FACILITATOR = "Bureau Integer Werken (extern)"
PROPOSAL_TITLE = "Ook geweigerde geschenken melden"
ESTABLISHED_BY = "College van B&W, besluit 2026/456"
# Real-looking names of the proposer (the editor) and the officer, which readers never see.
PEOPLE = {"editor": ("Fenna", "Jansma"), "officer": ("Otto", "Bakker")}
SAVE = "main form button[type=submit]"


def nl_plural(singular: str, plural: str, count: int) -> str:
    with translation.override("nl"):
        return str(translation.ngettext(singular, plural, count))


def success(page: Page):
    return page.locator("main .messages .alert-success")


@pytest.fixture
def version_1(code, editor, officer) -> CodeVersion:
    """The `code` fixture published as version 1, in force for some days; people with names."""
    for user in (editor, officer):
        user.first_name, user.last_name = PEOPLE[user.username]
        user.save()
    return version_publish(
        user=officer,
        effective_from=days(-10),
        established_by="College van B&W",
        change_summary="Eerste versie.",
        retroactive=True,
        retroactive_reason="Besluit met terugwerkende kracht.",
    )


def record_session_and_propose(page: Page, live_server) -> tuple[Session, Proposal]:
    """The editor: a case, a session held yesterday that discussed it, a proposal from it."""
    url = live_server.url
    login(page, live_server, "editor")

    # Reflection, from the main menu: the programme, then the case library.
    page.locator("header").get_by_role("link", name=nl("Reflection"), exact=True).click()
    expect(page).to_have_url(f"{url}/reflection/")
    assert_accessible(page)
    page.locator("main").get_by_role("link", name=re.compile(nl("Case library"))).click()
    expect(page).to_have_url(f"{url}/reflection/cases/")
    assert_accessible(page)
    page.get_by_role("link", name=nl("New case"), exact=True).click()
    expect(page).to_have_url(f"{url}/reflection/cases/new/")
    assert_accessible(page)

    page.locator("#id_title").fill(CASE_TITLE)
    page.locator("#id_situation").fill(
        "Een aanvrager brengt na afloop van een gesprek een taart mee voor het team. "
        "De medewerker bedankt en weigert."
    )
    page.locator("#id_question").fill("Moet een geweigerd geschenk ook gemeld worden?")
    page.get_by_label("Eerlijkheid", exact=True).check()
    page.get_by_label("Eerlijkheid — Geschenken melden", exact=True).check()
    page.get_by_label(nl("I have removed names and traceable details")).check()
    page.locator(SAVE).click()
    case = Case.objects.get(title=CASE_TITLE)
    expect(page).to_have_url(f"{url}/reflection/cases/{case.pk}/")
    expect(success(page)).to_have_text(
        nl("The case “%(title)s” was added.") % {"title": CASE_TITLE}
    )
    assert_accessible(page)

    # Back to the programme, and record the session held yesterday.
    page.locator("main .breadcrumb").get_by_role("link", name=nl("Reflection programme")).click()
    expect(page).to_have_url(f"{url}/reflection/")
    expect(page.get_by_role("link", name=re.compile(nl("Case library")))).to_contain_text("1")
    assert_accessible(page)
    page.get_by_role("link", name=nl("Plan a session"), exact=True).click()
    expect(page).to_have_url(f"{url}/reflection/sessions/new/")
    assert_accessible(page)

    page.locator("#id_title").fill(SESSION_TITLE)
    page.locator("#id_public_name").fill(SESSION_PUBLIC_NAME)
    page.locator("#id_date").fill(days(-1).isoformat())
    page.locator("#id_format").select_option(label=nl("Dilemma session"))
    page.locator("#id_held").check()
    page.locator("#id_external_facilitator").fill(EXTERNAL_FACILITATOR)
    page.locator("#id_participant_groups").fill("team Vergunningen, twee leidinggevenden")
    page.locator("#id_participant_count").fill("9")
    page.get_by_label("Eerlijkheid — Geschenken melden", exact=True).check()
    page.get_by_label(CASE_TITLE, exact=True).check()
    page.locator("#id_insights").fill("Weigeren voelt als afdoende; melden gebeurt dan niet.")
    page.locator(SAVE).click()
    session = Session.objects.get(title=SESSION_TITLE)
    expect(page).to_have_url(f"{url}/reflection/sessions/{session.pk}/")
    expect(success(page)).to_have_text(
        nl("The session “%(title)s” was saved.")
        % {"title": f"{SESSION_TITLE} ({nl_date(session.date)})"}
    )
    expect(page.locator(".discussed-norms")).to_contain_text("Geschenken melden")
    assert_accessible(page)
    assert session.held and session.date == days(-1) and session.facilitator is None
    assert list(session.cases.all()) == [case]

    # An amendment from this session: reword the norm “Geschenken melden”.
    page.get_by_role("link", name=nl("Propose an amendment from this session")).click()
    expect(page).to_have_url(f"{url}/proposals/new/?session={session.pk}")
    assert_accessible(page)
    page.get_by_label(nl("Reword"), exact=True).check()
    page.get_by_label(nl("norm"), exact=True).check()
    page.get_by_role("button", name=nl("Next")).click()
    expect(page.locator("#id_item")).to_be_visible()
    assert_accessible(page)
    page.locator("#id_item").select_option(label="1.1 Geschenken melden")
    page.get_by_role("button", name=nl("Next")).click()
    expect(page).to_have_url(re.compile(r"/proposals/new/\?.*item=geschenken"))
    expect(page.locator("#current-heading")).to_contain_text("Geschenken melden")
    assert_accessible(page)

    # The current text fills the form, and the session is already named as the origin.
    text = page.locator("#id_proposed_text")
    expect(text).to_have_value(OLD_TEXT)
    expect(page.locator("#id_session")).to_have_value(str(session.pk))
    expect(page.locator("input[name=origin][value=session]")).to_be_checked()
    text.fill(NEW_TEXT)
    page.locator("#id_title").fill(PROPOSAL_TITLE)
    page.locator("#id_rationale").fill(
        "In de dilemmasessie bleek dat een geweigerd geschenk nergens wordt vastgelegd."
    )
    page.locator("#id_case").select_option(label=CASE_TITLE)
    page.get_by_role("button", name=nl("Save as draft")).click()
    proposal = Proposal.objects.get(title=PROPOSAL_TITLE)
    expect(page).to_have_url(f"{url}/proposals/{proposal.pk}/")
    expect(success(page)).to_have_text(
        nl("Proposal #%(number)d was saved as a draft. Submit it when it is ready.")
        % {"number": proposal.number}
    )
    expect(page.locator("main .diff ins")).not_to_have_count(0)
    assert_accessible(page)

    page.get_by_role("button", name=nl("Submit to the integrity officers")).click()
    expect(page).to_have_url(f"{url}/proposals/{proposal.pk}/")
    expect(success(page)).to_have_text(
        nl("Proposal #%(number)d was submitted to the integrity officers.")
        % {"number": proposal.number}
    )
    expect(page.locator("h1 + p .proposal-state")).to_have_text(nl("Submitted"))
    assert_accessible(page)
    proposal.refresh_from_db()
    assert (proposal.state, proposal.session, proposal.case) == ("submitted", session, case)
    assert proposal.proposed == {"text": NEW_TEXT}

    # The programme now lists the session: held, one case, one proposal.
    page.locator("header").get_by_role("link", name=nl("Reflection"), exact=True).click()
    row = page.locator("table.session-table tbody tr", has_text=SESSION_TITLE)
    expect(row.locator("td")).to_have_text(
        [nl_date(days(-1)), nl("Dilemma session"), nl("held"), EXTERNAL_FACILITATOR, "1", "1"]
    )
    assert_accessible(page)
    return session, proposal


def approve_and_publish(page: Page, live_server, session: Session, proposal: Proposal) -> None:
    """The officer: the review queue, the decision, the working draft, version 2."""
    url = live_server.url
    login(page, live_server, "officer")
    page.locator("header").get_by_role("link", name=nl("Review"), exact=True).click()
    expect(page).to_have_url(f"{url}/proposals/review/")
    assert_accessible(page)

    # Waiting in the queue: what it changes, where it comes from, how long it has waited.
    row = page.locator("table.review-queue tbody tr", has_text=PROPOSAL_TITLE)
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(1)).to_contain_text(SESSION_TITLE)
    expect(row.locator("td").nth(3)).to_have_text(
        nl_plural("%(days)s day", "%(days)s days", 0) % {"days": 0}
    )
    row.get_by_role("link", name=f"#{proposal.number} {PROPOSAL_TITLE}").click()
    expect(page).to_have_url(f"{url}/proposals/{proposal.pk}/")
    assert_accessible(page)

    page.locator("main").get_by_role("link", name=nl("Decide"), exact=True).click()
    expect(page).to_have_url(f"{url}/proposals/{proposal.pk}/decide/")
    assert_accessible(page)
    page.get_by_label(nl("Approve"), exact=True).check()
    page.locator("#id_reason").fill("Sluit een gat: ook een geweigerd geschenk zegt iets.")
    page.get_by_role("button", name=nl("Record the decision")).click()
    expect(page).to_have_url(f"{url}/proposals/{proposal.pk}/")
    expect(success(page)).to_contain_text(
        nl("Proposal #%(number)d was approved. The working draft now carries the change.")
        % {"number": proposal.number}
    )
    expect(page.locator("h1 + p .proposal-state")).to_have_text(nl("Approved"))
    assert_accessible(page)

    # The working draft carries the new wording; the proposal waits for the next version.
    page.locator("header").get_by_role("link", name=nl("Working draft"), exact=True).click()
    expect(page).to_have_url(f"{url}/draft/")
    expect(page.locator(f"{NORM} .markdown").first).to_have_text(NEW_TEXT)
    waiting = page.locator(".approved-waiting .approved-proposal")
    expect(waiting).to_have_count(1)
    expect(waiting).to_contain_text(f"#{proposal.number} {PROPOSAL_TITLE}")
    expect(waiting).to_contain_text(SESSION_TITLE)
    assert_accessible(page)

    page.locator("main").get_by_role("link", name=nl("Publish a new version")).click()
    expect(page).to_have_url(f"{url}/draft/publish/")
    assert_accessible(page)
    summary = page.locator("#id_change_summary").input_value()
    assert summary.startswith(
        f"- #{proposal.number} {PROPOSAL_TITLE} ({SESSION_PUBLIC_NAME} van {nl_date(days(-1))})"
    ), summary
    page.locator("#id_effective_from").fill(days(0).isoformat())
    page.locator("#id_established_by").fill(ESTABLISHED_BY)
    page.get_by_role("button", name=nl("Publish version %(number)s") % {"number": 2}).click()
    expect(page).to_have_url(f"{url}/code/v2/")
    expect(success(page)).to_have_text(
        nl("Version %(number)d has been published; it comes into force on %(date)s.")
        % {"number": 2, "date": nl_date(days(0))}
    )
    assert_accessible(page)


def read_the_new_version(page: Page, live_server, proposal: Proposal) -> None:
    """The employee: the code in force, where the norm's wording comes from, what changed."""
    url = live_server.url
    login(page, live_server, "employee")
    page.goto(f"{url}/code/")
    expect(page.locator(".version-label")).to_have_text(nl("Version %(number)s") % {"number": 2})
    norm = page.locator(NORM)
    expect(norm.locator(".norm-text")).to_have_text(NEW_TEXT)
    provenance = norm.locator(".provenance")
    session_part = nl("from the session “%(title)s” of %(date)s") % {
        "title": SESSION_PUBLIC_NAME,
        "date": nl_date(days(-1)),
    }
    expect(provenance).to_have_text(
        f"{nl('Since version %(number)s') % {'number': 2}}, "
        f"{nl('through amendment proposal %(number)s') % {'number': proposal.number}} "
        f"“{PROPOSAL_TITLE}”, {session_part}"
    )
    line = provenance.inner_text()
    for name in ("editor", "officer", EXTERNAL_FACILITATOR, *PEOPLE["editor"], *PEOPLE["officer"]):
        assert name not in line, f"{name!r} in the provenance line: {line!r}"
    # A norm no proposal touched reads as it did in version 1.
    expect(page.locator("#norm-steekpenningen .provenance")).to_have_text(
        nl("Since version %(number)s") % {"number": 1}
    )
    assert_accessible(page)

    # “Since version 2” leads to what changed from version 1 to 2.
    provenance.get_by_role("link", name=nl("Since version %(number)s") % {"number": 2}).click()
    expect(page).to_have_url(f"{url}/code/compare/1/2/#changes-heading")
    change = page.locator(".change", has_text="Geschenken melden")
    expect(change).to_have_count(1)
    expect(change.locator(".diff ins")).not_to_have_count(0)
    inserted = " ".join(change.locator(".diff ins").all_inner_texts())
    assert "ook als je het afslaat" in inserted, inserted
    assert_accessible(page)


def test_it_runs_the_living_loop_from_session_to_published_version(
    new_page, live_server, version_1, editor, officer, employee
):
    session, proposal = record_session_and_propose(new_page(), live_server)
    approve_and_publish(new_page(), live_server, session, proposal)
    read_the_new_version(new_page(), live_server, proposal)

    # The record: the proposal is in version 2, the norm's history names it and the officer.
    proposal.refresh_from_db()
    assert (proposal.state, proposal.incorporated_in) == (Proposal.State.INCORPORATED, 2)
    assert proposal.decided_by == officer
    norm = version_1.entries.get(key="geschenken")
    assert norm.body.startswith(OLD_TEXT)
    record = proposal.norm.history.filter(history_type="~").select_related("history_user").first()
    assert record.text == NEW_TEXT
    assert record.history_user == officer
    assert record.history_change_reason == nl("Amendment proposal #%(number)d: %(title)s") % {
        "number": proposal.number,
        "title": PROPOSAL_TITLE,
    }
    v2 = CodeVersion.objects.get(number=2)
    assert (v2.published_by, v2.effective_from, v2.established_by) == (
        officer, days(0), ESTABLISHED_BY,
    )  # fmt: skip
    assert v2.document["version"]["amendments"] == [
        {
            "number": proposal.number,
            "title": PROPOSAL_TITLE,
            "decided_on": days(0).isoformat(),
            "session": {"title": SESSION_PUBLIC_NAME, "date": days(-1).isoformat()},
        }
    ]
    assert v2.entries.get(key="geschenken").amendment["number"] == proposal.number
