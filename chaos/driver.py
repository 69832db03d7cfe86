"""`make chaos`: PostgreSQL restarting and a worker killed mid-publish, under load.

Run by chaos/run.sh, which makes the database and the environment. This script starts
gunicorn, drives readers and writers over HTTP, stops PostgreSQL for a few seconds and
starts it again, then kills the gunicorn worker that is in the middle of publishing a large
code. It checks what clients saw against what the database holds, prints PASS/FAIL lines
and exits 1 when any check fails.
"""

import datetime
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "codeapp.settings")
django.setup()

from django.contrib.auth import (  # noqa: E402
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from chaos.client import Browser, Result  # noqa: E402
from codeapp.models import CodeVersion, Confirmation  # noqa: E402
from codeapp.versions.chain import ChainError, versions_verify  # noqa: E402
from codeapp.versions.documents import items  # noqa: E402
from core.mail import muted  # noqa: E402
from core.services import item_create  # noqa: E402
from norms.models import Norm  # noqa: E402
from values.models import Value  # noqa: E402

HOST = "127.0.0.1"
PORT = int(os.environ["CHAOS_PORT"])
PG_VERSION, PG_CLUSTER, PG_PORT = os.environ["CHAOS_PG_CLUSTER"].split()
RUN_DIR = Path(os.environ["CHAOS_RUN_DIR"])
WORKERS = 2
OUTAGE_SECONDS = 5
LOAD_BEFORE, LOAD_AFTER = 6, 20
RESUME_LIMIT = 10  # seconds after PostgreSQL is back by which every client must be served
REQUEST_TIMEOUT = 15  # a request without an answer by then counts as hung
BRIEFLY = "briefly unavailable"  # in the 503 page (English: the load asks for English)
EMPLOYEES = 240
LARGE_NORMS = 1000
# Publishes come into force later: the version employees confirm stays the one in force.
PUBLISH_FIELDS = {
    "effective_from": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
    "established_by": "College van B&W (chaos run)",
}

checks: list[tuple[bool, str]] = []


def check(ok: bool, line: str) -> None:
    checks.append((ok, line))
    print(f"{'PASS' if ok else 'FAIL'}  {line}", flush=True)


# --- the server and the database ---------------------------------------------------------


def start_gunicorn() -> subprocess.Popen:
    log = open(RUN_DIR / "gunicorn.log", "w")  # noqa: SIM115 - open for the server's life
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "codeapp.wsgi:application",
         "--bind", f"{HOST}:{PORT}", "--workers", str(WORKERS), "--threads", "4",
         "--timeout", "120", "--graceful-timeout", "5", "--access-logfile", "-"],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    probe = Browser(HOST, PORT, "probe", timeout=5)
    for _ in range(100):
        if probe.request("GET", "/code/").status == 200:
            return server
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not start; see {RUN_DIR / 'gunicorn.log'}")


def worker_pids(master: int) -> set[int]:
    out = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True, text=True
    )
    return {int(pid) for pid in out.stdout.split()}


def postgres(action: str) -> None:
    subprocess.run(["pg_ctlcluster", PG_VERSION, PG_CLUSTER, action], check=True)


def postgres_ready() -> bool:
    return subprocess.run(["pg_isready", "-q", "-h", HOST, "-p", PG_PORT]).returncode == 0


# --- people -------------------------------------------------------------------------------


def signed_in(username: str) -> Browser:
    """A browser with a session for `username`, made the way Django's test client does."""
    user = get_user_model().objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    browser = Browser(HOST, PORT, username, REQUEST_TIMEOUT)
    browser.cookies["sessionid"] = session.session_key
    return browser


def sign_in(username: str) -> Browser:
    """Through the sign-in form, CSRF token and all (the demo password)."""
    browser = Browser(HOST, PORT, username, REQUEST_TIMEOUT)
    _page, form = browser.form("/accounts/login/", "username")
    form.update(username=username, password="demo")
    result = browser.request("POST", "/accounts/login/", form)
    if result.status != 302:
        raise SystemExit(f"could not sign in as {username}: {result.status} {result.error}")
    return browser


def make_employees() -> list[str]:
    User = get_user_model()
    names = [f"chaos-employee-{n}" for n in range(EMPLOYEES)]
    User.objects.bulk_create([User(username=name) for name in names], ignore_conflicts=True)
    return names


