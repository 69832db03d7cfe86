"""Exchange documents and whole-database states: the example files, import and export runs,
snapshots of everything an import may touch, and wiping the database back to an empty install.
"""

import copy
import json
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from codeapp.models import CodeProfile, CodeVersion, Confirmation, VersionEntry
from core.models import ItemKey
from norms.models import Example, Norm
from values.models import Value

EXAMPLES = Path(__file__).resolve().parents[1] / "codeapp" / "versions" / "examples"
DRAFT_EXAMPLE = EXAMPLES / "draft-uk-icrir.json"
PUBLISHED_EXAMPLE = EXAMPLES / "published-uk-icrir-v1.json"
EXAMPLE_SEAL = "e0066855cb9149169035a7de04f2f12da10c337edab2f1d01d15af5880b78049"

IMMUTABLE_TABLES = ("codeapp_codeversion", "codeapp_versionentry", "codeapp_establishmententry")


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def write(tmp_path: Path, doc, name: str = "code.json") -> Path:
    """Write a document (or any JSON, or raw text) to a file and return its path."""
    path = tmp_path / name
    if isinstance(doc, str):
        path.write_text(doc, encoding="utf-8")
    else:
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def import_code(*args: str) -> str:
    """Run import_code as from the command line; return what it printed."""
    out = StringIO()
    call_command("import_code", *[str(a) for a in args], stdout=out, stderr=StringIO())
    return out.getvalue()


def snapshot() -> dict[str, object]:
    """Everything an import may touch: row counts, and the items' stored state."""
    tables = {
        "value": Value.objects,
        "norm": Norm.objects,
        "example": Example.objects,
        "itemkey": ItemKey.objects,
        "profile": CodeProfile.objects,
        "version": CodeVersion.objects,
        "entry": VersionEntry.objects,
        "value_history": Value.history.model.objects,
        "norm_history": Norm.history.model.objects,
        "example_history": Example.history.model.objects,
        "profile_history": CodeProfile.history.model.objects,
    }
    state: dict[str, object] = {name: manager.count() for name, manager in tables.items()}
    for model in (Value, Norm, Example):
        state[f"{model.__name__}-rows"] = sorted(
            (i.key, i.revision, i.retired, i.position) for i in model.objects.all()
        )
    state["profile-rows"] = list(CodeProfile.objects.values_list("title", "revision"))
    return state


def without_version(doc: dict) -> dict:
    out = copy.deepcopy(doc)
    out["version"] = None
    return out


def set_immutability_triggers(enabled: bool) -> None:
    """Switch the triggers that refuse UPDATE/DELETE of versions (PostgreSQL, this transaction)."""
    action = "ENABLE" if enabled else "DISABLE"
    with connection.cursor() as cursor:
        # ALTER TABLE waits for no deferred foreign-key checks: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table in IMMUTABLE_TABLES:
            cursor.execute(f"ALTER TABLE {table} {action} TRIGGER {table}_immutable")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def wipe_everything() -> None:
    """Make the database an empty install again, versions included (which nothing else can).

    Runs inside the test's transaction, so it is undone at the end of the test.
    """
    set_immutability_triggers(False)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM codeapp_establishmententry")
        cursor.execute("DELETE FROM codeapp_versionentry")
        # What is rendered from the versions (codeapp.reading.rendering) goes with them.
        cursor.execute("DELETE FROM codeapp_versionpagerender")
        cursor.execute("DELETE FROM codeapp_versionrender")
        cursor.execute("DELETE FROM codeapp_confirmation")
        cursor.execute("DELETE FROM codeapp_codeversion")
    set_immutability_triggers(True)
    assert not Confirmation.objects.exists()
    for model in (Example, Norm, Value, CodeProfile):
        model.objects.all().delete()
        model.history.model.objects.all().delete()
    ItemKey.objects.all().delete()


def everything() -> list:
    """Every row of every table: a refused request must change none of it."""
    return [
        (model._meta.label, list(model._default_manager.order_by("pk").values()))
        for model in apps.get_models()
    ]


def small(title: str = "Gedragscode Lindewaard") -> dict:
    """A small valid document: two values (one without norms yet), two norms, one example."""
    return {
        "format": "living-code/1",
        "title": title,
        "language": "nl",
        "preamble": "Over **deze** code.",
        "version": None,
        "values": [
            {
                "key": "eerlijkheid", "name": "Eerlijkheid", "description": "Wij zijn eerlijk.",
                "norms": [
                    {"key": "geschenken", "title": "Geschenken melden",
                     "text": "Je meldt elk geschenk.", "kind": "obligation", "explanation": "",
                     "related_values": ["moed"], "legal_basis": ["Ambtenarenwet 2017, art. 8"],
                     "examples": [{"key": "wijn", "title": "Een fles wijn",
                                   "situation": "Een leverancier stuurt wijn.",
                                   "guidance": "Meld het."}]},
                    {"key": "steekpenningen", "title": "", "text": "Geen steekpenningen.",
                     "kind": "prohibition", "explanation": "", "related_values": [],
                     "legal_basis": [], "examples": []},
                ],
            },
            {"key": "moed", "name": "Moed", "description": "", "norms": []},
        ],
    }  # fmt: skip


def fails(*args, match: str) -> CommandError:
    """Run import_code expecting failure; the error must contain `match`."""
    with pytest.raises(CommandError) as error:
        import_code(*args)
    assert match in str(error.value), str(error.value)
    assert error.value.returncode == 1
    return error.value


def first_norm(doc: dict) -> dict:
    """The first norm of the first value of a document."""
    return doc["values"][0]["norms"][0]
