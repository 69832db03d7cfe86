"""The case library: anonymised cases and dilemmas, searchable, linked to sessions and the code."""

import datetime

import pytest
from django.urls import reverse

from core.services import item_set_retired
from reflection.models import Case, Session
from tests.helpers import text_of

pytestmark = pytest.mark.django_db

LIST = reverse("reflection:cases")
CREATE = reverse("reflection:case-create")


def detail_url(case: Case) -> str:
    return reverse("reflection:case", kwargs={"pk": case.pk})


def edit_url(case: Case) -> str:
    return reverse("reflection:case-edit", kwargs={"pk": case.pk})


@pytest.fixture
def case(code, editor) -> Case:
    case = Case.objects.create(
        title="Een fles wijn", situation="Een leverancier stuurt met kerst **wijn**.",
        question="Mag je hem houden?", is_real=True, created_by=editor,
    )  # fmt: skip
    case.values_in_tension.add(code["honesty"])
    case.norms.add(code["gifts"])
    return case


def valid_post(code, **changes) -> dict:
    data = {
        "title": "Een uitnodiging voor de opening",
        "situation": "Een aannemer nodigt de projectleider uit voor een feest.",
        "question": "Ga je?",
        "is_real": None,
        "values_in_tension": [code["honesty"].pk, code["expertise"].pk],
        "norms": [code["gifts"].pk, code["bribes"].pk],
        "anonymised": "on",
        "reason": "Uit de intervisie",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def state() -> list[tuple]:
    return [
        (
            c.pk, c.title, c.situation, c.question, c.is_real, c.history.count(),
            sorted(c.values_in_tension.values_list("pk", flat=True)),
            sorted(c.norms.values_list("pk", flat=True)),
        )
        for c in Case.objects.order_by("pk")
    ]  # fmt: skip


# --- who may open the pages --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("employee", 403), ("editor", 200), ("officer", 200), ("admin", 200)],
)
def test_it_shows_the_library_to_editors_and_officers_only(persona, status, client_for, case):
    for url in (LIST, detail_url(case)):
        response = client_for(persona).get(url)

        assert response.status_code == status, url
        if persona == "anonymous":
            assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("employee", 403), ("editor", 200), ("officer", 403), ("admin", 200)],
)
def test_it_shows_the_case_forms_to_editors_only(persona, status, client_for, case):
    for url in (CREATE, edit_url(case)):
        assert client_for(persona).get(url).status_code == status, url


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_refuses_writing_methods_on_the_reading_pages(method, client_for, case):
    for url in (LIST, detail_url(case)):
        assert getattr(client_for("editor"), method)(url).status_code == 405, url


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_it_refuses_other_methods_on_the_forms(method, client_for, case):
    before = state()

    for url in (CREATE, edit_url(case)):
        assert getattr(client_for("editor"), method)(url).status_code == 405, url
    assert state() == before


def test_it_answers_404_for_an_unknown_case(client_for, db):
    for name in ("reflection:case", "reflection:case-edit"):
        assert client_for("editor").get(reverse(name, kwargs={"pk": 999})).status_code == 404


# --- the list ----------------------------------------------------------------------------------


@pytest.fixture
def library(code, editor, case) -> dict[str, Case]:
    made_up = Case.objects.create(
        title="De wethouder en de vergunning", situation="Een verzoek om voorrang.",
        created_by=editor,
    )  # fmt: skip
    made_up.values_in_tension.add(code["expertise"])
    hidden = Case.objects.create(
        title="Ziekmelding", situation="Een collega post foto's van een **wijn**proeverij.",
        is_real=True, created_by=editor,
    )  # fmt: skip
    return {"wine": case, "alderman": made_up, "sick": hidden}


def titles(response) -> list[str]:
    return [c.title for c in response.context["page"].object_list]


def test_it_lists_every_case_newest_first(client_for, library):
    response = client_for("officer").get(LIST)

    assert titles(response) == ["Ziekmelding", "De wethouder en de vergunning", "Een fles wijn"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "wijn"}, {"Een fles wijn", "Ziekmelding"}),  # title, and situation
        ({"q": "VOORRANG"}, {"De wethouder en de vergunning"}),
        ({"kind": "real"}, {"Een fles wijn", "Ziekmelding"}),
        ({"kind": "fictitious"}, {"De wethouder en de vergunning"}),
        ({"value": "eerlijkheid"}, {"Een fles wijn"}),
        ({"value": "deskundigheid", "kind": "real"}, set()),
        ({"q": "wijn", "kind": "real", "value": "eerlijkheid"}, {"Een fles wijn"}),
        # An unknown filter is not applied rather than failing the page.
        (
            {"value": "bestaat-niet"},
            {"Een fles wijn", "Ziekmelding", "De wethouder en de vergunning"},
        ),
    ],
)
def test_it_searches_and_filters_the_library(query, expected, client_for, library):
    response = client_for("editor").get(LIST, query)

    assert response.status_code == 200
    assert set(titles(response)) == expected


