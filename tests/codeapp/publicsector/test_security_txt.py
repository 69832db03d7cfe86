"""/.well-known/security.txt read back as RFC 9116 says a client reads it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from codeapp.publicsector.security_txt import expires

pytestmark = pytest.mark.django_db

URL = "/.well-known/security.txt"
# RFC 9116, section 2.5: a field is "name: value"; lines starting with "#" are comments.
REQUIRED = {"contact", "expires"}
ONCE = {"expires", "preferred-languages"}


def fields_of(text: str) -> list[tuple[str, str]]:
    """The fields in order; a line that is neither a comment, empty, nor a field fails."""
    fields = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, sep, value = line.partition(":")
        assert sep and name == name.strip() and " " not in name, f"not a field: {line!r}"
        fields.append((name.lower(), value.strip()))
    return fields


def test_the_address_is_the_well_known_one():
    assert reverse("publicsector:security-txt") == URL


def test_it_is_a_valid_security_txt(client, settings):
    settings.SITE_URL = "https://gedragscode.example.nl"
    settings.SECURITY_CONTACT = ["mailto:security@example.nl", "https://example.nl/cvd"]
    settings.SECURITY_POLICY_URL = "https://code.example.nl/levende-gedragscode/SECURITY.md"
    settings.SECURITY_TXT_EXPIRES = None

    response = client.get(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = fields_of(response.content.decode("utf-8"))
    names = [name for name, _ in fields]
    assert REQUIRED <= set(names)
    assert all(names.count(name) == 1 for name in ONCE)
    values = dict(fields)
    contacts = [value for name, value in fields if name == "contact"]
    assert contacts == ["mailto:security@example.nl", "https://example.nl/cvd"]
    # Expires: an RFC 3339 moment, in the future, and less than a year ahead.
    expiry = datetime.datetime.fromisoformat(values["expires"])
    now = timezone.now()
    assert now < expiry <= now + datetime.timedelta(days=365)
    assert values["preferred-languages"] == "nl, en"
    assert values["canonical"] == "https://gedragscode.example.nl/.well-known/security.txt"
    assert values["policy"] == "https://code.example.nl/levende-gedragscode/SECURITY.md"


def test_without_a_policy_address_it_names_none(client, settings):
    settings.SECURITY_POLICY_URL = ""

    assert "policy" not in dict(fields_of(client.get(URL).content.decode()))


def test_an_expiry_day_from_the_settings_is_kept(settings):
    settings.SECURITY_TXT_EXPIRES = datetime.date(2027, 6, 30)

    assert expires(datetime.date(2026, 12, 6)).isoformat() == "2027-06-30T00:00:00+00:00"


def test_without_one_it_expires_within_a_year(settings):
    settings.SECURITY_TXT_EXPIRES = None

    assert expires(datetime.date(2026, 12, 6)).date() == datetime.date(2027, 12, 5)


def test_it_stays_open_when_the_code_is_not_public(client, settings):
    settings.CODE_PUBLIC = False
    assert client.get(URL).status_code == 200


def test_it_refuses_other_methods(client):
    assert client.post(URL).status_code == 405
