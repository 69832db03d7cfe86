"""Fixtures every folder of tests may use: personas and their clients, a small working
draft, published versions of it, quick settings, and the one browser of the browser tests.

Plain helpers (add_norm, publish, text_of, …) live in tests/helpers, not here.
"""

import datetime
import os
from collections.abc import Callable, Iterator
from importlib import import_module

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.test import Client
from django.utils import timezone, translation
from playwright.sync_api import Browser, Page, sync_playwright

from codeapp.caching import pages as pagecache
from codeapp.caching import reader_facts as readers
from codeapp.caching import replay
from codeapp.models import CodeVersion
from codeapp.versions.services import version_publish
from core import codes
from core.roles import EDITOR_GROUP, OFFICER_GROUP
from core.services import item_set_retired, item_update
from people.models import Person, Source, TeamLead, Unit, UnitManager
from reflection.models import Session
from tests.helpers import (
    FIRST_DAY,
    SECOND_DAY,
    SITE,
    TITLE,
    add_example,
    add_norm,
    add_value,
    days,
    english,
    make_user,
    publish,
    set_profile,
)
from tests.helpers.browser import DESKTOP


@pytest.fixture
def employee(django_user_model):
    return make_user(django_user_model, "employee")


@pytest.fixture
def editor(django_user_model):
    return make_user(django_user_model, "editor", EDITOR_GROUP)


@pytest.fixture
def editor2(django_user_model):
    return make_user(django_user_model, "editor2", EDITOR_GROUP)


@pytest.fixture
def officer(django_user_model):
    return make_user(django_user_model, "officer", OFFICER_GROUP)


@pytest.fixture
def admin_user(django_user_model):
    return make_user(django_user_model, "admin", is_staff=True, is_superuser=True)


@pytest.fixture
def other_users(django_user_model):
    """A second officer, an officer without an address, an inactive one, and an employee."""
    return {
        "officer2": make_user(django_user_model, "officer2", OFFICER_GROUP),
        "no_mail": make_user(django_user_model, "officer3", OFFICER_GROUP, email=""),
        "gone": make_user(django_user_model, "officer4", OFFICER_GROUP, is_active=False),
        "employee": make_user(django_user_model, "colleague"),
    }


@pytest.fixture
def manager(django_user_model):
    """The manager of the unit "Team Noord" (part of "Afdeling Dienstverlening"); no group."""
    user = make_user(django_user_model, "manager")
    department = Unit.objects.create(name="Afdeling Dienstverlening", external_id="dienstverlening")
    team = Unit.objects.create(name="Team Noord", parent=department, external_id="team-noord")
    UnitManager.objects.create(unit=team, user=user, source=Source.ADMIN)
    Person.objects.create(user=user, unit=team, function="teamleider")
    return user


@pytest.fixture
def teamlead(django_user_model, manager):
    """The team lead of "Team Noord" (the manager's unit); no group, manages nothing."""
    user = make_user(django_user_model, "teamlead", first_name="Fatima", last_name="El Amrani")
    team = Unit.objects.get(name="Team Noord")
    TeamLead.objects.create(unit=team, user=user, source=Source.ADMIN)
    Person.objects.create(user=user, unit=team, function="teamleider")
    return user


@pytest.fixture
def client_for(request, client, employee, editor, officer, admin_user, manager):
    """A test client signed in as the persona named: client_for("editor"). The team lead is
    made only when asked for (another account in Team Noord would change every count)."""
    users = {
        "employee": employee,
        "editor": editor,
        "officer": officer,
        "admin": admin_user,
        "manager": manager,
    }

    def make(persona: str) -> Client:
        c = Client()
        if persona == "teamlead":
            c.force_login(request.getfixturevalue("teamlead"))
        elif persona != "anonymous":
            c.force_login(users[persona])
        return c

    return make


@pytest.fixture
def editor_client(editor) -> Client:
    c = Client()
    c.force_login(editor)
    return c


@pytest.fixture
def en_client_for(client_for) -> Callable[[str], Client]:
    """Like `client_for`, with the English interface: en_client_for("editor")."""

    def make(persona: str) -> Client:
        return english(client_for(persona))

    return make


@pytest.fixture
def en_editor_client(editor_client) -> Client:
    return english(editor_client)


