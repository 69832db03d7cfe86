import os
from collections.abc import Iterator
from importlib import import_module

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from playwright.sync_api import Browser, Page, sync_playwright

from codeapp.caching import pages as pagecache
from codeapp.caching import reader_facts as readers
from codeapp.caching import replay
from core.roles import EDITOR_GROUP, OFFICER_GROUP
from core.services import item_create
from norms.models import Example, Norm
from values.models import Value

PERSONAS = ["anonymous", "employee", "editor", "officer", "admin"]


def make_user(django_user_model, username: str, group: str | None = None, **extra):
    user = django_user_model.objects.create_user(
        username=username, password="secret-pass-123", email=f"{username}@example.org", **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


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
def client_for(client, employee, editor, officer, admin_user):
    """A test client signed in as the persona named: client_for("editor")."""
    users = {"employee": employee, "editor": editor, "officer": officer, "admin": admin_user}

    def make(persona: str) -> Client:
        c = Client()
        if persona != "anonymous":
            c.force_login(users[persona])
        return c

    return make


@pytest.fixture
def editor_client(editor) -> Client:
    c = Client()
    c.force_login(editor)
    return c


def add_value(user, name: str = "Eerlijkheid", description: str = "", key: str = "") -> Value:
    return item_create(item=Value(name=name, description=description), user=user, key=key)


def add_norm(user, value: Value, title: str = "Geschenken melden", kind: str = "obligation",
             text: str = "Je meldt elk geschenk.", key: str = "") -> Norm:  # fmt: skip
    return item_create(
        item=Norm(value=value, title=title, text=text, kind=kind), user=user, key=key
    )


def add_example(user, norm: Norm, title: str = "Een fles wijn", key: str = "") -> Example:
    return item_create(
        item=Example(norm=norm, title=title, situation="Een leverancier stuurt wijn."),
        user=user,
        key=key,
    )


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
    ]
    for role_perms in grants:
        for name, perms in role_perms.items():
            group, _created = Group.objects.get_or_create(name=name)
            for perm in perms:
                app_label, codename = perm.split(".")
                group.permissions.add(
                    Permission.objects.get(content_type__app_label=app_label, codename=codename)
                )


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Link static files by their plain names, so pages render without a collectstatic manifest.

    `make test` still runs collectstatic with the production storage, which checks that
    the manifest builds; a quick hasher keeps the many persona users cheap.
    """
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Browser tests: Playwright's sync API driving Debian's Chromium. One browser for the session,
# shared by every folder with browser tests (tests/browser, tests/reading).

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


DESKTOP = {"width": 1440, "height": 900}


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
