"""A norm's legal basis may name a law by its identifier on wetten.overheid.nl: the form reads
"Ambtenarenwet 2017 (BWBR0001905, art. 4)" as a reference and shows it back the same way."""

import pytest

from norms.legal_basis import as_line, as_text, from_line, law_url
from norms.models import Norm
from tests.helpers.norm_pages import edit_data, url

pytestmark = pytest.mark.django_db

LAW = {"label": "Ambtenarenwet 2017", "bwb": "BWBR0001905", "article": "4"}


def test_an_editor_writes_a_reference_on_a_line_and_gets_it_back(client_for, code):
    norm = code["gifts"]
    lines = "art. 363 Sr\nAmbtenarenwet 2017 (BWBR0001905, art. 4)\nAwb (BWBR0005537)"

    response = client_for("editor").post(url("edit"), edit_data(norm, legal_basis=lines))

    assert response.status_code == 302
    norm = Norm.objects.get(pk=norm.pk)
    assert norm.legal_basis == [
        "art. 363 Sr", LAW, {"label": "Awb", "bwb": "BWBR0005537", "article": None}
    ]  # fmt: skip
    form = client_for("editor").get(url("edit")).context["form"]
    assert form["legal_basis"].value() == lines


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Ambtenarenwet 2017 (BWBR0001905, art. 4)", LAW),
        ("Awb (BWBR0005537, art. 3:2)",
         {"label": "Awb", "bwb": "BWBR0005537", "article": "3:2"}),
        ("Wet (BWBR123, art. 4)", "Wet (BWBR123, art. 4)"),  # not an identifier: text
        ("Wet (BWBR0001905, art. vier)", "Wet (BWBR0001905, art. vier)"),
        ("art. 4 Ambtenarenwet 2017", "art. 4 Ambtenarenwet 2017"),
    ],
)  # fmt: skip
def test_a_line_becomes_a_reference_only_when_it_names_a_law(line, expected):
    assert from_line(line) == expected
    assert as_line(expected) == line


def test_links_go_to_the_law_and_its_article():
    assert law_url("BWBR0001905") == "https://wetten.overheid.nl/BWBR0001905/"
    assert (
        law_url("BWBR0001905", "4") == "https://wetten.overheid.nl/jci1.3:c:BWBR0001905&artikel=4"
    )
    assert as_text(LAW) == "Ambtenarenwet 2017, art. 4"
