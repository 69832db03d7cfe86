"""The campaign benchmark at scale: 30,000 people in 400 units (issue 14).

Makes its own PostgreSQL database (livingcode_scale), loads the demo and the organisation
(`manage.py bench_people`), then times in-process (`manage.py bench_campaigns`): starting a
campaign for everyone, and a reminder run for everyone who has not confirmed, the mail
included (rendered for each person and handed to the mailer, or to the outbox once that
exists). Also the coverage page, when the project has one. Prints a table like bench/run.py,
also written to bench/last-scale.txt; exits 0 whether the targets are met or not (a missed
target reads NOT MET) and non-zero when a step fails.

    .venv/bin/python bench/scale.py [--users 30000] [--units 400]
"""

import argparse
import json
import sys
import time
from pathlib import Path

# The steps both benchmarks take (bench/ is on the path when a script in it runs).
from run import _fresh_database, _manage, _pg_port, _step, bench_env

ROOT = Path(__file__).resolve().parent.parent
LAST_RUN = ROOT / "bench" / "last-scale.txt"
DATABASE = "livingcode_scale"
# Seconds of worker time for a reminder run, and of starting a campaign; the coverage page.
REMIND_LIMIT_S = 60.0
START_LIMIT_S = 60.0
COVERAGE_LIMIT_MS = 300.0
# Queries: a fixed number whatever the size (the tests assert it at two sizes too).
QUERY_LIMIT = 40


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=30_000)
    parser.add_argument("--units", type=int, default=400)
    args = parser.parse_args()
    port = _pg_port()
    env = bench_env(
        port,
        DATABASE,
        # Every mail is rendered and handed over, then dropped: none leaves the machine.
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    started = time.monotonic()
    _fresh_database(port, DATABASE)
    _step("Static files", lambda: _manage(env, "collectstatic", "--noinput", "-v", "0"))
    _step("Migrate", lambda: _manage(env, "migrate", "--noinput", "-v", "0"))
    _step("Demo", lambda: _manage(env, "seed_demo", "--force"))
    _step(
        f"{args.users:,} people in {args.units} units",
        lambda: _manage(env, "bench_people", "--users", str(args.users), "--units",
                        str(args.units)),
    )  # fmt: skip
    timings: dict = {}
    _step("Campaign and reminders", lambda: timings.update(_json(_manage(env, "bench_campaigns"))))
    table = _table(timings, args, time.monotonic() - started)
    print(table)
    LAST_RUN.write_text(table + "\n")
    return 0


def _json(output: str) -> dict:
    return json.loads(output.strip().splitlines()[-1])


def _verdict(met: bool) -> str:
    return "met" if met else "NOT MET"


def _table(t: dict, args: argparse.Namespace, took: float) -> str:
    lines = [
        "",
        f"Campaigns at scale: {args.users:,} people in {args.units} units, PostgreSQL, in-process",
        f"{'':<38} {'seconds':>8} {'target':>8} {'queries':>8}  result",
    ]
    rows = [
        (f"start a campaign ({t['members']:,} members)", t["start_seconds"], START_LIMIT_S,
         t["start_queries"]),
        (f"reminder run ({t['reminded']:,} reminded)", t["remind_seconds"], REMIND_LIMIT_S,
         t["remind_queries"]),
    ]  # fmt: skip
    for label, seconds, limit, queries in rows:
        met = seconds <= limit and queries <= QUERY_LIMIT
        lines.append(
            f"{label:<38} {seconds:>8.2f} {'≤ ' + format(limit, '.0f'):>8} {queries:>8}  "
            f"{_verdict(met)}"
        )
    if "coverage_ms" in t:
        met = t["coverage_ms"] <= COVERAGE_LIMIT_MS
        lines.append(
            f"{'coverage page (ms, view only)':<38} {t['coverage_ms']:>8.1f} "
            f"{'≤ ' + format(COVERAGE_LIMIT_MS, '.0f'):>8} {t['coverage_queries']:>8.0f}  "
            f"{_verdict(met)}"
        )
    else:
        lines.append(f"{'coverage page':<38} {'—':>8} {'':>8} {'':>8}  skipped (no such page)")
    lines += [
        "",
        "Seconds include the commit and the mail it queues: the opening mail is rendered for",
        "every member (tasks run inline until a worker backend is set), the reminder for",
        f"everyone who has not confirmed. Queries: at most {QUERY_LIMIT}, whatever the size.",
        "",
        f"The scale bench took {took:.0f} s.",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
