"""The read-only JSON API (django-ninja): documents of published versions and comparisons."""

from ninja import NinjaAPI

api = NinjaAPI(title="Living code of conduct", version="1", urls_namespace="api")
