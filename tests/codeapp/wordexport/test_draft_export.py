"""The working draft, and the draft beside the version in force with its changes tracked, as
Word (.docx) and OpenDocument (.odt) files for the works council and the board."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx.oxml.ns import qn

from codeapp.versions.services import version_publish
from core.services import item_set_retired, item_update
from tests.helpers import TITLE, add_example, add_norm, build_large_code, days, publish
from tests.helpers.wordfiles import (
    docx_changes,
    docx_headings,
    docx_of,
    docx_paragraphs,
    odt_changes,
    odt_headings,
    odt_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def changed(code, v1, editor):
    """After version 1: a norm reworded and made a prohibition, a norm added, one retired."""
    gifts = code["gifts"]
    item_update(
        item=gifts, expected_revision=gifts.revision,
        changes={"text": "Je meldt elk geschenk direct.", "kind": "prohibition"}, user=editor,
    )  # fmt: skip
    add_norm(editor, code["expertise"], "Kennis delen", "aspiration", "Je deelt wat je weet.",
             key="delen")  # fmt: skip
    bribes = code["bribes"]
    item_set_retired(item=bribes, retired=True, user=editor)
    return code


def test_it_downloads_the_draft_as_it_stands(client_for, changed):
    response = client_for("editor").get(reverse("codeapp:draft-docx"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="gedragscode-gemeente-voorbeeld-werkversie.docx"'
    )
    assert "no-store" in response["Cache-Control"]
    document = docx_of(response)
    assert document.paragraphs[0].text == TITLE
    assert [text for _style, text in docx_headings(document)] == [
        "Inleiding", "1. Eerlijkheid", "1.1 Geschenken melden", "2. Deskundigheid",
        "2.1 Bijblijven", "2.2 Kennis delen",
    ]  # fmt: skip
    texts = [text for _style, text in docx_paragraphs(document)]
    assert "Je meldt elk geschenk direct." in texts
    assert "Soort: mag niet" in texts
    assert docx_changes(document) == {"ins": [], "del": []}


def test_it_downloads_the_draft_as_an_opendocument_file(client_for, changed):
    response = client_for("officer").get(reverse("codeapp:draft-odt"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
    headings = odt_headings(odt_of(response))
    assert [text for _level, _style, text in headings][-1] == "2.2 Kennis delen"


def test_the_comparison_tracks_every_change_as_word_does(client_for, changed):
    response = client_for("editor").get(reverse("codeapp:draft-compare-docx"))

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="gedragscode-gemeente-voorbeeld-werkversie-vergeleken-met-v1.docx"'
    )
    changes = docx_changes(docx_of(response))
    # The reworded text: only the new word is inserted; the kind is replaced whole.
    assert " direct" in changes["ins"]
    assert "moet" in changes["del"] and "mag niet" in changes["ins"]
    # The added norm is inserted whole, the retired one deleted whole.
    assert "2.2 Kennis delen" in changes["ins"]
    assert "Je deelt wat je weet." in changes["ins"]
    assert "1.2 Geen steekpenningen" in changes["del"]
    # Nothing else changed.
    assert "Bijblijven" not in " ".join(changes["ins"] + changes["del"])


def test_the_comparison_keeps_deleted_text_out_of_the_visible_text(client_for, changed):
    document = docx_of(client_for("editor").get(reverse("codeapp:draft-compare-docx")))

    headings = [text for _style, text in docx_headings(document)]
    # The deleted norm's heading is w:delText: what the draft says does not include it.
    assert "1.2 Geen steekpenningen" not in headings
    assert "" in headings  # its paragraph is there, marked deleted


def test_the_opendocument_comparison_tracks_the_same_changes(client_for, changed):
    response = client_for("officer").get(reverse("codeapp:draft-compare-odt"))

    assert response.status_code == 200
    changes = odt_changes(odt_of(response))
    assert "direct" in changes["ins"]
    assert "moet" in changes["del"] and "mag niet" in changes["ins"]
    assert "2.2 Kennis delen" in changes["ins"]
    assert any("1.2 Geen steekpenningen" in deleted for deleted in changes["del"])


def test_a_new_example_is_inserted_under_its_norm(client_for, code, v1, editor):
    add_example(editor, code["learn"], "Een cursus", key="cursus")

    changes = docx_changes(docx_of(client_for("editor").get(reverse("codeapp:draft-compare-docx"))))

    assert "Voorbeeld 2.1.1: Een cursus" in changes["ins"]


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_without_a_version_in_force_the_comparison_says_so(client_for, code, fmt):
    response = client_for("editor").get(reverse(f"codeapp:draft-compare-{fmt}"))

    assert response.status_code == 404
    page = response.content.decode()
    assert "Er is nog geen versie van de code gepubliceerd" in page
    assert 'href="/draft/docx/"' in page


def test_a_version_still_to_come_is_named_when_none_is_in_force(client_for, code, officer):
    version_publish(user=officer, effective_from=days(30), established_by="B&W", change_summary="")

    response = client_for("officer").get(reverse("codeapp:draft-compare-docx"))

    assert response.status_code == 404
    assert "versie 1 gaat in op" in response.content.decode()


@pytest.mark.parametrize("name", ["draft-docx", "draft-odt", "draft-compare-docx"])
def test_an_employee_gets_no_draft_file(client_for, v1, name):
    assert client_for("employee").get(reverse(f"codeapp:{name}")).status_code == 403


def test_the_draft_pages_link_to_the_files(client_for, changed):
    client = client_for("editor")

    draft = client.get(reverse("codeapp:draft")).content.decode()
    compare = client.get(reverse("codeapp:draft-compare")).content.decode()

    assert 'href="/draft/docx/"' in draft and 'href="/draft/odt/"' in draft
    assert 'href="/draft/compare/docx/"' in draft
    assert 'href="/draft/compare/docx/"' in compare and 'href="/draft/compare/odt/"' in compare


@pytest.mark.parametrize(
    "name", ["draft-docx", "draft-odt", "draft-compare-docx", "draft-compare-odt"]
)
def test_draft_files_need_as_many_queries_for_a_large_code_as_for_a_small_one(
    client_for, editor, name
):
    client = client_for("editor")
    url = reverse(f"codeapp:{name}")

    def count() -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    build_large_code(editor, values=2, norms=1, examples=1)
    publish(editor, days(-5))
    small = count()
    build_large_code(editor, values=10, norms=10, examples=2, prefix="groot")
    large = count()

    assert small == large <= 14


def test_the_export_date_is_the_tracked_changes_date(client_for, changed):
    document = docx_of(client_for("editor").get(reverse("codeapp:draft-compare-docx")))
    dates = {e.get(qn("w:date")) for e in document.element.body.iter(qn("w:ins"))}

    assert len(dates) == 1
    stamp = datetime.datetime.fromisoformat(dates.pop())
    assert stamp.tzinfo == datetime.UTC
    assert stamp <= datetime.datetime.now(datetime.UTC)
