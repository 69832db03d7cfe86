"""Leaving and coming back: deactivated over SCIM, an account cannot sign in, drops out of
the figures and keeps its history and confirmations; re-activated, it signs in again."""

import json

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from codeapp.models import Confirmation
from people.models import Person
from people.services import account_deactivate, account_reactivate, end_sessions
from tests.helpers import PASSWORD, make_user
from tests.helpers.scim import BASE, TOKEN, auth, patch

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaver(django_user_model, settings):
    settings.SCIM_TOKEN = TOKEN
    return make_user(django_user_model, "leaver", email="leaver@example.nl")


def set_active(user, active: bool) -> None:
    response = Client().patch(
        f"{BASE}/Users/{user.pk}",
        json.dumps(patch({"op": "replace", "path": "active", "value": active})),
        content_type="application/scim+json",
        **auth(),
    )
    assert response.status_code == 200, response.content
    user.refresh_from_db()


def sign_in(client: Client | None = None) -> bool:
    """Sign in with the password, as a person does (django-axes needs the request)."""
    client = client or Client()
    client.post(reverse("login"), {"username": "leaver", "password": PASSWORD})
    return signed_in(client)


def signed_in(client: Client) -> bool:
    return client.get(reverse("password_change")).status_code == 200


def test_active_false_ends_the_sessions_and_the_sign_in(leaver):
    browser = Client()
    assert sign_in(browser)

    set_active(leaver, False)

    assert not leaver.is_active
    assert Person.objects.get(user=leaver).left_at is not None
    assert not signed_in(browser)
    assert not Session.objects.exists()
    assert not sign_in()


def test_the_session_of_someone_else_stays(leaver, employee):
    colleague = Client()
    colleague.force_login(employee)
    mine = Client()
    mine.force_login(leaver)

    assert end_sessions(user_id=leaver.pk) == 1

    assert signed_in(colleague)
    assert Session.objects.count() == 1


def test_re_activation_restores_the_sign_in(leaver):
    set_active(leaver, False)

    set_active(leaver, True)

    assert leaver.is_active
    assert Person.objects.get(user=leaver).left_at is None
    assert sign_in()


def test_history_and_confirmations_stay_and_the_figures_leave_them_out(
    leaver, two_versions, officer, client_for
):
    Confirmation.objects.create(user=leaver, version=two_versions["v1"])
    url = reverse("codeapp:version-confirmations", kwargs={"number": 1})
    before = client_for("officer").get(url).context

    set_active(leaver, False)

    after = client_for("officer").get(url).context
    assert (after["total"], after["confirmed"]) == (before["total"] - 1, before["confirmed"] - 1)
    assert Confirmation.objects.filter(user=leaver).count() == 1


def test_deactivating_twice_keeps_the_first_leaving_day(leaver):
    account_deactivate(user=leaver)
    first = Person.objects.get(user=leaver).left_at

    account_deactivate(user=leaver)

    assert Person.objects.get(user=leaver).left_at == first
    account_reactivate(user=leaver)
    assert Person.objects.get(user=leaver).left_at is None