@pytest.fixture
def code(editor):
    """A small working draft: two values, three norms, two examples."""
    honesty = add_value(editor, "Eerlijkheid", "Wij zijn **eerlijk**.", key="eerlijkheid")
    expertise = add_value(editor, "Deskundigheid", key="deskundigheid")
    gifts = add_norm(editor, honesty, "Geschenken melden", "obligation", key="geschenken")
    bribes = add_norm(editor, honesty, "Geen steekpenningen", "prohibition", key="steekpenningen")
    learn = add_norm(editor, expertise, "Bijblijven", "aspiration", key="bijblijven")
    wine = add_example(editor, gifts, "Een fles wijn", key="wijn")
    dinner = add_example(editor, gifts, "Een diner", key="diner")
    return {
        "honesty": honesty, "expertise": expertise, "gifts": gifts, "bribes": bribes,
        "learn": learn, "wine": wine, "dinner": dinner,
    }  # fmt: skip


@pytest.fixture
def session(db) -> Session:
    """A held dilemma session, for proposals that come from one."""
    return Session.objects.create(
        title="Dilemmasessie",
        public_name="Dilemmasessie",
        date=datetime.date(2026, 3, 3),
        format=Session.Format.DILEMMA,
        held=True,
    )


@pytest.fixture
def titled(editor):
    set_profile(editor, title=TITLE, preamble="Deze code geldt voor **iedereen**.")


@pytest.fixture
def v1(code, titled, editor) -> CodeVersion:
    """The `code` fixture published as version 1, in force since 30 days ago."""
    return publish(editor, days(-30))


@pytest.fixture
def two_versions(code, titled, editor) -> dict[str, CodeVersion]:
    """Version 1 (in force 100 to 11 days ago) and version 2 (in force since 10 days ago).

    From 1 to 2: the gifts norm reworded, learning became an obligation, the bribes norm
    moved to expertise, a norm on side jobs added, the dinner example removed.
    """
    first = publish(editor, days(-100))
    gifts = code["gifts"]
    item_update(
        item=gifts,
        expected_revision=gifts.revision,
        changes={"text": "Je meldt ieder geschenk binnen een week."},
        user=editor,
    )
    learn = code["learn"]
    item_update(
        item=learn, expected_revision=learn.revision, changes={"kind": "obligation"}, user=editor
    )
    bribes = code["bribes"]
    item_update(
        item=bribes,
        expected_revision=bribes.revision,
        changes={"value": code["expertise"]},
        user=editor,
    )
    add_norm(editor, code["honesty"], "Nevenwerk melden", "obligation", key="nevenwerk")
    item_set_retired(item=code["dinner"], retired=True, user=editor)
    second = publish(editor, days(-10), summary="Nevenwerk toegevoegd.")
    return {"v1": first, "v2": second}


@pytest.fixture
def published(code, editor, officer) -> list[CodeVersion]:
    """Versions 1 and 2 (in force since FIRST_DAY and SECOND_DAY) and 3 (a year from today).

    Version 2 adds a value and a norm and rewords a norm of version 1; version 3
    adds an example.
    """
    publish(officer, FIRST_DAY, summary="Eerste versie.")
    integrity = add_value(editor, "Integriteit", key="integriteit")
    add_norm(editor, integrity, "Nevenfuncties melden", key="nevenfuncties")
    gifts = code["gifts"]
    item_update(
        item=gifts, expected_revision=gifts.revision, user=editor, reason="Duidelijker",
        changes={"text": "Je meldt elk geschenk binnen een week."},
    )  # fmt: skip
    publish(officer, SECOND_DAY, summary="Integriteit toegevoegd.")
    add_example(editor, code["bribes"], "Contant geld", key="contant")
    version_publish(
        user=officer, effective_from=timezone.localdate() + datetime.timedelta(days=365),
        established_by="College van B&W", change_summary="Een voorbeeld erbij.",
    )  # fmt: skip
    # As stored: the database may keep the keys of a document in another order (jsonb does).
    return list(CodeVersion.objects.order_by("number"))


