"""Who reads a version page: the few facts about a signed-in reader that it needs.

A version page is kept whole and shared by the readers who see the same one
(codeapp.caching.assembly.kept_in_pieces), so all that is left to look up per request is the reader:
signed in or not, their name, their permissions (the menu) and their last confirmation
(the confirm box). Django finds those in four queries (the user, two for the
permissions, ours for the confirmation), which made a signed-in reader cost ten times
an anonymous one.

With a shared cache (settings.CACHE_IS_SHARED: Redis or db://) the facts are kept there
per user, stamped with two tokens that any change to them replaces, on whichever instance
it is made (the signals at the end): one for the user (saved or deleted — a new password,
deactivated, renamed, a new sign-in — or a confirmation recorded or removed) and one for
everyone (any group's or user's groups or permissions). A token is replaced at once and
again when the transaction commits, so facts read from the database in between are never
trusted afterwards. A session is believed from the facts only while its authentication
hash is the one Django checked when they were kept: a changed password still ends every
other session. A change that sends no signal (SQL by hand, queryset.update on users) is
seen within FACTS_TIMEOUT.

With a cache inside one process (locmem://, one app server) nothing can tell the other
worker processes of a change, so each process remembers the readers it has just looked
up, by session, for RECENT_SECONDS (the "readers" shelf of codeapp.caching.store): the
same few seconds in which such a process may still show the version that was in force
before a publication (codeapp.caching.pages). Only on the pages that read the published
code (GET or HEAD; codeapp.reading.access.may_read): every other page and every form is
checked by Django itself, as is a version page that carries a message (such as the thanks
for confirming).
A change made in the same process (signing out, a confirmation, rights) is seen at once;
one made in another process within RECENT_SECONDS. A change to one user or one session makes
only their facts stale (the "reader-changes" shelf, by user), so that a busy publication
day of confirmations does not send every other reader back to the database.

What was checked to find a reader is kept with it (`Proof`), so that the next request of
the same session can be answered before Django's middleware (codeapp.caching.replay) with
the same checks: with the one-process cache, the reader still the one this process just
looked up; with a shared cache, one round trip for the tokens and the session.
"""

import datetime
import logging
import secrets
import time
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.signals import user_logged_out
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest
from django.utils.crypto import constant_time_compare

from codeapp.caching.store import local
from codeapp.codes.audience import asks
from codeapp.codes.rights import CODE_APPS, keeps
from codeapp.models import Confirmation
from core.codes import ActiveCodeId, active_code, active_code_id
from core.roles import person_name

# The longest a change that sent no signal can go unseen (seconds).
FACTS_TIMEOUT = 300
# How long a process trusts a reader it has just looked up (one-process cache only).
RECENT_SECONDS = 2
KEY_PREFIX = "reader:3:"
EVERYONE = KEY_PREFIX + "everyone"

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Confirmed:
    """A reader's confirmation of a version, as a version page shows it."""

    pk: int
    version_id: int
    version_number: int
    confirmed_at: datetime.datetime


@dataclass(frozen=True)
class Reader:
    """A signed-in reader as a version page sees them."""

    pk: int
    username: str
    # How the interface shows them: the full name when known (core.roles.person_name).
    name: str
    is_staff: bool
    is_superuser: bool
    permissions: frozenset[str]
    # Their latest confirmation of a version of the code read; None if none.
    confirmation: Confirmed | None
    # Whether the code read asks them to confirm it (codeapp.codes.audience).
    asked_to_confirm: bool = True

    def has_perm(self, perm: str) -> bool:
        return self.is_superuser or perm in self.permissions

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_superuser or any(p.startswith(app_label + ".") for p in self.permissions)


@dataclass(frozen=True)
class _Kept:
    stamp: tuple[str, str]
    session_hash: str
    reader: Reader


@dataclass(frozen=True)
class Proof:
    """Why a request's reader was believed: what a later request of the same session must
    find unchanged to be believed to be the same reader without Django (`still_holds`)."""

    reader: Reader
    # One-process cache: the entry of the "readers" shelf the reader was found in.
    seen: tuple | None = None
    # Shared cache: the tokens the facts were kept under, and the session's hash.
    stamp: tuple[str, str] | None = None
    session_hash: str = ""


def reader(request: HttpRequest, *, checked: bool = False) -> Reader | None:
    """The signed-in reader of this request; None for an anonymous one.

    `checked`: as the database has them now, never as this process recently saw them.
    """
    found = getattr(request, "_codeapp_reader", None)
    if found is None or (checked and not found[1]):
        request._codeapp_proof = None
        found = request._codeapp_reader = _find(request, checked)
    return found[0]