def test_it_says_so_when_nothing_matches(en_client_for, library):
    page = text_of(en_client_for("editor").get(LIST, {"q": "niets dergelijks"}))

    assert "No case matches your search." in page
    assert "Show all cases" in page


def test_it_offers_a_new_case_to_editors_only(en_client_for, library):
    assert f'href="{CREATE}"' in text_of(en_client_for("editor").get(LIST))
    assert f'href="{CREATE}"' not in text_of(en_client_for("officer").get(LIST))


def seed_cases(count: int, code, editor) -> None:
    session = Session.objects.create(
        title="Sessie", date=datetime.date(2025, 1, 1), format="dilemma", held=True
    )
    for i in range(count):
        case = Case.objects.create(title=f"Casus {i}", situation="…", created_by=editor)
        case.values_in_tension.add(code["honesty"], code["expertise"])
        case.norms.add(code["gifts"])
        session.cases.add(case)


@pytest.mark.parametrize("count", [3, 30])
def test_it_lists_the_library_in_a_bounded_number_of_queries(
    count, client_for, code, editor, django_assert_max_num_queries
):
    seed_cases(count, code, editor)
    c = client_for("editor")

    # Session and user, two for permissions, the count, the values to filter by, the cases,
    # their values in tension.
    with django_assert_max_num_queries(8):
        response = c.get(LIST, {"kind": "fictitious"})

    assert len(titles(response)) == count
    assert all(c.session_count == 1 for c in response.context["page"].object_list)


def test_it_pages_a_large_library(client_for, code, editor):
    seed_cases(55, code, editor)

    first = client_for("editor").get(LIST, {"kind": "fictitious"})
    second = client_for("editor").get(LIST, {"kind": "fictitious", "page": 2})

    assert len(titles(first)) == 50
    assert len(titles(second)) == 5
    assert "?kind=fictitious&amp;page=2" in text_of(first)


# --- creating ----------------------------------------------------------------------------------


def test_it_reminds_the_author_to_anonymise_first(en_client_for, db):
    page = text_of(en_client_for("editor").get(CREATE))

    assert "Anonymise before you save" in page
    assert page.index("Anonymise before you save") < page.index('name="title"')
    assert 'name="anonymised"' in page
    assert "I have removed names and traceable details" in page


def test_it_creates_a_case_with_its_links_and_history(client_for, editor, code):
    response = client_for("editor").post(CREATE, valid_post(code, is_real="on"))

    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(case)
    assert case.title == "Een uitnodiging voor de opening"
    assert case.situation == "Een aannemer nodigt de projectleider uit voor een feest."
    assert case.question == "Ga je?"
    assert case.is_real is True
    assert case.created_by == editor
    assert set(case.values_in_tension.all()) == {code["honesty"], code["expertise"]}
    assert set(case.norms.all()) == {code["gifts"], code["bribes"]}
    record = case.history.get()
    assert record.history_user == editor
    assert record.history_change_reason == "Uit de intervisie"


def test_it_creates_a_fictitious_case_without_links(client_for, code):
    response = client_for("editor").post(
        CREATE, valid_post(code, values_in_tension=[], norms=[], question="", reason="")
    )

    assert response.status_code == 302
    case = Case.objects.get()
    assert case.is_real is False
    assert not case.values_in_tension.exists() and not case.norms.exists()
    assert case.history.get().history_change_reason is None


def test_it_refuses_a_case_that_is_not_confirmed_anonymised(en_client_for, code):
    response = en_client_for("editor").post(CREATE, valid_post(code, anonymised=None))

    assert response.status_code == 200
    assert response.context["form"].errors["anonymised"]
    assert "Confirm that the case is anonymised" in text_of(response)
    assert not Case.objects.exists()
    assert Case.history.count() == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"situation": ""}, "situation"),
        ({"situation": "x" * 20_001}, "situation"),
        ({"norms": [999_999]}, "norms"),
    ],
)
def test_it_refuses_an_invalid_case_and_writes_nothing(changes, field, client_for, code):
    response = client_for("editor").post(CREATE, valid_post(code, **changes))

    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Case.objects.exists()