@pytest.fixture
def roles(db) -> None:
    """The role groups of the data migration, made again when a flush has removed them.

    Tests on a transactional database (the browser tests, via `live_server`) end with a
    flush that empties every table; permissions come back with `post_migrate`, the groups
    do not. This repeats the migration's own list, so the roles cannot drift apart.
    """
    grants = [
        import_module("codeapp.migrations.0001_create_roles").ROLES,
        import_module("codeapp.migrations.0004_grant_version_permissions").GRANTS,
        import_module("reflection.migrations.0002_grant_reflection_permissions").GRANTS,
        import_module("codeapp.migrations.0007_grant_health_permissions").GRANTS,
        import_module("codeapp.migrations.0010_grant_synonym_permissions").GRANTS,
        import_module("codeapp.migrations.0014_grant_campaign_permissions").GRANTS,
        import_module("codeapp.migrations.0015_grant_evidence_permissions").GRANTS,
        import_module("codeapp.migrations.0024_default_integrity_themes").GRANTS,
    ]
    for role_perms in grants:
        for name, perms in role_perms.items():
            group, _created = Group.objects.get_or_create(name=name)
            for perm in perms:
                app_label, codename = perm.split(".")
                group.permissions.add(
                    Permission.objects.get(content_type__app_label=app_label, codename=codename)
                )


@pytest.fixture
def default_themes(roles) -> None:
    """The default integrity themes of the data migration, made again after a flush.

    Like the roles: a transactional test (the browser tests) empties every table when it ends,
    so a later one finds no themes. This makes them from the migration's own list, as its
    `seed` does (not `seed` itself: its grants step would reset the live app registry's
    models modules, so a later flush would no longer recreate the permissions).
    """
    from codeapp.health.models import IntegrityTheme

    defaults = import_module("codeapp.migrations.0024_default_integrity_themes").DEFAULT_THEMES
    if not IntegrityTheme.objects.exists():
        IntegrityTheme.objects.bulk_create(
            IntegrityTheme(name_nl=nl, name_en=en, keywords=words, position=10 * (i + 1))
            for i, (nl, en, words) in enumerate(defaults)
        )


@pytest.fixture(autouse=True)
def quick_settings(settings):
    """Settings that keep every test independent and quick.

    Static files linked by their plain names and no collected static folder, so pages render
    without a collectstatic manifest (pytest run on its own); `make test` still runs
    collectstatic with the production storage, which checks that the manifest builds. A quick
    hasher keeps the many persona users cheap. The code is public, as it is by default,
    whatever the environment says,
    links in e-mails point to one fixed address (SITE), and tasks run immediately.
    """
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.STATIC_ROOT = None
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CODE_PUBLIC = True
    settings.SITE_URL = SITE
    # Background tasks (mail delivery) run at once, in the test's own transaction; the worker
    # itself is tested in tests/core/test_mail_worker.py.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


# Browser tests: Playwright's sync API driving Debian's Chromium. One browser for the session,
# shared by every folder with browser tests (tests/browser, tests/security).

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse
# database access from it ("You cannot call this from an async context").
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_setup(live_server, roles, settings) -> None:
    """Live server, role groups, and the stylesheets as they are in static/ now.

    With DEBUG off the settings use WhiteNoise's manifest storage, whose hashed names the
    live server's static files handler (which looks files up through the finders) cannot
    find: pages would come out unstyled and the colour-contrast checks would check nothing.
    The plain storage links the same files under their own names.
    """
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def new_page(browser: Browser) -> Iterator:
    """Open pages in separate browser contexts (separate cookies): new_page()."""
    contexts = []

    def make() -> Page:
        # The site's CSP (script-src 'self') would block axe-core; bypass it for the tests.
        # A desktop screen (below 992 px the menu folds behind its button).
        context = browser.new_context(bypass_csp=True, locale="nl-NL", viewport=DESKTOP)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page) -> Page:
    return new_page()


@pytest.fixture(autouse=True)
def default_language():
    """Start every test in the default language: a request in English leaves the test's thread
    speaking English, which would leak into the next test's expectations."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_page_cache():
    """Start every test without kept pages or remembered readers: seals repeat between tests
    with the same content, and a test should see its own pages rendered."""
    cache.clear()
    pagecache.forget_local()
    readers.forget_recent()
    replay.forget()
    # The codes a test made are gone with its transaction: read them again.
    codes.forget()
