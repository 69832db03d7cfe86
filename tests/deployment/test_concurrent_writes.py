"""Overlapping writes from a few users save, or show the conflict page: never a 503.

A gunicorn of two processes with four threads each serves the app, once on a SQLite file
(the default database) and once on PostgreSQL. At the same moment two editors save
different norms while both also save one same norm, two employees send a suggestion, and
two officers publish. Every save must succeed, except the loser of a real conflict, who
gets the conflict page (409) with their own text still on it; and the database must hold
exactly what the winners saved. On SQLite without its settings (codeapp/settings.py) the
losers of the lock got 503 "database is locked" and lost what they typed.

The data is made and read in a separate process against the server's database, as the
SQLite file is not this test's database.
"""

import datetime
import json
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import timezone

from codeapp.models import CodeVersion
from codeapp.versions.chain import versions_verify
from codeapp.versions.services import version_publish
from core.roles import EDITOR_GROUP, OFFICER_GROUP
from core.services import item_create
from norms.models import Norm
from reflection.models import Proposal
from tests.helpers import ROOT
from tests.helpers.servers import Browser, database_url, form_fields, gunicorn, server_env
from values.models import Value

Answer = tuple[int, str]


def prepare() -> dict[str, str]:
    """A published code of three norms and six signed-in users; their session keys."""
    groups = {"editor": EDITOR_GROUP, "officer": OFFICER_GROUP, "employee": None}
    sessions = {}
    for role, group in groups.items():
        for name in (role, f"{role}2"):
            user = User.objects.create_user(username=name, email=f"{name}@example.org")
            if group:
                user.groups.add(Group.objects.get(name=group))
            client = Client()
            client.force_login(user, backend="people.signin.passwords.PasswordBackend")
            sessions[name] = client.cookies[settings.SESSION_COOKIE_NAME].value
    editor = User.objects.get(username="editor")
    honesty = item_create(item=Value(name="Eerlijkheid"), user=editor, key="eerlijkheid")
    for key, title in [("geschenken", "Geschenken melden"), ("bijblijven", "Bijblijven"),
                       ("nevenwerk", "Nevenwerk melden")]:  # fmt: skip
        norm = Norm(value=honesty, title=title, text=f"{title}.", kind="obligation")
        item_create(item=norm, user=editor, key=key)
    version_publish(
        user=User.objects.get(username="officer"),
        effective_from=timezone.localdate() - datetime.timedelta(days=30),
        established_by="College van B&W",
        change_summary="",
        retroactive=True,
        retroactive_reason="Besluit met terugwerkende kracht.",
    )
    return sessions


def stored() -> dict:
    """What the database holds after the writes."""
    return {
        "norms": {
            n.key: {"text": n.text, "revision": n.revision, "history": n.history.count()}
            for n in Norm.objects.all()
        },
        "proposals": sorted(Proposal.objects.values_list("number", "state")),
        "versions": sorted(CodeVersion.objects.values_list("number", flat=True)),
        "verified": versions_verify(),
    }


