"""import_code refusing a faulty document: each error changes nothing and names where it is."""

import json
import subprocess
import sys

import pytest
from django.core.management.base import CommandError

from codeapp.models import CodeProfile, CodeVersion
from codeapp.versions.documents import build_draft_document, seal
from core.forms import MAX_TEXT_LENGTH
from norms.models import Example, Norm
from tests.helpers import ROOT
from tests.helpers.documents import (
    PUBLISHED_EXAMPLE,
    fails,
    first_norm,
    import_code,
    small,
    snapshot,
    write,
)

pytestmark = pytest.mark.django_db


MANAGE = ROOT / "manage.py"


# ---------------------------------------------------------------------------------------------
# Errors: each one changes nothing and says where the fault is


def broken(change) -> dict:
    doc = small()
    change(doc)
    return doc


LONG = "x" * (MAX_TEXT_LENGTH + 1)


INVALID = {
    "unknown-key": (
        lambda d: d["values"][0].update(extra=1), "$.values[0].extra"),
    "unknown-top-level-key": (lambda d: d.update(author="x"), "$.author"),
    "duplicate-key": (
        lambda d: d["values"][1].update(key="geschenken"), "$.values[0].norms[0].key"),
    "duplicate-value-key": (lambda d: d["values"][1].update(key="eerlijkheid"), "$.values[1].key"),
    "missing-field": (lambda d: d["values"][0].pop("description"), "$.values[0].description"),
    "missing-examples": (lambda d: first_norm(d).pop("examples"), "$.values[0].norms[0].examples"),
    "missing-version": (lambda d: d.pop("version"), "$.version"),
    "kind-not-a-string": (lambda d: first_norm(d).update(kind=5), "$.values[0].norms[0].kind"),
    "unknown-kind": (lambda d: first_norm(d).update(kind="advice"), "$.values[0].norms[0].kind"),
    "values-not-a-list": (lambda d: d.update(values={}), "$.values"),
    "empty-norm-text": (lambda d: first_norm(d).update(text=" "), "$.values[0].norms[0].text"),
    "bad-key-format": (lambda d: d["values"][1].update(key="Moed"), "$.values[1].key"),
    "key-too-long": (lambda d: d["values"][1].update(key="m" * 65), "$.values[1].key"),
    "related-value-missing": (
        lambda d: first_norm(d).update(related_values=["moed", "lef"]),
        "$.values[0].norms[0].related_values[1]"),
    "legal-basis-not-text": (
        lambda d: first_norm(d).update(legal_basis=[8]), "$.values[0].norms[0].legal_basis[0]"),
    "example-field": (
        lambda d: first_norm(d)["examples"][0].pop("guidance"),
        "$.values[0].norms[0].examples[0].guidance"),
    "wrong-format": (lambda d: d.update(format="living-code/2"), "$.format"),
    "unknown-language": (lambda d: d.update(language="xx"), "$.language"),
    "empty-title": (lambda d: d.update(title=""), "$.title"),
    "empty-value-name": (lambda d: d["values"][1].update(name=""), "$.values[1].name"),
    # Longer than the editing forms take (MAX_TEXT_LENGTH; the legal basis as one text).
    "preamble-too-long": (lambda d: d.update(preamble=LONG), "$.preamble"),
    "description-too-long": (
        lambda d: d["values"][0].update(description=LONG), "$.values[0].description"),
    "norm-text-too-long": (lambda d: first_norm(d).update(text=LONG), "$.values[0].norms[0].text"),
    "explanation-too-long": (
        lambda d: first_norm(d).update(explanation=LONG), "$.values[0].norms[0].explanation"),
    "legal-basis-too-long": (
        lambda d: first_norm(d).update(legal_basis=["art. 1 " + "x" * 1000] * 2),
        "$.values[0].norms[0].legal_basis"),
    "situation-too-long": (
        lambda d: first_norm(d)["examples"][0].update(situation=LONG),
        "$.values[0].norms[0].examples[0].situation"),
    "guidance-too-long": (
        lambda d: first_norm(d)["examples"][0].update(guidance=LONG),
        "$.values[0].norms[0].examples[0].guidance"),
}  # fmt: skip


@pytest.mark.parametrize("case", INVALID)
def test_an_invalid_document_changes_nothing_and_names_the_path(tmp_path, populated, case):
    change, path = INVALID[case]
    fails(write(tmp_path, broken(change)), match=f": {path}: ")
    assert snapshot() == populated


