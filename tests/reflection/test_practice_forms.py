"""Editors mark cases as practice dilemmas: two to four courses of action, a reflection, and
options with colleagues' answers that may be reworded but never removed or moved."""

import pytest
from django.urls import reverse
from django.utils import timezone

from reflection.models import (
    Case,
    DilemmaOption,
    LiveAnswer,
    LiveDilemma,
    LiveParticipant,
    LiveSession,
    PracticeTally,
)
from tests.helpers import text_of

pytestmark = pytest.mark.django_db

CREATE = reverse("reflection:case-create")


def edit_url(case: Case) -> str:
    return reverse("reflection:case-edit", kwargs={"pk": case.pk})


def post_data(code, **changes) -> dict:
    data = {
        "title": "Een uitnodiging voor de opening",
        "situation": "Een aannemer nodigt je uit voor een feest.",
        "question": "Ga je?",
        "norms": [code["gifts"].pk],
        "anonymised": "on",
        "practice": "on",
        "option_1": "Ik ga en meld het",
        "option_2": "Ik sla de uitnodiging af",
        "option_3": "",
        "option_4": "",
        "reflection": "Denk aan de **aanbesteding**.",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def options_of(case: Case) -> list[tuple[int, str]]:
    return list(case.options.order_by("position").values_list("position", "text"))


@pytest.fixture
def dilemma(code, editor) -> Case:
    case = Case.objects.create(
        title="Een fles wijn", situation="Een leverancier stuurt wijn.", practice=True,
        reflection="Weeg af.", created_by=editor,
    )  # fmt: skip
    for position, text in enumerate(["Houden", "Teruggeven", "Melden"], start=1):
        case.options.create(position=position, text=text)
    return case


def answered(case: Case, position: int, count: int = 3) -> None:
    PracticeTally.objects.create(option=case.options.get(position=position), count=count)


def edit_data(case: Case, code, **changes) -> dict:
    texts = [o.text for o in case.options.order_by("position")] + ["", "", "", ""]
    data = post_data(
        code, title=case.title, situation=case.situation, question="", reflection=case.reflection,
        revision=case.revision, **{f"option_{i}": texts[i - 1] for i in range(1, 5)},
    )  # fmt: skip
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_it_saves_a_practice_dilemma_with_its_options_dropping_blank_ones(client_for, code):
    response = client_for("editor").post(
        CREATE, post_data(code, option_2="", option_3="  Ik   twijfel ", option_4="Ik vraag het")
    )

    case = Case.objects.get()
    assert response.status_code == 302
    assert case.practice and case.reflection == "Denk aan de **aanbesteding**."
    assert options_of(case) == [(1, "Ik ga en meld het"), (3, "Ik twijfel"), (4, "Ik vraag het")]
    assert list(case.norms.all()) == [code["gifts"]]


def test_it_refuses_a_practice_dilemma_with_fewer_than_two_options(en, code):
    response = en("editor").post(CREATE, post_data(code, option_2=""))

    assert response.status_code == 200
    assert "at least two courses of action" in text_of(response)
    assert not Case.objects.exists() and not DilemmaOption.objects.exists()


def test_a_case_that_is_not_for_practice_needs_no_options(client_for, code):
    client_for("editor").post(CREATE, post_data(code, practice=None, option_1="", option_2=""))

    case = Case.objects.get()
    assert not case.practice and options_of(case) == []


def test_the_library_and_the_case_show_which_cases_are_practice_dilemmas(en, dilemma):
    library = text_of(en("editor").get(reverse("reflection:cases")))
    page = text_of(en("editor").get(dilemma.get_absolute_url()))

    assert "practice dilemma" in library
    assert "Teruggeven" in page and "Weeg af." in page


def test_it_rewords_an_option_with_answers_and_keeps_its_count(client_for, code, dilemma):
    answered(dilemma, 2)
    kept = dilemma.options.get(position=2).pk

    response = client_for("editor").post(
        edit_url(dilemma), edit_data(dilemma, code, option_2="Ik geef hem terug")
    )

    assert response.status_code == 302
    option = DilemmaOption.objects.get(pk=kept)
    assert option.text == "Ik geef hem terug" and option.tallies.get().count == 3
    dilemma.refresh_from_db()
    assert dilemma.revision == 2 and dilemma.history.count() == 2


def test_it_refuses_to_remove_an_option_with_answers(en, code, dilemma):
    answered(dilemma, 2)
    before = options_of(dilemma)

    response = en("editor").post(edit_url(dilemma), edit_data(dilemma, code, option_2=""))

    assert response.status_code == 200
    assert "you cannot remove it" in text_of(response)
    assert options_of(dilemma) == before
    dilemma.refresh_from_db()
    assert dilemma.revision == 1


def test_an_option_chosen_in_a_live_session_cannot_be_removed_either(en, code, dilemma):
    live = LiveSession.objects.create(
        title="Teamoverleg", join_code="ABC123", expires_at=timezone.now()
    )
    on_screen = LiveDilemma.objects.create(live=live, case=dilemma)
    phone = LiveParticipant.objects.create(live=live, token="t" * 32)
    LiveAnswer.objects.create(
        dilemma=on_screen, participant=phone, option=dilemma.options.get(position=3)
    )

    response = en("editor").post(edit_url(dilemma), edit_data(dilemma, code, option_3=""))

    assert "you cannot remove it" in text_of(response)
    assert len(options_of(dilemma)) == 3


def test_it_refuses_to_move_an_option_with_answers(en, code, dilemma):
    answered(dilemma, 1)
    before = options_of(dilemma)

    response = en("editor").post(
        edit_url(dilemma), edit_data(dilemma, code, option_1="Teruggeven", option_2="Houden")
    )

    assert "cannot change places" in text_of(response)
    assert options_of(dilemma) == before


def test_it_removes_and_adds_options_without_answers(client_for, code, dilemma):
    answered(dilemma, 1)

    client_for("editor").post(
        edit_url(dilemma), edit_data(dilemma, code, option_3="", option_4="Overleggen")
    )

    assert options_of(dilemma) == [(1, "Houden"), (2, "Teruggeven"), (4, "Overleggen")]


def test_it_refuses_an_edit_over_a_newer_revision(en, code, dilemma):
    data = edit_data(dilemma, code, option_1="Anders")
    Case.objects.filter(pk=dilemma.pk).update(revision=2)

    response = en("editor").post(edit_url(dilemma), data)

    assert response.status_code == 409
    assert options_of(dilemma)[0] == (1, "Houden")


def test_a_removal_refused_at_save_writes_nothing(en, code, dilemma, monkeypatch):
    """An answer that arrives after the form was checked: the service refuses, clearly."""
    from reflection.forms import cases as case_forms

    data = edit_data(dilemma, code, option_3="")
    original = case_forms.CaseForm.clean

    def clean_then_answer(form):
        cleaned = original(form)
        answered(dilemma, 3, count=1)
        return cleaned

    monkeypatch.setattr(case_forms.CaseForm, "clean", clean_then_answer)
    response = en("editor").post(edit_url(dilemma), data)

    assert response.status_code == 200
    assert "nothing was saved" in text_of(response)
    assert len(options_of(dilemma)) == 3
    dilemma.refresh_from_db()
    assert dilemma.revision == 1


def test_it_refuses_two_courses_of_action_that_are_the_same(en, code):
    response = en("editor").post(
        CREATE, post_data(code, option_1="Ik ga en meld het", option_3="ik ga en  meld het")
    )

    assert response.status_code == 200
    assert "Two courses of action are the same" in text_of(response)
    assert not Case.objects.exists() and not DilemmaOption.objects.exists()


def test_a_practice_dilemma_needs_a_reflection(en, code):
    response = en("editor").post(CREATE, post_data(code, reflection="  "))

    assert response.status_code == 200
    assert "needs a reflection" in text_of(response)
    assert not Case.objects.exists()


def test_a_case_that_is_not_for_practice_needs_no_reflection(client_for, code):
    client_for("editor").post(
        CREATE, post_data(code, practice=None, option_1="", option_2="", reflection="")
    )

    assert Case.objects.get().reflection == ""


def test_an_option_over_300_characters_gets_an_error_not_a_cut(en, code):
    response = en("editor").post(CREATE, post_data(code, option_2="x" * 301))

    assert response.status_code == 200
    assert "at most 300 characters" in text_of(response)
    assert not Case.objects.exists() and not DilemmaOption.objects.exists()
    assert 'maxlength="300"' in response.content.decode()


def test_the_demo_dilemmas_all_have_a_reflection():
    from codeapp.demo.practice import DILEMMAS

    assert DILEMMAS and all(d["reflection"].strip() for d in DILEMMAS)


def test_the_library_filters_on_practice_dilemmas_only(en, code, editor, dilemma):
    Case.objects.create(title="Een gewone casus", situation="…", created_by=editor)
    library = reverse("reflection:cases")

    everything = en("editor").get(library)
    practice_only = en("editor").get(library, {"practice": "on"})

    assert {c.title for c in everything.context["page"].object_list} == {
        "Een fles wijn", "Een gewone casus",
    }  # fmt: skip
    assert [c.title for c in practice_only.context["page"].object_list] == ["Een fles wijn"]
    assert "Practice dilemmas only" in text_of(practice_only)
    assert "Show all cases" in text_of(practice_only)
