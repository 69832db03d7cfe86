"""The establishment log: steps added after publication, append-only, on a chain of their own
hung on the version's seal; shown on the reading page and in the PDF; checked by
verify_versions."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from codeapp.establishment.chain import LogError, logs_verify
from codeapp.establishment.models import EstablishmentEntry
from codeapp.establishment.services import establishment_steps_record
from codeapp.models import CodeVersion
from codeapp.versions.chain import versions_verify
from codeapp.versions.documents import seal
from codeapp.versions.services import version_publish
from tests.helpers import days, publish, text_of
from tests.helpers.documents import set_immutability_triggers, snapshot

pytestmark = pytest.mark.django_db

ADD = reverse("codeapp:version-establishment", args=[1])
PAGE = reverse("codeapp:version", args=[1])
PUBLICATION = {
    "publication_gazette": "Gemeenteblad",
    "publication_date": "2026-03-12",
    "publication_reference": "gmb-2026-123456",
    "publication_url": "https://zoek.officielebekendmakingen.nl/gmb-2026-123456.html",
}
LAW = {"label": "Ambtenarenwet 2017", "bwb": "BWBR0001905", "article": "4"}


@pytest.fixture
def version(code, officer) -> CodeVersion:
    """Version 1, sealed with the decision; in force in the future, so not yet in force."""
    return version_publish(
        user=officer,
        effective_from=days(30),
        established_by="College van B&W",
        change_summary="",
        establishment={
            "decision": {"body": "College van B&W", "date": "2026-03-10", "reference": "2026/1"}
        },
    )


def log(version: CodeVersion, officer, **record) -> list[EstablishmentEntry]:
    return establishment_steps_record(version=version, record=record, user=officer)


def test_an_officer_adds_the_publication_after_publishing(client_for, version):
    response = client_for("officer").post(ADD, PUBLICATION)

    assert response.status_code == 302
    assert response["Location"] == PAGE + "#established"
    entry = EstablishmentEntry.objects.get()
    assert entry.step == "publication"
    assert entry.fields == {
        "gazette": "Gemeenteblad", "date": "2026-03-12", "reference": "gmb-2026-123456",
        "url": "https://zoek.officielebekendmakingen.nl/gmb-2026-123456.html",
    }  # fmt: skip
    assert entry.previous_sha256 == version.sha256
    assert entry.sha256 == entry.compute_seal(1)
    # The version and its seal are as they were.
    stored = CodeVersion.objects.get()
    assert stored.sha256 == version.sha256 == seal(stored.document)
    assert "publication" not in stored.document["version"]["establishment"] or (
        stored.document["version"]["establishment"]["publication"] is None
    )
    assert versions_verify() == 1 and logs_verify() == 1


def test_entries_chain_onto_each_other(version, officer):
    first = log(version, officer, works_council={"date": "2026-03-01", "reference": "OR-1"})[0]
    second, third = log(version, officer, legal_basis=[LAW, {**LAW, "article": "8"}])

    assert first.previous_sha256 == version.sha256
    assert second.previous_sha256 == first.sha256
    assert third.previous_sha256 == second.sha256
    assert logs_verify() == 3
    out = call_command_output("verify_versions")
    assert "3 establishment log entries intact" in out


def call_command_output(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_a_step_already_sealed_or_logged_is_not_recorded_again(client_for, version, officer):
    log(version, officer, legal_basis=[LAW])
    before = snapshot()
    client = client_for("officer")

    # The decision was sealed: the form does not offer it; posted anyway, it is ignored.
    page = client.get(ADD)
    assert "decision_body" not in page.context["form"].fields
    repeat = client.post(ADD, {"legal_basis": "Ambtenarenwet 2017 (BWBR0001905, art. 4)"})

    assert repeat.status_code == 200
    assert "staan al in de vastlegging" in text_of(repeat)
    assert snapshot() == before and EstablishmentEntry.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"publication_gazette": "Gemeenteblad", "publication_date": "2026-02-30",
         "publication_reference": "x"},
        {**PUBLICATION, "publication_url": "ftp://x.nl/y"},
        {"legal_basis": "Grondwet"},
    ],
)  # fmt: skip
def test_bad_input_rerenders_the_form_and_adds_nothing(data, client_for, version):
    response = client_for("officer").post(ADD, data)

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not EstablishmentEntry.objects.exists()


def test_an_unknown_version_is_404(client_for, version):
    url = reverse("codeapp:version-establishment", args=[9])
    assert client_for("officer").get(url).status_code == 404
    assert client_for("officer").post(url, PUBLICATION).status_code == 404


@pytest.mark.parametrize("persona", ["employee", "editor", "manager"])
def test_only_those_who_may_publish_may_add(persona, client_for, version):
    assert client_for(persona).post(ADD, PUBLICATION).status_code == 403
    assert not EstablishmentEntry.objects.exists()


def test_anonymous_is_sent_to_sign_in(client_for, version):
    response = client_for("anonymous").post(ADD, PUBLICATION)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not EstablishmentEntry.objects.exists()


# --- append-only, and tampering detected ---------------------------------------------------------


def test_an_entry_cannot_be_changed_or_deleted(version, officer):
    entry = log(version, officer, legal_basis=[LAW])[0]

    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        EstablishmentEntry.objects.update(step="decision")
    with pytest.raises(PermissionError):
        EstablishmentEntry.objects.all().delete()
    # Nor behind the application's back: the database refuses too.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE codeapp_establishmententry SET step = 'decision'")


def tamper(sql: str, *params) -> None:
    set_immutability_triggers(False)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    set_immutability_triggers(True)


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("""UPDATE codeapp_establishmententry SET fields = '{"label": "Ambtenarenwet 2017",
            "bwb": "BWBR0001905", "article": "5"}' WHERE id = %s""",
         "entry 2: the seal does not match"),
        ("UPDATE codeapp_establishmententry SET recorded_at = recorded_at - interval '1 day' "
         "WHERE id = %s", "entry 2: the seal does not match"),
        ("DELETE FROM codeapp_establishmententry WHERE id = %s - 1",
         "entry 1: the link to the seal before it is broken"),
    ],
)  # fmt: skip
def test_verify_versions_names_the_first_bad_entry(sql, message, version, officer):
    log(version, officer, works_council={"date": "2026-03-01", "reference": "OR-1"})
    second = log(version, officer, legal_basis=[LAW])[0]
    log(version, officer, legal_basis=[{**LAW, "article": "8"}])

    tamper(sql, second.pk)

    with pytest.raises(LogError, match=message):
        logs_verify()
    with pytest.raises(CommandError, match=f"Version 1 fails verification: .*{message}"):
        call_command("verify_versions")


