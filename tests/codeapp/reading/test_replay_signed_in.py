"""A signed-in reader gets their own answer again, before Django's middleware, while they
are still the reader Django found (codeapp.caching.replay, codeapp.caching.reader_facts).

Nothing personal may reach another reader or the anonymous answers: each test that gives
one reader's page looks for the other reader's name and token in it.
"""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from codeapp.caching import pages as pagecache
from codeapp.caching import reader_facts as readers
from codeapp.caching import replay
from codeapp.caching.assembly import masked_token
from codeapp.caching.store import local
from codeapp.models import Confirmation
from codeapp.reading import timeline
from core.roles import OFFICER_GROUP
from tests.helpers import signed_in, text_of

pytestmark = pytest.mark.django_db

IN_FORCE = reverse("codeapp:in-force")
REVIEW_LINK = f'href="{reverse("reflection:review")}"'
DRAFT_LINK = f'href="{reverse("codeapp:draft")}"'


@pytest.fixture(params=[False, True], ids=["one-process cache", "shared cache"])
def cache_kind(request, settings):
    """Both ways of trusting a reader: this process's shelf, or a shared cache (this
    process's cache standing in for Redis, with the sessions read through it)."""
    settings.CACHE_IS_SHARED = request.param
    if request.param:
        settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    return request.param


@pytest.fixture
def listed(db, v1):
    timeline.published_versions()


def replayed(response) -> bool:
    return isinstance(response, replay._Replayed)


def reading(user) -> Client:
    """A signed-in reader who has read the page twice: the second answer is kept."""
    client = signed_in(user)
    client.get(IN_FORCE)  # sets the CSRF cookie: not kept
    client.get(IN_FORCE)  # kept for this session
    return client


def token_in(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text_of(response))[1]


def shows_as(response, username: str) -> bool:
    return f"</span> {username}</span>" in text_of(response)


def confirm_box(response) -> str:
    page = text_of(response)
    return page[page.index('id="confirm-heading"') :][:1500]


def test_a_masked_token_is_one_django_accepts_for_the_secret():
    secret = "qHPui9vO4G8DI78DesiI2uBScz12345A"
    tokens = {masked_token(secret) for _ in range(200)}

    assert len(tokens) == 200  # a new mask each time
    assert all(len(t) == 64 and _unmask_cipher_token(t) == secret for t in tokens)


def test_the_readers_next_page_is_replayed_without_a_query(cache_kind, employee, listed):
    client = reading(employee)

    with CaptureQueriesContext(connection) as queries:
        page = client.get(IN_FORCE)

    assert replayed(page) and page.status_code == 200
    assert queries.captured_queries == []
    assert shows_as(page, "employee")
    assert not page.cookies  # nothing set: the answer is the same page with a new token


def test_a_replayed_page_has_a_fresh_token_for_the_readers_own_cookie(cache_kind, employee, listed):
    client = reading(employee)
    secret = client.cookies[settings.CSRF_COOKIE_NAME].value

    first, second = client.get(IN_FORCE), client.get(IN_FORCE)

    assert replayed(first) and replayed(second)
    assert token_in(first) != token_in(second)
    assert _unmask_cipher_token(token_in(first)) == secret
    assert _unmask_cipher_token(token_in(second)) == secret
    assert int(second["Content-Length"]) == len(second.content)


def test_another_reader_never_gets_the_first_ones_page(cache_kind, employee, editor, listed):
    employee_client, editor_client = reading(employee), reading(editor)

    for _ in range(2):
        mine, theirs = employee_client.get(IN_FORCE), editor_client.get(IN_FORCE)
        assert replayed(mine) and replayed(theirs)
        assert shows_as(mine, "employee") and not shows_as(mine, "editor")
        assert shows_as(theirs, "editor") and not shows_as(theirs, "employee")
        assert DRAFT_LINK in text_of(theirs) and DRAFT_LINK not in text_of(mine)
        secret = editor_client.cookies[settings.CSRF_COOKIE_NAME].value
        assert _unmask_cipher_token(token_in(theirs)) == secret


def test_nothing_of_a_signed_in_reader_reaches_the_anonymous_answer(cache_kind, employee, listed):
    client = reading(employee)
    mine = client.get(IN_FORCE)
    Client().get(IN_FORCE)

    anonymous = Client().get(IN_FORCE)

    assert replayed(anonymous)
    assert not shows_as(anonymous, "employee")
    assert token_in(mine) not in text_of(anonymous)
    assert "csrfmiddlewaretoken" not in text_of(anonymous)
    assert 'id="confirm-heading"' not in text_of(anonymous)


