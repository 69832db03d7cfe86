"""The identity provider, as its discovery document describes it.

mozilla-django-oidc wants each endpoint as a setting; an organisation knows only its issuer
(`OIDC_ISSUER`). The endpoints come from `<issuer>/.well-known/openid-configuration`, fetched
on first use and kept for the life of the process — never at start-up, so a migration or a
password sign-in does not wait for (or fail with) the identity provider. A failed fetch is not
kept: the next sign-in tries again.
"""

import logging
import threading
from dataclasses import dataclass
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import resolve_url

log = logging.getLogger(__name__)


class ProviderUnavailable(Exception):
    """The identity provider's discovery document cannot be had or cannot be trusted."""


@dataclass(frozen=True)
class Provider:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str = ""
    end_session_endpoint: str = ""


_known: dict[str, Provider] = {}
_lock = threading.Lock()


def sso_enabled() -> bool:
    """Whether sign-in with the organisation's account is configured (OIDC_ISSUER set)."""
    return bool(getattr(settings, "OIDC_ISSUER", ""))


def provider() -> Provider:
    """The configured identity provider; raises ProviderUnavailable with the reason."""
    issuer = settings.OIDC_ISSUER
    if (known := _known.get(issuer)) is not None:
        return known
    with _lock:
        if issuer not in _known:
            _known[issuer] = discover(issuer)
        return _known[issuer]


def discover(issuer: str) -> Provider:
    """Read `issuer`'s discovery document (OpenID Connect Discovery 1.0, section 4)."""
    url = f"{issuer}/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=getattr(settings, "OIDC_TIMEOUT", 10))
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        log.error("OIDC discovery at %s failed: %s", url, error)
        raise ProviderUnavailable(f"{url} could not be read: {error}") from error
    # The document must name the issuer it was asked for (section 4.3): else tokens could be
    # accepted from another issuer than the one configured.
    if not isinstance(document, dict) or document.get("issuer", "").rstrip("/") != issuer:
        raise ProviderUnavailable(f"{url} names another issuer than OIDC_ISSUER={issuer}.")
    missing = [
        key
        for key in ("authorization_endpoint", "token_endpoint", "jwks_uri")
        if not isinstance(document.get(key), str)
    ]
    if missing:
        raise ProviderUnavailable(f"{url} lacks {', '.join(missing)}.")
    return Provider(
        issuer=issuer,
        authorization_endpoint=document["authorization_endpoint"],
        token_endpoint=document["token_endpoint"],
        jwks_uri=document["jwks_uri"],
        userinfo_endpoint=document.get("userinfo_endpoint") or "",
        end_session_endpoint=document.get("end_session_endpoint") or "",
    )


def forget() -> None:
    """Drop the kept discovery documents (for tests, and after changing the issuer)."""
    with _lock:
        _known.clear()


def end_session_url(request: HttpRequest) -> str:
    """Where signing out leads: the identity provider's end-session page when the person
    signed in there (RP-initiated logout), which then sends them back here; else home.

    mozilla-django-oidc calls this (OIDC_OP_LOGOUT_URL_METHOD) before ending the session.
    """
    home = request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL))
    id_token = request.session.get("oidc_id_token")
    if not id_token or not sso_enabled():
        return home  # signed in with a password (break-glass): nothing to end elsewhere
    try:
        endpoint = provider().end_session_endpoint
    except ProviderUnavailable:
        return home
    if not endpoint:
        return home
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": home,
            "client_id": settings.OIDC_RP_CLIENT_ID,
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
