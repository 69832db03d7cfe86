"""The demo shows an established version: its sealed record and a publication logged later."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from codeapp.establishment.chain import logs_verify
from codeapp.establishment.models import EstablishmentEntry
from codeapp.models import CodeVersion
from codeapp.versions.chain import versions_verify

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_version_with_its_full_record(client):
    call_command("seed_demo", force=True)

    v2 = CodeVersion.objects.get(number=2)
    record = v2.document["version"]["establishment"]
    assert record["works_council"]["reference"].startswith("OR/")
    assert record["decision"]["body"] == "College van burgemeester en wethouders"
    assert {"label": "Ambtenarenwet 2017", "bwb": "BWBR0001905", "article": "4"} in record[
        "legal_basis"
    ]
    logged = EstablishmentEntry.objects.get()
    assert logged.version == v2 and logged.step == "publication"
    assert logged.fields["gazette"] == "Gemeenteblad"
    assert logged.fields["url"].startswith("https://zoek.officielebekendmakingen.nl/gmb-")
    assert versions_verify() == 3 and logs_verify() == 1
    call_command("verify_versions")

    html = client.get(reverse("codeapp:version", args=[2])).content.decode()
    assert "Gemeenteblad" in html and "wetten.overheid.nl/jci1.3:c:BWBR0001905" in html
    # The editorial version 3 links the norm's legal basis to the law.
    v3 = client.get(reverse("codeapp:version", args=[3])).content.decode()
    assert 'href="https://wetten.overheid.nl/jci1.3:c:BWBR0001905&amp;artikel=4"' in v3


def test_seeding_twice_adds_no_second_log_entry():
    call_command("seed_demo", force=True)
    call_command("seed_demo", force=True)

    assert EstablishmentEntry.objects.count() == 1
