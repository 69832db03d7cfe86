"""The proposed structure of a document, every correction an editor can make, and the
exchange document the corrected proposal becomes."""

import pytest
from django.utils import translation

from codeapp.versions.documents import validate
from codeapp.wordimport.reading import read_document
from codeapp.wordimport.structure import correct, document, propose, tree
from tests.helpers.word import LIBREOFFICE_GIR, gedragscode_docx, gedragscode_odt


@pytest.fixture(autouse=True)
def _english():
    """The messages in English (the tests of the pages read them in Dutch)."""
    with translation.override("en"):
        yield


def proposal_of(data: bytes, name: str = "Gedragscode 2019.docx") -> dict:
    return propose(read_document(data, file_name=name, max_bytes=10_000_000))


def row_with(proposal: dict, start: str) -> dict:
    return next(r for r in proposal["rows"] if r["text"].startswith(start))


def outline(code: dict) -> list:
    return [
        (v["name"], [(n["text"][:25], n["kind"], len(n["examples"])) for n in v["norms"]])
        for v in code["values"]
    ]


def test_it_proposes_values_norms_examples_preamble_and_title():
    code, problems = tree(proposal_of(gedragscode_docx()))

    assert problems == []
    assert code["title"] == "Gedragscode Gemeente Lindewaard"
    assert code["preamble"].startswith("Deze gedragscode geldt voor iedereen")
    assert outline(code) == [
        ("Integriteit", [
            ("Je gaat zorgvuldig om met", "aspiration", 0),
            ("Je mag geen geschenken aa", "prohibition", 1),
            ("Je meldt een geschenk bin", "obligation", 0),
        ]),
        ("Respect", [
            ("Je behandelt iedereen met", "aspiration", 0),
            ("Pesten en intimidatie zij", "prohibition", 1),  # the example by its style
        ]),
        ("Nevenwerkzaamheden", [
            ("Wij streven naar openheid", "aspiration", 0),
            ("Betaalde nevenfunctie — J", "obligation", 0),  # table rows
            ("Bestuursfunctie — Je meld", "obligation", 0),
        ]),
    ]  # fmt: skip
    example = code["values"][0]["norms"][1]["examples"][0]
    assert example["situation"] == (
        "Een aannemer biedt je na afloop van een project een fles wijn aan."
    )


def test_every_role_and_kind_is_a_guess_until_the_editor_sets_it():
    proposal = proposal_of(gedragscode_docx())
    assert all(r["role_guessed"] and r["kind_guessed"] for r in proposal["rows"])
    norm = row_with(proposal, "Wij streven")

    corrected = correct(proposal, {norm["n"]: {"role": "norm", "kind": "aspiration"}})
    code, _ = tree(corrected)

    row = row_with(corrected, "Wij streven")
    assert row["role_guessed"] and row["kind_guessed"]  # unchanged: still the guess
    corrected = correct(proposal, {norm["n"]: {"role": "norm", "kind": "obligation"}})
    assert not row_with(corrected, "Wij streven")["kind_guessed"]
    code, _ = tree(corrected)
    assert code["values"][2]["norms"][0]["kind"] == "obligation"
    assert not code["values"][2]["norms"][0]["kind_guessed"]


def test_a_norm_becomes_an_example_and_back():
    proposal = proposal_of(gedragscode_docx())
    n = row_with(proposal, "Je meldt een geschenk")["n"]

    as_example = correct(proposal, {n: {"role": "example"}})
    code, _ = tree(as_example)
    assert len(code["values"][0]["norms"]) == 2
    assert [e["situation"][:20] for e in code["values"][0]["norms"][1]["examples"]] == [
        "Een aannemer biedt j", "Je meldt een geschen",
    ]  # fmt: skip

    back, _ = tree(correct(as_example, {n: {"role": "norm"}}))
    assert len(back["values"][0]["norms"]) == 3


