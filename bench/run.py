"""`make bench`: the large code served by gunicorn with debug off, measured with wrk.

Steps: a fresh database (dropped and made again each run), migrations, the bench data
(`manage.py bench_data`), static files, then gunicorn on 127.0.0.1 driven by wrk, page
by page, with a pause between runs (gunicorn's threaded workers pin keep-alive
connections, which skews back-to-back runs). The floor is a static file of the same
size as the in-force page, served by the same gunicorn (whitenoise). Each page is
measured in rounds that alternate with the floor (floor, page, floor, page), and its
ratio is to the floor of its own rounds: on a shared machine both drift by a quarter
from one minute to the next, and a floor measured once, minutes away, would move every
ratio with it. Then publication day: signed-in employees (5,000 bench users, each with a
session) confirm the version in force (bench/confirm.lua) while anonymous readers read it, both
at once, in rounds that alternate with the floor. Last, in-process on a 1,000-norm code: the
editor's draft page and health dashboard (time and size), publishing, and comparing two
versions.

Prints one table (also written to bench/last-run.txt) and exits 0 whether the targets
are met or not: a missed target reads NOT MET. A step that fails exits non-zero.
"""

import argparse
import contextlib
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
REPORT_LUA = ROOT / "bench" / "report.lua"
CONFIRM_LUA = ROOT / "bench" / "confirm.lua"
LAST_RUN = ROOT / "bench" / "last-run.txt"
FLOOR_NAME = "bench-floor.html"
FLOOR_FILE = ROOT / "staticfiles" / FLOOR_NAME
PG_USER = PG_PASSWORD = "livingcode"
P99_LIMIT_MS = 100.0
# Publication day (issue 14): confirmations per second and their p99, on PostgreSQL, while
# anonymous readers read.
CONFIRM_RATE = 300.0
CONFIRM_P99_LIMIT_MS = 200.0
# Workers x threads for 2 cores. Two processes use both cores (the GIL allows one per
# process); 8 threads each give the 16 connections a thread apiece while some wait on
# PostgreSQL. Measured against 1x16 and 4x4 with --try-servers (see the README).
DEFAULT_SERVER = "2x8"


@dataclass
class Page:
    name: str
    path: str
    target: float | None  # the least ratio to the static floor; None for the floor itself
    signed_in: bool = False


FLOOR = Page("static floor (same size)", f"/static/{FLOOR_NAME}", None)
PAGES = [
    Page("in force /code/, anonymous", "/code/", 0.7),
    Page("in force /code/, signed in", "/code/", 0.8, signed_in=True),
    Page("old version /code/v3/", "/code/v3/", 0.7),
    Page("compare /code/compare/1/20/", "/code/compare/1/20/", 0.3),
    Page("API /api/v1/versions/20", "/api/v1/versions/20", 0.3),
]
# Rendered with the page cache off (issue 15): at least so many requests per second, whatever
# the floor (the floor is reported beside it). On the bench code (200 norms), 3x what Wagtail
# renders uncached; on a 1,000-norm code, 10x the 11-13 req/s measured before issue 15.
COLD = Page("in force, page cache off", "/code/", None)
COLD_RATE = 120.0
COLD_LARGE = Page("1,000 norms, page cache off", "/code/", None)
COLD_LARGE_RATE = 125.0
LARGE_SCALE = ["--values", "10", "--norms", "1000", "--examples", "2000", "--versions", "2",
               "--users", "10", "--confirmations", "0"]  # fmt: skip
# The first request for each version's page (both languages) after a restart, against as many
# requests for the floor by the same client: at least this ratio.
FIRST_RATIO = 0.5
# What codeapp.demo.bench.time_large_code times: its name, the label here, the most seconds.
TIMED = [
    ("draft page", "working draft page (editor)", 0.25),
    ("health dashboard", "health dashboard (editor)", 0.25),
    # Publishing includes rendering the version's texts and pages (issue 15).
    ("publish", "publish (1,000 norms)", 3.0),
    ("publish again", "publish again (5% reworded)", 3.0),
    ("compare", "compare the two, as the page", 0.3),
]
# The same run's page sizes: its name, the label here, the most bytes.
SIZED = [("draft page bytes", "working draft page, size", 1_000_000)]


