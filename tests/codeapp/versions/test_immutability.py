"""A published version cannot be changed or deleted: not by the ORM, SQL, or the admin."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from codeapp.models import CodeProfile, CodeVersion, Confirmation, VersionEntry
from codeapp.reading.confirming import version_confirm
from codeapp.versions.chain import versions_verify
from tests.helpers import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def version(code, officer):
    return publish(officer, "2024-01-01", summary="Eerste versie.")


def stored(version: CodeVersion) -> tuple:
    row = CodeVersion.objects.get(pk=version.pk)
    return (row.number, row.established_by, row.document, row.sha256, row.effective_from)


def test_saving_an_existing_version_is_refused(version):
    before = stored(version)
    version.established_by = "Iemand anders"
    version.document["title"] = "Andere code"
    with pytest.raises(PermissionError):
        version.save()
    with pytest.raises(PermissionError):
        version.save(update_fields=["established_by"])
    assert stored(version) == before
    assert versions_verify() == 1


def test_a_queryset_update_is_refused(version):
    before = stored(version)
    with pytest.raises(PermissionError):
        CodeVersion.objects.filter(pk=version.pk).update(established_by="x")
    with pytest.raises(PermissionError):
        CodeVersion.objects.update(change_summary="x")
    version.established_by = "x"
    # bulk_update() runs in a transaction of its own: a savepoint keeps the test's alive.
    with pytest.raises(PermissionError), transaction.atomic():
        CodeVersion.objects.bulk_update([version], ["established_by"])
    assert stored(version) == before


def test_deleting_is_refused(version):
    with pytest.raises(PermissionError):
        version.delete()
    with pytest.raises(PermissionError):
        CodeVersion.objects.filter(pk=version.pk).delete()
    with pytest.raises(PermissionError):
        CodeVersion.objects.all().delete()
    assert CodeVersion.objects.filter(pk=version.pk).exists()
    assert VersionEntry.objects.filter(version=version).count() == 7


def test_a_fresh_instance_over_an_existing_row_is_refused(version):
    """Saving a new instance with an existing pk would be an UPDATE: the database refuses it."""
    before = stored(version)
    clone = CodeVersion.objects.get(pk=version.pk)
    clone._state.adding = True
    clone.established_by = "Iemand anders"
    with pytest.raises((PermissionError, DatabaseError)), transaction.atomic():
        clone.save()
    assert stored(version) == before


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE codeapp_codeversion SET established_by = 'x' WHERE id = %s",
        "UPDATE codeapp_codeversion SET document = jsonb_set(document, '{title}', '\"x\"') "
        "WHERE id = %s",
        "DELETE FROM codeapp_codeversion WHERE id = %s",
        "UPDATE codeapp_versionentry SET body = 'x' WHERE version_id = %s",
        "DELETE FROM codeapp_versionentry WHERE version_id = %s",
    ],
    ids=["update", "update-document", "delete", "update-entry", "delete-entry"],
)
def test_the_database_refuses_changes_in_sql(version, sql):
    assert connection.vendor == "postgresql"
    before = stored(version)
    entries = list(VersionEntry.objects.filter(version=version).values_list("key", "body"))
    with pytest.raises(DatabaseError, match="cannot be changed or deleted"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(sql, [version.pk])
    assert stored(version) == before
    assert list(VersionEntry.objects.filter(version=version).values_list("key", "body")) == entries


def test_entries_are_refused_through_the_orm_too(version):
    with pytest.raises(DatabaseError), transaction.atomic():
        VersionEntry.objects.filter(version=version).update(body="x")
    with pytest.raises(DatabaseError), transaction.atomic():
        VersionEntry.objects.filter(version=version).delete()
    assert VersionEntry.objects.filter(version=version).exclude(body="x").count() == 7


def test_a_confirmed_version_keeps_its_confirmations(version, employee):
    first = version_confirm(user=employee, version=version)
    again = version_confirm(user=employee, version=version)
    assert first.pk == again.pk and first.confirmed_at == again.confirmed_at
    assert Confirmation.objects.count() == 1


# ---------------------------------------------------------------------------------------------
# The admin


def test_the_admin_lists_versions(client_for, version):
    page = client_for("admin").get(reverse("admin:codeapp_codeversion_changelist"))
    assert page.status_code == 200
    assert version.sha256 in page.content.decode()


def test_the_admin_shows_a_version_read_only(client_for, version):
    client = client_for("admin")
    url = reverse("admin:codeapp_codeversion_change", args=[version.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert version.sha256 in html
    assert 'name="_save"' not in html and 'name="established_by"' not in html
    assert reverse("admin:codeapp_codeversion_delete", args=[version.pk]) not in html
    before = stored(version)
    assert client.post(url, {"established_by": "x"}).status_code == 403
    assert stored(version) == before


def test_the_admin_offers_no_add_or_delete(client_for, version):
    client = client_for("admin")
    delete = reverse("admin:codeapp_codeversion_delete", args=[version.pk])
    assert client.get(delete).status_code == 403
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:codeapp_codeversion_add")).status_code == 403
    changelist = reverse("admin:codeapp_codeversion_changelist")
    bulk = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [version.pk], "post": "yes"}
    )
    assert bulk.status_code in (200, 302, 403)
    assert CodeVersion.objects.filter(pk=version.pk).exists()


def test_only_administrators_reach_the_version_admin(client_for, version):
    url = reverse("admin:codeapp_codeversion_changelist")
    for persona in ("anonymous", "employee", "editor", "officer"):
        response = client_for(persona).get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], persona


def test_the_admin_lists_confirmations_by_version_read_only(client_for, version, employee):
    confirmation = version_confirm(user=employee, version=version)
    client = client_for("admin")
    changelist = reverse("admin:codeapp_confirmation_changelist")
    page = client.get(changelist, {"version__id__exact": version.pk})
    assert page.status_code == 200 and "employee" in page.content.decode()
    assert client.get(reverse("admin:codeapp_confirmation_add")).status_code == 403
    url = reverse("admin:codeapp_confirmation_change", args=[confirmation.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"user": employee.pk}).status_code == 403
    delete = reverse("admin:codeapp_confirmation_delete", args=[confirmation.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert Confirmation.objects.filter(pk=confirmation.pk).exists()


def test_the_admin_edits_the_profile_with_history(client_for, admin_user):
    profile = CodeProfile.current()
    client = client_for("admin")
    url = reverse("admin:codeapp_codeprofile_change", args=[profile.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"title": "Gedragscode", "language": "en", "preamble": "Hallo.", "_change_reason": "x"}
    )
    assert response.status_code == 302, response.content[:2000]
    profile.refresh_from_db()
    assert (profile.language, profile.preamble, profile.revision) == ("en", "Hallo.", 2)
    assert profile.history.first().history_user == admin_user
    history = client.get(reverse("admin:codeapp_codeprofile_history", args=[profile.pk]))
    assert history.status_code == 200
    assert client.get(reverse("admin:codeapp_codeprofile_add")).status_code == 403
    delete = reverse("admin:codeapp_codeprofile_delete", args=[profile.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert CodeProfile.objects.filter(pk=profile.pk).exists()
