"""/code/versions/: every published version, newest first; the compare form."""

import datetime

import pytest
from django.urls import reverse

from tests.helpers import days, english, in_english, publish, text_of

pytestmark = pytest.mark.django_db

VERSIONS = reverse("codeapp:versions")


@pytest.fixture
def three_versions(two_versions, editor):
    return {**two_versions, "v3": publish(editor, days(20), summary="Straks **anders**.")}


def test_it_lists_all_versions_newest_first(client_for, three_versions):
    response = client_for("anonymous").get(VERSIONS)
    page = text_of(response)

    assert response.status_code == 200
    assert [s.version.number for s in response.context["rows"]] == [3, 2, 1]
    assert (
        page.index('id="version-3"') < page.index('id="version-2"') < page.index('id="version-1"')
    )


def test_it_says_which_version_is_in_force_and_which_is_upcoming(client_for, three_versions):
    page = text_of(english(client_for("anonymous")).get(VERSIONS))

    assert 'class="version-row state-future" id="version-3"' in page
    assert 'class="version-row state-in-force" id="version-2"' in page
    assert 'class="version-row state-old" id="version-1"' in page
    assert "upcoming" in page
    assert ">in force<" in page
    assert "no longer in force" in page


def test_it_shows_dates_establishment_and_summary(client_for, three_versions):
    page = text_of(english(client_for("anonymous")).get(VERSIONS))
    v1, v2 = three_versions["v1"], three_versions["v2"]

    assert in_english(v1.effective_from) in page
    assert in_english(v2.effective_from - datetime.timedelta(days=1)) in page  # v1 until
    assert "College van B&amp;W" in page
    assert "Straks <strong>anders</strong>." in page


def test_it_shortens_a_long_change_summary(client_for, code, titled, editor):
    publish(editor, days(-1), summary=" ".join(f"woord{i}" for i in range(100)))

    page = text_of(client_for("anonymous").get(VERSIONS))

    assert "woord39" in page
    assert "woord60" not in page


def test_it_links_to_read_compare_and_print_each_version(client_for, three_versions):
    page = text_of(client_for("anonymous").get(VERSIONS))

    for number in [1, 2, 3]:
        assert f'href="{reverse("codeapp:version", args=[number])}"' in page
        assert f'href="{reverse("codeapp:version-pdf", args=[number])}"' in page
    assert f'href="{reverse("codeapp:version-compare", args=[2, 3])}"' in page
    assert f'href="{reverse("codeapp:version-compare", args=[1, 2])}"' in page


def test_it_says_kindly_that_nothing_is_published_yet(client_for, code):
    response = english(client_for("anonymous")).get(VERSIONS)

    assert response.status_code == 200
    assert "Nothing has been published yet." in text_of(response)


def test_it_offers_a_form_to_compare_two_versions(client_for, three_versions):
    page = text_of(client_for("anonymous").get(VERSIONS))

    assert '<select id="compare-a" name="a"' in page
    assert '<select id="compare-b" name="b"' in page
    assert '<label for="compare-a"' in page
    assert '<option value="2" selected>' in page
    assert '<option value="3" selected>' in page


@pytest.mark.parametrize(("a", "b"), [("1", "3"), ("3", "1"), ("2", "2")])
def test_it_sends_the_compare_form_to_the_comparison(a, b, client_for, three_versions):
    response = client_for("anonymous").get(VERSIONS, {"a": a, "b": b})

    assert response.status_code == 302
    assert response["Location"] == reverse("codeapp:version-compare", args=[int(a), int(b)])


@pytest.mark.parametrize("query", [{"a": "1", "b": "9"}, {"a": "x", "b": "1"}, {"a": "1"}])
def test_it_asks_again_for_versions_that_do_not_exist(query, client_for, three_versions):
    response = english(client_for("anonymous")).get(VERSIONS, query)

    assert response.status_code == 400
    assert "Choose two published versions to compare." in text_of(response)
