import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "codeapp.settings")
application = get_wsgi_application()

# Ready before the first request, not during it (a restart never makes a reader wait).
from codeapp.ops.warmup import warm  # noqa: E402 - needs the settings and apps loaded above

warm()
