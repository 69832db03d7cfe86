"""Who may read: everyone when the code is public, signed-in users only when it is not."""

import pytest
from django.urls import reverse

from tests.helpers import days, english, text_of

pytestmark = pytest.mark.django_db

READING_PAGES = {
    "in-force": {},
    "versions": {},
    "version": {"number": 1},
    "version-on": {"day": days(-1).isoformat()},
    "version-compare": {"a": 1, "b": 1},
}


def url(name: str) -> str:
    return reverse(f"codeapp:{name}", kwargs=READING_PAGES[name] or None)


@pytest.mark.parametrize("page", READING_PAGES)
@pytest.mark.parametrize("persona", ["anonymous", "employee", "editor", "officer"])
def test_it_shows_a_public_code_to_everyone(page, persona, client_for, v1):
    assert client_for(persona).get(url(page)).status_code == 200


@pytest.mark.parametrize("page", READING_PAGES)
def test_it_sends_anonymous_visitors_to_sign_in_when_the_code_is_not_public(
    page, client_for, v1, settings
):
    settings.CODE_PUBLIC = False

    response = client_for("anonymous").get(url(page))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url(page)}"


def test_it_keeps_the_date_picker_query_when_sending_to_sign_in(client_for, v1, settings):
    settings.CODE_PUBLIC = False

    response = client_for("anonymous").get(reverse("codeapp:in-force") + "?on=2026-01-01")

    assert response.status_code == 302
    assert response["Location"].endswith("?next=/code/%3Fon%3D2026-01-01")


@pytest.mark.parametrize("page", READING_PAGES)
@pytest.mark.parametrize("persona", ["employee", "editor", "officer"])
def test_it_lets_signed_in_users_read_when_the_code_is_not_public(
    page, persona, client_for, v1, settings
):
    settings.CODE_PUBLIC = False

    assert client_for(persona).get(url(page)).status_code == 200


@pytest.mark.parametrize("page", READING_PAGES)
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_refuses_other_methods(page, method, client_for, v1):
    for persona in ["anonymous", "employee"]:
        assert getattr(client_for(persona), method)(url(page)).status_code == 405


def test_it_speaks_dutch_by_default_and_english_on_request(client_for, v1):
    dutch = text_of(client_for("anonymous").get(url("version")))
    english_page = text_of(english(client_for("anonymous")).get(url("version")))

    assert '<html lang="nl">' in dutch
    assert '<html lang="en">' in english_page
    assert "Cite this" in english_page


def test_it_links_the_code_from_the_menu(client_for, v1):
    for persona in ["anonymous", "employee", "editor"]:
        page = text_of(english(client_for(persona)).get(url("versions")))
        assert f'href="{reverse("codeapp:in-force")}"' in page
        assert "The code</a>" in page


def test_it_sends_no_inline_scripts_or_styles(client_for, two_versions):
    for name, kwargs in [("version", {"number": 1}), ("version-compare", {"a": 1, "b": 2})]:
        response = client_for("employee").get(reverse(f"codeapp:{name}", kwargs=kwargs))
        page = text_of(response)
        assert "style=" not in page
        assert "<script>" not in page
        assert "script-src 'self'" in response["Content-Security-Policy"]


# One rule (codeapp.reading.access.may_read) decides for the pages and for the API alike.


@pytest.mark.parametrize("public", [True, False])
@pytest.mark.parametrize("persona", ["anonymous", "employee"])
def test_the_reading_pages_and_the_api_decide_alike(public, persona, client_for, v1, settings):
    settings.CODE_PUBLIC = public
    client = client_for(persona)

    page = client.get(url("version"))
    document = client.get("/api/v1/versions/1")

    may_read = public or persona != "anonymous"
    assert page.status_code == (200 if may_read else 302)
    assert document.status_code == (200 if may_read else 401)


def test_a_user_deactivated_after_signing_in_reads_neither_pages_nor_the_api(
    client_for, v1, employee, settings
):
    settings.CODE_PUBLIC = False
    client = client_for("employee")
    assert client.get(url("version")).status_code == 200

    employee.is_active = False
    employee.save()

    assert client.get(url("version")).status_code == 302
    assert client.get("/api/v1/versions/1").status_code == 401
