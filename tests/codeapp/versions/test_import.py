"""import_code: the working draft becomes the document, all or nothing, matched by key."""

import datetime
import json
import subprocess
import sys

import pytest
from django.core.management.base import CommandError
from django.utils import timezone

from codeapp.models import CodeProfile, CodeVersion
from codeapp.versions.documents import build_draft_document, items, seal
from core.forms import MAX_TEXT_LENGTH
from core.models import ItemKey
from norms.models import Example, Norm
from tests.helpers import ROOT, publish
from tests.helpers.documents import (
    DRAFT_EXAMPLE,
    PUBLISHED_EXAMPLE,
    import_code,
    snapshot,
    without_version,
    write,
)
from values.models import Value

pytestmark = pytest.mark.django_db

MANAGE = ROOT / "manage.py"


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


# ---------------------------------------------------------------------------------------------
# Importing


def test_the_draft_example_imports(draft_example):
    out = import_code(DRAFT_EXAMPLE)
    assert "Imported" in out
    assert build_draft_document() == draft_example
    assert (Value.objects.count(), Norm.objects.count(), Example.objects.count()) == (3, 23, 0)
    assert set(Norm.objects.values_list("title", flat=True)) == {""}
    assert ItemKey.objects.count() == 26
    assert CodeProfile.current().title.startswith("ICRIR Code of Conduct")
    assert not CodeVersion.objects.exists()
    # Every change is recorded, with its reason.
    norm = Norm.objects.get(key="openness-open-honest-engagement")
    assert norm.history.count() == 1
    assert "draft-uk-icrir.json" in norm.history.first().history_change_reason


def test_a_small_document_imports_exactly(tmp_path):
    doc = small()
    import_code(write(tmp_path, doc))
    assert build_draft_document() == doc
    assert Value.objects.get(key="moed").norms.count() == 0
    assert Norm.objects.get(key="geschenken").related_values == ["moed"]
    assert [(i.type, i.number) for i in items(doc)] == [
        (item.type, item.number) for item in items(build_draft_document())
    ]


def test_importing_the_same_file_again_changes_nothing(draft_example):
    import_code(DRAFT_EXAMPLE)
    before = snapshot()
    import_code(DRAFT_EXAMPLE)
    assert snapshot() == before
    assert build_draft_document() == draft_example


def test_a_second_document_updates_creates_and_retires_by_key(tmp_path, editor):
    import_code(write(tmp_path, small(), "one.json"))
    first = {n.key: n for n in Norm.objects.all()}
    doc = small(title="Gedragscode 2")
    honesty = doc["values"][0]
    honesty["norms"][0]["text"] = "Je meldt elk geschenk boven € 50."  # updated
    del honesty["norms"][1]  # retired
    honesty["norms"][0]["examples"] = []  # the example is retired
    doc["values"][1]["norms"].append(  # created
        {"key": "melden", "title": "Misstanden melden", "text": "Je meldt misstanden.",
         "kind": "obligation", "explanation": "", "related_values": [], "legal_basis": [],
         "examples": []}
    )  # fmt: skip
    import_code(write(tmp_path, doc, "two.json"))
    assert build_draft_document() == doc
    gifts = Norm.objects.get(key="geschenken")
    assert gifts.pk == first["geschenken"].pk and gifts.revision == 2
    assert gifts.text == "Je meldt elk geschenk boven € 50."
    bribes = Norm.objects.get(key="steekpenningen")
    assert bribes.pk == first["steekpenningen"].pk and bribes.retired
    assert Example.objects.get(key="wijn").retired
    assert Norm.objects.get(key="melden").value.key == "moed"
    assert CodeProfile.current().title == "Gedragscode 2"
    # Nothing was deleted; a third import with the first document brings them back.
    import_code(write(tmp_path, small(), "three.json"))
    assert build_draft_document() == small()
    assert Norm.objects.get(key="melden").retired
    assert Norm.objects.get(key="steekpenningen").pk == first["steekpenningen"].pk


def test_a_value_left_out_is_retired_with_everything_under_it(tmp_path):
    import_code(write(tmp_path, small(), "one.json"))
    doc = small()
    doc["values"] = doc["values"][1:]
    import_code(write(tmp_path, doc, "two.json"))
    assert build_draft_document() == doc
    assert Value.objects.get(key="eerlijkheid").retired
    assert Norm.objects.filter(retired=True).count() == 2
    assert Example.objects.get(key="wijn").retired


