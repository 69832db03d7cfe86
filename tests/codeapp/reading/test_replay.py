"""An anonymous reader of the published code gets the answer the last one got, while it holds."""

import datetime
from types import SimpleNamespace

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from codeapp.caching import pages as pagecache
from codeapp.caching import replay
from codeapp.caching.store import local
from codeapp.reading import timeline, version_page
from tests.helpers import days, english, publish, text_of

pytestmark = pytest.mark.django_db

IN_FORCE = reverse("codeapp:in-force")


def version_url(number: int) -> str:
    return reverse("codeapp:version", args=[number])


def replayed(response) -> bool:
    return isinstance(response, replay._Replayed)


@pytest.fixture
def listed(db):
    """As on a site in use: the list of versions is kept under a stamp. (The first reading
    page after a publication makes it, and is not replayed: its stamp was not there to read.)
    Asked for after the fixtures that publish."""
    timeline.published_versions()


def test_the_second_anonymous_reader_gets_the_first_ones_answer_without_a_query(
    v1, listed, django_assert_max_num_queries
):
    first = Client().get(IN_FORCE)

    with django_assert_max_num_queries(0):
        again = Client().get(IN_FORCE)

    assert not replayed(first) and replayed(again)
    assert again.status_code == 200
    assert again.content == first.content
    assert dict(again.items()) == dict(first.items())


def test_a_replayed_answer_is_the_one_django_gives_now(v1, listed):
    Client().get(version_url(1))
    again = Client().get(version_url(1))
    replay.forget()

    fresh = Client().get(version_url(1))

    assert replayed(again) and not replayed(fresh)
    assert fresh.content == again.content
    assert dict(fresh.items()) == dict(again.items())
    for header in ("Content-Security-Policy", "X-Frame-Options", "Referrer-Policy", "ETag"):
        assert again[header] == fresh[header]


def test_a_new_version_is_read_at_once(v1, editor, listed):
    client = english(Client())
    client.get(IN_FORCE)
    assert replayed(client.get(IN_FORCE))

    publish(editor, days(0), summary="Tweede versie.")
    after = client.get(IN_FORCE)

    assert not replayed(after)
    assert "Version 2" in text_of(after)
    assert "No longer in force" in text_of(client.get(version_url(1)))


def test_a_page_made_while_a_version_was_published_is_not_replayed(v1, monkeypatch, listed):
    made = version_page.kept_page

    def published_meanwhile(*args, **kwargs):
        pagecache.forget_versions()  # what a publication does, halfway through the request,
        timeline.published_versions()  # and another reader's page just after it
        return made(*args, **kwargs)

    monkeypatch.setattr(version_page, "kept_page", published_meanwhile)
    Client().get(IN_FORCE)
    monkeypatch.setattr(version_page, "kept_page", made)

    assert not replayed(Client().get(IN_FORCE))


def test_a_new_day_makes_a_new_answer(v1, monkeypatch, listed):
    Client().get(IN_FORCE)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)

    page = Client().get(IN_FORCE)

    assert not replayed(page) and page.status_code == 200


def test_each_language_has_its_own_answer(v1, settings, listed):
    Client().get(IN_FORCE)

    in_english = english(Client()).get(IN_FORCE)
    by_cookie = Client()
    by_cookie.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english_again = by_cookie.get(IN_FORCE)

    assert not replayed(in_english) and replayed(english_again)
    assert 'lang="en"' in text_of(english_again)
    assert 'lang="nl"' in text_of(Client().get(IN_FORCE))


def test_each_address_has_its_own_answer(v1, settings, listed):
    settings.ALLOWED_HOSTS = ["testserver", "code.example.org"]
    Client().get(version_url(1))

    other = Client(HTTP_HOST="code.example.org").get(version_url(1))

    assert not replayed(other)
    assert "http://code.example.org/code/v1/" in text_of(other)
    assert Client(HTTP_HOST="evil.example.com").get(version_url(1)).status_code == 400


def test_a_signed_in_reader_never_gets_the_anonymous_answer(v1, client_for, employee, listed):
    Client().get(IN_FORCE)
    Client().get(IN_FORCE)

    page = client_for("employee").get(IN_FORCE)

    assert not replayed(page)
    assert employee.get_username() in text_of(page)


@pytest.mark.parametrize(
    "ask",
    [
        lambda c: c.get(IN_FORCE, {"utm_source": "nieuwsbrief"}),
        lambda c: c.head(IN_FORCE),
        lambda c: c.get(IN_FORCE, headers={"range": "bytes=0-10"}),
    ],
    ids=["query string", "HEAD", "range"],
)
def test_other_requests_are_answered_by_django(v1, ask, listed):
    Client().get(IN_FORCE)

    answer = ask(Client())

    assert not replayed(answer) and answer.status_code == 200