def test_a_paragraph_merges_with_the_one_before():
    proposal = proposal_of(gedragscode_docx())
    n = row_with(proposal, "Bestuursfunctie")["n"]

    code, problems = tree(correct(proposal, {n: {"role": "merged"}}))

    assert problems == []
    norms = code["values"][2]["norms"]
    assert len(norms) == 2
    assert norms[1]["text"] == (
        "Betaalde nevenfunctie — Je moet het vooraf melden bij je leidinggevende.\n\n"
        "Bestuursfunctie — Je meldt het binnen een maand."
    )


def test_a_paragraph_is_skipped():
    proposal = proposal_of(gedragscode_docx())
    n = row_with(proposal, "Wij streven")["n"]

    code, _ = tree(correct(proposal, {n: {"role": "skipped"}}))

    assert [norm["text"][:12] for norm in code["values"][2]["norms"]] == [
        "Betaalde nev", "Bestuursfunc",
    ]  # fmt: skip


def test_a_paragraph_becomes_a_value_heading():
    proposal = proposal_of(gedragscode_docx())
    n = row_with(proposal, "Betaalde nevenfunctie")["n"]

    code, _ = tree(correct(proposal, {n: {"role": "value"}}))

    assert [v["name"][:21] for v in code["values"]] == [
        "Integriteit", "Respect", "Nevenwerkzaamheden", "Betaalde nevenfunctie",
    ]  # fmt: skip
    assert len(code["values"][3]["norms"]) == 1
    assert not code["values"][3]["guessed"]


def test_it_says_what_stands_in_the_way():
    proposal = proposal_of(gedragscode_docx())
    first_norm = row_with(proposal, "Je gaat zorgvuldig")["n"]
    heading = row_with(proposal, "Integriteit")["n"]

    _code, problems = tree(
        correct(proposal, {heading: {"role": "skipped"}, first_norm: {"role": "example"}})
    )

    assert any("Paragraph 4 is an example, but there is no norm" in p for p in problems)
    _code, problems = tree(correct(proposal, {0: {"role": "merged"}}))
    assert any("no paragraph before it" in p for p in problems)


def test_the_corrected_proposal_becomes_a_valid_exchange_document():
    code, _ = tree(proposal_of(gedragscode_docx()))

    doc = document(code, language="nl", taken={"integriteit": "norm"})

    validate(doc)
    # A key registered for another kind of item is never reused.
    assert doc["values"][0]["key"] == "integriteit-2"
    assert doc["values"][1]["key"] == "respect"
    norm_key = doc["values"][0]["norms"][0]["key"]
    assert norm_key == "je-gaat-zorgvuldig-om-met-vertrouwelijke-informatie"


def test_an_odt_and_a_libreoffice_docx_make_codes_too():
    code, problems = tree(proposal_of(gedragscode_odt(), "hunze.odt"))
    assert problems == []
    assert outline(code)[0] == (
        "Betrouwbaarheid",
        [("Je moet je afspraken nako", "obligation", 0),
         ("Het is verboden om bedrij", "prohibition", 0),
         ("Je gaat zuinig om met het", "aspiration", 0),
         ("Je meldt een geschenk bin", "obligation", 1)],
    )  # fmt: skip

    gir, problems = tree(proposal_of(LIBREOFFICE_GIR.read_bytes()))
    assert problems == []
    assert gir["title"] == "Gedragscode Integriteit Rijk"
    assert [v["name"] for v in gir["values"]] == [
        "Integer handelen", "Omgaan met informatie", "Geschenken en uitnodigingen",
        "Nevenwerkzaamheden",
    ]  # fmt: skip
    # The value's opening line is a norm too (an editor makes it a description), the
    # example joins the norm just before it, and the table's rows are norms.
    gifts = gir["values"][2]["norms"]
    assert [n["kind"] for n in gifts] == [
        "aspiration", "prohibition", "aspiration", "obligation", "prohibition",
    ]  # fmt: skip
    assert gifts[2]["examples"][0]["situation"].startswith("Een leverancier stuurt je")
