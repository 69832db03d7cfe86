"""Reading and comparing render from the JSON document: the same few queries at any size."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from codeapp.caching import pages as pagecache
from core.services import item_update
from norms.models import Norm
from tests.helpers import MAX_QUERIES, add_norm, build_large_code, days, publish, queries_for

pytestmark = pytest.mark.django_db

# Session, user and permissions, the version, the timeline, the reader's confirmation.


def reword(editor, norms) -> None:
    for norm in norms:
        item_update(
            item=norm,
            expected_revision=norm.revision,
            changes={"text": norm.text + " Herzien."},
            user=editor,
        )


@pytest.fixture(params=["small", "large"])
def published(request, editor, titled) -> str:
    """Two versions of a small code (2 values, 3 norms) or a large one (10 × 10 × 2)."""
    if request.param == "small":
        code = request.getfixturevalue("code")
        publish(editor, days(-20))
        add_norm(editor, code["honesty"], "Nieuw", key="nieuw")
    else:
        build_large_code(editor)
        publish(editor, days(-20))
        reword(editor, Norm.objects.filter(key__endswith="-3"))
    publish(editor, days(-5))
    return request.param


@pytest.mark.parametrize("persona", ["anonymous", "employee", "officer"])
def test_it_reads_a_version_within_the_bound(
    persona, published, client_for, django_assert_max_num_queries
):
    client = client_for(persona)
    client.get(reverse("codeapp:versions"))

    for url in [reverse("codeapp:version", args=[2]), reverse("codeapp:in-force")]:
        with django_assert_max_num_queries(MAX_QUERIES):
            assert client.get(url).status_code == 200


@pytest.mark.parametrize("persona", ["anonymous", "employee"])
def test_it_compares_within_the_bound(
    persona, published, client_for, django_assert_max_num_queries
):
    client = client_for(persona)
    client.get(reverse("codeapp:versions"))

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(reverse("codeapp:version-compare", args=[1, 2]))

    assert response.status_code == 200
    assert response.context["counts"].total == (1 if published == "small" else 10)


def test_it_needs_exactly_as_many_queries_for_a_large_code_as_for_a_small_one(
    client_for, editor, titled
):
    build_large_code(editor, values=2, norms=1, examples=1)
    publish(editor, days(-20))  # version 1: 2 values, 2 norms, 2 examples
    build_large_code(editor, values=10, norms=10, examples=2, prefix="groot")
    publish(editor, days(-10))  # version 2: 12 values, 102 norms, 202 examples
    client = client_for("anonymous")

    small = queries_for(client, reverse("codeapp:version", args=[1]))
    large = queries_for(client, reverse("codeapp:version", args=[2]))
    compare_small = queries_for(client, reverse("codeapp:version-compare", args=[1, 1]))
    compare_large = queries_for(client, reverse("codeapp:version-compare", args=[1, 2]))

    assert small == large <= MAX_QUERIES
    assert compare_small == compare_large <= MAX_QUERIES


# A kept page: the signed-in reader's session, user, permissions and confirmation only.
MAX_QUERIES_KEPT = 5


@pytest.mark.parametrize("persona", ["anonymous", "employee", "officer"])
def test_a_kept_page_needs_fewer_queries(persona, published, client_for):
    client = client_for(persona)

    for url in [reverse("codeapp:version", args=[2]), reverse("codeapp:in-force")]:
        cache.clear()
        pagecache.forget_local()
        first, kept = count_queries(client, url), count_queries(client, url)
        assert kept < first <= MAX_QUERIES
        assert kept <= (0 if persona == "anonymous" else MAX_QUERIES_KEPT)


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_without_the_page_cache_it_stays_within_the_bound(
    published, client_for, settings, django_assert_max_num_queries
):
    settings.PAGE_CACHE = False
    client = client_for("employee")
    client.get(reverse("codeapp:versions"))

    for url in [reverse("codeapp:version", args=[2]), reverse("codeapp:in-force")]:
        with django_assert_max_num_queries(MAX_QUERIES):
            assert client.get(url).status_code == 200
