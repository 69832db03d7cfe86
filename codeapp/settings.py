"""Settings for the living code of conduct, driven by environment variables.

Every variable has a safe default; a value that cannot be understood stops the
start-up with a message naming the variable, rather than being guessed at.
"""

import datetime
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from core.dates import NotADay, parse_day

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    """Read a yes/no variable; anything but a clear yes or no is an error."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a yes/no value; use one of 1, true, yes, on, 0, false, no, off."
    )


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_day(name: str, default: str) -> datetime.date | None:
    """Read a day written YYYY-MM-DD (core.dates); empty: None."""
    raw = os.environ.get(name, "").strip() or default
    if not raw:
        return None
    try:
        return parse_day(raw)
    except NotADay:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a date written YYYY-MM-DD.") from None


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    SECRET_KEY = "django-insecure-development-only-never-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# Whether anonymous visitors (citizens, courts) may read the published code.
CODE_PUBLIC = env_bool("CODE_PUBLIC", True)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "django_tasks_db",
    "core",
    "people",
    "values",
    "norms",
    "reflection",
    "codeapp",
]

MIDDLEWARE = [
    # Before all: an anonymous reader of the published code gets the answer the last one
    # got for the same page (codeapp/caching/replay.py); no middleware below runs for it, so a rule
    # that must hold for every request (blocking addresses, maintenance) goes above it.
    "codeapp.caching.replay.ReplayMiddleware",
    # First, so a database outage anywhere below becomes a clear 503 (codeapp/ops/outage.py).
    "codeapp.ops.outage.DatabaseOutageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Which code the request is about: its address, or the code the user works on
    # (codeapp/codes/middleware.py); below it every query sees that code's rows.
    "codeapp.codes.middleware.ActiveCodeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "codeapp.urls"
WSGI_APPLICATION = "codeapp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.roles",
                "codeapp.navigation.menu_facts",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has one writer at a time. By default a transaction starts as a reader and asks
    # for the write lock at its first write; when another writer holds it, SQLite cannot
    # wait (both would wait for ever) and answers "database is locked" at once: a 503 that
    # loses what the user typed. IMMEDIATE takes the write lock at BEGIN, so overlapping
    # writes queue for up to `timeout` seconds and each then sees the one before it: the
    # revision checks give the loser of a real conflict the conflict page, as on PostgreSQL
    # (where row locks and LOCK TABLE do this; select_for_update is a no-op on SQLite).
    # WAL lets pages be read while someone writes. synchronous stays FULL: a published
    # version must survive a power cut. The timeout stays under gunicorn's 30 s.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_from_url(name: str, default: str) -> dict:
    """The cache named by an address: redis://host:6379/0, db://table or locmem://."""
    raw = os.environ.get(name, "").strip() or default
    scheme, separator, rest = raw.partition("://")
    if scheme in ("redis", "rediss") and separator and rest:
        return {"BACKEND": "codeapp.caching.backend.RedisCache", "LOCATION": raw}
    if scheme == "db" and separator:
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": rest or "django_cache",
        }
    if scheme == "locmem" and separator:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": rest}
    raise ImproperlyConfigured(
        f"{name}={raw!r} is not a cache address; use redis://host:6379/0, db://table "
        "(after manage.py createcachetable) or locmem:// (one server process only)."
    )


# The cache, shared by every app server when there are several (DJANGO_CACHE_URL, see
# docs/deployment.md). locmem:// lives inside one process: fine for one instance only.
CACHES = {"default": cache_from_url("DJANGO_CACHE_URL", "locmem://")}
CACHE_IS_SHARED = CACHES["default"]["BACKEND"].rsplit(".", 1)[1] != "LocMemCache"
# Sessions live in the database, so any instance can serve any request; with a shared cache
# they are read through it. Not through a per-process cache: a session ended on one process
# would live on in another's.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if CACHE_IS_SHARED
    else "django.contrib.sessions.backends.db"
)
# Rendered pages of published versions are cached (codeapp.caching.pages); 0 renders every time.
PAGE_CACHE = env_bool("DJANGO_PAGE_CACHE", True)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Local passwords (people/signin/passwords.py). Off, only the break-glass accounts named in
# DJANGO_BREAK_GLASS_USERS may still sign in with a password, each use logged (docs/deployment.md).
PASSWORD_LOGIN = env_bool("DJANGO_PASSWORD_LOGIN", True)
BREAK_GLASS_USERS = env_list("DJANGO_BREAK_GLASS_USERS", [])
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # First to answer for permissions: an editor or officer named for chosen codes holds
    # their role for those only (codeapp/codes/rights.py).
    "codeapp.codes.rights.CodeRightsBackend",
    "people.signin.passwords.PasswordBackend",
]

