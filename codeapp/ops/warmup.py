"""A fresh process made ready before it takes its first request (codeapp/wsgi.py).

Django does much lazily: the URL configuration (which imports every view module, WeasyPrint
and the API's schemas with them), the translation catalogues, the compiled templates. A
worker that has just started pays for all of it on its first requests, while readers wait:
after a restart or a reload, a reading page took seconds. Here it is paid at start-up,
before gunicorn hands the worker a connection. Nothing here touches the database (which may
still be starting, and a connection made before a fork must not be shared).
"""

from django.conf import settings
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

from codeapp.reading import rendering

# The reading pages' frame: what every first reader of a version needs compiled.
TEMPLATES = (
    "base.html",
    "includes/_language.html",
    "includes/_messages.html",
    "codeapp/reading/version.html",
    "codeapp/reading/_version_header.html",
    "codeapp/reading/_status.html",
    "codeapp/reading/_retroactive.html",
    "codeapp/reading/_confirm.html",
    "codeapp/reading/_date_picker.html",
    "codeapp/reading/_kind_legend.html",
    *rendering.TEMPLATES,
)


def warm() -> None:
    """Load the URLs, the translations and the reading pages' templates now."""
    get_resolver().url_patterns  # noqa: B018 - importing every view module is the point
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            translation.gettext("Contents")
    for name in TEMPLATES:
        get_template(name)
    rendering.shape()
