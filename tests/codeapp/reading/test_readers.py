"""A signed-in reader of a version page costs about what an anonymous one does.

The page itself is kept (test_page_cache.py); what is looked up per request is the reader
(codeapp.caching.reader_facts). With a shared cache, their facts are kept there and made stale by
every change; with the one-process cache, a process trusts a reader it has just looked up for a
couple of seconds, on version pages only.
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from codeapp.caching import reader_facts as readers
from codeapp.models import Confirmation
from core.roles import OFFICER_GROUP
from tests.helpers import signed_in, text_of

pytestmark = pytest.mark.django_db

IN_FORCE = reverse("codeapp:in-force")
REVIEW_LINK = f'href="{reverse("reflection:review")}"'
HEALTH_LINK = f'href="{reverse("codeapp:health")}"'


def sql_of_one_visit(client: Client, url: str = IN_FORCE) -> list[str]:
    """The SQL statements of one GET of `url`, whichever visit it is."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries]


def shows_as_signed_in(response, username: str) -> bool:
    return f"</span> {username}</span>" in text_of(response)


def confirm_box(response) -> str:
    page = text_of(response)
    return page[page.index('id="confirm-heading"') :][:1500]


@pytest.fixture
def shared_cache(settings):
    """The shared-cache mode, with this process's cache standing in for Redis."""
    settings.CACHE_IS_SHARED = True


# ---------------------------------------------------------------------------------------------
# With a shared cache: kept facts, stale the moment anything about them changes


@pytest.mark.usefixtures("shared_cache")
class TestWithASharedCache:
    def test_a_second_page_asks_the_database_for_the_session_alone(self, employee, v1):
        client = signed_in(employee)
        client.get(IN_FORCE)

        sql = sql_of_one_visit(client)

        # The database session engine of the tests; with Redis, sessions come from it too.
        assert len(sql) == 1 and "django_session" in sql[0]

    def test_new_rights_show_at_once(self, employee, v1):
        client = signed_in(employee)
        assert REVIEW_LINK not in text_of(client.get(IN_FORCE))

        employee.groups.add(Group.objects.get(name=OFFICER_GROUP))

        assert REVIEW_LINK in text_of(client.get(IN_FORCE))

    def test_a_group_given_a_right_shows_at_once(self, officer, v1):
        client = signed_in(officer)
        assert HEALTH_LINK in text_of(client.get(IN_FORCE))

        officers = Group.objects.get(name=OFFICER_GROUP)
        officers.permissions.remove(*officers.permissions.filter(codename="view_healthsettings"))

        assert HEALTH_LINK not in text_of(client.get(IN_FORCE))

    def test_a_confirmation_shows_at_once(self, employee, v1):
        client = signed_in(employee)
        assert "I have read this version" in confirm_box(client.get(IN_FORCE))

        Confirmation.objects.create(user=employee, version=v1)

        assert "You confirmed on" in confirm_box(client.get(IN_FORCE))

    def test_a_new_name_shows_at_once(self, employee, v1):
        client = signed_in(employee)
        client.get(IN_FORCE)

        employee.username = "e.de.vries"
        employee.save()

        assert shows_as_signed_in(client.get(IN_FORCE), "e.de.vries")

    def test_a_changed_password_ends_other_sessions(self, employee, v1):
        client = signed_in(employee)
        assert shows_as_signed_in(client.get(IN_FORCE), "employee")

        employee.set_password("another-pass-456")
        employee.save()

        assert not shows_as_signed_in(client.get(IN_FORCE), "employee")

    def test_a_deactivated_user_reads_as_anyone(self, employee, v1):
        client = signed_in(employee)
        client.get(IN_FORCE)

        employee.is_active = False
        employee.save()

        assert not shows_as_signed_in(client.get(IN_FORCE), "employee")

    def test_signing_out_ends_it(self, employee, v1):
        client = signed_in(employee)
        client.get(IN_FORCE)

        client.post(reverse("logout"))

        assert not shows_as_signed_in(client.get(IN_FORCE), "employee")

    def test_facts_read_while_a_change_was_made_are_not_trusted_afterwards(self, employee, v1):
        client = signed_in(employee)
        client.get(IN_FORCE)
        kept_key = readers._kept_key(employee.pk)
        kept = readers.cache.get(kept_key)

        # A change replaces the token; facts stamped with the old one are read again.
        readers._replace(readers._user_key(employee.pk), employee.pk)
        readers.cache.set(kept_key, kept)

        assert len(sql_of_one_visit(client)) > 1

    def test_another_readers_session_is_not_believed_from_the_facts(self, employee, v1):
        client = signed_in(employee)
        client.get(IN_FORCE)
        session = client.session
        session["_auth_user_hash"] = "forged"
        session.save()

        assert not shows_as_signed_in(client.get(IN_FORCE), "employee")

    def test_without_the_cache_the_facts_are_read(self, employee, v1, settings):
        client = signed_in(employee)
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            }
        }

        assert shows_as_signed_in(client.get(IN_FORCE), "employee")


