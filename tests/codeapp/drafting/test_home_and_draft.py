"""Home sends each role to its work (readers to the published code once there is one); the draft
page shows the versions."""

import pytest
from django.urls import reverse

from tests.helpers import PASSWORD, days, publish, text_of

pytestmark = pytest.mark.django_db

HOME = reverse("home")
DRAFT = reverse("codeapp:draft")
IN_FORCE = reverse("codeapp:in-force")
PUBLISH = reverse("codeapp:publish")
COMPARE = reverse("codeapp:draft-compare")
REVIEW = reverse("reflection:review")


@pytest.mark.parametrize(
    ("persona", "location"),
    [
        ("anonymous", IN_FORCE),
        ("employee", IN_FORCE),
        ("editor", DRAFT),
        ("officer", REVIEW),
        ("admin", DRAFT),
    ],
)
def test_it_sends_each_role_home_to_where_its_work_is_once_published(
    persona, location, client_for, code, officer
):
    publish(officer, days(0))

    response = client_for(persona).get(HOME)

    assert response.status_code == 302
    assert response["Location"] == location


@pytest.mark.parametrize(
    ("persona", "location"),
    [("anonymous", None), ("employee", None), ("editor", DRAFT), ("officer", REVIEW)],
)
def test_it_keeps_the_old_home_until_a_version_is_published(persona, location, client_for, code):
    response = client_for(persona).get(HOME)

    if location is None:
        assert response.status_code == 200
    else:
        assert response["Location"] == location


def test_it_lands_each_role_where_its_work_is_after_signing_in(client, employee, officer, code):
    publish(officer, days(0))
    for username, location in [("employee", IN_FORCE), ("editor", DRAFT), ("officer", REVIEW)]:
        signed_in = client.post(
            reverse("login"), {"username": username, "password": PASSWORD}, follow=True
        )
        assert signed_in.redirect_chain[-1][0] == location, username
        client.logout()


def test_it_keeps_anonymous_visitors_home_when_the_code_is_not_public(
    settings, client_for, code, officer
):
    settings.CODE_PUBLIC = False
    publish(officer, days(0))

    assert client_for("anonymous").get(HOME).status_code == 200
    assert client_for("employee").get(HOME)["Location"] == IN_FORCE


def test_it_offers_publishing_on_the_draft_page_to_officers_only(client_for, code):
    assert PUBLISH in text_of(client_for("officer").get(DRAFT))
    assert PUBLISH in text_of(client_for("admin").get(DRAFT))
    assert PUBLISH not in text_of(client_for("editor").get(DRAFT))


@pytest.mark.parametrize("persona", ["editor", "officer"])
def test_it_links_the_draft_to_its_changes(persona, en_client_for, code, officer):
    client = en_client_for(persona)
    assert "What the first version will contain" in text_of(client.get(DRAFT))

    publish(officer, days(-3))
    page = text_of(client.get(DRAFT))

    assert COMPARE in page
    assert "Changes since version 1" in page
    assert "Version 1 is in force since" in page
    assert f'href="{IN_FORCE}"' in page


def test_it_says_when_no_version_is_in_force(en_client_for, code):
    page = text_of(en_client_for("editor").get(DRAFT))

    assert "No version of the code is in force yet." in page


def test_it_names_an_upcoming_version_beside_the_one_in_force(en_client_for, code, officer):
    publish(officer, days(-10))
    publish(officer, days(10))

    page = text_of(en_client_for("editor").get(DRAFT))

    assert "Version 1 is in force since" in page
    assert "Version 2 comes into force on" in page
    assert "Changes since version 2" in page


def test_a_team_lead_lands_at_their_team_sessions(client_for, code, officer):
    publish(officer, days(0))

    response = client_for("teamlead").get(HOME)

    assert response["Location"] == reverse("reflection:live-sessions")
