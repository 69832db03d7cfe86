"""The Dutch catalogue is complete, compiled, and covers every interface string."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from django.db.models.fields import BLANK_CHOICE_LABEL
from django.utils import translation

from tests.helpers import ROOT

PO = ROOT / "locale/nl/LC_MESSAGES/django.po"
MO = ROOT / "locale/nl/LC_MESSAGES/django.mo"


def run(*args: str, cwd: Path = ROOT) -> str:
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=True)
    return result.stdout


def test_every_message_is_translated_and_none_is_fuzzy():
    assert run("msgattrib", "--untranslated", str(PO)) == ""
    assert run("msgattrib", "--only-fuzzy", str(PO)) == ""


def test_the_compiled_catalogue_matches_the_source(tmp_path):
    run("msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(PO))
    assert (tmp_path / "django.mo").read_bytes() == MO.read_bytes(), "run `make messages`"


def test_the_catalogue_covers_every_interface_string(tmp_path):
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", ".git", "staticfiles", "tests", "node_modules"),
    )
    env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": "sqlite:///:memory:"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "nl", "--no-location", "-v", "0"],
        cwd=copy,
        env=env,
        check=True,
    )
    missing = run("msgattrib", "--untranslated", str(copy / "locale/nl/LC_MESSAGES/django.po"))
    assert missing == "", f"untranslated strings; run `make messages`:\n{missing}"


def test_django_texts_the_interface_shows_are_dutch_too():
    with translation.override("nl"):
        assert str(BLANK_CHOICE_LABEL) == "- Kies een optie -"


def test_the_dutch_interface_says_je_throughout():
    """One form of address: "je", never "u" or "uw" (in the catalogue and the Dutch mails)."""
    formal = re.compile(r"(?<![\w-])(u|uw|U|Uw|UW|uzelf)(?![\w-])")
    msgstrs = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', PO.read_text(encoding="utf-8"), re.M)
    texts = ["".join(re.findall(r'"(.*)"', block)) for block in msgstrs]
    texts += [p.read_text(encoding="utf-8") for p in (ROOT / "templates/email").glob("*.nl.txt")]
    assert [t for t in texts if formal.search(t)] == []
