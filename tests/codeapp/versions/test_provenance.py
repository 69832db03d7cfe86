"""Each value and norm says since which version it reads as it does, and which proposal did it."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from codeapp.models import VersionEntry
from codeapp.versions import provenance
from codeapp.versions.documents import items
from core.services import item_move, item_update
from reflection.models import Proposal
from tests.helpers import (
    MAX_QUERIES,
    OFFICER_NAME,
    PROPOSER_NAME,
    add_norm,
    build_large_code,
    publish,
    queries_for,
    text_of,
)
from tests.helpers.documents import import_code, wipe_everything

pytestmark = pytest.mark.django_db

TITLE = "Geschenken melden: ook afgeslagen geschenken"


def origin_line(page: str, anchor: str) -> str:
    """The provenance line under the heading of the value or norm with this anchor."""
    start = page.index(f'id="{anchor}"')
    match = re.search(r'<p class="provenance[^"]*">(.*?)</p>', page[start:], re.S)
    assert match, f"no provenance under {anchor}"
    next_item = re.search(r'<(li|section) class="(norm|value-block)', page[start + 1 :])
    assert next_item is None or match.start() < next_item.start(), f"none under {anchor}"
    return " ".join(re.sub(r"<[^>]+>", "", match.group(1)).split())


def entry(number: int, key: str) -> VersionEntry:
    return VersionEntry.objects.get(version__number=number, key=key)


def since_versions() -> dict[tuple[int, str], int | None]:
    rows = VersionEntry.objects.values_list("version__number", "key", "since_version")
    return {(number, key): since for number, key, since in rows}


@pytest.fixture
def three_versions(code, editor, named, session, approve, officer):
    """v1 the code; v2 the gifts norm reworded by an approved proposal; v3 another norm edited."""
    publish(officer, datetime.date(2026, 1, 1))
    proposal = approve(
        code["gifts"], "Je meldt ook geschenken die je hebt afgeslagen.", title=TITLE,
        session=session,
    )  # fmt: skip
    publish(officer, datetime.date(2026, 4, 1))
    learn = code["learn"]
    learn.refresh_from_db()
    item_update(
        item=learn, expected_revision=learn.revision, changes={"text": "Je leert elk jaar bij."},
        user=editor,
    )  # fmt: skip
    publish(officer, datetime.date(2026, 7, 1))
    return proposal


def test_a_norm_changed_by_a_proposal_names_the_version_proposal_and_session(
    three_versions, en_client_for
):
    proposal = three_versions

    page = text_of(en_client_for("anonymous").get(reverse("codeapp:version", args=[2])))

    assert origin_line(page, "norm-geschenken") == (
        f"Since version 2, through amendment proposal {proposal.number} “{TITLE}”, "
        "from the session “Dilemmasessie” of March 3, 2026"
    )
    # To the list of what version 2 changed.
    assert f'href="{reverse("codeapp:version-compare", args=[1, 2])}#changes-heading"' in page


def test_it_still_says_so_in_a_later_version_that_left_the_norm_alone(
    three_versions, en_client_for
):
    proposal = three_versions

    response = en_client_for("anonymous").get(reverse("codeapp:version", args=[3]))

    page = text_of(response)
    assert origin_line(page, "norm-geschenken") == (
        f"Since version 2, through amendment proposal {proposal.number} “{TITLE}”, "
        "from the session “Dilemmasessie” of March 3, 2026"
    )
    # Changed in version 3 without a proposal; unchanged since the first version.
    assert origin_line(page, "norm-bijblijven") == "Since version 3"
    assert origin_line(page, "norm-steekpenningen") == "Since version 1"
    assert origin_line(page, "value-eerlijkheid") == "Since version 1"
    assert f'href="{reverse("codeapp:version", args=[1])}"' in page


def test_the_first_version_does_not_say_it_of_every_item(three_versions, en_client_for):
    page = text_of(en_client_for("anonymous").get(reverse("codeapp:version", args=[1])))

    assert 'class="provenance' not in page


def test_it_names_no_people(three_versions, en_client_for):
    for number in (1, 2, 3):
        page = text_of(en_client_for("anonymous").get(reverse("codeapp:version", args=[number])))
        for name in (*PROPOSER_NAME, *OFFICER_NAME):
            assert name not in page


def test_it_is_stored_with_the_version_entries(three_versions):
    proposal = three_versions
    amendment = {
        "number": proposal.number,
        "title": TITLE,
        "decided_on": timezone.localdate(proposal.decided_at).isoformat(),
        "session": {"title": "Dilemmasessie", "date": "2026-03-03"},
    }

    assert [
        (entry(n, "geschenken").since_version, entry(n, "geschenken").amendment) for n in (1, 2, 3)
    ] == [(1, None), (2, amendment), (2, amendment)]
    # Examples too: the wine example never changed.
    assert [entry(n, "wijn").since_version for n in (1, 2, 3)] == [1, 1, 1]
    assert Proposal.objects.get(pk=proposal.pk).applied_key == "geschenken"


def test_a_move_alone_keeps_the_version_a_new_norm_starts_its_own(
    code, editor, officer, en_client_for
):
    publish(officer, datetime.date(2026, 1, 1))
    bribes = code["bribes"]
    bribes.refresh_from_db()
    item_move(item=bribes, step=-1, user=editor)
    add_norm(editor, code["expertise"], "Kennis delen", key="delen")
    publish(officer, datetime.date(2026, 2, 1))

    page = text_of(en_client_for("anonymous").get(reverse("codeapp:version", args=[2])))

    assert origin_line(page, "norm-steekpenningen") == "Since version 1"
    assert origin_line(page, "norm-delen") == "Since version 2"


def test_a_version_without_recorded_origins_shows_none_and_the_next_works_them_out(
    code, editor, officer, monkeypatch, en_client_for
):
    """Versions published before origins were recorded: unknown there, worked out after."""
    with monkeypatch.context() as patched:
        patched.setattr(
            provenance, "trace", lambda doc, **kw: {i.key: provenance.UNKNOWN for i in items(doc)}
        )
        publish(officer, datetime.date(2026, 1, 1))
    gifts = code["gifts"]
    gifts.refresh_from_db()
    item_update(
        item=gifts, expected_revision=gifts.revision, changes={"text": "Nieuw."}, user=editor
    )
    publish(officer, datetime.date(2026, 2, 1))
    client = en_client_for("anonymous")

    old = text_of(client.get(reverse("codeapp:version", args=[1])))
    new = text_of(client.get(reverse("codeapp:version", args=[2])))

    assert 'class="provenance' not in old
    assert origin_line(new, "norm-steekpenningen") == "Since version 1"
    assert origin_line(new, "norm-geschenken") == "Since version 2"
    assert entry(1, "geschenken").since_version is None


def test_restored_versions_get_the_same_versions_but_no_amendments(three_versions, tmp_path):
    before = since_versions()
    files = []
    for number in (1, 2, 3):
        path = tmp_path / f"v{number}.json"
        call_command("export_code", "--version", str(number), "--output", str(path))
        files.append(path)
    Proposal.objects.all().delete()  # they hold on to the norms an empty install must lose
    wipe_everything()

    for path in files:
        import_code(path)

    assert since_versions() == before
    # The restored documents name the amendment, but not which item it changed.
    assert entry(2, "geschenken").amendment is None
    assert entry(3, "geschenken").amendment is None


# --- a fixed number of queries, whatever the size of the code ---------------------------------


def test_reading_a_version_takes_as_many_queries_for_a_large_code_as_for_a_small_one(
    code, editor, session, approve, officer, client_for
):
    approve(code["gifts"], "Je meldt ook afgeslagen geschenken.", title=TITLE, session=session)
    publish(officer, datetime.date(2026, 1, 1))  # version 1: 2 values, 3 norms
    build_large_code(editor, values=10, norms=10, examples=2, prefix="groot")
    publish(officer, datetime.date(2026, 2, 1))  # version 2: 12 values, 103 norms
    # version 3 in force: 1 and 2 read alike (no confirming)
    publish(officer, datetime.date(2026, 3, 1))
    url_small, url_large = (reverse("codeapp:version", args=[n]) for n in (1, 2))

    for persona in ("anonymous", "employee", "officer"):
        client = client_for(persona)
        small, large = queries_for(client, url_small), queries_for(client, url_large)
        assert small == large <= MAX_QUERIES, persona


def test_a_version_names_the_session_by_its_public_name_never_its_title(
    code, session, approve, officer, en_client_for
):
    from codeapp.drafting.changes import summarise_amendments

    session.title = "Dilemma session team Taxes"
    session.public_name = "Dilemmasessie, 1e kwartaal 2026"
    session.save()
    publish(officer, datetime.date(2026, 1, 1))
    proposal = approve(code["gifts"], "Je meldt ook afgeslagen geschenken.", title=TITLE,
                       session=session)  # fmt: skip
    summary = summarise_amendments([proposal])
    version = publish(officer, datetime.date(2026, 4, 1), summary=summary)

    named = {"title": "Dilemmasessie, 1e kwartaal 2026", "date": "2026-03-03"}
    assert version.document["version"]["amendments"][0]["session"] == named
    assert entry(2, "geschenken").amendment["session"] == named
    assert "(Dilemmasessie, 1e kwartaal 2026 van 3 maart 2026)" in summary
    anonymous = en_client_for("anonymous")
    page = text_of(anonymous.get(reverse("codeapp:version", args=[2])))
    assert "from the session “Dilemmasessie, 1e kwartaal 2026” of March 3, 2026" in page
    for answer in (page, anonymous.get("/api/v1/code").content.decode()):
        assert "team Taxes" not in answer
