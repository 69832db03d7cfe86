"""The text of /.well-known/security.txt (RFC 9116), from settings.

Contact, Expires, Preferred-Languages, Canonical and, when the policy has a public address,
Policy. The file is plain text; RFC 9116 wants it served over HTTPS as text/plain with UTF-8.
"""

import datetime

from django.conf import settings

PATH = "/.well-known/security.txt"


def expires(today: datetime.date) -> datetime.datetime:
    """When the file stops being valid: the setting's day, or a year from `today` less a day
    (RFC 9116 recommends less than a year ahead), at midnight UTC."""
    day = settings.SECURITY_TXT_EXPIRES or today + datetime.timedelta(days=364)
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC)


def security_txt(today: datetime.date) -> str:
    """The fields, one per line, in the order RFC 9116's examples use."""
    lines = [f"# security.txt of {settings.ORGANISATION_NAME or settings.SITE_URL} (RFC 9116)"]
    lines += [f"Contact: {contact}" for contact in settings.SECURITY_CONTACT]
    lines.append(f"Expires: {expires(today).strftime('%Y-%m-%dT%H:%M:%SZ')}")
    lines.append("Preferred-Languages: nl, en")
    lines.append(f"Canonical: {settings.SITE_URL}{PATH}")
    if settings.SECURITY_POLICY_URL:
        lines.append(f"Policy: {settings.SECURITY_POLICY_URL}")
    return "\n".join(lines) + "\n"