# --- shown --------------------------------------------------------------------------------------


def test_the_reading_page_shows_sealed_and_logged_steps(
    en_client_for, client_for, version, officer
):
    reader = en_client_for("anonymous")
    before = text_of(reader.get(PAGE))
    assert 'id="established"' in before and "2026/1" in before
    assert "Gemeenteblad" not in before

    laws = "Ambtenarenwet 2017 (BWBR0001905, art. 4)"
    client_for("officer").post(ADD, {**PUBLICATION, "legal_basis": laws})

    # The page readers had kept is not given again: the step shows at once.
    page = reader.get(PAGE)
    html = page.content.decode()
    assert "Gemeenteblad" in html and "gmb-2026-123456" in html
    assert 'href="https://zoek.officielebekendmakingen.nl/gmb-2026-123456.html"' in html
    assert 'href="https://wetten.overheid.nl/jci1.3:c:BWBR0001905&amp;artikel=4"' in html
    assert "sealed with the version" in html and "(establishment log)" in html
    # Nothing about who recorded it.
    assert officer.username not in html


def test_the_dutch_reading_page_says_vastgesteld(client_for, version):
    html = client_for("anonymous").get(PAGE).content.decode()
    assert '<h2 class="h4" id="established-heading">Vastgesteld</h2>' in html
    assert "verzegeld met de versie" in html


