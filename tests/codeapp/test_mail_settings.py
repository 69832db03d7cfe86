"""Mail settings come from the environment: the console while developing, SMTP otherwise."""

import pytest

from tests.helpers.servers import STRONG_KEY, manage, settings_shown

SHOW = (
    "from django.conf import settings; "
    "print(settings.MAILERS); print(settings.DEFAULT_FROM_EMAIL); print(settings.SITE_URL)"
)


def show(**env: str) -> str:
    return settings_shown(SHOW, **env)


def test_it_sends_through_smtp_as_the_environment_says():
    out = show(
        DJANGO_EMAIL_HOST="smtp.example.nl",
        DJANGO_EMAIL_PORT="2525",
        DJANGO_EMAIL_USER="gedragscode",
        DJANGO_EMAIL_PASSWORD="s3cret",
        DJANGO_EMAIL_USE_TLS="yes",
        DJANGO_DEFAULT_FROM_EMAIL="gedragscode@example.nl",
        DJANGO_SITE_URL="https://gedragscode.example.nl/",
    )

    assert (
        "{'default': {'BACKEND': 'django.core.mail.backends.smtp.EmailBackend', "
        "'OPTIONS': {'host': 'smtp.example.nl', 'port': 2525, 'username': 'gedragscode', "
        "'password': 's3cret', 'use_tls': True, 'timeout': 10}}}"
    ) in out
    assert "gedragscode@example.nl\nhttps://gedragscode.example.nl\n" in out


def test_it_defaults_to_smtp_on_localhost_with_debug_off():
    out = show()

    assert "'BACKEND': 'django.core.mail.backends.smtp.EmailBackend'" in out
    assert "'host': 'localhost', 'port': None" in out and "'use_tls': False" in out


def test_it_prints_mail_on_the_console_while_developing():
    out = show(DJANGO_DEBUG="1")

    assert "{'default': {'BACKEND': 'django.core.mail.backends.console.EmailBackend'}}" in out


def test_another_backend_may_be_named():
    out = show(DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend")

    assert "{'default': {'BACKEND': 'django.core.mail.backends.filebased.EmailBackend'}}" in out


@pytest.mark.parametrize(
    ("var", "value", "message"),
    [
        ("DJANGO_EMAIL_USE_TLS", "maybe", "DJANGO_EMAIL_USE_TLS='maybe' is not a yes/no value"),
        ("DJANGO_EMAIL_PORT", "smtp", "DJANGO_EMAIL_PORT='smtp' is not a whole number"),
        ("DJANGO_SITE_URL", "gedragscode.example.nl", "DJANGO_SITE_URL='gedragscode.example.nl'"),
    ],
)
def test_it_refuses_what_it_cannot_read(var, value, message):
    result = manage("check", **{var: value, "DJANGO_SECRET_KEY": STRONG_KEY})

    assert result.returncode != 0
    assert message in result.stderr


def test_the_deploy_check_stays_clean_with_smtp_configured():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_EMAIL_HOST="smtp.example.nl", DJANGO_EMAIL_USE_TLS="on",
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_refuses_the_console_in_production():
    result = manage(
        "check", "--deploy", DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
    )  # fmt: skip

    assert result.returncode != 0
    assert "mail.E001" in result.stderr
