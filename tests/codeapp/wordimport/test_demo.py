"""The demo's code arrives from a Word document, and its history says so."""

import pytest
from django.core.management import call_command

from codeapp.demo import content as demo_data
from codeapp.demo.word import demo_word_file
from codeapp.wordimport.reading import read_document
from core import codes
from norms.models import Example, Norm
from values.models import Value

pytestmark = pytest.mark.django_db

REASON = "Geïmporteerd uit Gedragscode 2019.docx"


def test_the_demo_code_is_brought_in_from_its_word_document():
    call_command("seed_demo", force=True)

    main = codes.main_code()  # the staff code; the council's and the model-based one are not
    for model in (Value, Norm, Example):
        first = model.history.filter(history_type="+", code_id=main.pk)
        assert first.count() == model.objects.count()
        assert set(first.values_list("history_change_reason", flat=True)) == {REASON}
    assert set(first.values_list("history_user__username", flat=True)) == {"editor"}
    norm = demo_data.VALUES[0]["norms"][0]
    assert Norm.objects.get(key=norm["key"]).legal_basis == norm["legal_basis"]


def test_the_demo_word_document_reads_as_a_code():
    read = read_document(demo_word_file(), file_name="Gedragscode 2019.docx", max_bytes=10**7)

    assert [p.text for p in read.paragraphs if p.heading] == [v["name"] for v in demo_data.VALUES]
    assert read.paragraphs[0].title
