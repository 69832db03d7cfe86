"""Editorial versions (spelling, links): sealed as such, and nobody is asked to confirm again."""

import json

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from codeapp.models import CodeVersion, Confirmation
from codeapp.versions.chain import versions_verify
from codeapp.versions.documents import DocumentError, seal, validate
from codeapp.versions.services import version_publish
from core.services import item_update
from tests.helpers import days, english, publish, signed_in, text_of
from tests.helpers.documents import import_code, load, wipe_everything

pytestmark = pytest.mark.django_db


def publish_editorial(officer, on=None):
    return version_publish(
        user=officer,
        effective_from=on or days(0),
        established_by="College van B&W",
        change_summary="Spelling.",
        editorial=True,
        retroactive=True,
        retroactive_reason="Besluit met terugwerkende kracht.",
    )


def reword(code, editor, text: str = "Je meldt ieder geschenk, ook een klein.") -> None:
    gifts = code["gifts"]
    gifts.refresh_from_db()
    item_update(item=gifts, expected_revision=gifts.revision, changes={"text": text}, user=editor)


def test_it_seals_an_editorial_version_with_the_optional_field(code, titled, editor, officer):
    first = publish(officer, days(-10))
    reword(code, editor)
    second = publish_editorial(officer)

    assert second.editorial is True
    assert second.document["version"]["editorial"] is True
    assert seal(second.document) == second.sha256
    # A version that is not editorial leaves the field out (its seal is as before).
    assert "editorial" not in first.document["version"]
    assert first.editorial is None
    assert versions_verify() == 2
    call_command("verify_versions")


def test_it_refuses_an_editorial_first_version(code, titled, officer):
    with pytest.raises(ValidationError) as error:
        publish_editorial(officer)

    assert "editorial" in error.value.error_dict
    assert not CodeVersion.objects.exists()


def test_a_confirmation_of_the_version_before_covers_an_editorial_one(
    code, titled, editor, officer, employee
):
    first = publish(officer, days(-10))
    Confirmation.objects.create(user=employee, version=first)
    reword(code, editor)
    second = publish_editorial(officer)

    assert second.confirmation_base() == first.number
    assert Confirmation.objects.covering(second).filter(user=employee).exists()
    # The reading page asks nothing.
    page = text_of(english(signed_in(employee)).get(reverse("codeapp:in-force")))
    assert "I have read this version" not in page
    assert "you do not need to confirm it again" in page
    assert "Editorial change" in page
    since = text_of(english(signed_in(employee)).get(reverse("codeapp:changes-since-confirmed")))
    assert "you do not need to confirm again" in since


def test_a_later_real_change_asks_again(code, titled, editor, officer, employee):
    first = publish(officer, days(-10))
    Confirmation.objects.create(user=employee, version=first)
    reword(code, editor)
    publish_editorial(officer, days(-5))
    reword(code, editor, "Je meldt elk geschenk.")
    third = publish(officer, days(0))

    assert third.confirmation_base() == third.number
    assert not Confirmation.objects.covering(third).filter(user=employee).exists()
    page = text_of(english(signed_in(employee)).get(reverse("codeapp:in-force")))
    assert "I have read this version" in page


def test_the_publish_form_marks_it_and_the_notice_says_so(
    code, titled, editor, officer, employee, client_for, django_capture_on_commit_callbacks
):
    publish(officer, days(-10))
    reword(code, editor)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = english(client_for("officer")).post(
            reverse("codeapp:publish"),
            {
                "effective_from": days(0).isoformat(),
                "established_by": "College van B&W",
                "change_summary": "Spelling.",
                "editorial": "on",
                "expected_latest": "1",
            },
            follow=True,
        )

    version = CodeVersion.objects.get(number=2)
    assert version.editorial is True
    assert "nobody is asked to confirm it again" in text_of(response)
    body = "\n".join(message.body for message in mail.outbox)
    assert "niet opnieuw te bevestigen" in body or "do not need to confirm it again" in body
    listing = text_of(english(client_for("employee")).get(reverse("codeapp:versions")))
    assert "editorial change" in listing


def test_the_exchange_format_accepts_only_true(code, titled, editor, officer):
    publish(officer, days(-10))
    reword(code, editor)
    doc = json.loads(json.dumps(publish_editorial(officer).document))
    validate(doc)
    doc["version"]["editorial"] = False
    with pytest.raises(DocumentError, match=r"\$\.version\.editorial"):
        validate(doc)
    doc["version"]["editorial"] = "yes"
    with pytest.raises(DocumentError, match=r"\$\.version\.editorial"):
        validate(doc)


def test_an_editorial_version_survives_the_restore_round_trip(
    code, titled, editor, officer, tmp_path
):
    publish(officer, "2024-01-01")
    reword(code, editor)
    publish_editorial(officer, days(-1))
    before = {v.number: (v.sha256, v.document, v.editorial) for v in CodeVersion.objects.all()}
    files = []
    for number in (1, 2):
        path = tmp_path / f"v{number}.json"
        call_command("export_code", "--version", str(number), "--output", str(path))
        files.append(path)
    assert load(files[1])["version"]["editorial"] is True
    assert "editorial" not in load(files[0])["version"]
    wipe_everything()

    for path in files:
        import_code(str(path))

    after = {v.number: (v.sha256, v.document, v.editorial) for v in CodeVersion.objects.all()}
    assert after == before
    assert versions_verify() == 2