def test_a_confirmation_shows_at_once(cache_kind, employee, listed):
    client = reading(employee)
    assert "I have read this version" in confirm_box(client.get(IN_FORCE))

    confirmed = client.post(reverse("codeapp:version-confirm", args=[1]), follow=True)
    assert "You confirmed on" in confirm_box(confirmed)

    after = client.get(IN_FORCE)
    assert "You confirmed on" in confirm_box(after)


def test_a_confirmation_recorded_elsewhere_in_this_process_shows_at_once(
    cache_kind, employee, listed, v1
):
    client = reading(employee)

    Confirmation.objects.create(user=employee, version=v1)

    page = client.get(IN_FORCE)
    assert not replayed(page)
    assert "You confirmed on" in confirm_box(page)


def test_new_rights_show_at_once(cache_kind, employee, listed):
    client = reading(employee)
    assert REVIEW_LINK not in text_of(client.get(IN_FORCE))

    employee.groups.add(Group.objects.get(name=OFFICER_GROUP))

    assert REVIEW_LINK in text_of(client.get(IN_FORCE))


def test_signing_out_ends_it(cache_kind, employee, listed):
    client = reading(employee)

    client.post(reverse("logout"))

    page = client.get(IN_FORCE)
    assert not shows_as(page, "employee")


def test_a_session_ended_elsewhere_is_not_replayed_with_a_shared_cache(settings, employee, listed):
    settings.CACHE_IS_SHARED = True
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    client = reading(employee)
    session = client.session
    session.flush()  # as another instance would: the session is gone from the cache

    page = client.get(IN_FORCE)

    assert not replayed(page) and not shows_as(page, "employee")


def test_one_readers_change_leaves_the_other_readers_trusted(employee, editor, listed, v1):
    # A publication day: thousands confirm, each must not send everyone to the database.
    employee_client, editor_client = reading(employee), reading(editor)

    Confirmation.objects.create(user=employee, version=v1)

    assert replayed(editor_client.get(IN_FORCE))
    assert not replayed(employee_client.get(IN_FORCE))


@pytest.mark.parametrize(
    "cookie",
    [
        "a" * 64,  # masked, as Django before 4.0 kept it: Django renews it
        "not-a-secret",
    ],
)
def test_a_csrf_cookie_django_would_replace_leaves_the_answer_to_django(cookie, employee, listed):
    client = reading(employee)
    client.cookies[settings.CSRF_COOKIE_NAME] = cookie

    page = client.get(IN_FORCE)

    assert not replayed(page) and shows_as(page, "employee")


def test_any_other_cookie_leaves_the_answer_to_django(employee, listed):
    client = reading(employee)
    client.cookies["messages"] = "something-to-show"

    assert not replayed(client.get(IN_FORCE))


def test_each_session_has_its_own_entry_and_they_are_bounded(employee, listed, monkeypatch):
    monkeypatch.setitem(local.limits, "replay-readers", 2)
    clients = [reading(employee) for _ in range(3)]

    assert local.count("replay-readers") == 2
    assert replayed(clients[-1].get(IN_FORCE))
    assert not replayed(clients[0].get(IN_FORCE))


def test_a_reader_looked_up_while_a_change_was_made_is_not_trusted(employee, listed):
    client = reading(employee)
    # The change is recorded after the lookup began: the lookup is not believed.
    readers.user_changed(employee.pk)

    assert not replayed(client.get(IN_FORCE))


def test_with_the_cache_out_of_reach_the_reader_is_answered_by_django(
    cache_kind, employee, listed, monkeypatch
):
    client = reading(employee)

    class Away:
        def __getattr__(self, name):
            def refuse(*args, **kwargs):
                raise ConnectionError("cache away")

            return refuse

    monkeypatch.setattr(pagecache, "cache", Away())

    pages = [client.get(IN_FORCE) for _ in range(2)]
    assert all(p.status_code == 200 and shows_as(p, "employee") for p in pages)
    assert not any(replayed(p) for p in pages)


def test_a_new_day_makes_a_new_answer(employee, listed, monkeypatch):
    client = reading(employee)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)

    assert not replayed(client.get(IN_FORCE))
