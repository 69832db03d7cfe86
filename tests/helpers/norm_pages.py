"""Helpers for the tests of the norm pages: their addresses, form data and what must not change."""

from django.urls import reverse

from norms.models import Norm

CREATE = reverse("norms:create")


def url(view: str, key: str = "geschenken") -> str:
    return reverse(f"norms:{view}", kwargs={"key": key})


def state() -> list[tuple]:
    """Everything about the norms and their history a refused request must leave alone."""
    return [
        (n.key, n.value_id, n.title, n.text, n.kind, n.explanation, n.related_values,
         n.legal_basis, n.position, n.retired, n.revision, n.history.count())
        for n in Norm.objects.order_by("id")
    ]  # fmt: skip


def new_norm(**overrides) -> dict:
    data = {
        "value": "eerlijkheid",
        "title": "Nevenwerk melden",
        "text": "Je meldt nevenwerkzaamheden vooraf.",
        "kind": "obligation",
        "explanation": "",
        "legal_basis": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def edit_data(norm: Norm, **overrides) -> dict:
    data = {
        "value": norm.value.key,
        "title": norm.title,
        "text": norm.text,
        "kind": norm.kind,
        "explanation": norm.explanation,
        "related_values": list(norm.related_values),
        "legal_basis": "\n".join(norm.legal_basis),
        "revision": norm.revision,
    }
    data.update(overrides)
    return data


def keys_under(value_key: str) -> list[str]:
    return list(
        Norm.objects.active()
        .filter(value__key=value_key)
        .order_by("position", "id")
        .values_list("key", flat=True)
    )
