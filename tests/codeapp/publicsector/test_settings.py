"""The public-sector settings: safe defaults, and a clear stop on a value that cannot be read."""

import pytest

from tests.helpers.servers import STRONG_KEY, manage

SHOW = (
    "from django.conf import settings as s; "
    "print(s.SECURITY_CONTACT, s.ACCESSIBILITY_STATUS, s.ACCESSIBILITY_STATEMENT_DATE, "
    "s.SECURITY_TXT_EXPIRES)"
)


def test_the_defaults_are_safe():
    result = manage(
        "shell", "-c", SHOW, DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_SITE_URL="https://gedragscode.example.nl",
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    # The security@ role mailbox of the site's own domain (RFC 2142); the honest status.
    assert "['mailto:security@gedragscode.example.nl'] partial 2026-12-06 None" in result.stdout


@pytest.mark.parametrize(
    ("var", "value", "message"),
    [
        ("SECURITY_CONTACT", "security@example.nl", "each contact is a mailto:, https:// or tel:"),
        ("SECURITY_TXT_EXPIRES", "31-12-2027", "is not a date written YYYY-MM-DD"),
        ("ACCESSIBILITY_STATUS", "mostly", "use partial or full"),
        ("ACCESSIBILITY_CONTACT_EMAIL", "toegankelijkheid", "is not an e-mail address"),
    ],
)
def test_it_refuses_a_value_it_cannot_read(var, value, message):
    result = manage("check", **{var: value, "DJANGO_SECRET_KEY": STRONG_KEY})

    assert result.returncode != 0
    assert var in result.stderr and message in result.stderr