@dataclass
class Run:
    requests: int
    seconds: float
    p99_ms: float
    status_errors: int  # answers other than 2xx and 3xx
    socket_errors: int  # connect, read and write errors and timeouts (wrk waits 2 s)


@dataclass
class Result:
    page: Page
    runs: list[Run]
    floor_runs: list[Run]  # the floor's rounds, alternating with the page's

    @staticmethod
    def _rps(runs: list[Run]) -> float:
        return sum(r.requests for r in runs) / sum(r.seconds for r in runs)

    @property
    def rps(self) -> float:
        return self._rps(self.runs)

    @property
    def floor_rps(self) -> float:
        return self._rps(self.floor_runs)

    @property
    def ratio(self) -> float:
        return self.rps / self.floor_rps

    @property
    def p99_ms(self) -> float:
        # The middle round's: the p99 of all its requests lies between the rounds' p99s, and
        # the worst round's counts the machine's own stalls (the static floor has them too).
        return statistics.median(r.p99_ms for r in self.runs)

    @property
    def worst_p99_ms(self) -> float:
        return max(r.p99_ms for r in self.runs)

    @property
    def status_errors(self) -> int:
        return sum(r.status_errors for r in self.runs)

    @property
    def socket_errors(self) -> int:
        return sum(r.socket_errors for r in self.runs)

    @property
    def errors(self) -> int:
        return self.status_errors + self.socket_errors


def main() -> int:
    args = _arguments()
    port = _pg_port()
    env = bench_env(
        port,
        args.database,
        # The bench's employees are made up: no mail leaves this machine.
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    if args.cache_url:
        env["DJANGO_CACHE_URL"] = args.cache_url
    with _redis_for(args.cache_url):
        return _bench(args, env, port)


def bench_env(port: str, database: str, **extra: str) -> dict:
    """The environment every benchmark serves and manages with: debug off, a key of its own
    each run (nothing secret is kept in the repository), plain HTTP on 127.0.0.1, and the
    PostgreSQL database `database`; `extra` adds to it."""
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_COOKIES": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://{PG_USER}:{PG_PASSWORD}@127.0.0.1:{port}/{database}",
        **extra,
    }


