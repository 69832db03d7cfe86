"""Publishing the working draft as a sealed version: who may, what is written, what is refused."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from codeapp.drafting.changes import draft_changes
from codeapp.models import CodeProfile, CodeVersion
from codeapp.versions.chain import versions_verify
from codeapp.versions.services import version_publish
from core.services import item_move, item_set_retired, item_update
from tests.helpers import PERSONAS, add_norm, add_value, days, in_english, publish, text_of

pytestmark = pytest.mark.django_db

PUBLISH = reverse("codeapp:publish")


def publish_data(**overrides) -> dict:
    data = {
        "effective_from": timezone.localdate().isoformat(),
        "established_by": "College van B&W, besluit 2026/123",
        "change_summary": "- Eerste versie",
        "expected_latest": "0",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- who may ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [("employee", 403), ("editor", 403), ("officer", 200), ("admin", 200)],
)
def test_it_shows_the_publish_page_only_to_those_who_may_publish(persona, status, client_for, code):
    assert client_for(persona).get(PUBLISH).status_code == status


def test_it_sends_anonymous_visitors_to_sign_in(client_for, code):
    response = client_for("anonymous").get(PUBLISH)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={PUBLISH}"


@pytest.mark.parametrize("persona", ["anonymous", "employee", "editor"])
def test_it_refuses_a_publish_post_from_those_who_may_not(persona, client_for, code):
    response = client_for(persona).post(PUBLISH, publish_data())

    assert response.status_code in (302, 403)
    assert not CodeVersion.objects.exists()


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_it_refuses_other_methods(method, persona, client_for, code):
    assert getattr(client_for(persona), method)(PUBLISH).status_code == 405


# --- the form --------------------------------------------------------------------------------


def test_it_prefills_the_form_for_the_first_version(en_client_for, code):
    response = en_client_for("officer").get(PUBLISH)

    form = response.context["form"]
    assert form["expected_latest"].value() == 0
    # Written in the code's language (Dutch here), not the officer's.
    assert form["change_summary"].value() == "Eerste versie van de gedragscode."
    page = text_of(response)
    assert 'type="date"' in page
    assert 'name="expected_latest"' in page and 'type="hidden"' in page
    assert "this will be the first version of the code" in page
    assert "Publish version 1" in page


def english_code(user) -> None:
    profile = CodeProfile.current()
    item_update(
        item=profile, expected_revision=profile.revision, changes={"language": "en"}, user=user
    )


def test_it_prefills_a_summary_of_what_changed_since_the_latest_version(
    en_client_for, editor, code, officer
):
    english_code(editor)
    publish(officer, days(-30))
    item_update(item=code["gifts"], expected_revision=1, changes={"text": "Anders."}, user=editor)
    add_value(editor, "Transparantie", key="transparantie")
    item_set_retired(item=code["dinner"], retired=True, user=editor)

    response = en_client_for("officer").get(PUBLISH)

    form = response.context["form"]
    assert form["expected_latest"].value() == 1
    assert form["change_summary"].value() == (
        "- Norm 1.1 “Geschenken melden”: text changed\n"
        "- Core value 3 “Transparantie” added\n"
        "- Example 1.1.2 “Een diner” removed"
    )
    page = text_of(response)
    assert "Changes since version 1" in page
    assert "1 added, 1 changed, 1 removed" in page
    assert 'min="' + days(-30).isoformat() + '"' in page
    assert "Publish version 2" in page


def test_it_writes_the_summary_in_the_language_of_the_code(en_client_for, editor, code, officer):
    publish(officer, days(0))
    item_update(item=code["gifts"], expected_revision=1, changes={"text": "X."}, user=editor)
    add_value(editor, "Transparantie", key="transparantie")

    summary = en_client_for("officer").get(PUBLISH).context["form"]["change_summary"].value()

    # The demo code is Dutch, the officer reads English: the summary follows the code.
    assert "Kernwaarde 3 “Transparantie”" in summary
    assert "tekst" in summary


def test_it_summarises_moves_and_changes_to_the_code_itself(editor, code, officer):
    english_code(editor)
    publish(officer, days(0))
    item_update(
        item=code["bribes"], expected_revision=1, changes={"value": code["expertise"]}, user=editor
    )
    item_move(item=code["dinner"], step=-1, user=editor)
    profile = CodeProfile.current()
    item_update(
        item=profile,
        expected_revision=profile.revision,
        changes={"title": "Nieuwe titel", "preamble": "Inleiding."},
        user=editor,
    )

    assert draft_changes().summary().splitlines() == [
        "- The code: title, preamble changed",
        "- Example 1.1.1 “Een diner” moved",
        "- Norm 2.2 “Geen steekpenningen” moved to another place",
    ]


# --- publishing ------------------------------------------------------------------------------


def test_it_publishes_exactly_one_sealed_version_with_the_form_data(client_for, officer, code):
    data = publish_data(effective_from="2099-01-01", change_summary="Nieuwe code.\n")

    response = client_for("officer").post(PUBLISH, data)

    assert response.status_code == 302
    assert response["Location"] == "/code/v1/"
    version = CodeVersion.objects.get()
    assert version.number == 1
    assert version.effective_from == datetime.date(2099, 1, 1)
    assert version.established_by == "College van B&W, besluit 2026/123"
    assert version.change_summary == "Nieuwe code."
    assert version.published_by == officer
    assert version.previous_sha256 == ""
    block = version.document["version"]
    assert block["number"] == 1
    assert block["effective_from"] == "2099-01-01"
    assert block["established_by"] == "College van B&W, besluit 2026/123"
    assert [v["key"] for v in version.document["values"]] == ["eerlijkheid", "deskundigheid"]
    assert versions_verify() == 1
    assert version.entries.count() == 7


def test_it_says_the_version_was_published(en_client_for, code):
    client = en_client_for("officer")

    response = client.post(PUBLISH, publish_data(effective_from="2099-03-01"), follow=False)
    messages = [str(m) for m in response.wsgi_request._messages]

    assert messages == ["Version 1 has been published; it comes into force on March 1, 2099."]


def test_it_chains_the_next_version_to_the_latest(client_for, code, officer, editor):
    first = publish(officer, days(-10))
    item_update(item=code["gifts"], expected_revision=1, changes={"text": "Nieuw."}, user=editor)

    response = client_for("admin").post(PUBLISH, publish_data(expected_latest="1"))

    assert response["Location"] == "/code/v2/"
    second = CodeVersion.objects.get(number=2)
    assert second.previous_sha256 == first.sha256
    assert second.document["version"]["previous_sha256"] == first.sha256
    assert versions_verify() == 2


def test_it_refuses_a_date_before_the_latest_version_and_writes_nothing(
    en_client_for, code, officer
):
    latest = publish(officer, days(-10))

    response = en_client_for("officer").post(
        PUBLISH, publish_data(effective_from=days(-11).isoformat(), expected_latest="1")
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["effective_from"]
    with translation.override("en"):
        day = date_format(latest.effective_from, "DATE_FORMAT")
    assert errors == [
        f"Version 1 came into force on {day}; a new version cannot come into force before that."
    ]
    assert CodeVersion.objects.count() == 1


def test_it_writes_the_date_in_a_refusal_as_people_do_in_dutch(client_for, code, officer):
    version_publish(
        user=officer,
        effective_from=datetime.date(2026, 11, 15),
        established_by="B&W",
        change_summary="",
        retroactive=True,
        retroactive_reason="Besluit met terugwerkende kracht.",
    )

    response = client_for("officer").post(
        PUBLISH, publish_data(effective_from="2026-11-14", expected_latest="1")
    )

    error = response.context["form"].errors["effective_from"][0]
    assert "op 15 november 2026" in error and "2026-11-15" not in error
    assert CodeVersion.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("effective_from", {"effective_from": None}),
        ("effective_from", {"effective_from": "1-2-2026"}),
        ("established_by", {"established_by": "   "}),
        ("established_by", {"established_by": "x" * 301}),
        ("expected_latest", {"expected_latest": None}),
        ("expected_latest", {"expected_latest": "-1"}),
    ],
)
def test_it_refuses_invalid_input_and_writes_nothing(field, overrides, client_for, code):
    response = client_for("officer").post(PUBLISH, publish_data(**overrides))

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not CodeVersion.objects.exists()


def test_it_refuses_a_stale_page_with_a_conflict_and_writes_nothing(
    en_client_for, editor, code, officer
):
    client = en_client_for("officer")
    opened = client.get(PUBLISH)
    assert opened.context["form"]["expected_latest"].value() == 0
    other = publish(officer, days(-1))  # another officer was quicker
    item_update(item=code["gifts"], expected_revision=1, changes={"text": "Nieuw."}, user=editor)

    response = client.post(PUBLISH, publish_data(expected_latest="0", change_summary="Mijn tekst"))

    assert response.status_code == 409
    assert CodeVersion.objects.count() == 1
    page = text_of(response)
    when = timezone.localtime(other.published_at)
    assert "Version 1 was published by officer at" in page
    assert "while you were preparing this; review the changes again." in page
    assert str(when.year) in page
    form = response.context["form"]
    assert form["expected_latest"].value() == "1"
    assert form["change_summary"].value() == "Mijn tekst"
    # The changes shown are now those since the version just published.
    assert "Changes since version 1" in page
    assert "1 added, 1 changed, 0 removed" not in page
    assert "0 added, 1 changed, 0 removed" in page


def test_it_publishes_after_the_conflict_is_reviewed(client_for, code, officer):
    client = client_for("officer")
    publish(officer, days(-1))
    conflict = client.post(PUBLISH, publish_data(expected_latest="0"))
    assert conflict.status_code == 409

    form = conflict.context["form"]
    retry = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    response = client.post(PUBLISH, retry)

    assert response["Location"] == "/code/v2/"
    assert CodeVersion.objects.count() == 2


def test_it_refuses_to_publish_an_empty_draft(en_client_for):
    client = en_client_for("officer")

    page = text_of(client.get(PUBLISH))
    assert "The working draft is empty: there is nothing to publish." in page
    assert 'name="established_by"' not in page

    response = client.post(PUBLISH, publish_data())

    assert response.status_code == 200
    assert "The working draft is empty: there is nothing to publish." in text_of(response)
    assert not CodeVersion.objects.exists()


def test_it_refuses_a_draft_whose_values_are_all_retired(en_client_for, editor, code):
    for name in ("wine", "dinner", "gifts", "bribes", "learn", "honesty", "expertise"):
        item_set_retired(item=code[name], retired=True, user=editor)

    response = en_client_for("officer").post(PUBLISH, publish_data())

    assert response.status_code == 200
    assert "there is nothing to publish" in text_of(response)
    assert not CodeVersion.objects.exists()


def test_it_warns_but_does_not_block_when_nothing_changed(en_client_for, code, officer):
    publish(officer, days(-5))
    client = en_client_for("officer")

    page = text_of(client.get(PUBLISH))

    assert "Nothing has changed since version 1." in page
    response = client.post(PUBLISH, publish_data(expected_latest="1"))
    assert response["Location"] == "/code/v2/"
    assert versions_verify() == 2


def test_a_draft_changed_after_review_is_not_published_unseen(client_for, code, editor):
    officer = client_for("officer")
    form = officer.get(PUBLISH).context["form"]
    reviewed_seal = form["expected_draft_seal"].value()
    item_update(item=code["gifts"], expected_revision=1, changes={"text": "Later."}, user=editor)

    response = officer.post(
        PUBLISH,
        {
            "effective_from": "2099-01-01", "established_by": "B&W", "change_summary": "",
            "expected_latest": 0, "expected_draft_seal": reviewed_seal,
        },
    )  # fmt: skip

    assert response.status_code == 409
    assert not CodeVersion.objects.exists()
    assert response.context["form"]["expected_draft_seal"].value() != reviewed_seal


def test_it_warns_about_the_health_findings_before_sealing(en_client_for, editor, code):
    add_value(editor, "Dienstbaarheid", key="dienstbaarheid")
    add_norm(editor, code["expertise"], "", "obligation", "Je deelt je kennis.", key="delen")
    hard = (
        "Medewerkers dienen zich te onthouden van nevenwerkzaamheden die redelijkerwijs "
        "onverenigbaar geacht kunnen worden met de belangen van de organisatie, behoudens "
        "voorafgaande schriftelijke toestemming van het daartoe bevoegde gezag."
    )
    add_norm(editor, code["expertise"], "Nevenwerk", "prohibition", hard, key="nevenwerk")

    response = en_client_for("officer").get(PUBLISH)
    page = " ".join(text_of(response).split())

    findings = [(f.label, f.area) for f in response.context["state"].findings]
    assert findings == [
        ("2.2 Je deelt je kennis.", "structure"),
        ("2.3 Nevenwerk", "clarity"),
        ("3 Dienstbaarheid", "structure"),
    ]
    assert "Check before you publish" in page
    assert page.index("Check before you publish") < page.index('class="publish-form')
    assert "Norm without a title: readers see only its number." in page
    assert "Core value without norms" in page and "likely above language level B1" in page
    assert 'href="/draft/#value-dienstbaarheid"' in page
    assert CodeVersion.objects.count() == 0  # a warning, not a refusal: nothing sealed yet


def test_it_has_nothing_to_warn_about_a_healthy_draft(en_client_for, code):
    response = en_client_for("officer").get(PUBLISH)

    assert response.context["state"].findings == []
    assert "Check before you publish" not in text_of(response)


# --- with retroactive effect -----------------------------------------------------------------


def test_a_date_before_today_needs_the_retroactive_choice_and_writes_nothing(en_client_for, code):
    yesterday = days(-1).isoformat()

    response = en_client_for("officer").post(PUBLISH, publish_data(effective_from=yesterday))

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "is before today" in errors["effective_from"][0]
    assert "with retroactive effect" in errors["effective_from"][0]
    assert not CodeVersion.objects.exists()


def test_retroactive_effect_needs_a_reason_and_writes_nothing(en_client_for, code):
    data = publish_data(effective_from=days(-1).isoformat(), retroactive="on")

    response = en_client_for("officer").post(PUBLISH, data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["retroactive_reason"] == [
        "Give the reason why this version has retroactive effect."
    ]
    assert not CodeVersion.objects.exists()


def test_what_was_in_force_on_a_past_day_stays_unless_retroactive_is_chosen(
    client_for, code, officer, editor
):
    publish(officer, days(-10))
    item_update(item=code["gifts"], expected_revision=1, changes={"text": "Nieuw."}, user=editor)
    api = f"/api/v1/code?on={days(-3).isoformat()}"
    cited = client_for("anonymous").get(api).json()["version"]["number"]

    refused = client_for("officer").post(
        PUBLISH, publish_data(effective_from=days(-5).isoformat(), expected_latest="1")
    )

    assert refused.status_code == 200 and CodeVersion.objects.count() == 1
    assert client_for("anonymous").get(api).json()["version"]["number"] == cited == 1


def test_it_publishes_with_retroactive_effect_and_every_page_says_so(en_client_for, code):
    start = days(-14)
    data = publish_data(
        effective_from=start.isoformat(), retroactive="on",
        retroactive_reason="  Het besluit van 1 maart gold al vanaf die dag.  ",
    )  # fmt: skip
    client = en_client_for("officer")

    response = client.post(PUBLISH, data)

    assert response.status_code == 302
    version = CodeVersion.objects.get()
    assert version.retroactive_reason == "Het besluit van 1 maart gold al vanaf die dag."
    assert version.retroactive and version.established_on == timezone.localdate()
    assert version.document["version"]["effective_from"] == start.isoformat()
    assert versions_verify() == 1
    message = [str(m) for m in response.wsgi_request._messages]
    assert message == [
        f"Version 1 has been published with retroactive effect from {in_english(start)}."
    ]
    said = (
        f"Established on {in_english(timezone.localdate())} with retroactive effect "
        f"from {in_english(start)}."
    )
    page = " ".join(text_of(client.get("/code/v1/")).split())
    assert said in page and "Het besluit van 1 maart gold al vanaf die dag." in page
    assert said in " ".join(text_of(client.get(reverse("codeapp:versions"))).split())


def test_a_date_from_today_on_is_not_retroactive_whatever_is_ticked(client_for, code):
    data = publish_data(retroactive="on", retroactive_reason="Per ongeluk aangevinkt.")

    assert client_for("officer").post(PUBLISH, data).status_code == 302

    version = CodeVersion.objects.get()
    assert not version.retroactive and version.retroactive_reason is None


def test_the_service_refuses_a_past_date_without_the_retroactive_choice(code, officer):
    with pytest.raises(ValidationError) as refused:
        version_publish(
            user=officer, effective_from=days(-1), established_by="B&W", change_summary=""
        )

    assert "effective_from" in refused.value.error_dict
    assert not CodeVersion.objects.exists()
