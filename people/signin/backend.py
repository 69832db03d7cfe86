"""Signing in with the organisation's account: mozilla-django-oidc's backend, told where the
identity provider is by discovery and what the claims mean by our settings.

The library does the protocol: the authorisation code flow with PKCE, the token request, the
ID token's signature checked against the provider's published keys (JWKS), the nonce. This
subclass adds what it leaves out or leaves to us:
- the endpoints from discovery (people/signin/provider.py) instead of one setting each;
- the ID token's audience and issuer checked too (the library checks neither), and an expired
  or badly signed token reported as such rather than as a server error;
- the claims of the ID token and of the userinfo endpoint together (Entra ID sends groups only
  in the ID token), and the account found by subject, made and updated from them
  (people/signin/accounts.py).
Each way a sign-in fails raises SignInFailed with a reason the failure page explains.
"""

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from people.signin.accounts import AccountInactive, account_sign_in
from people.signin.claims import MissingClaims, profile_from_claims
from people.signin.provider import ProviderUnavailable, provider, sso_enabled

# Clocks of the identity provider and this server may differ a little.
CLOCK_SKEW_SECONDS = 60


class SignInFailed(Exception):
    """A sign-in that must not go on; `reason` is one the failure page knows."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


class SignInBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend with discovery, stricter token checks and our accounts."""

    def __init__(self, *args, **kwargs) -> None:
        # Not the library's __init__: it reads every endpoint from settings at once, and this
        # backend is made for every authentication, password sign-ins included.
        self.UserModel = get_user_model()

    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)
    OIDC_RP_CLIENT_SECRET = property(lambda self: settings.OIDC_RP_CLIENT_SECRET)
    OIDC_RP_SIGN_ALGO = property(lambda self: settings.OIDC_RP_SIGN_ALGO)
    OIDC_RP_IDP_SIGN_KEY = None
    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: provider().token_endpoint)
    OIDC_OP_USER_ENDPOINT = property(lambda self: provider().userinfo_endpoint)
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: provider().jwks_uri)

    def authenticate(self, request, **kwargs):
        # Only the callback of the code flow passes a nonce; password sign-ins pass through.
        if request is None or "nonce" not in kwargs or not sso_enabled():
            return None
        try:
            return super().authenticate(request, **kwargs)
        except ProviderUnavailable as error:
            raise SignInFailed("unavailable", str(error)) from error
        except requests.HTTPError as error:
            # The token endpoint refused the code: used twice, too old, or a PKCE mismatch.
            raise SignInFailed("refused", str(error)) from error
        except requests.RequestException as error:
            raise SignInFailed("unavailable", str(error)) from error

    def verify_token(self, token, **kwargs):
        try:
            return super().verify_token(token, **kwargs)
        except jwt.ExpiredSignatureError as error:
            raise SignInFailed("expired", str(error)) from error
        except (jwt.InvalidTokenError, SuspiciousOperation, KeyError) as error:
            raise SignInFailed("token", str(error)) from error

    def get_payload_data(self, token, key):
        """Check the signature with the provider's key, and the audience, issuer and times.

        jwt.decode refuses any algorithm but the configured one, so never "none".
        """
        return jwt.decode(
            token,
            key,
            algorithms=[self.OIDC_RP_SIGN_ALGO],
            audience=self.OIDC_RP_CLIENT_ID,
            issuer=provider().issuer,
            leeway=CLOCK_SKEW_SECONDS,
            options={"require": ["exp", "iat", "iss", "aud"]},
        )

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims, completed by the userinfo endpoint when there is one."""
        claims = dict(payload)
        if provider().userinfo_endpoint:
            info = super().get_userinfo(access_token, id_token, payload)
            # OpenID Connect Core 5.3.2: the userinfo must be about the same subject.
            if info.get("sub") != payload.get("sub"):
                raise SignInFailed("token", "userinfo names another subject")
            claims.update(info)
        return claims

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        try:
            profile = profile_from_claims(
                claims,
                names=settings.OIDC_CLAIMS,
                role_map=settings.OIDC_ROLE_MAP,
                email_required="email" in settings.OIDC_RP_SCOPES.split(),
            )
        except MissingClaims as error:
            raise SignInFailed("claims", str(error)) from error
        try:
            return account_sign_in(profile=profile)
        except AccountInactive as error:
            raise SignInFailed("inactive", str(error)) from error
