"""The address a request came from, for django-axes (AXES_CLIENT_IP_CALLABLE).

Behind reverse proxies REMOTE_ADDR is the nearest proxy: every user would share it, and
five wrong passwords from anyone would lock a name for all. Each proxy appends the address
it was connected from to X-Forwarded-For, so with DJANGO_PROXY_COUNT proxies in front
the client is the entry that many places from the right; anything further left came from
the client itself and may be made up. (django-ipware counts proxies differently: tried,
it picked a made-up left entry in a chain longer than expected.)
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.PROXY_COUNT
    if not hops:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    chain = [part.strip() for part in header.split(",") if part.strip()]
    if len(chain) < hops:
        return remote  # not through all the proxies: what connected is all we know
    try:
        return str(ipaddress.ip_address(chain[-hops]))
    except ValueError:
        return remote
