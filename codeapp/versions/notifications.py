"""E-mail about the code: a new version has been published.

The notices about proposals live with the proposals (reflection.notifications); how any
notice is rendered and sent (written to the outbox in the publishing transaction, delivered
by the task worker after it commits, retried when the mail server fails) is core.mail's.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse

from codeapp.models import CodeVersion
from core.mail import absolute_url, send_after_commit


def changes_url(version: CodeVersion) -> str:
    """Where a reader sees what a version changed: the comparison with the one before it."""
    if version.number == 1:
        return absolute_url(reverse("codeapp:version", args=[1]))
    return absolute_url(
        reverse("codeapp:version-compare", args=[version.number - 1, version.number])
    )


def _readers() -> list[AbstractBaseUser]:
    return list(get_user_model().objects.filter(is_active=True).exclude(email="").only("email"))


def notify_version_published(version: CodeVersion) -> None:
    """After commit: tell every active user with an e-mail address, with a link to the changes."""
    send_after_commit(
        "version_published",
        _readers,
        lambda: {
            "version": version,
            "title": version.document["title"],
            "amendments": version.document["version"]["amendments"],
            "changes_url": changes_url(version),
            "version_url": absolute_url(version.get_absolute_url()),
        },
        bulk=True,
        # Once per version, whoever repeats the notice.
        key=f"version-{version.pk}-published",
    )