def proof(request: HttpRequest) -> Proof | None:
    """Why this request's signed-in reader was believed; None for an anonymous one, or
    one whose session Django replaced on the way (see codeapp.caching.replay)."""
    reader(request)
    return getattr(request, "_codeapp_proof", None)


def keys_to_check(proof: Proof, session_key: str) -> list[str] | None:
    """With a shared cache: what `still_holds` needs read from it (one get_many); [] with
    the one-process cache; None when the session cannot be read from the cache."""
    if proof.seen is not None:
        return []
    session_cache_key = _session_cache_key(session_key)
    if session_cache_key is None:
        return None
    return [EVERYONE, _user_key(proof.reader.pk), session_cache_key]


def still_holds(proof: Proof, session_key: str, found: dict) -> bool:
    """Whether a request of session `session_key` is still `proof`'s reader, as Django would
    find: from this process's shelf, or from the shared cache's `found` (keys_to_check)."""
    if proof.seen is not None:
        return local.get("readers", (session_key, active_code_id())) is proof.seen and _fresh(
            proof.seen, time.monotonic()
        )
    everyone, own, session_cache_key = keys_to_check(proof, session_key)
    session = found.get(session_cache_key)
    return (
        proof.stamp == (found.get(everyone), found.get(own))
        and isinstance(session, dict)
        and str(session.get(SESSION_KEY)) == str(proof.reader.pk)
        and session.get(BACKEND_SESSION_KEY) in settings.AUTHENTICATION_BACKENDS
        and constant_time_compare(session.get(HASH_SESSION_KEY) or "", proof.session_hash)
    )


