"""Background work of core, run by the task worker (Django's task framework, settings.TASKS)."""

from django.tasks import task

from core import mail


@task
def deliver_mail(keys: list[str] | None = None) -> dict[str, int]:
    """Send the outbox's due messages, of the occasions `keys` or all (core.mail.deliver_due);
    enqueued when a transaction that wrote mail commits."""
    return mail.deliver_due(keys=keys)