# The roles an identity provider's groups may grant (core.roles; settings cannot import it).
SIGN_IN_ROLES = ("editor", "integrity officer")
# Claims read at sign-in, by what they mean; each can be renamed with OIDC_CLAIM_<MEANING>.
OIDC_CLAIM_DEFAULTS = {
    "subject": "sub",
    "username": "preferred_username",
    "name": "name",
    "email": "email",
    "unit": "department",
    "function": "job_title",
    "groups": "groups",
    "manages": "",  # off unless named: the units the person manages
    "leads": "",  # off unless named: the units (teams) the person leads as team lead
}
OIDC_SIGN_ALGOS = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"}


def role_map(name: str, raw: str) -> dict[str, str]:
    """`group=role;group=role` as {group: role}; a role must be one of SIGN_IN_ROLES."""
    mapping = {}
    for entry in (part.strip() for part in raw.split(";")):
        if not entry:
            continue
        group, separator, role = (side.strip() for side in entry.partition("="))
        if not separator or not group or role not in SIGN_IN_ROLES:
            raise ImproperlyConfigured(
                f"{name}: {entry!r} is not group=role with a role among "
                f"{', '.join(SIGN_IN_ROLES)}; write e.g. "
                f'"P&O-redactie=editor;Integriteit=integrity officer".'
            )
        mapping[group] = role
    return mapping


def oidc_settings(environ: Mapping[str, str]) -> dict[str, Any]:
    """The settings of sign-in over OpenID Connect (people/signin/); empty when OIDC_ISSUER
    is unset, which leaves sign-in with passwords exactly as it is.

    The endpoints are not settings: people.signin.provider reads them from the issuer's
    discovery document on first use, so a start-up never waits for the identity provider.
    """
    issuer = environ.get("OIDC_ISSUER", "").strip().rstrip("/")
    if not issuer:
        return {"OIDC_ISSUER": ""}
    if not issuer.startswith(("https://", "http://")):
        raise ImproperlyConfigured(
            f"OIDC_ISSUER={issuer!r} is not a web address; write the issuer like "
            "https://login.microsoftonline.com/<tenant>/v2.0."
        )
    for required in ("OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"):
        if not environ.get(required, "").strip():
            raise ImproperlyConfigured(f"{required} must be set when OIDC_ISSUER is set.")
    scopes = environ.get("OIDC_SCOPES", "").split() or ["openid", "email", "profile"]
    if "openid" not in scopes:
        raise ImproperlyConfigured(f"OIDC_SCOPES={' '.join(scopes)!r} must include openid.")
    algo = environ.get("OIDC_SIGN_ALGO", "").strip() or "RS256"
    if algo not in OIDC_SIGN_ALGOS:
        raise ImproperlyConfigured(
            f"OIDC_SIGN_ALGO={algo!r} is not an asymmetric signing algorithm; use RS256 or "
            f"one of {', '.join(sorted(OIDC_SIGN_ALGOS))}."
        )
    timeout = environ.get("OIDC_TIMEOUT", "").strip() or "10"
    if not timeout.isdigit() or int(timeout) < 1:
        raise ImproperlyConfigured(f"OIDC_TIMEOUT={timeout!r} is not a number of seconds.")
    claims = {
        meaning: environ.get(f"OIDC_CLAIM_{meaning.upper()}", default).strip()
        for meaning, default in OIDC_CLAIM_DEFAULTS.items()
    }
    if not claims["subject"]:
        raise ImproperlyConfigured("OIDC_CLAIM_SUBJECT may not be empty; it is usually sub.")
    origin = "/".join(issuer.split("/", 3)[:3])
    return {
        "OIDC_ISSUER": issuer,
        "OIDC_RP_CLIENT_ID": environ["OIDC_CLIENT_ID"].strip(),
        "OIDC_RP_CLIENT_SECRET": environ["OIDC_CLIENT_SECRET"].strip(),
        "OIDC_RP_SCOPES": " ".join(scopes),
        "OIDC_RP_SIGN_ALGO": algo,
        "OIDC_TIMEOUT": int(timeout),
        "OIDC_CLAIMS": claims,
        "OIDC_ROLE_MAP": role_map("OIDC_ROLE_MAP", environ.get("OIDC_ROLE_MAP", "")),
        # The authorisation code flow with PKCE; the ID token kept for signing out at the
        # identity provider too (RP-initiated logout).
        "OIDC_USE_PKCE": True,
        "OIDC_STORE_ID_TOKEN": True,
        "OIDC_OP_LOGOUT_URL_METHOD": "people.signin.provider.end_session_url",
        "AUTHENTICATION_BACKENDS": [
            *AUTHENTICATION_BACKENDS,
            "people.signin.backend.SignInBackend",
        ],
        # Signing out posts a form that the site answers with a redirect to the identity
        # provider's end-session page; browsers hold such redirects to form-action too.
        "SECURE_CSP": {**SECURE_CSP, "form-action": [*SECURE_CSP["form-action"], origin]},
    }