def _session_cache_key(session_key: str) -> str | None:
    """Where a session engine that keeps sessions in the cache (cached_db, cache) keeps
    this one, if it uses the default cache; None otherwise."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    prefix = getattr(store, "cache_key_prefix", None)
    if prefix is None or settings.SESSION_CACHE_ALIAS != "default":
        return None
    return prefix + session_key


def _find(request: HttpRequest, checked: bool) -> tuple[Reader | None, bool]:
    """The reader, and whether they were checked now (rather than recently)."""
    if not settings.CACHE_IS_SHARED:
        return _recently_seen(request, checked)
    return _from_shared_cache(request), True


def _recently_seen(request: HttpRequest, checked: bool) -> tuple[Reader | None, bool]:
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return None, True
    now = time.monotonic()
    if not checked and request.method in ("GET", "HEAD"):
        seen = local.get("readers", (session_key, active_code_id()))
        if seen is not None and _fresh(seen, now):
            if seen[1] is not None:
                request._codeapp_proof = Proof(seen[1], seen=seen)
            return seen[1], False
    found = _from_database(request)[0]
    # A session Django refused (ended, or its user's password changed) may be cycled.
    if request.session.session_key == session_key:
        # (until, the reader, when they were looked up)
        seen = (now + RECENT_SECONDS, found, now)
        local.put("readers", (session_key, active_code_id()), seen)
        if found is not None:
            request._codeapp_proof = Proof(found, seen=seen)
    return found, True


def _fresh(seen: tuple, now: float) -> bool:
    """Whether a reader this process looked up is still to be trusted: recent, and
    looked up after the last change to them (or to everyone's rights) made here."""
    until, found, looked_up = seen
    if until <= now:
        return False
    changed = local.get("reader-changes", EVERYONE, -1.0)
    if found is not None:
        changed = max(changed, local.get("reader-changes", found.pk, -1.0))
    return looked_up > changed


def forget_recent() -> None:
    """Forget the readers this process has seen (tests start from nothing)."""
    local.clear("readers", "reader-changes")


def _from_shared_cache(request: HttpRequest) -> Reader | None:
    session = request.session
    if SESSION_KEY not in session:
        return None
    try:
        pk = get_user_model()._meta.pk.to_python(session[SESSION_KEY])
    except ValidationError:
        return _from_database(request)[0]  # Django's own path deals with it
    own_key, kept_key = _user_key(pk), _kept_key(pk)
    found = _cache("get_many", [EVERYONE, own_key, kept_key]) or {}
    kept = found.get(kept_key)
    if (
        kept is not None
        and kept.stamp == (found.get(EVERYONE), found.get(own_key))
        and session.get(BACKEND_SESSION_KEY) in settings.AUTHENTICATION_BACKENDS
        and constant_time_compare(session.get(HASH_SESSION_KEY) or "", kept.session_hash)
    ):
        request._codeapp_proof = Proof(
            kept.reader, stamp=kept.stamp, session_hash=kept.session_hash
        )
        return kept.reader
    # The tokens are read before the database: a change committed meanwhile replaces them.
    stamp = (_token(EVERYONE, found), _token(own_key, found))
    found_reader, session_hash = _from_database(request)
    if found_reader is not None and found_reader.pk == pk:
        _cache("set", kept_key, _Kept(stamp, session_hash, found_reader), FACTS_TIMEOUT)
        request._codeapp_proof = Proof(found_reader, stamp=stamp, session_hash=session_hash)
    return found_reader


def _from_database(request: HttpRequest) -> tuple[Reader | None, str]:
    """The reader as Django sees them (the session checked, the user active), and the
    session hash that was checked."""
    user = request.user
    if not user.is_authenticated:
        return None, ""
    # Of the code read (core.codes): each code's versions are numbered on their own.
    latest = (
        Confirmation.objects.filter(user=user, version__code_id=ActiveCodeId())
        .order_by("-version__number")
        .values_list("pk", "version_id", "version__number", "confirmed_at")
        .first()
    )
    found = Reader(
        pk=user.pk,
        username=user.get_username(),
        name=person_name(user),
        is_staff=user.is_staff,
        is_superuser=user.is_superuser,
        permissions=_permissions(user),
        confirmation=latest and Confirmed(*latest),
        asked_to_confirm=asks(user, active_code()),
    )
    return found, user.get_session_auth_hash()


def _permissions(user) -> frozenset[str]:
    """The user's permissions for the code read: a keeper of other codes holds none of this
    code's (codeapp.codes.rights)."""
    found = frozenset(user.get_all_permissions())
    if keeps(user, active_code()):
        return found
    return frozenset(perm for perm in found if perm.partition(".")[0] not in CODE_APPS)


def _user_key(pk: object) -> str:
    return f"{KEY_PREFIX}user:{pk}"


def _kept_key(pk: object) -> str:
    # Per code read: the latest confirmation and the rights are the code's own.
    return f"{KEY_PREFIX}facts:{pk}:{active_code_id()}"


def _token(key: str, found: dict) -> str:
    """The token under `key`, made first if there is none (evicted, or never made)."""
    if found.get(key):
        return found[key]
    token = secrets.token_hex(8)
    if _cache("add", key, token, None):
        return token
    return _cache("get", key) or token


def _cache(operation: str, *args):
    """The shared cache's answer; nothing when it is out of reach (facts are then read)."""
    try:
        return getattr(cache, operation)(*args)
    except Exception:  # any backend's error: Redis refusing, the cache table missing
        logger.warning("The shared cache failed on %s; reading the reader's facts.", operation)
        return None


def _replace(key: str, whose: object) -> None:
    """Make the facts stamped with `key`'s token stale: now, and once the change commits.
    `whose`: the user's pk, or EVERYONE (this process's readers looked up before it)."""

    def now_stale() -> None:
        local.put("reader-changes", whose, time.monotonic())

    now_stale()
    transaction.on_commit(now_stale)
    if not settings.CACHE_IS_SHARED:
        return
    _cache("set", key, secrets.token_hex(8), None)
    transaction.on_commit(lambda: _cache("set", key, secrets.token_hex(8), None))


def user_changed(pk: object) -> None:
    """The user's facts changed without a signal (a confirmation written in bulk)."""
    _replace(_user_key(pk), pk)


def _user_changed(sender, instance, **kwargs) -> None:
    user_changed(instance.pk)


def _confirmation_changed(sender, instance, **kwargs) -> None:
    user_changed(instance.user_id)


def _rights_changed(sender, **kwargs) -> None:
    _replace(EVERYONE, EVERYONE)


def _session_changed(sender, instance=None, request=None, **kwargs) -> None:
    # Signing in or out, or anything else kept in a session (one-process cache only): that
    # session's reader is looked up again.
    if instance is not None:
        local.discard("readers", instance.session_key)
    elif request is not None:
        local.discard("readers", request.COOKIES.get(settings.SESSION_COOKIE_NAME))
    else:
        forget_recent()


def connect_signals() -> None:
    """Called once, from CodeappConfig.ready."""
    user_model = get_user_model()
    uid = "codeapp.caching.reader_facts"
    for signal in (post_save, post_delete):
        signal.connect(_user_changed, sender=user_model, dispatch_uid=f"{uid}.user")
        signal.connect(_confirmation_changed, sender=Confirmation, dispatch_uid=f"{uid}.confirm")
        signal.connect(_rights_changed, sender=Group, dispatch_uid=f"{uid}.group")
        signal.connect(_rights_changed, sender=Permission, dispatch_uid=f"{uid}.permission")
    for signal in (post_save, post_delete):
        signal.connect(_session_changed, sender=Session, dispatch_uid=f"{uid}.session")
    user_logged_out.connect(_session_changed, dispatch_uid=f"{uid}.signed-out")
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(_rights_changed, sender=through, dispatch_uid=f"{uid}.{through}")
