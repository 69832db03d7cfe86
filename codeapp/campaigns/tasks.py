"""The campaigns' background work, run by the task worker (django.tasks), never in a request.

Arguments are plain values (ids, ISO dates): a task is stored as JSON until a worker runs it.
Until a worker is configured Django's ImmediateBackend runs each task when it is enqueued.
"""

import datetime

from django.tasks import task

from codeapp.campaigns import services


@task
def send_opening_mail(campaign_id: int) -> int:
    """Mail a campaign's members that it has started (key campaign-<id>-start)."""
    return services.opening_mail_send(campaign_id)


@task
def run_reminders(today: str | None = None) -> int:
    """The daily reminder run (manage.py send_reminders enqueues it); `today` as YYYY-MM-DD."""
    day = datetime.date.fromisoformat(today) if today else None
    return sum(reminder.recipients for reminder in services.run_reminders(day))