def test_a_norm_moved_to_another_value_by_import(tmp_path):
    import_code(write(tmp_path, small(), "one.json"))
    doc = small()
    moved = doc["values"][0]["norms"].pop(1)
    doc["values"][1]["norms"].append(moved)
    import_code(write(tmp_path, doc, "two.json"))
    assert build_draft_document() == doc
    assert Norm.objects.get(key="steekpenningen").value.key == "moed"


def test_a_norm_moved_to_the_top_of_another_value_keeps_the_documents_order(tmp_path):
    doc = small()
    doc["values"][1]["norms"] = [
        {**doc["values"][0]["norms"][1], "key": f"moed-{i}", "text": f"Norm {i}."} for i in range(3)
    ]
    import_code(write(tmp_path, doc, "one.json"))
    moved = doc["values"][0]["norms"].pop(1)
    doc["values"][1]["norms"].insert(0, moved)
    import_code(write(tmp_path, doc, "two.json"))
    assert build_draft_document() == doc


def test_the_order_of_the_document_is_kept(tmp_path):
    import_code(write(tmp_path, small(), "one.json"))
    doc = small()
    doc["values"].reverse()
    doc["values"][1]["norms"].reverse()
    import_code(write(tmp_path, doc, "two.json"))
    assert build_draft_document() == doc


def test_publish_publishes_the_imported_draft(published_example):
    out = import_code(
        DRAFT_EXAMPLE, "--publish", "--effective-from", "2024-05-01",
        "--established-by", "Commissioner for Investigations (example)",
        "--change-summary", "First version.", "--retroactive-reason", "Recorded afterwards.",
    )  # fmt: skip
    version = CodeVersion.objects.get()
    assert "Published version 1" in out and version.sha256 in out
    assert version.retroactive and version.retroactive_reason == "Recorded afterwards."
    assert version.number == 1 and version.effective_from == datetime.date(2024, 5, 1)
    assert version.established_by == "Commissioner for Investigations (example)"
    assert without_version(version.document) == without_version(published_example)
    assert version.document["version"]["change_summary"] == "First version."


def test_publish_without_a_date_comes_into_force_today(tmp_path):
    import_code(write(tmp_path, small()), "--publish")
    version = CodeVersion.objects.get()
    assert version.effective_from == timezone.localdate()
    assert version.established_by == "import_code"


# ---------------------------------------------------------------------------------------------
# Errors: each one changes nothing and says where the fault is


@pytest.fixture
def populated(tmp_path, code, officer):
    """A working draft and a published version, to see that a failed import touches neither."""
    publish(officer, "2024-01-01")
    return snapshot()


def broken(change) -> dict:
    doc = small()
    change(doc)
    return doc


def _norm(doc: dict) -> dict:
    return doc["values"][0]["norms"][0]


LONG = "x" * (MAX_TEXT_LENGTH + 1)