# mozilla-django-oidc's URLs (/accounts/oidc/) take these views; with OIDC_ISSUER unset they
# answer 404.
OIDC_AUTHENTICATE_CLASS = "people.signin.views.Authenticate"
OIDC_CALLBACK_CLASS = "people.signin.views.Callback"

# Password guessing: five failures for one user name from one address lock it for an hour.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Reverse proxies in front of the app (each appending to X-Forwarded-For); 0 trusts no header.
PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 0)
if PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"DJANGO_PROXY_COUNT={PROXY_COUNT} is negative; use 0 or more.")
AXES_CLIENT_IP_CALLABLE = "codeapp.ops.client_ip.client_ip"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers ask for at the site's root (/favicon.ico), served by WhiteNoise as they are.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Refuse oversized requests with a clear error instead of reading them in full.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DJANGO_MAX_REQUEST_BYTES", 2 * 1024 * 1024)

# Security headers. Scripts and styles come only from our own static files: no inline code.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Single sign-on over OpenID Connect: on when OIDC_ISSUER is set (README, Configuration).
globals().update(oidc_settings(os.environ))

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    if env_bool("DJANGO_BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# E-mail through Django's mailers: printed on the console while developing, SMTP otherwise.
# The SMTP options go to the SMTP backend only; another backend (DJANGO_EMAIL_BACKEND)
# gets none, as each backend refuses options it does not know.
_smtp_backend = "django.core.mail.backends.smtp.EmailBackend"
_mail_backend = os.environ.get("DJANGO_EMAIL_BACKEND", "").strip() or (
    "django.core.mail.backends.console.EmailBackend" if DEBUG else _smtp_backend
)
MAILERS = {"default": {"BACKEND": _mail_backend}}
if _mail_backend == _smtp_backend:
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("DJANGO_EMAIL_HOST", "").strip() or "localhost",
        # Unset: 587 with TLS, 25 without.
        "port": env_int("DJANGO_EMAIL_PORT", 0) or None,
        "username": os.environ.get("DJANGO_EMAIL_USER", ""),
        "password": os.environ.get("DJANGO_EMAIL_PASSWORD", ""),
        "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", False),
        # Mail goes out after the request's transaction commits: a slow server must not
        # hold the request for long.
        "timeout": env_int("DJANGO_EMAIL_TIMEOUT", 10),
    }
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "").strip() or (
    "gedragscode@localhost"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The notice of a new version goes to every reader in blind-copy batches of this many
# addresses (mail servers commonly accept 100 recipients a message).
EMAIL_BATCH_SIZE = env_int("DJANGO_EMAIL_BATCH_SIZE", 100)
if EMAIL_BATCH_SIZE < 1:
    raise ImproperlyConfigured(f"DJANGO_EMAIL_BATCH_SIZE={EMAIL_BATCH_SIZE} must be 1 or more.")

# Mail waits in an outbox (core.models.OutgoingMail) that a background task delivers: one
# message per transaction, tried up to DJANGO_MAIL_MAX_ATTEMPTS times, waiting
# DJANGO_MAIL_RETRY_SECONDS after the first failure and twice as long after each next one.
MAIL_MAX_ATTEMPTS = env_int("DJANGO_MAIL_MAX_ATTEMPTS", 5)
MAIL_RETRY_SECONDS = env_int("DJANGO_MAIL_RETRY_SECONDS", 60)
# How many messages one delivery sends over one connection to the mail server.
MAIL_DELIVERY_BATCH = env_int("DJANGO_MAIL_DELIVERY_BATCH", 20)
for _name, _value in [
    ("DJANGO_MAIL_MAX_ATTEMPTS", MAIL_MAX_ATTEMPTS),
    ("DJANGO_MAIL_DELIVERY_BATCH", MAIL_DELIVERY_BATCH),
]:
    if _value < 1:
        raise ImproperlyConfigured(f"{_name}={_value} must be 1 or more.")
if MAIL_RETRY_SECONDS < 0:
    raise ImproperlyConfigured(f"DJANGO_MAIL_RETRY_SECONDS={MAIL_RETRY_SECONDS} is negative.")

# Background work (Django's task framework, django.tasks). "database": tasks wait in the
# database (django-tasks-db) for a worker (`manage.py db_worker`, see docs/deployment.md), so no
# web request waits for a mail server. "immediate": a task runs at once in the process that
# enqueues it (the tests; a machine without a worker).
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
_tasks = os.environ.get("DJANGO_TASKS", "").strip().lower() or "database"
if _tasks not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"DJANGO_TASKS={_tasks!r} is not a task backend; use database or immediate."
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_tasks]}}
# Confirmation campaigns (codeapp/campaigns): a new employee confirms the code in force within
# this many days of their start; reminders for them go this many days before that deadline.
NEW_EMPLOYEE_CONFIRM_DAYS = env_int("NEW_EMPLOYEE_CONFIRM_DAYS", 30)
if NEW_EMPLOYEE_CONFIRM_DAYS < 1:
    raise ImproperlyConfigured(
        f"NEW_EMPLOYEE_CONFIRM_DAYS={NEW_EMPLOYEE_CONFIRM_DAYS} must be 1 or more."
    )
