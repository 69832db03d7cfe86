"""The read-only JSON API (django-ninja): endpoints, the schemas of its OpenAPI document,
and the comparison document it gives."""
