"""What changed in the working draft since the latest published version."""

import pytest
from django.urls import reverse

from codeapp.models import CodeVersion
from core.services import item_set_retired, item_update
from tests.helpers import PERSONAS, add_value, days, publish, text_of

pytestmark = pytest.mark.django_db

COMPARE = reverse("codeapp:draft-compare")


@pytest.mark.parametrize(
    ("persona", "status"),
    [("employee", 403), ("editor", 200), ("officer", 200), ("admin", 200)],
)
def test_it_shows_the_changes_to_draft_readers_only(persona, status, client_for, code):
    assert client_for(persona).get(COMPARE).status_code == status


def test_it_sends_anonymous_visitors_to_sign_in(client_for, code):
    response = client_for("anonymous").get(COMPARE)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={COMPARE}"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_refuses_other_methods(method, persona, client_for, code):
    assert getattr(client_for(persona), method)(COMPARE).status_code == 405


def test_it_says_the_first_version_is_still_to_come_and_how_big_the_draft_is(en_client_for, code):
    page = text_of(en_client_for("editor").get(COMPARE))

    assert "this will be the first version of the code" in page
    assert "The working draft has 2 core values," in page
    assert "3 norms" in page
    assert "2 examples." in page


def test_it_shows_what_changed_since_the_version_in_force(en_client_for, editor, code, officer):
    publish(officer, days(-30))
    item_update(
        item=code["gifts"],
        expected_revision=1,
        changes={"text": "Je meldt elk geschenk meteen."},
        user=editor,
    )
    add_value(editor, "Transparantie", key="transparantie")
    item_set_retired(item=code["dinner"], retired=True, user=editor)

    response = en_client_for("editor").get(COMPARE)

    page = text_of(response)
    assert "Changes since version 1" in page
    assert "Compared with version 1, the version in force since" in page
    assert "1 added, 1 changed, 1 removed" in page
    changes = response.context["state"].changes
    assert [(c.change.change, c.change.type, c.change.key) for c in changes] == [
        ("changed", "norm", "geschenken"),
        ("added", "value", "transparantie"),
        ("removed", "example", "diner"),
    ]
    assert "Geschenken melden" in page and "Transparantie" in page and "Een diner" in page
    assert "<ins>" in page  # a word-level diff of the reworded text
    assert reverse("codeapp:version", args=[1]) in page


def test_it_compares_with_the_latest_version_when_that_is_yet_to_come_into_force(
    en_client_for, code, officer
):
    publish(officer, days(-30))
    publish(officer, days(14))

    response = en_client_for("officer").get(COMPARE)

    page = text_of(response)
    assert response.context["state"].latest.number == 2
    assert "Changes since version 2" in page
    assert "the latest published version, which comes into force on" in page
    assert "Version 1 is in force today." in page
    assert "Nothing has changed in the working draft since version 2." in page


def test_it_offers_to_publish_only_to_those_who_may(client_for, code):
    publish = reverse("codeapp:publish")

    assert publish in text_of(client_for("officer").get(COMPARE))
    assert publish not in text_of(client_for("editor").get(COMPARE))


def test_it_writes_nothing(client_for, code):
    client_for("officer").get(COMPARE)

    assert not CodeVersion.objects.exists()