# Dilemma practice (reflection/services/practice.py): how colleagues chose is shown only once
# at least this many people answered a dilemma (organisation-wide, and per unit for a unit's
# own figure), so no answer can be traced to a person.
PRACTICE_MIN_ANSWERS = env_int("DJANGO_PRACTICE_MIN_ANSWERS", 5)
if PRACTICE_MIN_ANSWERS < 1:
    raise ImproperlyConfigured(
        f"DJANGO_PRACTICE_MIN_ANSWERS={PRACTICE_MIN_ANSWERS} must be 1 or more."
    )

# The site's address, for links in e-mails (which are sent outside any request).
# SITE_URL_SET tells an address set on purpose from the fallback: a live session's screen shows
# the address it was opened at unless DJANGO_SITE_URL names the public one.
SITE_URL_SET = bool(os.environ.get("DJANGO_SITE_URL", "").strip())
SITE_URL = (
    os.environ.get("DJANGO_SITE_URL", "").strip()
    or next(iter(CSRF_TRUSTED_ORIGINS), "")
    or "http://127.0.0.1:8000"
).rstrip("/")
if not SITE_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(
        f"DJANGO_SITE_URL={SITE_URL!r} is not a web address; write it like "
        "https://gedragscode.example.nl."
    )

# Live dilemma sessions (reflection/services/live.py): how long a join code stays valid, how
# many phones one session takes, and how many new phones one address may join per minute (a
# team's phones often share one office address, so not too few).
LIVE_SESSION_HOURS = env_int("LIVE_SESSION_HOURS", 12)
LIVE_MAX_PARTICIPANTS = env_int("LIVE_MAX_PARTICIPANTS", 1000)
LIVE_JOINS_PER_MINUTE = env_int("LIVE_JOINS_PER_MINUTE", 300)
for _name in ("LIVE_SESSION_HOURS", "LIVE_MAX_PARTICIPANTS", "LIVE_JOINS_PER_MINUTE"):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name}={globals()[_name]} must be 1 or more.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}


# The identity provider's groups and the roles they give, shared by sign-in (OIDC, which also
# keeps it as OIDC_ROLE_MAP when on) and provisioning (SCIM): the same mapping, from the same
# variable, whichever way a group reaches us.
ROLE_MAP = role_map("OIDC_ROLE_MAP", os.environ.get("OIDC_ROLE_MAP", ""))

# The bearer token of the SCIM client (the identity provider). Unset: no SCIM service (404).
SCIM_TOKEN = os.environ.get("SCIM_TOKEN", "").strip()
if SCIM_TOKEN and len(SCIM_TOKEN) < 32:
    raise ImproperlyConfigured(
        "SCIM_TOKEN is shorter than 32 characters; generate one with: "
        "python -c 'import secrets; print(secrets.token_urlsafe(32))'."
    )

