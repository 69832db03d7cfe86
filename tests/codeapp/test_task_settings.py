"""Background work is configured by the environment: tasks wait in the database for a worker, or
run at once; the outbox's attempts and back-off are numbers that must make sense."""

import pytest

from tests.helpers.servers import STRONG_KEY, manage, settings_shown

SHOW = (
    "from django.conf import settings; print(settings.TASKS['default']['BACKEND']); "
    "print(settings.MAIL_MAX_ATTEMPTS, settings.MAIL_RETRY_SECONDS, settings.MAIL_DELIVERY_BATCH)"
)


def show(**env: str) -> str:
    return settings_shown(SHOW, **env)


def test_tasks_wait_in_the_database_for_a_worker_by_default():
    assert show() == "django_tasks_db.DatabaseBackend\n5 60 20\n"


def test_tasks_may_run_at_once_and_the_outbox_be_tuned():
    out = show(
        DJANGO_TASKS="Immediate",
        DJANGO_MAIL_MAX_ATTEMPTS="8",
        DJANGO_MAIL_RETRY_SECONDS="30",
        DJANGO_MAIL_DELIVERY_BATCH="50",
    )

    assert out == "django.tasks.backends.immediate.ImmediateBackend\n8 30 50\n"


@pytest.mark.parametrize(
    ("var", "value", "message"),
    [
        ("DJANGO_TASKS", "celery", "DJANGO_TASKS='celery' is not a task backend"),
        ("DJANGO_MAIL_MAX_ATTEMPTS", "0", "DJANGO_MAIL_MAX_ATTEMPTS=0 must be 1 or more"),
        ("DJANGO_MAIL_DELIVERY_BATCH", "-1", "DJANGO_MAIL_DELIVERY_BATCH=-1 must be 1 or more"),
        ("DJANGO_MAIL_RETRY_SECONDS", "-5", "DJANGO_MAIL_RETRY_SECONDS=-5 is negative"),
        ("DJANGO_MAIL_RETRY_SECONDS", "soon", "DJANGO_MAIL_RETRY_SECONDS='soon' is not a whole"),
    ],
)
def test_it_refuses_what_it_cannot_read(var, value, message):
    result = manage("check", **{var: value, "DJANGO_SECRET_KEY": STRONG_KEY})

    assert result.returncode != 0
    assert message in result.stderr
