"""Local passwords, and switching them off.

With `DJANGO_PASSWORD_LOGIN=0` employees sign in only with their work account. A break-glass
administrator (named in `DJANGO_BREAK_GLASS_USERS`) may still use a password — for the day the
identity provider is down or misconfigured — and every such sign-in is logged as a warning.
The refusal is in the backend, so the Django admin's login obeys it as well as ours.
"""

import logging

from django import forms
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)


def password_allowed(username: str | None) -> bool:
    """Whether `username` may sign in with a password under the current settings."""
    return settings.PASSWORD_LOGIN or (username or "") in settings.BREAK_GLASS_USERS


class PasswordBackend(ModelBackend):
    """Django's own password check, refused when passwords are off (except break-glass)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        if not password_allowed(username):
            return None
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and not settings.PASSWORD_LOGIN:
            log.warning("Break-glass sign-in with a password by %r", username)
        return user


class LoginForm(AuthenticationForm):
    """The password form, saying plainly when passwords are switched off."""

    off_message = _("Signing in with a password is switched off. Sign in with your work account.")

    def clean(self):
        if not password_allowed(self.cleaned_data.get("username")):
            raise forms.ValidationError(self.off_message, code="password_login_off")
        return super().clean()