def in_server_database(env: dict[str, str], function: Callable) -> object:
    """Run one of the functions above in a process on the server's database."""
    code = f"import json; from {__name__} import {function.__name__} as f; print(json.dumps(f()))"
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(params=["sqlite", "postgresql"])
def server_database(request, tmp_path: Path, roles) -> dict[str, str]:
    """The environment of a server on a fresh SQLite file, or on this test's PostgreSQL
    (whose role groups `roles` makes again after an earlier test's flush)."""
    if request.param == "postgresql":
        return server_env(DATABASE_URL=database_url())
    env = server_env(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    return env


def at_once(*requests: Callable[[], Answer]) -> list[Answer]:
    """Send the requests at the same moment, each from its own thread."""
    barrier = threading.Barrier(len(requests))

    def send(request: Callable[[], Answer]) -> Answer:
        barrier.wait(timeout=30)
        return request()

    with ThreadPoolExecutor(len(requests)) as pool:
        return list(pool.map(send, requests))


def post_later(browser: Browser, url: str, fields: dict[str, str]) -> Callable[[], Answer]:
    """The POST of a form opened now, to be sent later."""
    status, page = browser.get(url)
    assert status == 200, page[-2000:]
    form = {**form_fields(page), **fields}
    return lambda: browser.post(url, form)


def norm_edit(browser: Browser, server: str, key: str, text: str) -> Callable[[], Answer]:
    url = f"{server}/draft/norms/{key}/edit/"
    fields = {"value": "eerlijkheid", "title": key.title(), "text": text, "kind": "obligation"}
    return post_later(browser, url, fields)


def suggestion(browser: Browser, server: str, title: str) -> Callable[[], Answer]:
    url = f"{server}/proposals/suggest/?about=norm:geschenken"
    fields = {"change": "reword", "title": title, "text": f"{title}.", "rationale": "Onduidelijk.",
              "submit_now": "on"}  # fmt: skip
    return post_later(browser, url, fields)


def publication(browser: Browser, server: str) -> Callable[[], Answer]:
    fields = {"effective_from": timezone.localdate().isoformat(),
              "established_by": "College van B&W", "change_summary": ""}  # fmt: skip
    return post_later(browser, f"{server}/draft/publish/", fields)


@pytest.mark.django_db(transaction=True)
def test_it_saves_overlapping_writes_or_shows_the_conflict_page(server_database):
    sessions = in_server_database(server_database, prepare)
    users = {name: Browser().signed_in(key) for name, key in sessions.items()}
    editor, editor2 = users["editor"], users["editor2"]

    with gunicorn(server_database, workers=2, threads=4) as server:
        gifts, learn, mine, theirs = at_once(
            norm_edit(editor, server, "geschenken", "Je meldt elk geschenk."),
            norm_edit(editor2, server, "bijblijven", "Je volgt elk jaar een cursus."),
            norm_edit(editor, server, "nevenwerk", "Je meldt nevenwerk vooraf."),
            norm_edit(editor2, server, "nevenwerk", "Je meldt nevenwerk binnen een week."),
        )
        suggested = at_once(
            suggestion(users["employee"], server, "Ook diensten melden"),
            suggestion(users["employee2"], server, "Een grens in euro noemen"),
        )
        published = at_once(
            publication(users["officer"], server), publication(users["officer2"], server)
        )

    # Different norms: both saved.
    assert (gifts[0], learn[0]) == (302, 302), (gifts, learn)
    # The same norm: one saved, the other sees the conflict page with their own text on it.
    same_norm = {"Je meldt nevenwerk vooraf.": mine, "Je meldt nevenwerk binnen een week.": theirs}
    assert sorted(status for status, _page in same_norm.values()) == [302, 409], same_norm
    saved = next(text for text, (status, _page) in same_norm.items() if status == 302)
    refused, (_status, conflict_page) = next(a for a in same_norm.items() if a[1][0] == 409)
    assert refused in conflict_page
    # Two suggestions: both sent.
    assert [status for status, _page in suggested] == [302, 302], suggested
    # Two publications: one version; the other officer is told someone was first.
    assert sorted(status for status, _page in published) == [302, 409], published
    refused_page = next(page for status, page in published if status == 409)
    assert "while you were preparing this" in refused_page

    state = in_server_database(server_database, stored)
    norms = state["norms"]
    assert norms["geschenken"] == {"text": "Je meldt elk geschenk.", "revision": 2, "history": 2}
    assert norms["bijblijven"] == {"text": "Je volgt elk jaar een cursus.", "revision": 2,
                                   "history": 2}  # fmt: skip
    assert norms["nevenwerk"] == {"text": saved, "revision": 2, "history": 2}
    assert state["proposals"] == [
        [1, "submitted"], [2, "submitted"]
    ], state["proposals"]  # fmt: skip
    assert (state["versions"], state["verified"]) == ([1, 2], 2)