# ---------------------------------------------------------------------------------------------
# With the one-process cache: a reader just seen, trusted briefly, on version pages only


class TestWithTheOneProcessCache:
    def test_a_reader_just_seen_costs_no_query(self, employee, v1):
        client = signed_in(employee)
        client.get(IN_FORCE)
        client.get(reverse("codeapp:version", args=[1]))  # rendered and kept

        assert sql_of_one_visit(client) == []
        assert sql_of_one_visit(client, reverse("codeapp:version", args=[1])) == []

    def test_signing_out_here_ends_it_at_once(self, employee, v1):
        client = signed_in(employee)
        client.get(IN_FORCE)

        client.post(reverse("logout"))

        assert not shows_as_signed_in(client.get(IN_FORCE), "employee")

    def test_a_confirmation_here_shows_at_once(self, employee, v1):
        client = signed_in(employee)
        client.get(IN_FORCE)

        response = client.post(reverse("codeapp:version-confirm", args=[1]), follow=True)

        assert "You confirmed on" in confirm_box(response)
        assert "You confirmed on" in confirm_box(client.get(IN_FORCE))

    def test_new_rights_given_here_show_at_once(self, employee, v1):
        client = signed_in(employee)
        client.get(IN_FORCE)

        employee.groups.add(Group.objects.get(name=OFFICER_GROUP))

        assert REVIEW_LINK in text_of(client.get(IN_FORCE))

    def test_a_change_another_process_made_shows_within_the_recent_seconds(
        self, employee, v1, monkeypatch
    ):
        client = signed_in(employee)
        client.get(IN_FORCE)
        # As another process would: nothing here hears of it.
        type(employee).objects.filter(pk=employee.pk).update(is_active=False)

        assert shows_as_signed_in(client.get(IN_FORCE), "employee")

        later = readers.time.monotonic() + readers.RECENT_SECONDS + 0.1
        monkeypatch.setattr(readers.time, "monotonic", lambda: later)
        assert not shows_as_signed_in(client.get(IN_FORCE), "employee")

    def test_other_pages_and_forms_never_rely_on_it(self, employee, v1):
        client = signed_in(employee)
        client.get(IN_FORCE)
        type(employee).objects.filter(pk=employee.pk).update(is_active=False)

        refused = client.post(reverse("codeapp:version-confirm", args=[1]))

        assert refused.status_code == 302 and "/accounts/login/" in refused["Location"]
        assert not Confirmation.objects.exists()
        assert client.get(reverse("codeapp:changes-since-confirmed")).status_code == 302

    def test_a_page_with_a_message_reads_the_reader_afresh(self, employee, v1):
        client = signed_in(employee)
        client.get(IN_FORCE)
        # A confirmation recorded where this process cannot hear of it...
        Confirmation.objects.bulk_create([Confirmation(user=employee, version=v1)])

        # ...is still shown right after confirming (the thanks is a message).
        response = client.post(reverse("codeapp:version-confirm", args=[1]), follow=True)

        assert "You confirmed on" in confirm_box(response)


# ---------------------------------------------------------------------------------------------
# A kept page drawn from the facts shows the menu Django would show


def menu_links(response) -> list[str]:
    page = text_of(response)
    menu = page[page.index("<nav") : page.index("</nav>")]
    return re.findall(r'href="([^"]+)"', menu)


@pytest.mark.parametrize("shared", [False, True])
@pytest.mark.parametrize("persona", ["employee", "editor", "officer", "admin"])
def test_a_kept_page_has_the_menu_of_a_page_rendered_for_the_user(
    persona, shared, client_for, v1, settings
):
    settings.CACHE_IS_SHARED = shared
    client = client_for(persona)
    client.get(IN_FORCE)  # kept

    kept = client.get(IN_FORCE)
    rendered = client.get(reverse("codeapp:versions"))  # from request.user, never kept

    assert menu_links(kept) == menu_links(rendered)
    assert f"</span> {persona}</span>" in text_of(kept)
