"""The small mail machinery every notice of the site uses: sent after commit, in one language.

Mail goes out through Django's default mailer (settings.MAILERS), one message per
recipient (or blind-copy batches for a bulk notice), written in the site's language
(settings.LANGUAGE_CODE) from the plain-text templates `templates/email/<name>.<language>.txt`,
whose first line is the subject. A mail that cannot be sent is logged; it never breaks
the request that caused it. The notices themselves live with what they are about:
reflection.notifications (proposals) and codeapp.versions.notifications (versions).
"""

import contextlib
import contextvars
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.template.loader import select_template
from django.utils import translation

logger = logging.getLogger(__name__)

_muted: contextvars.ContextVar[bool] = contextvars.ContextVar("mail_muted", default=False)


@contextlib.contextmanager
def muted() -> Iterator[None]:
    """Send nothing for what happens inside this block (e.g. while seeding the demo)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def absolute_url(path: str) -> str:
    """A link for an e-mail: the site's address (settings.SITE_URL) and the path."""
    return settings.SITE_URL + path


def send_after_commit(
    template: str,
    recipients: Callable[[], Iterable[AbstractBaseUser]],
    context: Callable[[], dict[str, Any]],
    *,
    bulk: bool = False,
) -> None:
    """Mail `template` to each recipient once the current transaction commits.

    Both callables run after the commit, so nothing is read, rendered or sent for a
    transaction that is rolled back. Outside a transaction the mail goes at once.
    A `bulk` notice, the same text for everyone, goes out in blind-copy batches of
    settings.EMAIL_BATCH_SIZE: tens of thousands of readers cost a few hundred
    messages, not a message each, within the request that published.
    """
    if _muted.get():
        return
    transaction.on_commit(lambda: _send(template, recipients, context, bulk=bulk))


def send_to_each(
    template: str,
    letters: Iterable[tuple[AbstractBaseUser, dict[str, Any]]],
    *,
    key: str,
) -> int:
    """Mail each (recipient, context) its own `template` once the transaction commits.

    For personal notices (a reminder naming the person's deadline). `key` names the
    occasion ("campaign-3-reminder-2"): a recipient gets one mail per key however often this
    runs. Returns how many mails were queued.
    """
    if _muted.get():
        return 0
    letters = [(user, context) for user, context in letters if user.email]

    def send() -> None:
        try:
            messages = []
            for user, context in letters:
                subject, body = render_mail(template, context)
                messages.append(EmailMessage(subject, body, to=[user.email]))
            mailers.default.send_messages(messages)
        except Exception:
            logger.exception("Could not send the “%s” e-mail (%s)", template, key)

    transaction.on_commit(send)
    return len(letters)


def _send(
    template: str,
    recipients: Callable[[], Iterable[AbstractBaseUser]],
    context: Callable[[], dict[str, Any]],
    *,
    bulk: bool = False,
) -> None:
    try:
        addresses = sorted({user.email for user in recipients() if user.email})
        if not addresses:
            return
        subject, body = render_mail(template, context())
        if bulk:
            # Addressed to the site itself, so no reader sees another's address.
            size = settings.EMAIL_BATCH_SIZE
            batches = [addresses[i : i + size] for i in range(0, len(addresses), size)]
            messages = [
                EmailMessage(subject, body, to=[settings.DEFAULT_FROM_EMAIL], bcc=batch)
                for batch in batches
            ]
        else:
            messages = [EmailMessage(subject, body, to=[address]) for address in addresses]
        mailers.default.send_messages(messages)
    except Exception:
        # Publishing or deciding has been done and committed; a mail server that is down
        # must not turn that into an error page. The log says what was not sent.
        logger.exception("Could not send the “%s” e-mail", template)


def render_mail(template: str, context: dict[str, Any]) -> tuple[str, str]:
    """Subject and body of a mail, in the site's language (dates formatted in it too)."""
    language = settings.LANGUAGE_CODE.split("-")[0]
    with translation.override(language):
        text = select_template(
            [f"email/{template}.{language}.txt", f"email/{template}.en.txt"]
        ).render(context)
    subject, _newline, body = text.strip().partition("\n")
    # Template tags on lines of their own leave blank lines behind: keep at most one.
    body = re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in body.splitlines()))
    return " ".join(subject.split()), body.strip() + "\n"