# --- the load -----------------------------------------------------------------------------


class Load:
    """Threads of readers and writers; every answer is kept with what it was for."""

    def __init__(self, in_force: int):
        self.in_force = in_force
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.results: list[Result] = []
        # (token, result): each write and what its client saw.
        self.edits: list[tuple[str, Result]] = []
        self.publishes: list[tuple[str, Result]] = []
        self.confirms: list[tuple[str, Result]] = []

    def keep(self, result: Result, writes: list | None = None, token: str = "") -> Result:
        with self.lock:
            self.results.append(result)
            if writes is not None:
                writes.append((token, result))
        return result

    def reader(self, n: int) -> None:
        browser = Browser(HOST, PORT, f"reader-{n}", REQUEST_TIMEOUT)
        paths = ["/code/", f"/code/v{self.in_force}/", "/api/v1/code", "/api/v1/versions",
                 "/code/versions/"]  # fmt: skip
        i = n
        while not self.stop.is_set():
            self.keep(browser.request("GET", paths[i % len(paths)]))
            i += 1
            time.sleep(0.05)

    def editor(self, browser: Browser, norm_key: str) -> None:
        path = f"/draft/norms/{norm_key}/edit/"
        n, form = 0, None
        while not self.stop.is_set():
            page, fresh = browser.form(path, "text")
            self.keep(page)
            # When the form does not load, save the one still open, as a person would.
            form = fresh or form
            if form:
                n += 1
                token = f"chaos-edit-{n}"
                form["text"] = re.sub(r"\s*chaos-edit-\d+$", "", form["text"]) + f" {token}"
                form["reason"] = token
                self.keep(browser.request("POST", path, form), self.edits, token)
            time.sleep(0.3)

    def officer(self, browser: Browser) -> None:
        n, form = 0, None
        while not self.stop.is_set():
            page, fresh = browser.form("/draft/publish/", "change_summary")
            self.keep(page)
            form = fresh or form
            if form:
                n += 1
                token = f"chaos-publish-{n}"
                form.update(PUBLISH_FIELDS, change_summary=token)
                self.keep(browser.request("POST", "/draft/publish/", form), self.publishes, token)
            time.sleep(1.5)

    def confirmer(self, employees: list[Browser]) -> None:
        path = f"/code/v{self.in_force}/confirm/"
        for browser in employees:
            if self.stop.is_set():
                return
            # The reading page gives the CSRF token; the form posts to the confirm address.
            page, form = browser.form(f"/code/v{self.in_force}/", "csrfmiddlewaretoken")
            self.keep(page)
            if form:
                self.keep(browser.request("POST", path, form), self.confirms, browser.actor)
            time.sleep(0.25)


# --- checks -------------------------------------------------------------------------------


def served(result: Result) -> bool:
    return result.status is not None and result.status < 500


def check_answers(load: Load, down: float, starting: float, back: float) -> None:
    """`down` to `starting`: PostgreSQL was stopped; `back`: it accepted connections again."""
    results = load.results
    statuses = Counter(r.status or r.error for r in results)
    check(
        not any(r.status and r.status >= 500 and r.status != 503 for r in results),
        f"no server error: {len(results)} requests, answers {dict(statuses)}",
    )
    hung = [r for r in results if r.error]
    check(not hung, f"no hang or dropped connection (timeout {REQUEST_TIMEOUT} s): {len(hung)}")
    during = [r for r in results if r.started >= down and r.ended <= starting]
    outage = Counter(r.status or r.error for r in during)
    # What is rendered from published versions is kept (codeapp.caching.pages): an anonymous
    # reader may go on reading it without the database. Everything else must be a 503.
    kept = [r for r in during if r.status == 200 and r.actor.startswith("reader-")]
    check(
        bool(during) and set(outage) <= {503, 200} and outage[200] == len(kept),
        f"while PostgreSQL was stopped every answer was 503, but for {len(kept)} anonymous "
        f"reads of kept published pages: {dict(outage)}",
    )
    unavailable = [r for r in results if r.status == 503]
    clear = all(
        r.body.startswith('{"detail"') if r.path.startswith("/api/") else BRIEFLY in r.body
        for r in unavailable
    )
    check(clear, f"every 503 is the clear page or the API's JSON: {len(unavailable)}")
    after = [r for r in results if r.started >= back]
    failing = [r.ended - back for r in after if not served(r)]
    first = min((r.ended - back for r in after if served(r)), default=float("inf"))
    last_failure = max(failing, default=0.0)
    check(
        first <= RESUME_LIMIT and last_failure <= RESUME_LIMIT,
        f"service resumed by itself: first answer served {first:.1f} s after PostgreSQL was "
        f"back, last failed one {last_failure:.1f} s after (limit {RESUME_LIMIT} s); "
        f"{len(failing)} of {len(after)} answers after it was back failed",
    )