def test_a_wrong_type_in_the_version_block(tmp_path, populated, published_example):
    published_example["version"]["number"] = "1"
    fails(write(tmp_path, published_example), match="$.version.number")
    assert snapshot() == populated


def test_a_bad_date_in_the_version_block(tmp_path, populated, published_example):
    published_example["version"]["effective_from"] = "1 May 2024"
    fails(write(tmp_path, published_example), match="$.version.effective_from")
    assert snapshot() == populated


@pytest.mark.parametrize(
    "text, match",
    [
        ('{"format": "living-code/1", ', "is not valid JSON (line 1"),
        ("", "is not valid JSON"),
        ("[1, 2]", ": $: "),
        ('"living-code/1"', ": $: "),
        ("null", ": $: "),
    ],
    ids=["truncated", "empty", "list", "string", "null"],
)
def test_a_file_that_is_not_a_document(tmp_path, populated, text, match):
    fails(write(tmp_path, text), match=match)
    assert snapshot() == populated


def test_a_file_that_is_not_utf8(tmp_path, populated):
    path = tmp_path / "latin1.json"
    path.write_bytes(
        json.dumps(small(title="Café")).replace("Caf\\u00e9", "Café").encode("latin-1")
    )
    fails(path, match="UTF-8")
    assert snapshot() == populated


def test_a_missing_file(tmp_path, populated):
    fails(tmp_path / "nowhere.json", match="nowhere.json: cannot be read")
    assert snapshot() == populated


def test_a_key_of_another_kind_is_refused_and_nothing_changes(tmp_path, populated):
    """A value's key may not become a norm's: found after the writes began, all rolled back."""
    doc = small(title="Iets anders")
    doc["values"][0]["key"] = "waarde"
    first_norm(doc)["key"] = "eerlijkheid"
    fails(write(tmp_path, doc), match="eerlijkheid")
    assert snapshot() == populated
    assert CodeProfile.current().title != "Iets anders"


def test_a_version_block_with_a_wrong_seal(tmp_path, db, published_example):
    before = snapshot()
    published_example["title"] = "ICRIR Code"
    fails(write(tmp_path, published_example), match="$.version.sha256")
    assert snapshot() == before


def test_a_restore_that_is_not_next_in_line(tmp_path, db, published_example):
    before = snapshot()
    published_example["version"]["number"] = 2
    published_example["version"]["sha256"] = seal(published_example)
    fails(write(tmp_path, published_example), match="$.version.number")
    assert snapshot() == before


def test_a_restore_of_a_version_already_there(tmp_path, db):
    import_code(PUBLISHED_EXAMPLE)
    before = snapshot()
    fails(PUBLISHED_EXAMPLE, match="$.version.number")
    assert snapshot() == before


def test_a_restore_with_a_broken_link(tmp_path, populated, published_example):
    published_example["version"]["number"] = 2
    published_example["version"]["previous_sha256"] = "0" * 64
    published_example["version"]["sha256"] = seal(published_example)
    fails(write(tmp_path, published_example), match="$.version.previous_sha256")
    assert snapshot() == populated


def test_publish_of_a_sealed_document_is_refused(db, published_example):
    before = snapshot()
    fails(PUBLISHED_EXAMPLE, "--publish", match="--publish")
    assert snapshot() == before


def test_publish_with_a_bad_date_is_refused(tmp_path, populated):
    fails(write(tmp_path, small()), "--publish", "--effective-from", "morgen", match="morgen")
    assert snapshot() == populated


def test_publish_before_the_version_in_force_changes_nothing(tmp_path, populated):
    fails(write(tmp_path, small()), "--publish", "--effective-from", "2023-01-01", match="2024")
    assert snapshot() == populated


def test_a_name_too_long_names_the_path(tmp_path, populated):
    doc = small()
    doc["values"][1]["name"] = "M" * 201
    fails(write(tmp_path, doc), match="$.values[1].name")
    assert snapshot() == populated


def test_a_name_too_long_changes_nothing(tmp_path, populated):
    doc = small()
    doc["values"][1]["name"] = "M" * 201
    with pytest.raises(CommandError):
        import_code(write(tmp_path, doc))
    assert snapshot() == populated


