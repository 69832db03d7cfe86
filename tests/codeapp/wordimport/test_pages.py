"""The Word import's pages: upload, preview and corrections, landing in an empty draft and
in a draft with items (with its summary and the check that the draft did not change), bad
files, who may, and the queries the preview makes at two sizes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from codeapp.models import CodeProfile
from codeapp.wordimport.models import WordImport
from core.services import item_update
from norms.models import Example, Norm
from tests.helpers import set_profile, text_of
from tests.helpers.word import ENCRYPTED, empty_docx, gedragscode_docx, small_docx, zip_bomb
from values.models import Value

pytestmark = pytest.mark.django_db

UPLOAD = reverse("codeapp:word-upload")


def upload(client, data: bytes, name: str = "Gedragscode 2019.docx"):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)})


def preview_url(made: WordImport) -> str:
    return reverse("codeapp:word-preview", args=[made.pk])


def land_url(made: WordImport) -> str:
    return reverse("codeapp:word-land", args=[made.pk])


def corrections(made: WordImport, **changes) -> dict:
    """The corrections form as posted: every row as it is, with `changes` by row number."""
    data = {"revision": made.revision}
    for row in made.proposal["rows"]:
        data[f"role_{row['n']}"] = row["role"]
        data[f"kind_{row['n']}"] = row["kind"]
    for name, value in changes.items():
        data[name] = value
    return data


def nothing_written() -> bool:
    return not (Value.objects.exists() or Norm.objects.exists() or Example.objects.exists())


def test_it_lands_an_uploaded_document_in_an_empty_draft(client_for, editor):
    client = client_for("editor")

    response = upload(client, gedragscode_docx())

    made = WordImport.objects.get()
    assert response.status_code == 302 and response["Location"] == preview_url(made)
    assert made.uploaded_by == editor and made.file_name == "Gedragscode 2019.docx"
    page = client.get(preview_url(made))
    assert page.status_code == 200
    assert "Je mag geen geschenken aannemen" in text_of(page)
    assert "geraden" in text_of(page)  # every guess is marked
    assert nothing_written()

    landed = client.post(land_url(made))

    assert landed.status_code == 302 and landed["Location"] == reverse("codeapp:draft")
    assert [v.name for v in Value.objects.order_by("position")] == [
        "Integriteit", "Respect", "Nevenwerkzaamheden",
    ]  # fmt: skip
    assert Norm.objects.count() == 8 and Example.objects.count() == 2
    gift = Norm.objects.get(text__startswith="Je mag geen geschenken")
    assert gift.kind == "prohibition" and gift.value.name == "Integriteit"
    assert gift.examples.get().situation.startswith("Een aannemer biedt je")
    profile = CodeProfile.objects.get()
    assert profile.title == "Gedragscode Gemeente Lindewaard"
    assert profile.preamble.startswith("Deze gedragscode geldt voor iedereen")
    # History in the code's language (Dutch), with the file's name.
    assert gift.history.get().history_change_reason == "Geïmporteerd uit Gedragscode 2019.docx"
    assert gift.history.get().history_user == editor
    assert not WordImport.objects.exists()  # forgotten once landed


def test_corrections_change_what_lands(client_for):
    client = client_for("editor")
    upload(client, gedragscode_docx())
    made = WordImport.objects.get()
    rows = {r["text"][:15]: r["n"] for r in made.proposal["rows"]}
    changes = {
        f"role_{rows['Je meldt een ge']}": "example",  # a norm becomes an example
        f"role_{rows['Bestuursfunctie']}": "merged",  # joined with the row before
        f"role_{rows['Wij streven naa']}": "description",  # the value's description
        f"kind_{rows['Je gaat zorgvul']}": "obligation",  # another kind
        f"role_{rows['Je behandelt ie']}": "skipped",
        f"role_{rows['Deze gedragscod']}": "value",  # a paragraph becomes a heading
    }

    response = client.post(preview_url(made), corrections(made, **changes))

    assert response.status_code == 302
    made.refresh_from_db()
    assert made.revision == 1
    page = client.get(preview_url(made))
    assert "Je correcties staan in het voorstel" in text_of(page)
    client.post(land_url(made))
    assert [v.name[:20] for v in Value.objects.order_by("position")] == [
        "Deze gedragscode gel", "Integriteit", "Respect", "Nevenwerkzaamheden",
    ]  # fmt: skip
    assert CodeProfile.objects.get().preamble == ""
    assert Value.objects.get(name="Nevenwerkzaamheden").description.startswith("Wij streven")
    assert Norm.objects.get(text__startswith="Je gaat zorgvuldig").kind == "obligation"
    assert not Norm.objects.filter(text__startswith="Je behandelt").exists()
    assert Example.objects.filter(situation__startswith="Je meldt een geschenk").exists()
    assert Norm.objects.get(text__startswith="Betaalde").text.endswith(
        "leidinggevende.\n\nBestuursfunctie — Je meldt het binnen een maand."
    )


def test_a_correction_from_an_older_window_is_not_saved_silently(client_for):
    client = client_for("editor")
    upload(client, gedragscode_docx())
    made = WordImport.objects.get()
    stale = corrections(made, role_3="skipped")
    client.post(preview_url(made), corrections(made, role_4="skipped"))

    response = client.post(preview_url(made), stale, follow=True)

    assert "in een ander venster" in text_of(response)
    made.refresh_from_db()
    assert made.proposal["rows"][3]["role"] == "norm"
    assert made.proposal["rows"][4]["role"] == "skipped"


def test_a_draft_with_items_gets_the_summary_first_then_lands_on_confirmation(
    client_for, code, editor
):
    client = client_for("editor")
    upload(client, gedragscode_docx())
    made = WordImport.objects.get()

    summary = client.post(land_url(made))

    assert summary.status_code == 200
    page = text_of(summary)
    assert "Onderdelen: 13 nieuw, 0 gewijzigd, 7 ingetrokken." in page.replace("&nbsp;", " ")
    assert Value.objects.active().count() == 2  # nothing written yet
    fingerprint = summary.context["form"]["fingerprint"].value()

    landed = client.post(land_url(made), {"fingerprint": fingerprint})

    assert landed.status_code == 302
    assert set(Value.objects.active().values_list("name", flat=True)) == {
        "Integriteit", "Respect", "Nevenwerkzaamheden",
    }  # fmt: skip
    assert Value.objects.get(key="eerlijkheid").retired
    retired = Value.objects.get(key="eerlijkheid").history.first()
    assert retired.history_change_reason == "Geïmporteerd uit Gedragscode 2019.docx"


def test_it_says_so_when_the_draft_changed_between_summary_and_confirmation(
    client_for, code, editor
):
    client = client_for("editor")
    upload(client, gedragscode_docx())
    made = WordImport.objects.get()
    fingerprint = client.get(land_url(made)).context["form"]["fingerprint"].value()
    gifts = code["gifts"]
    item_update(item=gifts, expected_revision=gifts.revision, changes={"text": "Anders."},
                user=editor)  # fmt: skip

    response = client.post(land_url(made), {"fingerprint": fingerprint})

    assert response.status_code == 409
    assert "Iemand heeft het concept veranderd" in text_of(response)
    assert response.context["form"]["fingerprint"].value() != fingerprint  # the new summary
    assert not Value.objects.get(key="eerlijkheid").retired  # nothing written
    assert WordImport.objects.exists()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"PK\x03\x04 broken", "code.docx", "beschadigd"),
        (ENCRYPTED, "code.docx", "wachtwoord"),
        (b"%PDF-1.7 not word", "code.docx", "geen Word-document"),
        (empty_docx(), "code.docx", "geen tekst"),
        (gedragscode_docx(), "code.pdf", "Kies een .docx- of .odt-bestand"),
        (zip_bomb(2_000_000), "code.docx", "pakt uit tot"),
        (b"x" * 200_001, "code.docx", "mag maximaal"),
    ],
    ids=["broken-zip", "encrypted", "renamed", "no-paragraphs", "extension", "zip-bomb", "large"],
)
def test_a_bad_file_gets_a_clear_message_and_writes_nothing(
    client_for, settings, data, name, message
):
    settings.WORD_IMPORT_MAX_BYTES = 200_000

    response = upload(client_for("editor"), data, name)

    assert response.status_code == 400
    assert message in text_of(response)
    assert not WordImport.objects.exists()
    assert nothing_written()


@pytest.mark.parametrize("persona", ["anonymous", "employee", "manager", "officer"])
def test_only_editors_may_bring_a_document_in(client_for, editor, persona):
    made = WordImport.objects.create(
        file_name="x.docx", uploaded_by=editor,
        proposal={"title": "x", "rows": [
            {"n": 0, "text": "Eerlijkheid", "style": "", "source": "heading", "role": "value",
             "role_guessed": True, "kind": "aspiration", "kind_guessed": True}]},
    )  # fmt: skip
    client = client_for(persona)

    responses = [
        upload(client, gedragscode_docx()),
        client.post(preview_url(made), corrections(made, role_0="skipped")),
        client.post(land_url(made)),
    ]

    expected = 302 if persona == "anonymous" else 403
    assert [r.status_code for r in responses] == [expected] * 3
    assert WordImport.objects.count() == 1 and nothing_written()
    made.refresh_from_db()
    assert made.revision == 0


def test_another_editors_upload_is_not_found(client_for, editor2):
    upload(client_for("editor"), gedragscode_docx())
    made = WordImport.objects.get()
    client = client_for("editor")
    client.force_login(editor2)

    assert client.get(preview_url(made)).status_code == 404
    assert client.post(land_url(made)).status_code == 404
    assert nothing_written()


def test_an_upload_nobody_landed_is_taken_away_after_a_day(client_for, editor):
    old = WordImport.objects.create(
        file_name="old.docx", uploaded_by=editor, proposal={"title": "", "rows": []},
        uploaded_at=timezone.now() - datetime.timedelta(days=2),
    )  # fmt: skip

    upload(client_for("editor"), gedragscode_docx())

    assert not WordImport.objects.filter(pk=old.pk).exists()
    assert WordImport.objects.count() == 1


def test_the_preview_and_summary_make_as_many_queries_at_any_size(client_for, code):
    client = client_for("editor")
    counts = []
    for paragraphs in (5, 200):
        lines = [("Eerlijkheid", "Heading 1")]
        lines += [(f"Je meldt geschenk {i}.", "List Number") for i in range(paragraphs)]
        upload(client, small_docx(*lines))
        made = WordImport.objects.latest("pk")
        client.get(preview_url(made))
        with CaptureQueriesContext(connection) as preview:
            assert client.get(preview_url(made)).status_code == 200
        with CaptureQueriesContext(connection) as summary:
            assert client.get(land_url(made)).status_code == 200
        counts.append((len(preview), len(summary)))

    assert counts[0] == counts[1]
    assert counts[0][0] <= 12 and counts[0][1] <= 24, counts


def test_a_long_document_is_corrected_a_page_of_paragraphs_at_a_time(client_for):
    client = client_for("editor")
    lines = [("Eerlijkheid", "Heading 1")]
    lines += [(f"Je meldt geschenk {i}.", "List Number") for i in range(449)]
    upload(client, small_docx(*lines))
    made = WordImport.objects.get()

    first = client.get(preview_url(made))
    second_url = preview_url(made) + "?page=2"
    second = client.get(second_url)

    assert 'name="role_199"' in text_of(first) and 'name="role_200"' not in text_of(first)
    assert 'name="role_200"' in text_of(second) and 'name="role_399"' in text_of(second)
    data = {"revision": 0}
    for n in range(200, 400):
        data[f"role_{n}"], data[f"kind_{n}"] = "norm", "obligation"
    data["role_250"] = "skipped"
    response = client.post(second_url, data)
    assert response.status_code == 302 and response["Location"] == second_url + "#proposal"
    made.refresh_from_db()
    assert made.proposal["rows"][250]["role"] == "skipped"
    assert made.proposal["rows"][10]["role"] == "norm" and made.revision == 1


def test_a_file_larger_than_the_request_limit_for_forms_still_gets_its_message(
    client_for, settings
):
    # DJANGO_MAX_REQUEST_BYTES (2 MB) limits form fields, not uploaded files.
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE < 3_000_000 < settings.WORD_IMPORT_MAX_BYTES

    response = upload(client_for("editor"), b"PK\x03\x04" + b"\0" * 3_000_000)

    assert response.status_code == 400
    assert "beschadigd" in text_of(response)
    assert nothing_written()


def test_an_english_code_gets_its_history_reason_in_english(client_for, editor):
    set_profile(editor, language="en")
    client = client_for("editor")
    upload(client, gedragscode_docx(), "Code of conduct.docx")

    client.post(land_url(WordImport.objects.get()))

    value = Value.objects.get(name="Respect")
    assert value.history.get().history_change_reason == "Imported from Code of conduct.docx"
    assert CodeProfile.objects.get().language == "en"


def test_a_landing_that_fails_half_way_writes_nothing(client_for, monkeypatch):
    from codeapp.versions import importing  # noqa: PLC0415 — the module whose step fails

    made_items = []
    real_create = importing.item_create

    def failing_create(**kwargs):
        if len(made_items) == 5:
            raise ValidationError({"key": "Taken at this very moment."})
        made_items.append(kwargs["item"])
        return real_create(**kwargs)

    monkeypatch.setattr(importing, "item_create", failing_create)
    client = client_for("editor")
    upload(client, gedragscode_docx())
    made = WordImport.objects.get()

    response = client.post(land_url(made))

    assert response.status_code == 400
    assert "Taken at this very moment." in text_of(response)
    assert len(made_items) == 5 and nothing_written()
    assert not CodeProfile.objects.filter(title="Gedragscode Gemeente Lindewaard").exists()
    assert WordImport.objects.filter(pk=made.pk).exists()  # try again after correcting


def test_nonsense_in_the_corrections_form_changes_nothing(client_for):
    client = client_for("editor")
    upload(client, gedragscode_docx())
    made = WordImport.objects.get()

    bad_role = client.post(preview_url(made), corrections(made, role_2="delete-everything"))
    no_revision = client.post(preview_url(made), {"role_2": "skipped"})
    odd_page = client.get(preview_url(made) + "?page=nonsense")

    assert bad_role.status_code == no_revision.status_code == 400
    assert odd_page.status_code == 200
    made.refresh_from_db()
    assert made.revision == 0 and made.proposal["rows"][2]["role"] == "value"
