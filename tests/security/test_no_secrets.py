"""No secret is committed: private keys, cloud keys, Django secret keys, passwords in URLs.

Scans what git tracks. The few look-alikes the project needs are listed below with why
they are harmless; anything else that looks like a secret fails the test, naming file
and line.
"""

import re
import shutil
import subprocess

import pytest

from tests.helpers import ROOT

DASHES = "-" * 5  # spelled out here, so this file does not match itself

PATTERNS = {
    "private key": re.compile(DASHES + r"BEGIN (?:[A-Z]+ )?PRIVATE KEY" + DASHES),
    "AWS access key": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36}\b"),
    "Slack token": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    "Google API key": re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b"),
    # A value starting with "$" is filled in by the shell or make when run, not written down.
    "secret key literal": re.compile(
        r"SECRET_KEY[\"']?\s*[=:]\s*[\"']?([^\"'\s,)}\]$][^\"'\s,)}\]]{7,})"
    ),
    "password in a URL": re.compile(r"[a-z][a-z0-9+.-]*://([^/\s:@\"'`]+):([^@\s/\"'`]+)@"),
}

# Known and harmless, each for a reason.
ALLOWED_SECRET_KEYS = {
    # settings.py: used only with DJANGO_DEBUG on, and says so.
    "django-insecure-development-only-never-use-in-production",
    # Makefile: the test run's key, for the throw-away test database.
    "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
}
ALLOWED_URL_CREDENTIALS = {
    ("livingcode", "livingcode"),  # the local test role `make postgres` creates
    ("$(PG_USER)", "$(PG_PASSWORD)"),  # the Makefile's variables for that role
    ("{PG_USER}", "{PG_PASSWORD}"),  # bench/run.py: the same role, by its variables
    ("user", "pass"),  # README: the shape of DATABASE_URL
}
SECRET_FILE_NAMES = re.compile(r"(^|/)(\.env(\..*)?|.*\.(pem|key|p12|pfx)|id_(rsa|ed25519))$")


def tracked_files() -> list[str]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    listing = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    return [name for name in listing.split("\0") if name]


def findings(name: str, text: str) -> list[str]:
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        for kind, pattern in PATTERNS.items():
            for match in pattern.finditer(line):
                if kind == "secret key literal" and match.group(1) in ALLOWED_SECRET_KEYS:
                    continue
                if kind == "password in a URL" and match.groups() in ALLOWED_URL_CREDENTIALS:
                    continue
                if kind == "secret key literal" and not looks_literal(match.group(1)):
                    continue
                found.append(f"{name}:{number}: {kind}")
    return found


def looks_literal(value: str) -> bool:
    """A value written out, not read from somewhere (os.environ.get(...), a name, a call)."""
    return not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*(\(.*)?", value)


def test_no_file_with_a_secrets_name_is_tracked():
    assert [name for name in tracked_files() if SECRET_FILE_NAMES.search(name)] == []


def test_no_tracked_file_contains_a_secret():
    found = []
    for name in tracked_files():
        try:
            text = (ROOT / name).read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue  # binary (fonts, images) or deleted in the working tree
        found += findings(name, text)
    assert found == []


@pytest.mark.parametrize(
    "line",
    [
        DASHES + "BEGIN RSA PRIVATE KEY" + DASHES,
        "aws_access_key_id = AKIA" + "ABCDEFGHIJKLMNOP",
        'SECRET_KEY = "' + "n0t-" + 'so-secret-after-all"',
        "DJANGO_SECRET_KEY=" + "k3Y-abcdefghijklmnop",
        "DATABASE_URL=postgres://app:" + "hunter2@db.internal/code",
    ],
)
def test_it_would_notice_a_secret(line):
    assert findings("example", line)


@pytest.mark.parametrize(
    "line",
    [
        'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")',
        "DJANGO_SECRET_KEY=STRONG_KEY",
        "postgres://livingcode@db.example.nl:5432/livingcode",
    ],
)
def test_it_lets_harmless_lines_pass(line):
    assert findings("example", line) == []