INVALID = {
    "unknown-key": (
        lambda d: d["values"][0].update(extra=1), "$.values[0].extra"),
    "unknown-top-level-key": (lambda d: d.update(author="x"), "$.author"),
    "duplicate-key": (
        lambda d: d["values"][1].update(key="geschenken"), "$.values[0].norms[0].key"),
    "duplicate-value-key": (lambda d: d["values"][1].update(key="eerlijkheid"), "$.values[1].key"),
    "missing-field": (lambda d: d["values"][0].pop("description"), "$.values[0].description"),
    "missing-examples": (lambda d: _norm(d).pop("examples"), "$.values[0].norms[0].examples"),
    "missing-version": (lambda d: d.pop("version"), "$.version"),
    "kind-not-a-string": (lambda d: _norm(d).update(kind=5), "$.values[0].norms[0].kind"),
    "unknown-kind": (lambda d: _norm(d).update(kind="advice"), "$.values[0].norms[0].kind"),
    "values-not-a-list": (lambda d: d.update(values={}), "$.values"),
    "empty-norm-text": (lambda d: _norm(d).update(text=" "), "$.values[0].norms[0].text"),
    "bad-key-format": (lambda d: d["values"][1].update(key="Moed"), "$.values[1].key"),
    "key-too-long": (lambda d: d["values"][1].update(key="m" * 65), "$.values[1].key"),
    "related-value-missing": (
        lambda d: _norm(d).update(related_values=["moed", "lef"]),
        "$.values[0].norms[0].related_values[1]"),
    "legal-basis-not-text": (
        lambda d: _norm(d).update(legal_basis=[8]), "$.values[0].norms[0].legal_basis[0]"),
    "example-field": (
        lambda d: _norm(d)["examples"][0].pop("guidance"),
        "$.values[0].norms[0].examples[0].guidance"),
    "wrong-format": (lambda d: d.update(format="living-code/2"), "$.format"),
    "unknown-language": (lambda d: d.update(language="xx"), "$.language"),
    "empty-title": (lambda d: d.update(title=""), "$.title"),
    "empty-value-name": (lambda d: d["values"][1].update(name=""), "$.values[1].name"),
    # Longer than the editing forms take (MAX_TEXT_LENGTH; the legal basis as one text).
    "preamble-too-long": (lambda d: d.update(preamble=LONG), "$.preamble"),
    "description-too-long": (
        lambda d: d["values"][0].update(description=LONG), "$.values[0].description"),
    "norm-text-too-long": (lambda d: _norm(d).update(text=LONG), "$.values[0].norms[0].text"),
    "explanation-too-long": (
        lambda d: _norm(d).update(explanation=LONG), "$.values[0].norms[0].explanation"),
    "legal-basis-too-long": (
        lambda d: _norm(d).update(legal_basis=["art. 1 " + "x" * 1000] * 2),
        "$.values[0].norms[0].legal_basis"),
    "situation-too-long": (
        lambda d: _norm(d)["examples"][0].update(situation=LONG),
        "$.values[0].norms[0].examples[0].situation"),
    "guidance-too-long": (
        lambda d: _norm(d)["examples"][0].update(guidance=LONG),
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
    _norm(doc)["key"] = "eerlijkheid"
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
    _norm(doc)["text"] = "t" * MAX_TEXT_LENGTH
    _norm(doc)["legal_basis"] = ["a" * 999, "b" * 1000]  # 2,000 with the line between
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


# ---------------------------------------------------------------------------------------------
# What an import does, said before (--dry-run) and after


def second_document() -> dict:
    """small() with one norm changed, one norm and one example left out, and one norm new."""
    doc = small(title="Gedragscode 2")
    honesty = doc["values"][0]
    honesty["norms"][0]["text"] = "Je meldt elk geschenk boven € 50."
    del honesty["norms"][1]
    honesty["norms"][0]["examples"] = []
    doc["values"][1]["norms"].append(
        {"key": "melden", "title": "Misstanden melden", "text": "Je meldt misstanden.",
         "kind": "obligation", "explanation": "", "related_values": [], "legal_basis": [],
         "examples": []}
    )  # fmt: skip
    return doc


@pytest.fixture
def open_proposals(tmp_path, editor):
    """The first document imported, with an open proposal about a norm the second one drops."""
    from reflection.models import Proposal
    from reflection.services.proposals import proposal_create, proposal_submit

    import_code(write(tmp_path, small(), "one.json"))

    def submitted(title: str, norm: Norm) -> Proposal:
        proposal = proposal_create(
            proposal=Proposal(
                title=title, action="reword", target="norm", norm=norm,
                proposed={"text": "Nooit steekpenningen."}, rationale="-", origin="other",
            ),
            user=editor,
        )  # fmt: skip
        return proposal_submit(proposal=proposal, user=editor)

    bribes, gifts = (Norm.objects.get(key=k) for k in ("steekpenningen", "geschenken"))
    return {
        "about-retired": submitted("Steekpenningen scherper", bribes),
        "about-kept": submitted("Geschenken scherper", gifts),
    }


SECOND_IMPORT_LINES = [
    "Items: 1 new, 1 changed, 2 retired.",
    "  changed  the code itself: title",
    "  new      norm 2.1 melden: Misstanden melden",
    "  changed  norm 1.1 geschenken: text",
    "  retired  norm steekpenningen: Geen steekpenningen.",
    "  retired  example wijn: Een fles wijn",
]


def test_a_dry_run_says_what_would_change_and_changes_nothing(tmp_path, open_proposals):
    before = snapshot()
    proposals_before = list(open_proposals["about-retired"].__class__.objects.values())

    out = import_code(write(tmp_path, second_document(), "two.json"), "--dry-run")

    lines = out.splitlines()
    assert lines[0] == "Dry run: nothing was changed. The import would do this:"
    assert lines[1:7] == SECOND_IMPORT_LINES
    assert lines[7:] == [
        "Open proposals that would then be about retired items:",
        f"  #{open_proposals['about-retired'].number} Steekpenningen scherper",
    ]
    assert snapshot() == before
    assert list(open_proposals["about-retired"].__class__.objects.values()) == proposals_before
    assert not Norm.objects.filter(key="melden").exists()


def test_the_real_run_prints_the_same_summary(tmp_path, open_proposals):
    out = import_code(write(tmp_path, second_document(), "two.json"))

    lines = out.splitlines()
    assert lines[0] == f"Imported {tmp_path / 'two.json'} into the working draft."
    assert lines[1:7] == SECOND_IMPORT_LINES
    assert lines[7:] == [
        "Open proposals now about retired items (flagged in the review queue):",
        f"  #{open_proposals['about-retired'].number} Steekpenningen scherper",
    ]
    assert Norm.objects.get(key="steekpenningen").retired
    # The summary was the truth: importing the same document again has nothing left to do.
    again = import_code(write(tmp_path, second_document(), "two.json"), "--dry-run")
    assert again.splitlines()[1:] == ["Items: 0 new, 0 changed, 0 retired."]


def test_a_dry_run_of_a_restore_names_the_version(db, published_example):
    before = snapshot()
    out = import_code(PUBLISHED_EXAMPLE, "--dry-run")
    assert out.splitlines()[:3] == [
        "Dry run: nothing was changed. The import would do this:",
        "Restore version 1.",
        "Items: 26 new, 0 changed, 0 retired.",
    ]
    assert snapshot() == before


def test_a_dry_run_refuses_what_the_import_would_refuse(tmp_path, populated, published_example):
    published_example["version"]["number"] = 2
    published_example["version"]["sha256"] = seal(published_example)
    fails(write(tmp_path, published_example), "--dry-run", match="$.version.previous_sha256")
    doc = small()
    doc["values"][0]["key"], _norm(doc)["key"] = "waarde", "eerlijkheid"
    fails(write(tmp_path, doc, "swapped.json"), "--dry-run", match="eerlijkheid")
    assert snapshot() == populated


def test_the_history_reason_is_in_the_language_of_the_code(tmp_path):
    import_code(write(tmp_path, small(), "lindewaard.json"))
    norm = Norm.objects.get(key="geschenken")
    assert norm.history.first().history_change_reason == "Geïmporteerd uit lindewaard.json"
    english = small()
    english["language"] = "en"
    _norm(english)["text"] = "Report every gift."
    import_code(write(tmp_path, english, "english.json"))
    assert norm.history.first().history_change_reason == "Imported from english.json"


def test_publishing_before_a_future_version_says_it_comes_into_force(tmp_path, code, officer):
    publish(officer, (timezone.localdate() + datetime.timedelta(days=400)).isoformat())
    future = CodeVersion.objects.get().effective_from
    error = fails(write(tmp_path, small()), "--publish", match="Versie 1 treedt in werking op")
    assert f"{future.day} " in str(error) and str(future.year) in str(error)
    assert "is in werking getreden" not in str(error) and future.isoformat() not in str(error)


def test_a_dry_run_names_what_comes_back_and_what_publishing_would_do(tmp_path):
    import_code(write(tmp_path, small(), "one.json"))
    import_code(write(tmp_path, second_document(), "two.json"))

    out = import_code(
        write(tmp_path, small(), "three.json"), "--dry-run", "--publish",
        "--effective-from", "2030-01-01",
    )  # fmt: skip

    lines = out.splitlines()
    assert "  changed  norm 1.2 steekpenningen: brought back" in lines
    assert "  changed  example 1.1.1 wijn: brought back" in lines
    assert "  retired  norm melden: Misstanden melden" in lines
    assert lines[-1] == (
        "With --publish, the result would then be published as the next version, "
        "in force from 2030-01-01."
    )
    assert Norm.objects.get(key="steekpenningen").retired
    assert not CodeVersion.objects.exists()
