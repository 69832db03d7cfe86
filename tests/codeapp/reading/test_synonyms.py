"""Searching for meanings: the synonym list, its page, and the search expanding a term."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from codeapp.models import (
    STARTER_SYNONYMS,
    CodeProfile,
    CodeVersion,
    SynonymList,
    parse_synonyms,
)
from codeapp.reading.search import query_variants, search_entries
from codeapp.versions.services import version_publish
from tests.helpers import add_example, add_norm, add_value

pytestmark = pytest.mark.django_db

BACKENDS = ["postgresql", "sqlite"]


@pytest.fixture(params=BACKENDS)
def backend(request, monkeypatch) -> str:
    """Search as on PostgreSQL (full text) or as on SQLite (the substring fallback)."""
    if request.param == "sqlite":
        monkeypatch.setattr(connection, "vendor", "sqlite")
    return request.param


@pytest.fixture
def demo() -> None:
    call_command("seed_demo", force=True)


def hit_keys(query: str) -> list[str]:
    return [entry.key for entry, _h, _s in search_entries(CodeVersion.objects.in_force(), query)]


def test_cadeau_and_nevenfunctie_find_their_norms_in_the_demo_code(demo, backend):
    # The norms say "geschenk" and "nevenwerkzaamheden"; neither says the word searched for.
    assert "geschenken-melden" in hit_keys("cadeau")
    assert "nevenwerkzaamheden-melden" in hit_keys("nevenfunctie")
    assert "nevenwerkzaamheden-melden" in hit_keys("bijbaan")


def test_a_synonym_search_page_links_the_norm_and_marks_the_synonym(client, demo):
    response = client.get(reverse("codeapp:search"), {"q": "bijbaan"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "#norm-nevenwerkzaamheden-melden" in page
    assert "<mark>Nevenwerkzaamheden</mark>" in page or "<mark>nevenwerkzaamheden</mark>" in page


@pytest.fixture
def english_code(editor, officer):
    profile = CodeProfile.current()
    profile.language = CodeProfile.Language.ENGLISH
    profile.save()
    integrity = add_value(editor, "Integrity", key="integrity")
    add_norm(editor, integrity, "Report outside work", "obligation",
             "You report secondary employment that may touch the interests of the service.",
             key="outside-work")  # fmt: skip
    gifts = add_norm(editor, integrity, "Gifts", "obligation", "You report every gift.",
                     key="gifts")  # fmt: skip
    add_example(editor, gifts, "A bottle of wine", key="wine")
    return version_publish(user=officer, effective_from=datetime.date(2025, 1, 1),
                           established_by="Board", change_summary="", retroactive=True,
                           retroactive_reason="Besluit met terugwerkende kracht.")  # fmt: skip


def test_side_job_finds_the_outside_work_norm_of_an_english_code(english_code, backend):
    assert hit_keys("side job") == ["outside-work"]


def test_the_operators_typed_keep_their_meaning(english_code):
    # "or" still means or, and "-" still means not, around a term that has synonyms.
    assert set(hit_keys("side job or gifts")) == {"outside-work", "gifts"}
    assert hit_keys("secondary employment -service") == []


def test_a_query_without_synonyms_searches_as_before(english_code, backend):
    assert hit_keys("wine") == ["wine"]


# --- the list and its page ----------------------------------------------------------------------


URL = "/code/search/synonyms/"


def test_the_page_has_its_address():
    assert reverse("codeapp:search-synonyms") == URL


def test_the_page_shows_the_starter_list_before_anyone_saved_one(client_for):
    response = client_for("editor").get(URL)
    assert response.status_code == 200
    assert "cadeau = cadeaus = geschenk" in response.content.decode()
    assert not SynonymList.objects.exists()  # looking writes nothing


def test_an_editor_saves_a_new_group_and_the_next_search_uses_it(client_for, editor, english_code):
    reader = client_for("anonymous")
    assert reader.get(reverse("codeapp:search"), {"q": "liquor"}).context["hits"] == []

    text = STARTER_SYNONYMS + "wine = liquor = spirits\n"
    response = client_for("editor").post(
        URL, {"text": text, "revision": "0", "reason": "Heard in the dilemma session"}
    )

    assert response.status_code == 302
    saved = SynonymList.objects.get()
    assert saved.text == text
    assert saved.revision == 1
    record = saved.history.get()
    assert record.history_user == editor
    assert record.history_change_reason == "Heard in the dilemma session"
    # Search pages are never kept: the very next search expands the new group.
    hits = reader.get(reverse("codeapp:search"), {"q": "liquor"}).context["hits"]
    assert [hit.entry.key for hit in hits] == ["wine"]


def test_an_officer_may_keep_the_list_too(client_for):
    response = client_for("officer").post(URL, {"text": "a = b\r\n", "revision": "0"})
    assert response.status_code == 302
    assert SynonymList.objects.get().text == "a = b\n"


def test_the_history_shows_what_changed(client_for):
    editor = client_for("editor")
    editor.post(URL, {"text": "cadeau = geschenk\n", "revision": "0", "reason": "kort"})
    editor.post(URL, {"text": "cadeau = geschenk = gift\n", "revision": "1"})
    page = editor.get(URL).content.decode()
    assert page.count('class="revision card') == 2
    assert "gift" in page and "<ins>" in page and "kort" in page


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("cadeau = geschenk\nnevenfunctie\n", "Regel 2 heeft maar één term"),
        ("cadeau = = gift\n", "Regel 1 heeft een lege term"),
        ("gift = gift\n", "Regel 1 noemt een term twee keer"),
        ("a = " + "b" * 101 + "\n", "van meer dan 100 tekens"),
        ("\n".join(f"a{i} = b{i}" for i in range(251)), "De lijst heeft 502 termen"),
    ],
)
def test_bad_input_is_refused_with_a_clear_error_and_nothing_saved(client_for, text, message):
    response = client_for("editor").post(URL, {"text": text, "revision": "0"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SynonymList.objects.exists()
    assert not SynonymList.history.exists()


def test_a_save_over_someone_elses_is_refused(client_for):
    # The one conflict page (409), as for items: the editor's list is kept on it, beside the
    # stored one, ready to merge and save again (it was a redirect that lost it).
    client_for("officer").post(URL, {"text": "a = b\n", "revision": "0"})
    response = client_for("editor").post(URL, {"text": "c = d\n", "revision": "0"})
    assert response.status_code == 409
    assert SynonymList.objects.get().text == "a = b\n"
    assert SynonymList.history.count() == 1
    [row] = response.context["rows"]
    assert (row.mine, row.stored) == ("c = d\n", "a = b\n")
    assert response.context["form"]["text"].value() == "c = d\n"
    assert response.context["form"]["revision"].value() == "1"


def test_an_unchanged_list_leaves_no_record(client_for):
    client_for("editor").post(
        URL, {"text": STARTER_SYNONYMS.replace("\n", "\r\n"), "revision": "0"}
    )
    assert SynonymList.current().text == STARTER_SYNONYMS
    assert not SynonymList.history.exists()


def test_an_employee_may_not_change_the_list(client_for):
    response = client_for("employee").post(URL, {"text": "a = b\n", "revision": "0"})
    assert response.status_code == 403
    assert not SynonymList.objects.exists()


def test_the_search_page_links_the_list_for_those_who_keep_it(client_for, english_code):
    link = f'href="{URL}"'
    assert link in client_for("editor").get(reverse("codeapp:search")).content.decode()
    assert link not in client_for("employee").get(reverse("codeapp:search")).content.decode()


# --- the parts ------------------------------------------------------------------------------


def test_the_starter_list_is_valid_and_has_dutch_and_english_groups():
    groups = parse_synonyms(STARTER_SYNONYMS)
    assert ("cadeau", "cadeaus", "geschenk", "gift", "relatiegeschenk") in groups
    assert any({"nevenfunctie", "nevenwerkzaamheden", "bijbaan"} <= set(g) for g in groups)
    assert any({"side job", "outside work"} <= set(g) for g in groups)


def test_a_term_in_two_groups_brings_both():
    expansions = SynonymList(text="cadeau = gift\ngift = present\n").expansions()
    assert expansions["gift"] == ("gift", "cadeau", "present")
    assert expansions["cadeau"] == ("cadeau", "gift")


def test_the_wordings_for_sqlite_replace_whole_terms_only():
    expansions = SynonymList(text="manager = chef\nline manager = supervisor\n").expansions()
    assert query_variants("Line Manager melden", expansions) == [
        "Line Manager melden",
        "supervisor melden",
    ]
    assert query_variants("managers", expansions) == ["managers"]
    assert query_variants("manager", expansions) == ["manager", "chef"]
