"""Helpers for the security tests."""

from django.apps import apps


def everything() -> list:
    """Every row of every table: a refused POST must change none of it."""
    return [
        (model._meta.label, list(model._default_manager.order_by("pk").values()))
        for model in apps.get_models()
    ]
