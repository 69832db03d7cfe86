"""Live team sessions under load (issue 17): "300 participants answering within 10 seconds on one
instance: every answer counted once, the screen current within 2 seconds".

Makes its own PostgreSQL database (livingcode_live_bench) with a team lead, two practice
dilemmas and an open live session, serves it with gunicorn as bench/run.py does, then, on
localhost: 300 phones (one thread each, plain http.client) join with the code and answer the
dilemma on screen, their starts spread over 8 seconds; one in ten sends its answer a second
time (a replay, which must not count). Meanwhile the lead's screen polls the state every
second with If-None-Match, as static/js/live.js does. Reported: answers counted against sent,
duplicates, errors, p50/p99 of the answer's latency, and the screen's staleness (from an
answer's reply to the first poll that shows it). Written to bench/last-live.txt as well;
exits 0 whether the target is met or not (NOT MET), non-zero when a step fails.

All phones come from 127.0.0.1, as a team's phones on one office network would: the bench
raises LIVE_JOINS_PER_MINUTE (per address) above the 300 it joins.

    .venv/bin/python bench/live.py [--participants 300] [--seconds 8] [--port 8765]
"""

import argparse
import http.client
import json
import re
import statistics
import sys
import threading
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

# The steps the benchmarks share (bench/ is on the path when a script in it runs).
from run import (
    DEFAULT_SERVER,
    Server,
    _fresh_database,
    _manage,
    _pg_port,
    _step,
    bench_env,
)

ROOT = Path(__file__).resolve().parent.parent
LAST_RUN = ROOT / "bench" / "last-live.txt"
DATABASE = "livingcode_live_bench"
WINDOW_S = 10.0  # every phone has answered within this
STALE_LIMIT_S = 2.0  # the screen shows an answer within this
POLL_S = 1.0  # the screen's polling interval (static/js/live.js)

SETUP = """
import json
from django.contrib.auth import get_user_model
from people.models import Source, TeamLead, Unit
from reflection.models import Case, DilemmaOption
from reflection.services.live import live_create
lead = get_user_model().objects.create_user("teamlead", password="bench-lead")
team = Unit.objects.create(name="Team Bench")
TeamLead.objects.create(unit=team, user=lead, source=Source.ADMIN)
cases = []
for title in ("De fles wijn", "Het etentje"):
    case = Case.objects.create(title=title, situation="Wat doe je?", practice=True)
    DilemmaOption.objects.bulk_create(
        DilemmaOption(case=case, position=n, text=t) for n, t in enumerate(["Ja", "Nee", "Vragen"])
    )
    cases.append(case)
live = live_create(title="Bench", unit=team, cases=cases, user=lead)
options = list(cases[0].options.values_list("pk", flat=True))
print(json.dumps({"pk": live.pk, "code": live.join_code, "options": options}))
"""

COUNT = """
import json
from django.db.models import Count
from reflection.models import LiveAnswer, LiveParticipant
per = LiveAnswer.objects.values("participant", "dilemma").annotate(n=Count("id"))
print(json.dumps({
    "answers": LiveAnswer.objects.count(),
    "participants": LiveParticipant.objects.count(),
    "duplicates": sum(row["n"] - 1 for row in per if row["n"] > 1),
}))
"""


def _cookies(response: http.client.HTTPResponse, jar: dict) -> None:
    for header in response.headers.get_all("Set-Cookie") or []:
        for name, morsel in SimpleCookie(header).items():
            jar[name] = morsel.value


def _cookie_header(jar: dict) -> str:
    return "; ".join(f"{name}={value}" for name, value in jar.items())