def check_writes(load: Load, norm: Norm) -> None:
    connection.close()  # the main thread's connection died with the restart
    history = list(norm.history.values_list("text", flat=True))

    def edit_saved(token: str) -> bool:
        return any(text.endswith(token) for text in history)

    def publish_saved(token: str) -> bool:
        return CodeVersion.objects.filter(change_summary=token).exists()

    def confirm_saved(username: str) -> bool:
        return Confirmation.objects.filter(
            user__username=username, version__number=load.in_force
        ).exists()

    for name, writes, saved, success in [
        ("edits", load.edits, edit_saved, "/draft/"),
        ("publishes", load.publishes, publish_saved, "/code/v"),
        ("confirmations", load.confirms, confirm_saved, f"/code/v{load.in_force}/"),
    ]:
        acked = [t for t, r in writes if r.status == 302 and r.location.startswith(success)]
        failed = [t for t, r in writes if r.status == 503]
        lost = [t for t in acked if not saved(t)]
        half = [t for t in failed if saved(t)]
        check(
            bool(acked) and not lost and not half,
            f"{name}: {len(acked)} acknowledged, all in the database; {len(failed)} refused with "
            f"503, none left anything{'; LOST ' + str(lost) if lost else ''}"
            f"{'; HALF-WRITTEN ' + str(half) if half else ''}",
        )
    check_versions("after the outage")


def check_versions(when: str) -> int:
    try:
        count = versions_verify()
    except ChainError as error:
        check(False, f"verify_versions {when}: {error}")
        return 0
    partial = [
        v.number
        for v in CodeVersion.objects.all()
        if v.entries.count() != len(list(items(v.document)))
    ]
    check(
        not partial,
        f"verify_versions {when}: {count} versions, seals and chain intact, every version's "
        f"entries complete{'; PARTIAL ' + str(partial) if partial else ''}",
    )
    return count


# --- the worker killed in the middle of publishing ----------------------------------------


def add_large_code(username: str) -> int:
    user = get_user_model().objects.get(username=username)
    with muted():
        value = item_create(item=Value(name="Chaos", description="Een grote code."), user=user)
        for n in range(LARGE_NORMS):
            item_create(item=Norm(value=value, title=f"Norm {n}", text=f"Tekst {n}. " * 20,
                                  kind="obligation"), user=user)  # fmt: skip
    return LARGE_NORMS


