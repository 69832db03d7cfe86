"""Sign in many bench employees at once, for `make bench`'s publication day (bench/run.py)."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand, CommandError
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.utils import timezone
from django.utils.crypto import get_random_string

from codeapp.models import CodeVersion

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class Command(BaseCommand):
    help = (
        "Sign in the first N active users without a role as a browser would be after signing "
        "in (a session each, in bulk), and write one line per user to FILE: the session key "
        "and a CSRF secret for the cookie and the form. Prints the address that confirms the "
        "version in force. For `make bench` only: the sessions are real."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--users", type=int, default=5000)

    def handle(self, *args: Any, **options: Any) -> None:
        version = CodeVersion.objects.in_force()
        if version is None:
            raise CommandError("No version is in force: there is nothing to confirm.")
        users = list(
            get_user_model()
            .objects.filter(is_active=True, is_staff=False, is_superuser=False, groups=None)
            .order_by("pk")[: options["users"]]
        )
        if not users:
            raise CommandError("There are no employees to sign in; run bench_data first.")
        backends = settings.AUTHENTICATION_BACKENDS
        backend = MODEL_BACKEND if MODEL_BACKEND in backends else backends[-1]
        store, expires = SessionStore(), timezone.now() + timezone.timedelta(days=1)
        sessions, lines = [], []
        for user in users:
            key = store._get_new_session_key()
            data = {
                SESSION_KEY: user._meta.pk.value_to_string(user),
                BACKEND_SESSION_KEY: backend,
                HASH_SESSION_KEY: user.get_session_auth_hash(),
            }
            sessions.append(Session(session_key=key, session_data=store.encode(data),
                                    expire_date=expires))  # fmt: skip
            lines.append(f"{key} {get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)}\n")
        Session.objects.bulk_create(sessions, batch_size=1000)
        options["file"].write_text("".join(lines))
        self.stdout.write(f"/code/v{version.number}/confirm/")