def _bench(args: argparse.Namespace, env: dict, port: str) -> int:
    started = time.monotonic()
    _step("Fresh database " + args.database, lambda: _fresh_database(port, args.database))
    _step("Migrations", lambda: _manage(env, "migrate", "--noinput", "-v0"))
    _step("Bench data", lambda: _manage(env, "bench_data"))
    _step("Static files", lambda: _manage(env, "collectstatic", "--noinput", "-v0"))
    if args.cache_url.startswith("db://"):
        _step("Cache table", lambda: _manage(env, "createcachetable"))
    base = f"http://127.0.0.1:{args.port}"
    _step("Static floor", lambda: _make_floor(env, args, base))
    if args.try_servers:
        _try_servers(env, args, base)
    results = []
    with Server(env, args.port, args.server):
        cookie = _sign_in(base)
        for page in PAGES:
            results.append(_measure(page, base, args, cookie if page.signed_in else None))
        day = _publication_day(env, base, args)
    with Server(env, args.port, args.server):
        first = _first_requests(base, args)
    with Server({**env, "DJANGO_PAGE_CACHE": "0"}, args.port, args.server):
        results.append(_measure(COLD, base, args, None))
    timings = json.loads(_manage(env, "bench_timings", "--norms", "1000").strip().splitlines()[-1])
    results.append(_large_code_cold(env, args, port, base))
    table = _table(results, day, first, timings, args, time.monotonic() - started)
    print(table)
    LAST_RUN.write_text(table + "\n")
    FLOOR_FILE.unlink(missing_ok=True)
    return 0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=4, help="seconds per wrk run")
    parser.add_argument(
        "--rounds", type=int, default=3, help="runs of each page, each after one of the floor"
    )
    parser.add_argument("--warmup", type=int, default=2, help="seconds of wrk before a page")
    # gunicorn closes an idle keep-alive connection after 2 s.
    parser.add_argument("--pause", type=float, default=3, help="seconds between wrk runs")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--confirmers",
        type=int,
        default=8,
        help="connections posting confirmations on publication day (beside as many readers)",
    )
    parser.add_argument(
        "--users", type=int, default=5000, help="signed-in employees who confirm on the day"
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database", default="livingcode_bench")
    parser.add_argument(
        "--server", default=DEFAULT_SERVER, help="gunicorn workers x threads, e.g. 2x8"
    )
    parser.add_argument(
        "--cache-url",
        default="",
        help="DJANGO_CACHE_URL for the server, e.g. db://django_cache (default: the app's own)",
    )
    parser.add_argument(
        "--try-servers",
        default="",
        help="compare gunicorn shapes first, e.g. 1x16,2x8,4x4 (in-force page, both ways)",
    )
    return parser.parse_args()


@contextlib.contextmanager
def _redis_for(cache_url: str):
    """A Redis for the bench when --cache-url names one on this machine that is not running:
    Debian's redis-server (`make bench` installs it), without persistence, stopped after."""
    address = urllib.parse.urlsplit(cache_url)
    if address.scheme != "redis" or address.hostname not in ("127.0.0.1", "localhost"):
        yield
        return
    port = address.port or 6379
    if _answers(port):
        yield
        return
    if shutil.which("redis-server") is None:
        sys.exit("redis-server is missing: `make bench` installs it")
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
               "--appendonly", "no"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not _answers(port):
            if time.monotonic() > deadline or process.poll() is not None:
                sys.exit(f"redis-server did not start on port {port}")
            time.sleep(0.1)
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)


def _step(name: str, work) -> None:
    start = time.monotonic()
    print(f"… {name}", end="", flush=True)
    work()
    print(f" ({time.monotonic() - start:.1f} s)", flush=True)


def _pg_port() -> str:
    port_file = ROOT / ".pg-port"
    return port_file.read_text().strip() if port_file.exists() else "5432"


def _fresh_database(port: str, name: str) -> None:
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        sys.exit(f"Not a plain database name: {name}")
    with psycopg.connect(
        host="127.0.0.1", port=port, user=PG_USER, password=PG_PASSWORD, dbname="postgres",
        autocommit=True,
    ) as connection:  # fmt: skip
        connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {name}")


