"""Security headers on every kind of answer, and the production settings behind them.

The settings are read at start-up from the environment; the production values are checked
in a separate process started with that environment (`manage.py check --deploy`, and a
print of the settings). The headers themselves come from middleware that reads the
settings per client, so the in-process checks see what production sends.
"""

import json

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from tests.helpers import PASSWORD, ROOT
from tests.helpers.servers import STRONG_KEY, manage

pytestmark = pytest.mark.django_db

PRODUCTION = {
    "DJANGO_SECRET_KEY": STRONG_KEY,
    "DJANGO_ALLOWED_HOSTS": "gedragscode.example.nl",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://gedragscode.example.nl",
    "DJANGO_BEHIND_TLS_PROXY": "1",
    "DJANGO_PROXY_COUNT": "1",
    "DATABASE_URL": "postgres://livingcode@db.example.nl:5432/livingcode",
}


def test_the_deploy_check_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_production_settings_are_the_safe_ones():
    names = [
        "DEBUG", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD", "SECURE_PROXY_SSL_HEADER", "SECURE_CSP", "X_FRAME_OPTIONS",
        "SECURE_REFERRER_POLICY", "SECURE_CROSS_ORIGIN_OPENER_POLICY",
    ]  # fmt: skip
    script = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names}}}, default=str))"
    )
    result = manage("shell", "-c", script, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] and values["SESSION_COOKIE_SECURE"]
    assert values["CSRF_COOKIE_SECURE"] and values["SESSION_COOKIE_HTTPONLY"]
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and values["SECURE_HSTS_PRELOAD"]
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    policy = json.dumps(values["SECURE_CSP"])
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert values["X_FRAME_OPTIONS"] == "DENY"


# --- the headers on each kind of answer -----------------------------------------------------


def assert_secure_headers(response, *, html: bool = True) -> None:
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Strict-Transport-Security"] == (
        f"max-age={django_settings.SECURE_HSTS_SECONDS}; includeSubDomains; preload"
    )
    if html:
        assert response["X-Frame-Options"] == "DENY"


def answers(client: Client) -> dict[str, object]:
    """One answer of each kind, over HTTPS (HSTS is sent on secure requests only)."""
    return {
        "page": client.get(reverse("codeapp:versions"), secure=True),
        "reading": client.get(reverse("codeapp:version", args=[1]), secure=True),
        "redirect": client.get(reverse("login"), secure=True),  # signed in already
        "404": client.get("/no-such-page/", secure=True),
        "403": client.get(reverse("codeapp:draft"), secure=True),
    }


def test_every_kind_of_page_sends_the_security_headers(published, client_for):  # noqa: F811
    for kind, response in answers(client_for("employee")).items():
        assert response.status_code in (200, 302, 403, 404), kind
        assert_secure_headers(response)


def test_the_api_sends_them_too(client, published):  # noqa: F811
    for url in ("/api/v1/code", "/api/v1/versions/1", "/api/v1/openapi.json", "/api/v1/none"):
        assert_secure_headers(client.get(url, secure=True), html=url.endswith("none"))


def test_a_static_file_sends_them_too(client, settings):
    # Served by WhiteNoise from the collected files, as in production (`make test` collects
    # them first); the other tests run without them (tests/conftest.py, quick_settings).
    settings.STATIC_ROOT = ROOT / "staticfiles"
    response = client.get("/static/css/app.css", secure=True)
    assert response.status_code == 200
    assert_secure_headers(response, html=False)  # a stylesheet is not framed; CSP says so


def test_the_favicon_browsers_ask_for_is_there(client):
    response = client.get("/favicon.ico", secure=True)
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"  # an icon file
    assert_secure_headers(response, html=False)


def test_the_error_page_for_too_much_sends_them_too(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    response = client.post(reverse("login"), {"username": "x" * 200}, secure=True)
    assert response.status_code == 413
    assert_secure_headers(response)


def test_plain_http_is_sent_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get(reverse("login"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_the_session_cookie_is_not_for_scripts(editor, client):
    response = client.post(
        reverse("login"), {"username": "editor", "password": PASSWORD}, secure=True
    )
    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