# Model codes (codeapp/modelcodes): fetching a model release from another installation's API.
MODEL_FETCH_TIMEOUT = env_int("MODEL_FETCH_TIMEOUT", 10)  # seconds
MODEL_FETCH_MAX_BYTES = env_int("MODEL_FETCH_MAX_BYTES", 10_000_000)

# Bringing a code in from Word (codeapp/wordimport): the largest .docx or .odt taken; what it
# unpacks to may be at most ten times as much (a zip bomb is refused).
WORD_IMPORT_MAX_BYTES = env_int("WORD_IMPORT_MAX_BYTES", 10_000_000)
if WORD_IMPORT_MAX_BYTES < 1:
    raise ImproperlyConfigured("WORD_IMPORT_MAX_BYTES must be 1 or more (bytes).")

# What Dutch public bodies are held to (codeapp/publicsector): the accessibility statement at
# /toegankelijkheid/ and /.well-known/security.txt carry the organisation's own details.
ORGANISATION_NAME = os.environ.get("ORGANISATION_NAME", "").strip()
# Where a reader reports an accessibility problem: an address, a contact page, or both. Empty:
# the statement asks the reader to use the organisation's usual contact channels.
ACCESSIBILITY_CONTACT_EMAIL = os.environ.get("ACCESSIBILITY_CONTACT_EMAIL", "").strip()
if ACCESSIBILITY_CONTACT_EMAIL and "@" not in ACCESSIBILITY_CONTACT_EMAIL:
    raise ImproperlyConfigured(
        f"ACCESSIBILITY_CONTACT_EMAIL={ACCESSIBILITY_CONTACT_EMAIL!r} is not an e-mail address."
    )
ACCESSIBILITY_CONTACT_URL = os.environ.get("ACCESSIBILITY_CONTACT_URL", "").strip()
if ACCESSIBILITY_CONTACT_URL and not ACCESSIBILITY_CONTACT_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(
        f"ACCESSIBILITY_CONTACT_URL={ACCESSIBILITY_CONTACT_URL!r} is not a web address."
    )
# The day the statement was last checked and signed; by default the day this release's
# statement text was written (docs/deployment.md: renew it at least once a year).
ACCESSIBILITY_STATEMENT_DATE = env_day("ACCESSIBILITY_STATEMENT_DATE", "2026-12-06")
# Who approved the statement, by function ("de gemeentesecretaris"): the model statement's
# akkoordverklaring. Empty: the statement names no one.
ACCESSIBILITY_APPROVED_BY = os.environ.get("ACCESSIBILITY_APPROVED_BY", "").strip()
# "partial" (voldoet gedeeltelijk, the honest default: see the known exceptions on the page) or
# "full" (voldoet volledig: only after an independent audit of the organisation's own content).
ACCESSIBILITY_STATUS = os.environ.get("ACCESSIBILITY_STATUS", "").strip().lower() or "partial"
if ACCESSIBILITY_STATUS not in {"partial", "full"}:
    raise ImproperlyConfigured(
        f"ACCESSIBILITY_STATUS={ACCESSIBILITY_STATUS!r} is not a status; use partial or full."
    )

# security.txt (RFC 9116). Contact: one or more URIs (mailto:, https:, tel:), comma-separated;
# by default the security@ mailbox of the site's own domain (the role address of RFC 2142).
SECURITY_CONTACT = env_list(
    "SECURITY_CONTACT", [f"mailto:security@{urlsplit(SITE_URL).hostname or 'localhost'}"]
)
for _contact in SECURITY_CONTACT:
    if not _contact.startswith(("mailto:", "https://", "tel:")):
        raise ImproperlyConfigured(
            f"SECURITY_CONTACT has {_contact!r}; each contact is a mailto:, https:// or tel: URI."
        )
if not SECURITY_CONTACT:
    raise ImproperlyConfigured("SECURITY_CONTACT is empty; security.txt needs a contact.")
# The public address of SECURITY.md (the disclosure policy); empty: security.txt names none.
SECURITY_POLICY_URL = os.environ.get("SECURITY_POLICY_URL", "").strip()
if SECURITY_POLICY_URL and not SECURITY_POLICY_URL.startswith("https://"):
    raise ImproperlyConfigured(
        f"SECURITY_POLICY_URL={SECURITY_POLICY_URL!r} is not an https:// address (RFC 9116)."
    )
# The day security.txt expires (YYYY-MM-DD); empty: a year after the day it is served, less a
# day, as RFC 9116 recommends less than a year (the contact is kept with the deployment).
SECURITY_TXT_EXPIRES = env_day("SECURITY_TXT_EXPIRES", "")