def test_the_command_line_exits_1_with_the_path(tmp_path):
    """The real command line (no database needed for a file that is no document)."""
    path = write(tmp_path, '{"format": ')
    result = subprocess.run(
        [sys.executable, str(MANAGE), "import_code", str(path)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "is not valid JSON" in result.stderr and str(path) in result.stderr


def test_an_example_without_a_situation_imports(tmp_path):
    """design.md requires only a norm's text; an example may be a bare title."""
    doc = small()
    doc["values"][0]["norms"][0]["examples"] = [
        {"key": "kaal", "title": "Alleen een titel", "situation": "", "guidance": ""}
    ]
    import_code(write(tmp_path, doc))
    assert Example.objects.get(key="kaal").situation == ""
    assert build_draft_document() == doc


def test_a_key_of_another_kind_is_refused_naming_its_path(tmp_path):
    doc = small()
    import_code(write(tmp_path, doc))
    doc["values"][0]["norms"][0]["key"], doc["values"][0]["key"] = (
        doc["values"][0]["key"],
        doc["values"][0]["norms"][0]["key"],
    )
    with pytest.raises(CommandError, match=r"\$\.values\[0\]\.key: “geschenken” belongs to a norm"):
        import_code(write(tmp_path, doc, "swapped.json"))


def test_texts_as_long_as_the_forms_allow_import(tmp_path):
    doc = small()
    doc["preamble"] = "p" * MAX_TEXT_LENGTH
    first_norm(doc)["text"] = "t" * MAX_TEXT_LENGTH
    first_norm(doc)["legal_basis"] = ["a" * 999, "b" * 1000]  # 2,000 with the line between
    import_code(write(tmp_path, doc))
    assert build_draft_document() == doc


def test_a_sealed_version_with_longer_texts_is_still_restored(tmp_path, db, published_example):
    """The forms' limits never stand in the way of restoring what was once published."""
    norm = published_example["values"][0]["norms"][0]
    norm["text"] = "Lang. " * (MAX_TEXT_LENGTH // 5)
    norm["legal_basis"] = ["x" * 3000]
    published_example["preamble"] = LONG
    published_example["version"]["sha256"] = seal(published_example)
    out = import_code(write(tmp_path, published_example))
    assert "Restored version 1" in out
    assert CodeVersion.objects.get().document == published_example
    assert Norm.objects.get(key=norm["key"]).text == norm["text"]


def with_repeated_key(doc: dict, field: str, value: str, first: str) -> str:
    """The document as JSON text in which `field` (with `value`) is preceded by a first copy."""
    text = json.dumps(doc, ensure_ascii=False)
    original = f'"{field}": {json.dumps(value, ensure_ascii=False)}'
    assert text.count(original) == 1
    return text.replace(original, f'"{field}": {json.dumps(first)}, {original}')


@pytest.mark.parametrize(
    "field, value, path",
    [
        ("title", "Gedragscode Lindewaard", "$.title"),
        ("text", "Je meldt elk geschenk.", "$.values[0].norms[0].text"),
        ("guidance", "Meld het.", "$.values[0].norms[0].examples[0].guidance"),
    ],
)
def test_a_key_given_twice_is_refused_naming_its_path(tmp_path, populated, field, value, path):
    """json.loads would keep the last one silently; the editor of the file meant one of them."""
    text = with_repeated_key(small(), field, value, first="Iets anders")
    fails(write(tmp_path, text), match=f": {path}: appears more than once")
    assert snapshot() == populated


def test_a_key_given_twice_in_the_version_block_is_refused(tmp_path, db, published_example):
    before = snapshot()
    block = published_example["version"]
    text = with_repeated_key(
        published_example, "established_by", block["established_by"], first="Iemand"
    )
    fails(write(tmp_path, text), match="$.version.established_by: appears more than once")
    assert snapshot() == before


@pytest.mark.parametrize("opening", ["[", '{"values": '], ids=["lists", "objects"])
def test_a_deeply_nested_file_is_refused_in_one_line(tmp_path, opening):
    """No traceback: the operator gets one line naming the file and what is wrong."""
    closing = "]" if opening == "[" else "}"
    path = write(tmp_path, opening * 100_000 + closing * 100_000)
    result = subprocess.run(
        [sys.executable, str(MANAGE), "import_code", str(path)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"CommandError: {path}: $: is nested too deeply to be a living-code/1 document "
        "(is it the right file?)"
    ]


def test_a_deeply_nested_file_changes_nothing(tmp_path, populated):
    fails(write(tmp_path, "[" * 100_000 + "]" * 100_000), match=": $: is nested too deeply")
    assert snapshot() == populated