def test_it_offers_only_active_values_and_norms(client_for, editor, code):
    item_set_retired(item=code["learn"], retired=True, user=editor)

    response = client_for("editor").post(CREATE, valid_post(code, norms=[code["learn"].pk]))

    assert response.status_code == 200
    assert response.context["form"].errors["norms"]
    assert code["learn"] not in response.context["form"].fields["norms"].queryset
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 302), ("employee", 403), ("officer", 403)]
)
def test_it_refuses_a_create_by_someone_who_may_not_edit(persona, status, client_for, code):
    response = client_for(persona).post(CREATE, valid_post(code))

    assert response.status_code == status
    assert not Case.objects.exists()


# --- editing -----------------------------------------------------------------------------------


def edit_post(case: Case, **changes) -> dict:
    data = {
        "title": case.title,
        "situation": case.situation,
        "question": case.question,
        "is_real": "on" if case.is_real else None,
        "values_in_tension": list(case.values_in_tension.values_list("pk", flat=True)),
        "norms": list(case.norms.values_list("pk", flat=True)),
        "anonymised": "on",
        "reason": "",
        "revision": case.revision,
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_it_saves_an_edit_with_its_reason(client_for, editor2, editor, case, code):
    from django.test import Client

    c = Client()
    c.force_login(editor2)

    response = c.post(
        edit_url(case),
        edit_post(
            case, situation="Een leverancier stuurt wijn.", is_real=None, norms=[],
            values_in_tension=[code["expertise"].pk], reason="Plaats weggelaten",
        ),
    )  # fmt: skip

    assert response.status_code == 302
    assert response["Location"] == detail_url(case)
    case.refresh_from_db()
    assert case.situation == "Een leverancier stuurt wijn."
    assert case.is_real is False
    assert case.created_by == editor  # the author stays the author
    assert list(case.values_in_tension.all()) == [code["expertise"]]
    assert not case.norms.exists()
    latest = case.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == editor2
    assert latest.history_change_reason == "Plaats weggelaten"


def test_it_refuses_an_edit_over_a_newer_save(client_for, case):
    stale = edit_post(case, situation="Mijn versie van de casus.")
    client_for("editor").post(
        edit_url(case), edit_post(case, situation="De versie van een collega.")
    )

    response = client_for("editor").post(edit_url(case), stale)

    assert response.status_code == 409
    page = response.content.decode()
    assert "Mijn versie van de casus." in page and "De versie van een collega." in page
    case.refresh_from_db()
    assert case.situation == "De versie van een collega."
    assert case.revision == 2


def test_it_refuses_an_edit_that_is_not_confirmed_anonymised(client_for, case):
    before = state()

    response = client_for("editor").post(
        edit_url(case), edit_post(case, title="Met naam", anonymised=None)
    )

    assert response.status_code == 200
    assert response.context["form"].errors["anonymised"]
    assert state() == before


def test_it_records_nothing_when_nothing_changed(client_for, case):
    before = state()

    response = client_for("editor").post(edit_url(case), edit_post(case))

    assert response.status_code == 302
    assert state() == before


@pytest.mark.parametrize(
    ("persona", "status"), [("anonymous", 302), ("employee", 403), ("officer", 403)]
)
def test_it_refuses_an_edit_by_someone_who_may_not_edit(persona, status, client_for, case):
    before = state()

    response = client_for(persona).post(edit_url(case), edit_post(case, title="Gekaapt"))

    assert response.status_code == status
    assert state() == before


# --- the case page -----------------------------------------------------------------------------


def test_it_shows_the_case_with_its_sessions_and_place_in_the_code(en_client_for, case):
    session = Session.objects.create(
        title="Casusoverleg", date=datetime.date(2025, 5, 6), format="case_discussion", held=True
    )
    session.cases.add(case)

    page = text_of(en_client_for("officer").get(detail_url(case)))

    assert "Een leverancier stuurt met kerst <strong>wijn</strong>." in page
    assert "Mag je hem houden?" in page
    assert "real case (anonymised)" in page
    assert f'href="{session.get_absolute_url()}"' in page
    assert 'href="/draft/#norm-geschenken"' in page
    assert 'href="/draft/#value-eerlijkheid"' in page
    assert reverse("reflection:proposal-create") not in page
    assert edit_url(case) not in page


def test_it_offers_editors_to_propose_the_case_as_an_example(en_client_for, case):
    page = text_of(en_client_for("editor").get(detail_url(case)))

    proposal = (
        f"{reverse('reflection:proposal-create')}?case={case.pk}&amp;target=example&amp;action=add"
    )
    assert f'href="{proposal}"' in page
    assert "Propose as an example for a norm" in page
    assert f'href="{edit_url(case)}"' in page
