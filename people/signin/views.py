"""The sign-in pages: the login page, signing out, and the two legs of the code flow.

The two legs are mozilla-django-oidc's views (mounted by its URLs at /accounts/oidc/, picked
by OIDC_AUTHENTICATE_CLASS and OIDC_CALLBACK_CLASS), answering 404 while single sign-on is off
and showing one clear failure page — in place of the library's redirect or a 400/500 — for
every way a sign-in can fail.
"""

import logging

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from people.signin.backend import SignInFailed
from people.signin.passwords import LoginForm
from people.signin.provider import ProviderUnavailable, end_session_url, provider, sso_enabled

log = logging.getLogger(__name__)

# Each way a sign-in can fail: (HTTP status, heading, what happened and what to do).
FAILURES = {
    "refused": (
        403,
        _("You were not signed in"),
        _(
            "The sign-in was stopped, or your organisation's sign-in service did not let "
            "you in. Nothing was changed. Try again; if it keeps happening, contact the "
            "service desk."
        ),
    ),
    "state": (
        403,
        _("This sign-in was already used or is too old"),
        _(
            "The answer from the sign-in service does not belong to a sign-in started here, "
            "or it was used before. Nothing was changed. Start again."
        ),
    ),
    "token": (
        403,
        _("Your sign-in could not be verified"),
        _(
            "The answer from the sign-in service did not carry a valid signature. Nothing "
            "was changed and you are not signed in. Try again; if it keeps happening, "
            "contact the service desk."
        ),
    ),
    "expired": (
        403,
        _("Your sign-in has expired"),
        _(
            "The answer from the sign-in service was too old to accept. Nothing was changed. "
            "Start again; if it keeps happening, the clock of this server or of the sign-in "
            "service may be wrong: contact the service desk."
        ),
    ),
    "inactive": (
        403,
        _("Your account is switched off"),
        _(
            "Your account here is no longer active, for example because you left the "
            "organisation. Your history is kept. If this is a mistake, contact the service "
            "desk."
        ),
    ),
    "claims": (
        403,
        _("Your sign-in lacks information we need"),
        _(
            "The sign-in service did not send everything needed to know who you are. Nothing "
            "was stored. Ask the service desk to check the settings of this application."
        ),
    ),
    "unavailable": (
        503,
        _("The sign-in service cannot be reached"),
        _("Your organisation's sign-in service does not answer now. Try again in a while."),
    ),
}


def sign_in_failed(request: HttpRequest, reason: str, detail: str = "") -> HttpResponse:
    """The clear page for a failed sign-in; the detail goes to the log, not to the reader."""
    status, heading, explanation = FAILURES[reason]
    log.warning("Sign-in failed (%s): %s", reason, detail or "-")
    # The library keeps the tokens before it knows whether the account may sign in.
    for key in ("oidc_id_token", "oidc_access_token"):
        request.session.pop(key, None)
    return render(
        request,
        "people/signin_failed.html",
        {"heading": heading, "explanation": explanation, "reason": reason},
        status=status,
    )


class Authenticate(OIDCAuthenticationRequestView):
    """Start signing in: to the identity provider, with state, nonce and PKCE challenge."""

    def __init__(self, **kwargs) -> None:
        View.__init__(self, **kwargs)  # not the library's: it reads the endpoint from settings

    OIDC_OP_AUTH_ENDPOINT = property(lambda self: provider().authorization_endpoint)
    OIDC_RP_CLIENT_ID = property(lambda self: self.get_settings("OIDC_RP_CLIENT_ID"))

    def get(self, request: HttpRequest) -> HttpResponse:
        if not sso_enabled():
            raise Http404
        try:
            provider()
        except ProviderUnavailable as error:
            return sign_in_failed(request, "unavailable", str(error))
        return super().get(request)


class Callback(OIDCAuthenticationCallbackView):
    """The identity provider's answer: check it, find or make the account, sign in."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not sso_enabled():
            raise Http404
        if request.GET.get("error"):
            # As the library does: forget the state (no replay) and sign out whoever was in.
            states = request.session.get("oidc_states", {})
            if states.pop(request.GET.get("state"), None) is not None:
                request.session.modified = True
            auth.logout(request)
            return sign_in_failed(
                request, "refused", request.GET.get("error_description", request.GET["error"])
            )
        state = request.GET.get("state")
        if not request.GET.get("code") or state not in request.session.get("oidc_states", {}):
            return sign_in_failed(request, "state", "unknown or used state")
        try:
            return super().get(request)
        except SignInFailed as failure:
            return sign_in_failed(request, failure.reason, failure.detail)

    def login_failure(self) -> HttpResponse:
        return sign_in_failed(self.request, "refused", "no account was authenticated")


class LoginView(auth_views.LoginView):
    """Django's login page, offering the work account when single sign-on is on, and the
    password form only while passwords are on."""

    form_class = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sso=sso_enabled(), password_login=settings.PASSWORD_LOGIN, **kwargs
        )


class LogoutView(auth_views.LogoutView):
    """Django's sign-out; after a sign-in with the work account it ends the identity
    provider's session too (RP-initiated logout), which sends the reader back here."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        elsewhere = end_session_url(request) if request.session.get("oidc_id_token") else ""
        response = super().post(request, *args, **kwargs)
        if elsewhere:
            return HttpResponseRedirect(elsewhere)
        return response
