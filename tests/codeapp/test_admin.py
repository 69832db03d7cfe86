"""The Django admin: editing an item keeps its history; nothing can be deleted there."""

import pytest
from django.urls import reverse

from norms.models import Norm

pytestmark = pytest.mark.django_db


def test_an_administrator_edits_a_norm_with_history(client_for, code, admin_user):
    norm = code["gifts"]
    url = reverse("admin:norms_norm_change", args=[norm.pk])
    client = client_for("admin")
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "value": norm.value_id,
        "title": norm.title,
        "text": "Aangepast door de beheerder.",
        "kind": norm.kind,
        "explanation": "",
        "related_values": "[]",
        "legal_basis": "[]",
        "position": norm.position,
        "_change_reason": "Correctie",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    norm.refresh_from_db()
    assert norm.text == "Aangepast door de beheerder."
    assert norm.revision == 2
    latest = norm.history.first()
    assert latest.history_user == admin_user and latest.revision == 2


def test_the_admin_shows_history_and_offers_no_delete(client_for, code):
    client = client_for("admin")
    norm = code["gifts"]
    history = client.get(reverse("admin:norms_norm_history", args=[norm.pk]))
    assert history.status_code == 200
    assert client.get(reverse("admin:norms_norm_delete", args=[norm.pk])).status_code == 403
    assert client.get(reverse("admin:norms_norm_add")).status_code == 403
    assert Norm.objects.count() == 3
