"""Writes about people that span several rows: leaving the organisation and coming back.

Leaving is deactivation, never deletion: the account, its history and its confirmations
stay (they are the evidence of who knew which code when); the account can no longer sign in
by any way, its open sessions end, and every coverage figure leaves it out (they count
active accounts only).
"""

from importlib import import_module

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from people.models import Person


def account_deactivate(*, user: AbstractBaseUser) -> None:
    """The person left: no sign-in any more, out of every figure, history kept."""
    with transaction.atomic():
        if user.is_active:
            user.is_active = False
            user.save(update_fields=["is_active"])
        person, _created = Person.objects.get_or_create(
            user=user, defaults={"joined_on": timezone.localdate(user.date_joined)}
        )
        if person.left_at is None:
            person.left_at = timezone.now()
            person.save(update_fields=["left_at"])
        # A session signed in through the identity provider is not refused by its backend
        # for an inactive user on the next request; ending the sessions is what guarantees
        # the person is out at once, however they signed in. In the transaction: a refused
        # request leaves the sessions too (a cached copy dropped meanwhile is read again).
        end_sessions(user_id=user.pk)


def account_reactivate(*, user: AbstractBaseUser) -> None:
    """The person is back: sign-in works again (their password, if any, is as it was)."""
    with transaction.atomic():
        if not user.is_active:
            user.is_active = True
            user.save(update_fields=["is_active"])
        Person.objects.filter(user=user).exclude(left_at=None).update(left_at=None)


def end_sessions(*, user_id: int) -> int:
    """End every open session of the user; the number ended.

    Django keeps no index from user to session, so the open sessions are read one by one:
    done once when someone leaves, not on a hot path. Deleting through the session engine
    also drops a cached copy (cached_db).
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    wanted = str(user_id)
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == wanted:
            store(session_key=session.session_key).delete()
            ended += 1
    return ended
