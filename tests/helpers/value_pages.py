"""Helpers for the tests of the core-value pages: their addresses and what must not change."""

from django.urls import reverse

from values.models import Value

CREATE = reverse("values:create")


def edit_url(key: str = "eerlijkheid") -> str:
    return reverse("values:edit", kwargs={"key": key})


def retire_url(key: str = "eerlijkheid") -> str:
    return reverse("values:retire", kwargs={"key": key})


def restore_url(key: str = "eerlijkheid") -> str:
    return reverse("values:restore", kwargs={"key": key})


def move_url(key: str = "eerlijkheid") -> str:
    return reverse("values:move", kwargs={"key": key})


def state() -> list[tuple]:
    """Everything about the values and their history a refused request must leave alone."""
    return [
        (v.key, v.name, v.description, v.position, v.retired, v.revision, v.history.count())
        for v in Value.objects.order_by("id")
    ]
