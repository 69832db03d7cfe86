"""Fixtures for the reading pages: plain static files, published versions, English clients."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from codeapp.models import CodeProfile, CodeVersion
from codeapp.versions.services import version_publish
from core.services import item_set_retired, item_update
from tests.conftest import add_example, add_norm, add_value

TITLE = "Gedragscode Gemeente Voorbeeld"


@pytest.fixture(autouse=True)
def reading_test_settings(settings):
    """Plain static storage (no collectstatic manifest needed), a quick hasher, a public code."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.STATIC_ROOT = None
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CODE_PUBLIC = True


def days(n: int) -> datetime.date:
    """Today plus `n` days (negative: in the past)."""
    return timezone.localdate() + datetime.timedelta(days=n)


def publish(user, on: datetime.date, summary: str = "Eerste versie.") -> CodeVersion:
    return version_publish(
        user=user, effective_from=on, established_by="College van B&W", change_summary=summary,
        retroactive=True, retroactive_reason="Besluit met terugwerkende kracht.",
    )  # fmt: skip


def set_profile(user, **changes) -> None:
    profile = CodeProfile.current()
    item_update(item=profile, expected_revision=profile.revision, changes=changes, user=user)


def english(client: Client) -> Client:
    """Ask for the English interface, so a test can read the words on the page."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def text_of(response) -> str:
    return response.content.decode()


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


def build_large_code(
    user, values: int = 10, norms: int = 10, examples: int = 2, prefix: str = "w"
) -> None:
    """A draft of `values` × `norms` × `examples` items, for query-count tests."""
    for v in range(values):
        value = add_value(user, f"Waarde {prefix} {v}", f"Beschrijving {v}", key=f"{prefix}-{v}")
        for n in range(norms):
            norm = add_norm(
                user, value, f"Norm {v}.{n}", ["obligation", "prohibition"][n % 2],
                f"Tekst van norm {v}.{n}.", key=f"{prefix}-{v}-{n}",
            )  # fmt: skip
            for e in range(examples):
                add_example(user, norm, f"Voorbeeld {v}.{n}.{e}", key=f"{prefix}-{v}-{n}-{e}")