def _manage(env: dict, *command: str) -> str:
    done = subprocess.run(
        [str(PYTHON), "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.exit(f"\nmanage.py {' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


class Server:
    """gunicorn with threaded workers on 127.0.0.1, from start to stop, as a with-block."""

    def __init__(self, env: dict, port: int, shape: str):
        self.env, self.port = env, port
        self.workers, self.threads = (int(n) for n in shape.split("x"))

    def __enter__(self) -> "Server":
        if _answers(self.port):
            sys.exit(f"Something already listens on 127.0.0.1:{self.port}; stop it or use --port")
        command = [
            str(GUNICORN), "codeapp.wsgi:application", "--bind", f"127.0.0.1:{self.port}",
            "--workers", str(self.workers), "--threads", str(self.threads),
            "--worker-class", "gthread", "--log-level", "warning",
        ]  # fmt: skip
        self.process = subprocess.Popen(command, cwd=ROOT, env=self.env)
        try:
            self._wait_until_ready()
        except BaseException:
            self.__exit__()
            raise
        return self

    def _wait_until_ready(self) -> None:
        # The login page: quick to render, while the first in-force page may take seconds.
        url = f"http://127.0.0.1:{self.port}/accounts/login/"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit("gunicorn stopped while starting")
            try:
                urllib.request.urlopen(url, timeout=10).read()
                return
            except OSError:
                time.sleep(0.3)
        sys.exit("gunicorn did not answer within 60 s")

    def __exit__(self, *exc) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)


def _answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def _make_floor(env: dict, args: argparse.Namespace, base: str) -> None:
    """The in-force page's own bytes as a static file: the same size, served by whitenoise.

    Whitenoise indexes the static files when gunicorn starts, so the page is fetched from
    a first server and the file is in place before the measured one starts.
    """
    with Server(env, args.port, args.server):
        page = urllib.request.urlopen(base + "/code/", timeout=120).read()
    FLOOR_FILE.write_bytes(page)
    print(f" {len(page):,} bytes", end="")


def _sign_in(base: str) -> str:
    """Sign in as the demo employee through the login form; the browser's cookies."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(base + "/accounts/login/", timeout=120).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    data = urllib.parse.urlencode(
        {"username": "employee", "password": "demo", "csrfmiddlewaretoken": token}
    ).encode()
    opener.open(urllib.request.Request(base + "/accounts/login/", data=data), timeout=120).read()
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        sys.exit("Signing in as the demo employee failed: no session cookie")
    # What a signed-in browser sends: its session and the CSRF cookie the login form set.
    return "; ".join(f"{name}={value}" for name, value in sorted(cookies.items()))


def _wrk_command(
    url: str,
    seconds: int,
    connections: int,
    cookie: str | None = None,
    script: Path = REPORT_LUA,
    script_args: tuple[str, ...] = (),
) -> list[str]:
    command = [
        "wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script),
    ]  # fmt: skip
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    return command + [url] + (["--", *script_args] if script_args else [])


def _stats(out: str) -> dict[str, float]:
    """What report.lua's done() wrote: one line of name=value."""
    line = next(line for line in out.splitlines() if line.startswith("BENCH "))
    return {k: float(v) for k, v in (pair.split("=") for pair in line.split()[1:])}


def _wrk(url: str, seconds: int, connections: int, cookie: str | None) -> dict[str, float]:
    command = _wrk_command(url, seconds, connections, cookie)
    return _stats(subprocess.run(command, capture_output=True, text=True, check=True).stdout)


def _run(url: str, args: argparse.Namespace, cookie: str | None) -> Run:
    stats = _wrk(url, args.duration, args.connections, cookie)
    time.sleep(args.pause)
    return _as_run(stats)


def _as_run(stats: dict[str, float]) -> Run:
    return Run(
        requests=int(stats["requests"]),
        seconds=stats["duration"] / 1e6,
        p99_ms=stats["p99"] / 1000,
        status_errors=int(stats["status"]),
        socket_errors=sum(int(stats[k]) for k in ("connect", "read", "write", "timeout")),
    )


def _measure(page: Page, base: str, args: argparse.Namespace, cookie: str | None) -> Result:
    """The page in rounds, each after a run of the floor (see the module's docstring)."""
    url = base + page.path
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        urllib.request.urlopen(request, timeout=120).read()
    except urllib.error.HTTPError as error:
        sys.exit(f"{url} answered {error.code}: the bench measures only pages that work")
    if args.warmup:
        _wrk(url, args.warmup, args.connections, cookie)
        time.sleep(args.pause)
    runs, floor_runs = [], []
    for _round in range(args.rounds):
        floor_runs.append(_run(base + FLOOR.path, args, None))
        runs.append(_run(url, args, cookie))
    result = Result(page, runs, floor_runs)
    print(
        f"  {page.name}: {result.rps:.0f} req/s (floor beside it {result.floor_rps:.0f}), "
        f"p99 {result.p99_ms:.1f} ms (worst round {result.worst_p99_ms:.1f}), "
        f"{result.status_errors} non-2xx/3xx, "
        f"{result.socket_errors} socket errors"
    )
    return result


@dataclass
class Day:
    """Publication day: the confirmations and the readers beside them, round by round."""

    confirms: Result
    readers: Result


def _publication_day(env: dict, base: str, args: argparse.Namespace) -> Day:
    """Signed-in employees confirm the version in force while anonymous readers read it: two
    wrk at once (bench/confirm.lua posts as the next employee each time, with their session
    and CSRF cookies; report.lua reads /code/), each round after a round of the floor."""
    with tempfile.TemporaryDirectory() as folder:
        sessions = Path(folder) / "sessions.txt"
        confirm_path = ""

        def sign_in_many() -> None:
            nonlocal confirm_path
            out = _manage(env, "bench_sessions", str(sessions), "--users", str(args.users))
            confirm_path = out.strip().splitlines()[-1]

        _step(f"Publication day: {args.users:,} employees signed in", sign_in_many)
        confirm = _wrk_command(
            base + confirm_path, args.duration, args.confirmers,
            script=CONFIRM_LUA, script_args=(str(sessions), confirm_path, "2"),
        )  # fmt: skip
        read = _wrk_command(base + "/code/", args.duration, args.confirmers)
        if args.warmup:
            _together(confirm, read)
            time.sleep(args.pause)
        confirm_runs, read_runs, floor_runs = [], [], []
        for _round in range(args.rounds):
            floor_runs.append(_run(base + FLOOR.path, args, None))
            posted, read_stats = _together(confirm, read)
            confirm_runs.append(_as_run(posted))
            read_runs.append(_as_run(read_stats))
            time.sleep(args.pause)
    day = Day(Result(CONFIRMS, confirm_runs, floor_runs), Result(READERS, read_runs, floor_runs))
    print(
        f"  publication day: {day.confirms.rps:.0f} confirmations/s, "
        f"p99 {day.confirms.p99_ms:.1f} ms (worst round {day.confirms.worst_p99_ms:.1f}), "
        f"{day.confirms.errors} errors; readers beside them {day.readers.rps:.0f} req/s "
        f"(floor {day.readers.floor_rps:.0f}), p99 {day.readers.p99_ms:.1f} ms, "
        f"{day.readers.errors} errors"
    )
    return day


CONFIRMS = Page("publication day: confirm (POST)", "", None)
READERS = Page("  anonymous readers beside them", "/code/", None)


def _together(*commands: list[str]) -> list[dict[str, float]]:
    """Run the wrk commands at the same time; each one's figures."""
    running = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for command in commands
    ]
    outs = []
    for process in running:
        out, err = process.communicate()
        if process.returncode != 0:
            sys.exit(f"wrk failed: {err}")
        outs.append(_stats(out))
    return outs


def _try_servers(env: dict, args: argparse.Namespace, base: str) -> None:
    """The in-force page, cached and not, under each gunicorn shape: to choose one."""
    for shape in args.try_servers.split(","):
        with Server(env, args.port, shape):
            cached = _measure(PAGES[0], base, args, None)
        with Server({**env, "DJANGO_PAGE_CACHE": "0"}, args.port, shape):
            cold = _measure(COLD, base, args, None)
        print(f"gunicorn {shape}: cached {cached.rps:.0f} req/s, cold {cold.rps:.0f} req/s")


@dataclass
class First:
    """The first request for every version's page in both languages after a restart, and as
    many requests for the floor, by the same client with the same concurrency."""

    pages: int
    rps: float
    floor_rps: float
    slowest_ms: float

    @property
    def ratio(self) -> float:
        return self.rps / self.floor_rps


def _first_requests(base: str, args: argparse.Namespace) -> First:
    """Right after the server (re)started: each version page once per language, at once."""
    with urllib.request.urlopen(base + "/api/v1/versions", timeout=120) as answer:
        listed = json.loads(answer.read())
    numbers = [v["number"] for v in (listed if isinstance(listed, list) else listed["items"])]
    asks = [(f"{base}/code/v{n}/", language) for n in numbers for language in ("nl", "en")]
    rps, slowest = _fetch_all(asks, args.connections)
    floor_rps, _slowest = _fetch_all([(base + FLOOR.path, "nl")] * len(asks), args.connections)
    first = First(len(asks), rps, floor_rps, slowest * 1000)
    print(
        f"  first request after a restart: {first.pages} pages at {first.rps:.0f} req/s "
        f"(floor {first.floor_rps:.0f}), slowest {first.slowest_ms:.0f} ms"
    )
    return first


def _fetch_all(asks: list[tuple[str, str]], connections: int) -> tuple[float, float]:
    """GET every (url, language) with `connections` at once: requests per second, slowest s."""

    def fetch(ask: tuple[str, str]) -> float:
        url, language = ask
        start = time.monotonic()
        request = urllib.request.Request(url, headers={"Accept-Language": language})
        with urllib.request.urlopen(request, timeout=120) as answer:
            answer.read()
        return time.monotonic() - start

    start = time.monotonic()
    with ThreadPoolExecutor(connections) as pool:
        took = list(pool.map(fetch, asks))
    return len(asks) / (time.monotonic() - start), max(took)


def _large_code_cold(env: dict, args: argparse.Namespace, port: str, base: str) -> Result:
    """A 1,000-norm code (2,000 examples) in a database of its own, served with the page
    cache off, against a floor of its own page's size."""
    name = args.database + "_large"
    large_env = {**env, "DATABASE_URL": env["DATABASE_URL"].rsplit("/", 1)[0] + "/" + name}
    _step("Fresh database " + name, lambda: _fresh_database(port, name))
    _step("Migrations", lambda: _manage(large_env, "migrate", "--noinput", "-v0"))
    _step("Bench data, 1,000 norms", lambda: _manage(large_env, "bench_data", *LARGE_SCALE))
    _step("Static floor, 1,000 norms", lambda: _make_floor(large_env, args, base))
    with Server({**large_env, "DJANGO_PAGE_CACHE": "0"}, args.port, args.server):
        return _measure(COLD_LARGE, base, args, None)


def _table(
    results: list[Result],
    day: Day,
    first: First,
    timings: dict,
    args: argparse.Namespace,
    took: float,
) -> str:
    header = (
        f"{'page':<32} {'req/s':>7} {'floor':>7} {'ratio':>6} {'target':>6} {'p99 ms':>7} "
        f"{'worst':>6} {'non-2xx':>7} {'socket':>6}  result"
    )
    floor_runs = [run for r in results for run in r.floor_runs]
    floor = Result(FLOOR, floor_runs, floor_runs)
    lines = [
        f"make bench — {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
        f"gunicorn {args.server} (workers x threads), wrk -t2 -c{args.connections}, "
        f"{args.rounds} rounds of {args.duration} s per page beside the floor, "
        f"cache {args.cache_url or 'default'}",
        "",
        header,
        "-" * len(header),
        f"{FLOOR.name:<32} {floor.rps:>7.0f} {'':>7} {'':>6} {'':>6} {floor.p99_ms:>7.1f} "
        f"{floor.worst_p99_ms:>6.0f} {floor.status_errors:>7} {floor.socket_errors:>6}  "
        "(all its rounds)",
    ]
    rates = {COLD.name: COLD_RATE, COLD_LARGE.name: COLD_LARGE_RATE}
    for r in results:
        if r.page.name in rates:
            # A rate of its own (issue 15); its p99 is reported, not judged.
            met = r.rps >= rates[r.page.name] and r.errors == 0
            target = f"≥{rates[r.page.name]:.0f}/s"
        else:
            met = r.ratio >= r.page.target and r.p99_ms < P99_LIMIT_MS and r.errors == 0
            target = "≥ " + format(r.page.target, ".1f")
        lines.append(
            f"{r.page.name:<32} {r.rps:>7.0f} {r.floor_rps:>7.0f} {r.ratio:>6.2f} "
            f"{target:>6} {r.p99_ms:>7.1f} {r.worst_p99_ms:>6.0f} "
            f"{r.status_errors:>7} {r.socket_errors:>6}  {'met' if met else 'NOT MET'}"
        )
    lines.append(
        f"{'first request after a restart':<32} {first.rps:>7.0f} {first.floor_rps:>7.0f} "
        f"{first.ratio:>6.2f} {'≥ ' + format(FIRST_RATIO, '.1f'):>6} "
        f"{'':>7} {first.slowest_ms:>6.0f} {'':>7} {'':>6}  "
        f"{'met' if first.ratio >= FIRST_RATIO else 'NOT MET'}"
    )
    c, r = day.confirms, day.readers
    met = c.rps >= CONFIRM_RATE and c.p99_ms < CONFIRM_P99_LIMIT_MS and c.errors == 0
    lines += [
        f"{c.page.name:<32} {c.rps:>7.0f} {c.floor_rps:>7.0f} {c.ratio:>6.2f} "
        f"{'≥' + format(CONFIRM_RATE, '.0f') + '/s':>6} {c.p99_ms:>7.1f} {c.worst_p99_ms:>6.0f} "
        f"{c.status_errors:>7} {c.socket_errors:>6}  {'met' if met else 'NOT MET'}",
        f"{r.page.name:<32} {r.rps:>7.0f} {r.floor_rps:>7.0f} {r.ratio:>6.2f} {'':>6} "
        f"{r.p99_ms:>7.1f} {r.worst_p99_ms:>6.0f} {r.status_errors:>7} {r.socket_errors:>6}  "
        "(reported)",
    ]
    lines += [
        "",
        "floor: the static file's req/s in the rounds beside the page; ratio: req/s / floor.",
        "p99 ms: the middle round's p99; worst: the worst round's.",
        f"Met: the ratio, p99 under {P99_LIMIT_MS:.0f} ms and no errors.",
        "Socket errors are mostly requests that took over wrk's 2 s (left out of p99).",
        f"Page cache off: met at ≥ {COLD_RATE:.0f} req/s on the bench code and "
        f"≥ {COLD_LARGE_RATE:.0f} req/s on a 1,000-norm code",
        "(10 values, 2,000 examples; its floor is a file of its own page's size) and no errors.",
        f"First request after a restart: each version's page once per language "
        f"({first.pages} pages, {args.connections} at once)",
        "right after the server started, against as many requests for the floor by the same "
        "client; worst: the slowest, in ms.",
        f"Publication day: {args.users:,} signed-in employees confirm the version in force "
        f"({args.confirmers} connections,",
        f"each POST the next employee's) while anonymous readers read /code/ "
        f"({args.confirmers} connections), at once;",
        f"met: ≥ {CONFIRM_RATE:.0f} confirmations/s, p99 under {CONFIRM_P99_LIMIT_MS:.0f} ms "
        "and no errors (a confirmation answers 302).",
        "",
    ]
    lines.append(f"{'1,000-norm code, in-process':<32} {'seconds':>8} {'target':>8}  result")
    for name, label, limit in TIMED:
        seconds = timings[name]
        verdict = "met" if seconds < limit else "NOT MET"
        lines.append(f"{label:<32} {seconds:>8.3f} {'< ' + str(limit):>8}  {verdict}")
    lines.append(f"{'':<32} {'bytes':>8} {'target':>8}")
    for name, label, limit in SIZED:
        size = timings[name]
        verdict = "met" if size <= limit else "NOT MET"
        lines.append(f"{label:<32} {size:>8,} {'≤ ' + format(limit, ','):>8}  {verdict}")
    lines.append("The editor's pages: the view's own time, the least of 5 runs after a first.")
    lines += ["", f"The bench took {took:.0f} s."]
    return "\n".join(lines)


def _stop_cleanly(signum, frame) -> None:
    # Unwind the with-blocks, so a stopped bench leaves no gunicorn behind.
    sys.exit(f"Stopped by signal {signum}")


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _stop_cleanly)
    sys.stdout.reconfigure(line_buffering=True)  # progress shows as it happens, piped or not
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: `make bench` installs it")
    sys.exit(main())
