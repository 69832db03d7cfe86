"""import_code: the working draft becomes the document, matched by key, and what it says it did."""

import datetime

import pytest
from django.utils import timezone

from codeapp.models import CodeProfile, CodeVersion
from codeapp.versions.documents import build_draft_document, items, seal
from core.models import ItemKey
from norms.models import Example, Norm
from tests.helpers import publish
from tests.helpers.documents import (
    DRAFT_EXAMPLE,
    PUBLISHED_EXAMPLE,
    fails,
    first_norm,
    import_code,
    small,
    snapshot,
    without_version,
    write,
)
from values.models import Value

pytestmark = pytest.mark.django_db


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
    doc["values"][0]["key"], first_norm(doc)["key"] = "waarde", "eerlijkheid"
    fails(write(tmp_path, doc, "swapped.json"), "--dry-run", match="eerlijkheid")
    assert snapshot() == populated


def test_the_history_reason_is_in_the_language_of_the_code(tmp_path):
    import_code(write(tmp_path, small(), "lindewaard.json"))
    norm = Norm.objects.get(key="geschenken")
    assert norm.history.first().history_change_reason == "Geïmporteerd uit lindewaard.json"
    english = small()
    english["language"] = "en"
    first_norm(english)["text"] = "Report every gift."
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
