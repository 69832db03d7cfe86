"""/code/changes/: for the signed-in user, what changed since the version they confirmed."""

import pytest
from django.urls import reverse

from codeapp.models import Confirmation
from tests.helpers import english, text_of

pytestmark = pytest.mark.django_db

CHANGES = reverse("codeapp:changes-since-confirmed")


def test_it_sends_anonymous_visitors_to_sign_in(client_for, two_versions):
    response = client_for("anonymous").get(CHANGES)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={CHANGES}"


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_refuses_other_methods(method, client_for, two_versions):
    assert getattr(client_for("employee"), method)(CHANGES).status_code == 405


def test_it_shows_the_changes_since_the_confirmed_version(client_for, two_versions, employee):
    Confirmation.objects.create(user=employee, version=two_versions["v1"])

    response = english(client_for("employee")).get(CHANGES)
    page = text_of(response)

    assert response.status_code == 200
    assert "You confirmed version 1 on" in page
    assert "Version 2 has been in force since" in page
    assert "codeapp/includes/_changes.html" in [t.name for t in response.templates]
    assert 'href="/code/v2/#norm-nevenwerk"' in page
    assert "<ins>" in page


@pytest.mark.parametrize("persona", ["employee", "editor", "officer"])
def test_it_says_so_when_the_user_never_confirmed(persona, client_for, two_versions):
    page = text_of(english(client_for(persona)).get(CHANGES))

    assert "You have not confirmed reading any version of the code yet." in page
    assert f'href="{reverse("codeapp:in-force")}"' in page
    assert "<ins>" not in page


def test_it_says_nothing_changed_when_the_confirmed_version_is_in_force(
    client_for, two_versions, employee
):
    Confirmation.objects.create(user=employee, version=two_versions["v2"])

    page = text_of(english(client_for("employee")).get(CHANGES))

    assert "Nothing changed: you confirmed version 2" in page
    assert 'class="change-list' not in page


def test_it_says_so_when_no_version_is_in_force(client_for, code):
    response = english(client_for("employee")).get(CHANGES)

    assert response.status_code == 200
    assert "No version of the code is in force yet." in text_of(response)


def test_it_uses_the_latest_confirmed_version(client_for, two_versions, employee, editor):
    from tests.helpers import days, publish

    Confirmation.objects.create(user=employee, version=two_versions["v1"])
    Confirmation.objects.create(user=employee, version=two_versions["v2"])
    publish(editor, days(-1), summary="Versie drie.")

    page = text_of(english(client_for("employee")).get(CHANGES))

    assert "You confirmed version 2 on" in page
    assert "Version 3 has been in force since" in page
