"""The model codes' background work, run by the task worker (django.tasks), never in a request."""

from django.tasks import task

from codeapp.modelcodes.following import models_follow


@task
def follow_models() -> int:
    """Check each followed model for a new release (manage.py follow_models enqueues it)."""
    return models_follow()