class Phone(threading.Thread):
    """One participant: join (the phone page), answer, and maybe replay the answer."""

    def __init__(self, port: int, code: str, option: int, start_at: float, replay: bool):
        super().__init__(daemon=True)
        self.port, self.code, self.option = port, code, option
        self.start_at, self.replay = start_at, replay
        self.answered_at: float | None = None
        self.latency: float | None = None
        self.errors: list[str] = []
        self.replay_status: int | None = None

    def run(self) -> None:
        time.sleep(max(0.0, self.start_at - time.monotonic()))
        try:
            self._run()
        except Exception as error:  # noqa: BLE001 - every failure is a counted error
            self.errors.append(f"{type(error).__name__}: {error}")

    def _run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        jar: dict = {}
        path = f"/join/{self.code}/"
        connection.request("GET", path)
        page = connection.getresponse()
        body = page.read().decode()
        _cookies(page, jar)
        if page.status != 200:
            self.errors.append(f"join {page.status}")
            return
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)[1]
        form = urllib.parse.urlencode(
            {"position": 0, "option": self.option, "csrfmiddlewaretoken": token}
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": _cookie_header(jar),
        }
        start = time.monotonic()
        connection.request("POST", path, body=form, headers=headers)
        answer = connection.getresponse()
        answer.read()
        self.answered_at = time.monotonic()
        self.latency = self.answered_at - start
        _cookies(answer, jar)
        if answer.status != 302:
            self.errors.append(f"answer {answer.status}")
            self.answered_at = None
            return
        if self.replay:
            headers["Cookie"] = _cookie_header(jar)
            connection.request("POST", path, body=form, headers=headers)
            again = connection.getresponse()
            again.read()
            self.replay_status = again.status
        connection.close()


class Screen(threading.Thread):
    """The lead's screen: the state every POLL_S, with If-None-Match, until told to stop."""

    def __init__(self, port: int, pk: int, cookie: str):
        super().__init__(daemon=True)
        self.port, self.pk, self.cookie = port, pk, cookie
        self.seen: list[tuple[float, int]] = []  # (reply time, answers shown)
        self.errors: list[str] = []
        self.not_modified = 0
        self.stop = threading.Event()

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        etag, answers = None, 0
        while not self.stop.is_set():
            headers = {"Cookie": self.cookie}
            if etag:
                headers["If-None-Match"] = etag
            try:
                connection.request("GET", f"/live/{self.pk}/state/", headers=headers)
                response = connection.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException) as error:
                self.errors.append(str(error))
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                time.sleep(POLL_S)
                continue
            if response.status == 200:
                etag = response.headers.get("ETag")
                answers = json.loads(body)["answers"]
            elif response.status == 304:
                self.not_modified += 1
            else:
                self.errors.append(f"state {response.status}")
            self.seen.append((time.monotonic(), answers))
            self.stop.wait(POLL_S)