def test_a_page_with_a_log_stays_within_the_query_bound(client_for, version, officer):
    from tests.helpers import MAX_QUERIES, queries_for

    log(version, officer, legal_basis=[LAW])
    few = queries_for(client_for("employee"), PAGE)
    log(version, officer, **{"works_council": {"date": "2026-03-01", "reference": "OR-1"}})
    log(version, officer, legal_basis=[{**LAW, "article": str(n)} for n in range(5, 25)])
    many = queries_for(client_for("employee"), PAGE)
    assert many == few <= MAX_QUERIES + 1


def test_the_pdf_shows_the_record(client_for, version, officer, monkeypatch):
    from codeapp.reading import pdf as printing

    drawn = []
    monkeypatch.setattr(printing, "pdf_from_html", lambda html, **kw: drawn.append(html) or b"%PDF")
    publication = {"gazette": "Gemeenteblad", "date": "2026-03-12", "reference": "gmb-1",
                   "url": None}  # fmt: skip
    log(version, officer, publication=publication)

    assert client_for("anonymous").get(reverse("codeapp:version-pdf", args=[1])).status_code == 200
    assert "Gemeenteblad" in drawn[0] and "2026/1" in drawn[0]
    assert "toegevoegd op" in drawn[0]  # in the code's language (Dutch)


def test_a_version_published_without_a_record_shows_no_section_to_readers(
    client_for, code, officer
):
    publish(officer, "2025-01-01")
    html = client_for("anonymous").get(PAGE).content.decode()
    assert 'id="established"' not in html
    officer_html = client_for("officer").get(PAGE).content.decode()
    assert 'id="established"' in officer_html and ADD in officer_html


def test_the_kept_render_holds_the_sealed_steps_and_the_etag_follows_the_log(
    client_for, version, officer
):
    from codeapp.models import VersionPageRender

    heads = VersionPageRender.objects.filter(version=version).values_list("head", flat=True)
    assert all(h["establishment"]["decision"]["reference"] == "2026/1" for h in heads)
    reader = client_for("anonymous")
    before = reader.get(PAGE)["ETag"]

    log(version, officer, legal_basis=[LAW])

    after = reader.get(PAGE, headers={"if-none-match": before})
    assert after.status_code == 200 and after["ETag"] != before
    assert "Ambtenarenwet 2017, art. 4" in after.content.decode()


def test_the_log_page_shows_nothing_of_the_draft(client_for, version, editor, code):
    from core.services import item_update

    gifts = code["gifts"]
    item_update(
        item=gifts, expected_revision=gifts.revision, user=editor,
        changes={"text": "Geheime nieuwe tekst in het concept."},
    )  # fmt: skip

    for url in (ADD, PAGE):
        assert "Geheime nieuwe tekst" not in client_for("officer").get(url).content.decode()


def test_the_log_cannot_fork(version, officer, monkeypatch):
    """Two officers appending at the same moment would both follow the same seal: the database
    lets only one in, and the service tells the other (LogConflict) instead of forking."""
    from django.db import IntegrityError
    from django.utils import timezone

    from codeapp.establishment import services

    first = log(version, officer, legal_basis=[LAW])[0]
    twin = EstablishmentEntry(
        version=version, step="legal_basis", fields={**LAW, "article": "9"}, recorded_by=officer,
        recorded_at=timezone.now(), previous_sha256=first.previous_sha256,
    )  # fmt: skip
    twin.sha256 = twin.compute_seal(1)
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()

    def stale_log(*args, **kwargs):  # as if the other officer's entry came in meanwhile
        raise IntegrityError("establishment_log_one_successor")

    monkeypatch.setattr(EstablishmentEntry, "save", stale_log)
    with pytest.raises(services.LogConflict):
        log(version, officer, legal_basis=[{**LAW, "article": "10"}])
    monkeypatch.undo()
    assert EstablishmentEntry.objects.count() == 1
    assert logs_verify() == 1


def test_a_concurrent_append_answers_409_and_adds_nothing(client_for, version, monkeypatch):
    from codeapp.establishment import services, views

    def conflict(**kwargs):
        raise services.LogConflict()

    monkeypatch.setattr(views, "establishment_steps_record", conflict)
    response = client_for("officer").post(ADD, PUBLICATION)

    assert response.status_code == 409
    assert "Iemand anders voegde" in text_of(response)
    assert not EstablishmentEntry.objects.exists()