def test_a_reader_who_has_the_page_still_gets_a_304(v1, listed):
    first = Client().get(IN_FORCE)
    Client().get(IN_FORCE)

    again = Client().get(IN_FORCE, headers={"if-none-match": first["ETag"]})

    assert again.status_code == 304


def test_any_other_cookie_leaves_the_answer_to_django(v1, listed):
    Client().get(IN_FORCE)
    client = Client()
    client.cookies["messages"] = "anything"

    assert not replayed(client.get(IN_FORCE))


@pytest.mark.parametrize(
    "url", [reverse("codeapp:versions"), version_url(99), IN_FORCE + "?on=2026-02-30"]
)
def test_only_pages_marked_as_the_same_for_everyone_are_replayed(v1, url, listed):
    Client().get(url)

    assert not replayed(Client().get(url))
    assert not local.count("replay")


def test_an_anonymous_comparison_is_replayed(two_versions, listed):
    url = reverse("codeapp:version-compare", args=[1, 2])
    first = Client().get(url)

    again = Client().get(url)

    assert replayed(again) and again.content == first.content


def test_without_the_page_cache_nothing_is_replayed(v1, settings, listed):
    settings.PAGE_CACHE = False
    Client().get(IN_FORCE)

    assert not replayed(Client().get(IN_FORCE))
    assert not local.count("replay")


def test_an_answer_that_sets_a_cookie_is_never_kept():
    response = HttpResponse("page")
    response.replayable = True
    assert replay._keepable(response)

    response.set_cookie("csrftoken", "abc")

    assert not replay._keepable(response)


def test_only_so_many_answers_are_kept(two_versions, monkeypatch, listed):
    monkeypatch.setitem(local.limits, "replay", 2)
    compare = reverse("codeapp:version-compare", args=[1, 2])

    for url in (version_url(1), version_url(2), compare, IN_FORCE):
        Client().get(url)

    assert local.count("replay") == 2


def test_a_stale_session_cookie_leaves_the_answer_to_django(v1, listed):
    Client().get(IN_FORCE)
    client = Client()
    client.cookies["sessionid"] = "no-such-session"

    page = client.get(IN_FORCE)

    assert not replayed(page) and page.status_code == 200


def test_the_version_in_force_on_a_day_is_replayed(v1, listed):
    url = reverse("codeapp:version-on", kwargs={"day": days(-1).isoformat()})
    first = Client().get(url)

    again = Client().get(url)

    assert replayed(again) and again.content == first.content


def test_https_behind_the_proxy_and_http_have_answers_of_their_own(v1, listed, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    secure = Client(headers={"x-forwarded-proto": "https"})
    secure.get(version_url(1))

    again = secure.get(version_url(1))
    plain = Client().get(version_url(1))

    assert replayed(again) and "https://testserver:80/code/v1/#" in text_of(again)
    assert not replayed(plain) and "http://testserver/code/v1/#" in text_of(plain)


def test_other_pages_do_not_even_ask_the_cache(v1, listed, monkeypatch):
    asked = []
    monkeypatch.setattr(pagecache, "versions_stamp", lambda: asked.append(1))

    Client().get(reverse("login"))
    Client().get("/api/v1/versions")

    assert asked == []


def test_with_the_cache_out_of_reach_pages_are_answered_not_replayed(v1, listed, monkeypatch):
    class Away:
        def __getattr__(self, name):
            def refuse(*args, **kwargs):
                raise ConnectionError("cache away")

            return refuse

    monkeypatch.setattr(pagecache, "cache", Away())

    pages = [Client().get(IN_FORCE) for _ in range(3)]

    assert [p.status_code for p in pages] == [200, 200, 200]
    assert not any(replayed(p) for p in pages)


def test_a_page_made_across_midnight_is_not_kept(v1, listed, monkeypatch):
    today = timezone.localdate()
    days_asked = iter([today, today + datetime.timedelta(days=1)])
    monkeypatch.setattr(replay, "timezone", SimpleNamespace(localdate=lambda: next(days_asked)))

    Client().get(IN_FORCE)

    assert not local.count("replay")


def test_what_is_written_to_a_replayed_answer_stays_in_it(v1, listed):
    Client().get(IN_FORCE)
    first = Client().get(IN_FORCE)
    first.write(b"<!-- added -->")

    second = Client().get(IN_FORCE)

    assert replayed(second) and b"<!-- added -->" not in second.content


def test_a_version_asked_for_by_another_address_is_redirected_not_replayed(v1, listed):
    Client().get(version_url(1), RAW_URI="/code/v1/")
    assert replayed(Client().get(version_url(1), RAW_URI="/code/v1/"))

    # /code/v%31/ reaches Django as /code/v1/; RAW_URI is what the reader sent.
    response = Client().get(version_url(1), RAW_URI="/code/v%31/")

    assert not replayed(response)
    assert response.status_code == 301 and response["Location"] == "/code/v1/"
