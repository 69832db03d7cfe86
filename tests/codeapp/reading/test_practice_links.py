""" "Practise with a dilemma" at the norms practice dilemmas are about: for signed-in readers
only, put into the kept document at assembly, in a bounded number of queries."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from codeapp.caching import pages as pagecache
from reflection.models import Case
from reflection.services.practice import practice_norms_changed
from tests.helpers import MAX_QUERIES, english, signed_in, text_of

pytestmark = pytest.mark.django_db

IN_FORCE = reverse("codeapp:in-force")
LINK = "Practise with a dilemma"


def dilemma(editor, norms, title="Een fles wijn") -> Case:
    case = Case.objects.create(title=title, situation="…", practice=True, created_by=editor)
    for position, text in enumerate(["Houden", "Teruggeven"], start=1):
        case.options.create(position=position, text=text)
    case.norms.set(norms)
    practice_norms_changed()
    return case


def norm_html(html: str, key: str) -> str:
    start = html.index(f'id="norm-{key}"')
    end = html.find('<li class="norm', start + 1)
    return html[start : end if end > 0 else len(html)]


def test_signed_in_readers_get_the_link_at_the_norms_at_stake(v1, code, editor, employee):
    one = dilemma(editor, [code["gifts"]])
    dilemma(editor, [code["bribes"]], "Een envelop")
    dilemma(editor, [code["bribes"]], "Een tweede envelop")

    html = text_of(signed_in(employee).get(IN_FORCE))

    gifts = norm_html(html, "geschenken")
    assert LINK in gifts
    assert f'href="{reverse("reflection:practice-dilemma", args=[one.pk])}"' in gifts
    assert f'href="{reverse("reflection:practice")}?norm=steekpenningen"' in norm_html(
        html, "steekpenningen"
    )
    assert LINK not in norm_html(html, "bijblijven")
    # Named for screen readers like the suggest link beside it.
    assert '<span class="visually-hidden"> to norm' in gifts.split(LINK)[1]


def without_token(content: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", content)


def test_anonymous_readers_pages_are_unchanged(v1, code, editor):
    before = english(Client()).get(IN_FORCE).content
    cache.clear()
    pagecache.forget_local()
    dilemma(editor, [code["gifts"]])

    after = english(Client()).get(IN_FORCE).content

    assert without_token(after) == without_token(before)
    assert LINK.encode() not in after


def test_a_new_practice_dilemma_shows_on_the_kept_page(v1, code, editor, employee):
    client = signed_in(employee)
    assert LINK not in text_of(client.get(IN_FORCE))

    dilemma(editor, [code["learn"]])

    assert LINK in norm_html(text_of(client.get(IN_FORCE)), "bijblijven")


def test_an_editors_save_drops_the_kept_norms(
    v1, code, client_for, employee, django_capture_on_commit_callbacks
):
    client = signed_in(employee)
    client.get(IN_FORCE)  # the norms without dilemmas are kept now

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("editor").post(
        reverse("reflection:case-create"),
        {
            "title": "Een uitnodiging", "situation": "Een feest.", "norms": [code["learn"].pk],
            "anonymised": "on", "practice": "on", "option_1": "Ja", "option_2": "Nee",
            "reflection": "Wat weeg je af?",
            },
        )  # fmt: skip

    assert response.status_code == 302
    assert LINK in norm_html(text_of(client.get(IN_FORCE)), "bijblijven")


def count(client: Client) -> int:
    cache.clear()
    pagecache.forget_local()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(IN_FORCE).status_code == 200
    return len(queries)


def test_the_links_cost_the_same_queries_with_one_dilemma_or_many(v1, code, editor, employee):
    client = signed_in(employee)
    client.get(IN_FORCE)
    dilemma(editor, [code["gifts"]])
    few = count(client)

    for i in range(12):
        dilemma(editor, [code["gifts"], code["bribes"], code["learn"]], f"Dilemma {i}")
    many = count(client)

    assert few == many <= MAX_QUERIES + 1
