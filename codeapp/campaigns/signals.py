"""New employees join the onboarding campaign of the version in force (services.onboard).

A Person or an account saved for the first time (sign-in, SCIM, CSV, the admin) and accounts
that arrived in bulk (people.signals.people_joined) are onboarded once the transaction
commits, so an account that is rolled back is never asked. The handlers only hand over to
the service, which adds each person once however often it is told.
"""

import logging

from django.conf import settings
from django.db.models.signals import post_save

from codeapp.campaigns import services
from core.mail import on_commit_keeping_mute
from people.models import Person
from people.signals import people_joined

logger = logging.getLogger(__name__)


def _onboard(user_ids: list[int]) -> None:
    # After the commit: the account exists whatever happens here, so a failure is logged
    # (the next reminder run does not need it), never turned into an error page.
    try:
        services.onboard(user_ids)
    except Exception:
        logger.exception("Could not add %d new employee(s) to the onboarding", len(user_ids))


def _person_saved(sender, instance: Person, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        on_commit_keeping_mute(lambda: _onboard([instance.user_id]))


def _user_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    # An account made without a Person (by hand in the admin): new from its date_joined.
    if created and not raw:
        on_commit_keeping_mute(lambda: _onboard([instance.pk]))


def _people_joined(sender, user_ids, **kwargs) -> None:
    ids = list(user_ids)
    on_commit_keeping_mute(lambda: _onboard(ids))


def connect_signals() -> None:
    post_save.connect(_person_saved, sender=Person, dispatch_uid="campaigns.onboard-person")
    post_save.connect(
        _user_saved, sender=settings.AUTH_USER_MODEL, dispatch_uid="campaigns.onboard-user"
    )
    people_joined.connect(_people_joined, dispatch_uid="campaigns.onboard-people")
