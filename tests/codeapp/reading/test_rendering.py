"""A version is rendered once, when it is published, and kept beside it (never in the seal)."""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from codeapp.caching import pages as pagecache
from codeapp.models import CodeVersion, VersionPageRender, VersionRender
from codeapp.reading import rendering
from codeapp.reading.pdf import render_pdf
from codeapp.versions.chain import versions_verify
from codeapp.versions.documents import items, seal
from core.markup import render_markdown
from tests.helpers import MAX_QUERIES, build_large_code, days, english, publish, text_of

pytestmark = pytest.mark.django_db

URL = "http://testserver/code/v1/"


def forget_everything_kept() -> None:
    """As after a restart with an empty shared cache."""
    cache.clear()
    pagecache.forget_local()


def forget_renders() -> None:
    """As for a version published before renders were kept."""
    VersionPageRender.objects.all().delete()
    VersionRender.objects.all().delete()


def test_publishing_renders_the_texts_and_both_languages_for_both_kinds_of_reader(v1):
    assert set(
        VersionPageRender.objects.filter(version=v1).values_list("language", "signed_in")
    ) == {("nl", False), ("nl", True), ("en", False), ("en", True)}
    texts = VersionRender.objects.get(version=v1).texts
    for item in items(v1.document):
        for name, html in texts["items"][item.key].items():
            assert html == render_markdown(item.data[name])
    assert texts["preamble"] == render_markdown(v1.document["preamble"])


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("signed_in", [False, True])
def test_the_stored_render_equals_a_fresh_one(v1, language, signed_in):
    stored = rendering.page_fragments(v1, language=language, signed_in=signed_in, absolute_url=URL)
    forget_renders()

    fresh = rendering.page_fragments(v1, language=language, signed_in=signed_in, absolute_url=URL)

    assert stored == fresh
    assert f"{URL}#norm-geschenken".encode() in stored["document"]
    assert (b'class="suggest-link' in stored["document"]) is signed_in


def test_the_page_from_stored_renders_reads_as_a_freshly_rendered_one(v1, client_for):
    client = english(client_for("employee"))
    stored = client.get(reverse("codeapp:version", args=[1])).content
    forget_everything_kept()
    forget_renders()

    fresh = client.get(reverse("codeapp:version", args=[1])).content

    # The CSRF token differs between the two answers; everything else is the same.
    assert len(stored) == len(fresh)
    assert stored.split(b"csrfmiddlewaretoken")[0] == fresh.split(b"csrfmiddlewaretoken")[0]


def test_a_version_published_before_renders_on_first_need_and_keeps_it(v1, client_for):
    forget_renders()
    forget_everything_kept()

    response = english(client_for("anonymous")).get(reverse("codeapp:version", args=[1]))

    assert response.status_code == 200
    assert "Geschenken melden" in text_of(response)
    assert "<strong>iedereen</strong>" in text_of(response)
    assert VersionRender.objects.filter(version=v1).exists()
    assert VersionPageRender.objects.filter(version=v1, language="en").count() == 2


def test_after_a_restart_the_page_comes_from_the_database_without_rendering_the_document(
    v1, client_for
):
    forget_everything_kept()

    response = client_for("anonymous").get(reverse("codeapp:version", args=[1]))

    assert response.status_code == 200
    names = {t.name for t in response.templates}
    assert "codeapp/reading/version.html" in names
    assert "codeapp/reading/_document.html" not in names


def test_seals_and_documents_are_untouched_by_rendering(v1, editor):
    document = CodeVersion.objects.get(number=1).document
    forget_renders()
    call_command("render_versions", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert CodeVersion.objects.get(number=1).document == document
    assert seal(document) == v1.sha256
    assert "rendered" not in str(document)
    assert versions_verify() == 1


def test_render_versions_renders_what_is_missing_and_removes_what_is_stale(v1):
    forget_renders()
    VersionRender.objects.create(version=v1, shape="old", texts={})

    call_command("render_versions", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert VersionRender.objects.get(version=v1).shape == rendering.shape()
    assert VersionPageRender.objects.filter(version=v1, shape=rendering.shape()).count() == 4
    assert not VersionPageRender.objects.exclude(shape=rendering.shape()).exists()


def test_a_render_of_another_deployment_is_not_served(v1, client_for):
    VersionPageRender.objects.update(shape="old", document=b"Verouderd")
    forget_everything_kept()

    response = client_for("anonymous").get(reverse("codeapp:version", args=[1]))

    assert "Verouderd" not in text_of(response)
    assert "Geschenken melden" in text_of(response)


def test_a_code_that_is_not_public_shows_anonymous_readers_nothing_stored(v1, client_for, settings):
    settings.CODE_PUBLIC = False
    forget_everything_kept()

    response = client_for("anonymous").get(reverse("codeapp:version", args=[1]))

    assert response.status_code in (302, 403)
    assert b"Geschenken melden" not in response.content


@pytest.mark.parametrize("persona", ["anonymous", "employee"])
def test_a_cache_miss_needs_as_many_queries_for_a_large_code_as_for_a_small_one(
    persona, client_for, editor, titled
):
    build_large_code(editor, values=2, norms=1, examples=1)
    publish(editor, days(-20))
    build_large_code(editor, values=10, norms=10, examples=2, prefix="groot")
    publish(editor, days(-10))
    client = client_for(persona)
    client.get(reverse("codeapp:versions"))

    counts, of_versions = [], []
    for number in (1, 2):
        forget_everything_kept()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("codeapp:version", args=[number])).status_code == 200
        counts.append(len(queries))
        # What the version's page reads of the version (v1 is old, v2 in force: a signed-in
        # reader's confirm box differs between them, not with the size).
        of_versions.append(sum("codeapp_version" in q["sql"] for q in queries.captured_queries))

    assert max(counts) <= MAX_QUERIES
    assert of_versions[0] == of_versions[1] == 1


def test_the_in_force_page_is_right_on_every_day_from_the_same_stored_parts(
    client_for, code, titled, editor, monkeypatch
):
    publish(editor, days(-10))
    publish(editor, days(1), summary="Morgen.")
    stored = set(VersionPageRender.objects.values_list("pk", "document"))
    client = english(client_for("anonymous"))

    today = text_of(client.get(reverse("codeapp:in-force")))
    tomorrow = days(1)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: tomorrow)
    next_day = text_of(client.get(reverse("codeapp:in-force")))
    old = text_of(client.get(reverse("codeapp:version", args=[1])))

    assert "Version 1" in today and "version 2 comes into force on" in today
    assert "Version 2" in next_day and "In force." in next_day
    assert "comes into force on" not in next_day
    assert "No longer in force" in old
    # Nothing stored changed, and nothing was rendered again: only the frame differs.
    assert set(VersionPageRender.objects.values_list("pk", "document")) == stored


def test_the_pdf_takes_the_versions_kept_html(v1, monkeypatch):
    kept = VersionRender.objects.get(version=v1)
    kept.texts["items"]["geschenken"]["text"] = "<p>Zoals bewaard.</p>"
    kept.save()
    drawn = []

    def draw(html: str, *stylesheets: str) -> bytes:
        drawn.append(html)
        return b"%PDF-"

    monkeypatch.setattr("codeapp.reading.pdf.pdf_from_html", draw)

    assert render_pdf(v1) == b"%PDF-"
    assert "<p>Zoals bewaard.</p>" in drawn[0]
