"""Signing in and out, django-axes against password guessing, and changing a password."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.helpers import PASSWORD, english, text_of

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
LOGOUT = reverse("logout")
PASSWORD_CHANGE = reverse("password_change")


def signed_in_user_id(client: Client) -> str | None:
    return client.session.get("_auth_user_id")


def sign_in(client: Client, username: str, password: str, **extra) -> object:
    return client.post(LOGIN, {"username": username, "password": password, **extra})


# --- signing in ----------------------------------------------------------------------------


def test_it_shows_the_login_page(client_for):
    response = client_for("anonymous").get(LOGIN)

    assert response.status_code == 200
    assert 'name="username"' in text_of(response)


def test_it_signs_in_with_the_right_password(editor):
    client = Client()

    response = sign_in(client, "editor", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert signed_in_user_id(client) == str(editor.pk)


def test_it_goes_on_to_the_page_asked_for(editor):
    client = Client()

    response = sign_in(client, "editor", PASSWORD, next="/draft/")

    assert response["Location"] == "/draft/"
    assert client.get("/draft/").status_code == 200


def test_it_does_not_go_on_to_another_site(editor):
    response = sign_in(Client(), "editor", PASSWORD, next="https://evil.example/")

    assert response["Location"] == reverse("home")


def test_it_refuses_a_wrong_password(editor):
    client = english(Client())

    response = sign_in(client, "editor", "wrong-password")

    assert response.status_code == 200
    assert response.context["form"].errors
    assert signed_in_user_id(client) is None
    assert AccessAttempt.objects.get(username="editor").failures_since_start == 1


def test_it_refuses_an_inactive_user(editor):
    editor.is_active = False
    editor.save()
    client = Client()

    response = sign_in(client, "editor", PASSWORD)

    assert response.status_code == 200
    assert signed_in_user_id(client) is None


@pytest.mark.parametrize("method", ["delete", "patch"])
def test_it_refuses_other_methods_on_login(method):
    # Not PUT: Django's form views treat PUT as POST (an empty, invalid form).
    assert getattr(Client(), method)(LOGIN).status_code == 405


# --- django-axes ---------------------------------------------------------------------------


def test_it_locks_a_user_name_out_after_five_failures(editor):
    assert settings.AXES_FAILURE_LIMIT == 5
    client = english(Client())
    for _attempt in range(5):
        sign_in(client, "editor", "wrong-password")

    response = sign_in(client, "editor", PASSWORD)

    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]
    assert "Too many failed attempts" in text_of(response)
    assert signed_in_user_id(client) is None
    assert AccessAttempt.objects.get(username="editor").failures_since_start >= 5


def test_it_still_lets_in_after_four_failures_and_then_forgets_them(editor):
    client = Client()
    for _attempt in range(4):
        sign_in(client, "editor", "wrong-password")

    response = sign_in(client, "editor", PASSWORD)

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(editor.pk)
    # AXES_RESET_ON_SUCCESS: the failures no longer count.
    assert not AccessAttempt.objects.filter(username="editor").exists()


def test_it_locks_out_only_the_user_name_that_was_guessed(editor, editor2):
    client = Client()
    for _attempt in range(5):
        sign_in(client, "editor", "wrong-password")

    response = sign_in(client, "editor2", PASSWORD)

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(editor2.pk)


# --- signing out ---------------------------------------------------------------------------


def test_it_signs_out_on_post(client_for, editor):
    client = client_for("editor")
    assert signed_in_user_id(client) == str(editor.pk)

    response = client.post(LOGOUT)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert signed_in_user_id(client) is None
    assert client.get("/draft/").status_code == 302


def test_it_does_not_sign_out_on_get(client_for, editor):
    client = client_for("editor")

    response = client.get(LOGOUT)

    assert response.status_code == 405
    assert signed_in_user_id(client) == str(editor.pk)


# --- changing the password -----------------------------------------------------------------


def test_it_changes_the_password(client_for, employee):
    client = client_for("employee")

    response = client.post(
        PASSWORD_CHANGE,
        {
            "old_password": PASSWORD,
            "new_password1": "a-much-longer-passphrase-42",
            "new_password2": "a-much-longer-passphrase-42",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    employee.refresh_from_db()
    assert employee.check_password("a-much-longer-passphrase-42")
    # The session survives the change.
    assert client.get(reverse("password_change_done")).status_code == 200


def test_it_refuses_a_password_change_with_the_wrong_old_password(client_for, employee):
    response = client_for("employee").post(
        PASSWORD_CHANGE,
        {
            "old_password": "not-my-password",
            "new_password1": "a-much-longer-passphrase-42",
            "new_password2": "a-much-longer-passphrase-42",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    employee.refresh_from_db()
    assert employee.check_password(PASSWORD)


def test_it_refuses_a_weak_new_password(client_for, employee):
    response = client_for("employee").post(
        PASSWORD_CHANGE,
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    employee.refresh_from_db()
    assert employee.check_password(PASSWORD)


def test_it_sends_anonymous_visitors_from_password_change_to_sign_in(employee):
    response = Client().post(
        PASSWORD_CHANGE,
        {"old_password": PASSWORD, "new_password1": "x-y-z-1-2-3-4", "new_password2": "x"},
    )

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next={PASSWORD_CHANGE}"
    employee.refresh_from_db()
    assert employee.check_password(PASSWORD)
