"""Published versions are rendered once and kept; readers who have a page get a 304."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from codeapp.caching.store import local
from tests.helpers import days, english, publish, text_of

pytestmark = pytest.mark.django_db


def version_url(number: int) -> str:
    return reverse("codeapp:version", args=[number])


def kept_bytes() -> bytes:
    """Everything this process keeps, as one text to search in."""

    def flatten(value) -> list[bytes]:
        if isinstance(value, bytes):
            return [value]
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list | tuple):
            return [piece for item in value for piece in flatten(item)]
        return []

    return b"\n".join(piece for value in local.values("pages") for piece in flatten(value))


def csrf_in_page(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text_of(response))[1]


@pytest.mark.parametrize("url", [reverse("codeapp:in-force"), version_url(1)])
def test_a_reader_who_has_the_page_gets_a_304(url, client_for, v1):
    client = client_for("anonymous")
    first = client.get(url)

    again = client.get(url, headers={"if-none-match": first["ETag"]})

    assert first.status_code == 200
    assert first["ETag"].startswith('W/"')
    assert first["Last-Modified"]
    assert again.status_code == 304
    assert again.content == b""


def test_a_signed_in_reader_has_an_etag_of_their_own(client_for, v1):
    anonymous = client_for("anonymous").get(version_url(1))
    employee = client_for("employee").get(version_url(1))
    officer = client_for("officer").get(version_url(1))

    assert len({anonymous["ETag"], employee["ETag"], officer["ETag"]}) == 3


def test_the_etag_changes_with_the_language(client_for, v1):
    dutch = client_for("anonymous").get(version_url(1))
    english_page = english(client_for("anonymous")).get(version_url(1))

    assert dutch["ETag"] != english_page["ETag"]
    assert "Accept-Language" in dutch["Vary"] and "Cookie" in dutch["Vary"]


def test_the_code_in_force_is_checked_each_time_and_a_version_may_be_reused(client_for, v1):
    client = client_for("anonymous")

    in_force = client.get(reverse("codeapp:in-force"))
    version = client.get(version_url(1))

    assert "no-cache" in in_force["Cache-Control"]
    assert "private" in version["Cache-Control"] and "max-age=300" in version["Cache-Control"]


def test_a_new_version_is_read_at_once_and_the_old_etag_no_longer_matches(client_for, v1, editor):
    client = english(client_for("anonymous"))
    before = client.get(reverse("codeapp:in-force"))
    publish(editor, days(0), summary="Tweede versie.")

    after = client.get(reverse("codeapp:in-force"), headers={"if-none-match": before["ETag"]})

    assert after.status_code == 200
    assert "Version 2" in text_of(after)
    assert "No longer in force" in text_of(client.get(version_url(1)))


def test_a_kept_page_is_served_without_rendering_and_within_one_query(
    client_for, v1, django_assert_max_num_queries
):
    client = client_for("anonymous")
    first = client.get(version_url(1))

    with django_assert_max_num_queries(0):
        again = client.get(version_url(1))

    assert first.templates and not again.templates
    assert again.content == first.content


def test_without_the_page_cache_every_request_renders(client_for, v1, settings):
    settings.PAGE_CACHE = False
    client = client_for("anonymous")
    client.get(version_url(1))

    again = client.get(version_url(1))

    assert again.templates
    assert not local.count("pages")


def test_what_is_kept_holds_no_name_and_no_csrf_token(client_for, v1, employee):
    client = client_for("employee")
    page = client.get(version_url(1))
    client_for("anonymous").get(version_url(1))

    kept = kept_bytes()
    assert kept
    assert employee.get_username().encode() not in kept
    assert csrf_in_page(page).encode() not in kept
    assert b"Suggest a change" in page.content or b"Wijziging voorstellen" in page.content


def test_an_anonymous_readers_page_is_the_same_bytes_for_all_with_no_token_or_cookie(v1):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page = first.get(version_url(1))
    again = second.get(version_url(1))

    assert page.content == again.content
    assert "csrfmiddlewaretoken" not in text_of(page)
    assert not page.cookies and not again.cookies
    switched = second.post(reverse("set_language"), {"language": "en", "next": version_url(1)})
    assert switched.status_code == 302
    assert second.get(version_url(1)).headers["Content-Language"] == "en"


def test_anonymous_reading_touches_no_session(client_for, v1):
    client = client_for("anonymous")

    for url in [reverse("codeapp:in-force"), version_url(1), version_url(1)]:
        response = client.get(url)
        assert "sessionid" not in response.cookies

    assert not Session.objects.exists()


def test_a_message_is_shown_even_to_a_reader_who_has_the_page(client_for, two_versions):
    client = english(client_for("employee"))
    page = client.get(version_url(1))

    refused = client.post(
        reverse("codeapp:version-confirm", args=[1]),
        follow=True,
        headers={"if-none-match": page["ETag"]},
    )

    assert refused.status_code == 200
    assert "only the version in force can be confirmed" in text_of(refused)


def test_a_comparison_is_kept_and_answers_a_304(client_for, two_versions):
    client = client_for("anonymous")
    url = reverse("codeapp:version-compare", args=[1, 2])
    first = client.get(url)

    again = client.get(url)
    not_modified = client.get(url, headers={"if-none-match": first["ETag"]})

    assert again.content == first.content
    assert not_modified.status_code == 304


def test_a_kept_comparison_reads_as_a_fresh_one(client_for, two_versions, settings):
    url = reverse("codeapp:version-compare", args=[1, 2])
    client_for("anonymous").get(url)
    kept = client_for("anonymous").get(url)
    settings.PAGE_CACHE = False
    fresh = client_for("anonymous").get(url)

    assert kept.content == fresh.content


def test_the_pdf_is_drawn_once_and_tagged_with_the_seal(client_for, v1, monkeypatch):
    from codeapp.reading import pdf as printing

    drawn = []
    monkeypatch.setattr(printing, "render_pdf", lambda version: drawn.append(1) or b"%PDF-")
    url = reverse("codeapp:version-pdf", args=[1])
    client = client_for("anonymous")

    first = client.get(url)
    client.get(url)
    not_modified = client.get(url, headers={"if-none-match": first["ETag"]})

    assert drawn == [1]
    assert first["ETag"] == f'"{v1.sha256}"'
    assert "immutable" in first["Cache-Control"]
    assert not_modified.status_code == 304


def test_a_pdf_kept_before_the_tags_came_is_drawn_again(client_for, v1, monkeypatch):
    from codeapp.caching import pages as pagecache
    from codeapp.reading import pdf as printing

    cache.set(pagecache.make_key("pdf", v1.sha256), b"%PDF-untagged")
    monkeypatch.setattr(printing, "render_pdf", lambda version: b"%PDF-tagged")

    response = client_for("anonymous").get(reverse("codeapp:version-pdf", args=[1]))

    assert response.content == b"%PDF-tagged"


def test_a_shared_cache_out_of_reach_costs_renders_not_answers(client_for, v1, editor, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionError("the cache is down")

    for operation in ("get", "set", "delete"):
        monkeypatch.setattr(cache, operation, refuse)
    client = english(client_for("anonymous"))

    assert client.get(version_url(1)).status_code == 200
    publish(editor, days(0), summary="Tweede versie.")
    assert "Version 2" in text_of(client.get(reverse("codeapp:in-force")))


def test_signed_in_readers_with_the_same_rights_share_a_kept_page_with_their_own_name(
    client_for, v1, employee, django_user_model, django_assert_max_num_queries
):
    other = django_user_model.objects.create_user("<b>Noor & co</b>", password="x")
    mine = client_for("employee")
    theirs = Client()
    theirs.force_login(other)
    first = mine.get(version_url(1))

    with django_assert_max_num_queries(5):
        second = theirs.get(version_url(1))

    assert first.templates and not second.templates  # rendered once, for both
    assert employee.get_username() in text_of(first)
    html = second.content.decode()
    assert "&lt;b&gt;Noor &amp; co&lt;/b&gt;" in html and "<b>Noor" not in html
    assert employee.get_username() not in html
    assert csrf_in_page(second) != csrf_in_page(first)


def test_readers_with_other_rights_or_confirmations_get_pages_of_their_own(
    client_for, v1, employee
):
    assert client_for("employee").get(reverse("codeapp:in-force")).status_code == 200

    officer_page = text_of(client_for("officer").get(reverse("codeapp:in-force")))
    client_for("employee").post(reverse("codeapp:version-confirm", args=[1]))
    confirmed_page = text_of(client_for("employee").get(reverse("codeapp:in-force")))

    assert reverse("codeapp:version-confirmations", args=[1]) in officer_page
    assert reverse("codeapp:version-confirm", args=[1]) not in confirmed_page
    assert reverse("codeapp:version-confirmations", args=[1]) not in confirmed_page


def test_a_signed_in_readers_kept_page_carries_a_working_csrf_token(v1, employee):
    client = Client(enforce_csrf_checks=True)
    client.force_login(employee)
    client.get(reverse("codeapp:in-force"))  # kept now
    page = client.get(reverse("codeapp:in-force"))
    assert not page.templates

    confirmed = client.post(
        reverse("codeapp:version-confirm", args=[1]),
        {"csrfmiddlewaretoken": csrf_in_page(page)},
    )

    assert confirmed.status_code == 302


def test_an_anonymous_comparison_is_kept_whole(client_for, two_versions):
    url = reverse("codeapp:version-compare", args=[1, 2])
    first = client_for("anonymous").get(url)

    again = client_for("anonymous").get(url)

    assert first.templates and not again.templates
    assert again.content == first.content


@pytest.mark.parametrize("url", ["/code/", "/code/v1/", "/code/on/2099-01-01/"])
def test_no_browser_keeps_a_page_of_a_code_that_is_not_public(client_for, v1, settings, url):
    settings.CODE_PUBLIC = False

    response = client_for("employee").get(url)

    assert response.status_code == 200
    directives = sorted(d.strip() for d in response["Cache-Control"].split(","))
    assert directives == ["no-store", "private"]


def test_no_browser_keeps_a_comparison_of_a_code_that_is_not_public(
    client_for, two_versions, settings
):
    settings.CODE_PUBLIC = False

    response = client_for("employee").get(reverse("codeapp:version-compare", args=[1, 2]))

    assert sorted(d.strip() for d in response["Cache-Control"].split(",")) == [
        "no-store",
        "private",
    ]


def test_the_header_names_a_reader_by_their_full_name_on_a_kept_page(
    client_for, v1, employee, django_user_model
):
    """One way of showing a person throughout (core.roles.person_name), kept pages included."""
    named = django_user_model.objects.create_user(
        "e.devries", password="x", first_name="Eva", last_name="de Vries"
    )
    client = Client()
    client.force_login(named)
    client_for("employee").get(version_url(1))  # the page is kept for these rights first

    page = client.get(version_url(1))

    assert not page.templates  # drawn from the kept page
    header = re.search(r"<header.*?</header>", page.content.decode(), re.S).group(0)
    assert "Eva de Vries" in header and "e.devries" not in header
    assert named.get_full_name().encode() not in kept_bytes()
