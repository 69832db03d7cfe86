"""django-axes against password guessing: the lockout page, per name, and behind proxies.

tests/codeapp/test_accounts.py has the basics (five failures lock a name, four do not, one
name's failures leave another alone); these add the page in Dutch, the admin's sign-in,
and the client's address as the proxies in front report it.
"""

import pytest
from django.test import Client
from django.urls import reverse

from codeapp.ops.client_ip import client_ip
from tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
PROXY = "10.0.0.5"


def attempt(username: str, password: str, *, via: str | None = None, path: str = LOGIN):
    """One sign-in from a fresh browser; `via` is the X-Forwarded-For the proxies send."""
    headers = {"REMOTE_ADDR": PROXY}
    if via is not None:
        headers["HTTP_X_FORWARDED_FOR"] = via
    client = Client(**headers)
    response = client.post(path, {"username": username, "password": password})
    return response, client


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def fail_five_times(username: str, **where) -> None:
    answers = [attempt(username, "wrong-password", **where)[0].status_code for _n in range(5)]
    # The form again, with its error; the fifth failure already answers with the lockout.
    assert answers == [200, 200, 200, 200, 429]


def test_the_sixth_attempt_gets_the_lockout_page_in_dutch_even_with_the_right_password(editor):
    fail_five_times("editor")

    response, client = attempt("editor", PASSWORD)

    assert response.status_code == 429
    page = response.content.decode()
    assert '<html lang="nl">' in page and "Te veel mislukte pogingen" in page
    assert not signed_in(client)


def test_another_user_is_not_locked(editor, editor2):
    fail_five_times("editor")

    response, client = attempt("editor2", PASSWORD)

    assert response.status_code == 302 and signed_in(client)


def test_the_admins_sign_in_counts_and_is_locked_too(admin_user):
    admin_login = reverse("admin:login")
    for _attempt in range(5):
        attempt("admin", "wrong-password", path=admin_login)

    response, client = attempt("admin", PASSWORD, path=admin_login)

    assert response.status_code == 429 and not signed_in(client)


# --- behind proxies -------------------------------------------------------------------------


def test_without_proxies_the_header_is_ignored_so_it_cannot_dodge_the_lockout(editor, settings):
    assert settings.PROXY_COUNT == 0
    for n in range(5):
        attempt("editor", "wrong-password", via=f"198.51.100.{n}")

    response, _client = attempt("editor", PASSWORD, via="198.51.100.99")

    assert response.status_code == 429


def test_behind_a_proxy_the_lockout_is_for_the_guessers_address_only(editor, settings):
    settings.PROXY_COUNT = 1
    fail_five_times("editor", via="203.0.113.7")

    locked, _client = attempt("editor", PASSWORD, via="203.0.113.7")
    elsewhere, client = attempt("editor", PASSWORD, via="192.0.2.44")

    assert locked.status_code == 429
    assert elsewhere.status_code == 302 and signed_in(client)


def test_behind_a_proxy_a_made_up_header_does_not_dodge_the_lockout(editor, settings):
    settings.PROXY_COUNT = 1
    # The guesser sends an X-Forwarded-For of their own each time; the proxy appends theirs.
    for n in range(5):
        attempt("editor", "wrong-password", via=f"198.51.100.{n}, 203.0.113.7")

    response, _client = attempt("editor", PASSWORD, via="198.51.100.99, 203.0.113.7")

    assert response.status_code == 429


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "203.0.113.7", PROXY),
        (1, None, PROXY),
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "1.1.1.1, 203.0.113.7", "203.0.113.7"),
        (2, "1.1.1.1, 203.0.113.7, 10.0.0.9", "203.0.113.7"),
        (2, "203.0.113.7", PROXY),  # fewer entries than proxies: not through them all
        (1, "not-an-address", PROXY),
        (1, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_the_client_address(count, forwarded, expected, settings, rf):
    settings.PROXY_COUNT = count
    meta = {"REMOTE_ADDR": PROXY}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_ip(rf.get("/", **meta)) == expected