def _sign_in(port: int) -> str:
    """The lead signs in through the login form; the browser's cookies."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    jar: dict = {}
    connection.request("GET", "/accounts/login/")
    page = connection.getresponse()
    body = page.read().decode()
    _cookies(page, jar)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)[1]
    form = urllib.parse.urlencode(
        {"username": "teamlead", "password": "bench-lead", "csrfmiddlewaretoken": token}
    )
    connection.request(
        "POST", "/accounts/login/", body=form,
        headers={"Content-Type": "application/x-www-form-urlencoded",
                 "Cookie": _cookie_header(jar)},
    )  # fmt: skip
    done = connection.getresponse()
    done.read()
    _cookies(done, jar)
    if "sessionid" not in jar:
        sys.exit("Signing in as the bench's team lead failed: no session cookie")
    return _cookie_header(jar)


def _staleness(phones: list[Phone], seen: list[tuple[float, int]]) -> list[float]:
    """Per counted answer: from its reply to the first screen poll showing at least as many
    answers as had been replied to by then (its rank); inf when no poll ever did."""
    done = sorted(p.answered_at for p in phones if p.answered_at is not None)
    result = []
    for rank, at in enumerate(done, start=1):
        shown = next((t for t, n in seen if t >= at and n >= rank), None)
        result.append(float("inf") if shown is None else shown - at)
    return result


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=8.0, help="spread of the phones' starts")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--server", default=DEFAULT_SERVER, help="gunicorn workers x threads")
    args = parser.parse_args()
    port = _pg_port()
    env = bench_env(
        port,
        DATABASE,
        # Every phone comes from 127.0.0.1 here.
        LIVE_JOINS_PER_MINUTE=str(max(1000, 2 * args.participants)),
    )
    started = time.monotonic()
    _step("Fresh database " + DATABASE, lambda: _fresh_database(port, DATABASE))
    _step("Migrations", lambda: _manage(env, "migrate", "--noinput", "-v0"))
    _step("Static files", lambda: _manage(env, "collectstatic", "--noinput", "-v0"))
    made: dict = {}
    _step(
        "A team lead and an open live session",
        lambda: made.update(
            json.loads(_manage(env, "shell", "-c", SETUP).strip().splitlines()[-1])
        ),
    )
    with Server(env, args.port, args.server):
        screen = Screen(args.port, made["pk"], _sign_in(args.port))
        screen.start()
        time.sleep(1.5)
        begin = time.monotonic() + 0.5
        phones = [
            Phone(
                args.port,
                made["code"],
                made["options"][n % len(made["options"])],
                begin + args.seconds * n / max(1, args.participants - 1),
                replay=n % 10 == 0,
            )  # fmt: skip
            for n in range(args.participants)
        ]
        print(f"… {len(phones)} phones join and answer", flush=True)
        for phone in phones:
            phone.start()
        for phone in phones:
            phone.join(timeout=60)
        last_answer = max((p.answered_at for p in phones if p.answered_at), default=begin)
        time.sleep(STALE_LIMIT_S + POLL_S)
        screen.stop.set()
        screen.join(timeout=10)
    counted = json.loads(_manage(env, "shell", "-c", COUNT).strip().splitlines()[-1])
    latencies = [p.latency for p in phones if p.latency is not None]
    stale = _staleness(phones, screen.seen)
    sent = sum(1 for p in phones if p.latency is not None)
    replays = [p for p in phones if p.replay_status is not None]
    errors = [e for p in phones for e in p.errors] + screen.errors
    window = last_answer - begin
    final_shown = screen.seen[-1][1] if screen.seen else 0
    met = (
        counted["answers"] == sent == args.participants
        and counted["duplicates"] == 0
        and not errors
        and window <= WINDOW_S
        and final_shown == counted["answers"]
        and stale
        and max(stale) <= STALE_LIMIT_S
    )
    table = "\n".join(
        [
            "",
            f"Live team session on one instance: gunicorn {args.server} (workers x threads), "
            f"PostgreSQL, {args.participants} phones from localhost",
            f"  answers sent (first time)   {sent}",
            f"  answers counted             {counted['answers']}"
            f"   (participants stored: {counted['participants']})",
            f"  replays sent / counted      {len(replays)} / {counted['duplicates']} "
            f"(a replay answers {sorted({p.replay_status for p in replays})})",
            f"  errors                      {len(errors)}"
            + (f"  e.g. {errors[:3]}" if errors else ""),
            f"  all answered within         {window:.1f} s (target ≤ {WINDOW_S:.0f} s)",
            f"  answer latency p50 / p99    {1000 * statistics.median(latencies):.0f} ms / "
            f"{1000 * _percentile(latencies, 0.99):.0f} ms"
            if latencies
            else "  no answers",
            f"  screen staleness p50 / max  {_percentile(stale, 0.5):.2f} s / "
            f"{max(stale, default=float('nan')):.2f} s (target ≤ {STALE_LIMIT_S:.0f} s; "
            f"polled every {POLL_S:.0f} s, {screen.not_modified} of {len(screen.seen)} polls "
            "answered 304)",
            f"  screen shows at the end     {final_shown}",
            f"  verdict                     {'met' if met else 'NOT MET'}",
            f"  took {time.monotonic() - started:.0f} s",
        ]
    )
    print(table)
    LAST_RUN.write_text(table + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