def publishing_backend(timeout: float = 120) -> tuple[int, int, str] | None:
    """(backend pid, client port, statement) of the publish once it has written the version
    row: it holds publishing's lock on the draft and its last statement is an insert into
    the versions or their entries, not yet committed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT a.pid, a.client_port, left(a.query, 40) FROM pg_locks l "
                "JOIN pg_stat_activity a USING (pid) "
                "WHERE l.relation = 'norms_norm'::regclass AND l.mode = 'ShareRowExclusiveLock' "
                "AND l.granted AND a.query LIKE 'INSERT INTO \"codeapp\\_%'"
            )
            row = cursor.fetchone()
        if row:
            return row
        time.sleep(0.002)
    return None


def process_on_port(port: int) -> int | None:
    out = subprocess.run(["ss", "-Htnp", f"sport = :{port}"], capture_output=True, text=True)
    found = re.search(r"pid=(\d+)", out.stdout)
    return int(found.group(1)) if found else None


def backend_gone(pid: int, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [pid])
            if cursor.fetchone() is None:
                return True
        time.sleep(0.1)
    return False


def kill_mid_publish(master: int) -> None:
    started = time.monotonic()
    norms = add_large_code("editor")
    print(
        f"      added {norms} norms to the draft in {time.monotonic() - started:.1f} s", flush=True
    )
    before = CodeVersion.objects.count()
    officer = sign_in("officer")
    _page, form = officer.form("/draft/publish/", "change_summary")
    form.update(PUBLISH_FIELDS, change_summary="chaos-killed-publish")
    answer: list[Result] = []
    post = threading.Thread(
        target=lambda: answer.append(officer.request("POST", "/draft/publish/", form, timeout=120))
    )
    post.start()
    found = publishing_backend()
    worker = process_on_port(found[1]) if found else None
    workers = worker_pids(master)
    if worker not in workers:
        check(False, f"found the worker publishing (backend {found}, worker {worker}, {workers})")
        post.join()
        return
    os.kill(worker, signal.SIGKILL)
    killed_at = time.monotonic()
    post.join()
    gone = backend_gone(found[0])
    check(
        answer[0].status is None and gone,
        f"worker {worker} killed (SIGKILL) while publishing, in: {found[2]}…; the officer's "
        f"request got "
        f"{answer[0].error or answer[0].status}; its database transaction ended "
        f"{time.monotonic() - killed_at:.1f} s later",
    )
    check(
        CodeVersion.objects.count() == before
        and not CodeVersion.objects.filter(change_summary="chaos-killed-publish").exists(),
        f"no partial version: still {before} versions, none from the killed publish",
    )
    check_versions("after the kill")
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and len(worker_pids(master) - {worker}) < WORKERS:
        time.sleep(0.2)
    restarted = worker_pids(master) - workers
    check(
        len(worker_pids(master)) == WORKERS and worker not in worker_pids(master),
        f"the gunicorn master replaced the killed worker: new worker {sorted(restarted)}",
    )
    _page, form = officer.form("/draft/publish/", "change_summary")
    form.update(PUBLISH_FIELDS, change_summary="chaos-publish-after-kill")
    started = time.monotonic()
    result = officer.request("POST", "/draft/publish/", form, timeout=120)
    check(
        result.status == 302 and CodeVersion.objects.count() == before + 1,
        f"publishing the large code again works (nothing left locked): {result.status} in "
        f"{time.monotonic() - started:.1f} s",
    )
    check_versions("after publishing again")


# --- the run ------------------------------------------------------------------------------


def main() -> int:
    in_force = CodeVersion.objects.in_force().number
    norm = Norm.objects.filter(retired=False).order_by("pk").first()
    employees = make_employees()
    server = start_gunicorn()
    try:
        load = Load(in_force)
        people = [signed_in(name) for name in employees]
        editor, officer = sign_in("editor"), sign_in("officer")
        actors = [threading.Thread(target=load.reader, args=(n,)) for n in range(3)]
        actors.append(threading.Thread(target=load.editor, args=(editor, norm.key)))
        actors.append(threading.Thread(target=load.officer, args=(officer,)))
        actors += [threading.Thread(target=load.confirmer, args=(people[n::3],)) for n in range(3)]
        print(f"      load: 3 readers, 1 editor, 1 officer, {EMPLOYEES} employees confirming; "
              f"gunicorn {WORKERS} workers on {HOST}:{PORT}", flush=True)  # fmt: skip
        for thread in actors:
            thread.start()
        try:
            time.sleep(LOAD_BEFORE)
            postgres("stop")
            down = time.monotonic()
            time.sleep(OUTAGE_SECONDS)
        finally:
            starting = time.monotonic()
            postgres("start")
        while not postgres_ready():
            time.sleep(0.1)
        back = time.monotonic()
        print(
            f"      PostgreSQL stopped for {starting - down:.1f} s, accepting connections again "
            f"{back - starting:.1f} s after the start; load goes on {LOAD_AFTER} s",
            flush=True,
        )
        time.sleep(LOAD_AFTER)
        load.stop.set()
        for thread in actors:
            thread.join()
        check_answers(load, down, starting, back)
        check_writes(load, norm)
        kill_mid_publish(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
    failed = sum(1 for ok, _ in checks if not ok)
    print(f"\n{'FAIL' if failed else 'PASS'}: {len(checks) - failed} of {len(checks)} checks "
          f"passed (gunicorn log: {RUN_DIR / 'gunicorn.log'})")  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
