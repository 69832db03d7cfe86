"""Every write of the working draft needs the CSRF token a real form carries."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from core.models import ItemKey
from norms.models import Example, Norm
from values.models import Value

pytestmark = pytest.mark.django_db


def snapshot() -> list:
    return [
        list(model.objects.order_by("pk").values())
        for model in (Value, Norm, Example, ItemKey, Value.history.model, Norm.history.model)
    ]


@pytest.fixture
def strict_editor(editor) -> Client:
    """An editor's client that checks CSRF tokens as a browser request would be checked."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    return client


@pytest.mark.parametrize(
    ("url", "data"),
    [
        (reverse("values:create"), {"name": "Moed"}),
        (
            reverse("values:edit", kwargs={"key": "eerlijkheid"}),
            {"name": "Oneerlijkheid", "description": "", "revision": 1},
        ),
        (reverse("values:retire", kwargs={"key": "deskundigheid"}), {"reason": "x"}),
        (reverse("norms:move", kwargs={"key": "geschenken"}), {"direction": "down"}),
        (reverse("norms:retire", kwargs={"key": "geschenken"}), {"reason": "x"}),
        (reverse("norms:example-retire", kwargs={"key": "wijn"}), {"reason": "x"}),
        (reverse("logout"), {}),
    ],
)
def test_it_refuses_a_post_without_a_csrf_token(url, data, strict_editor, editor, code):
    before = snapshot()

    response = strict_editor.post(url, data)

    assert response.status_code == 403
    assert snapshot() == before
    assert strict_editor.session.get("_auth_user_id") == str(editor.pk)


def test_it_refuses_a_post_with_a_wrong_csrf_token(strict_editor, code):
    strict_editor.get(reverse("values:create"))
    before = snapshot()

    response = strict_editor.post(
        reverse("values:create"), {"name": "Moed", "csrfmiddlewaretoken": "x" * 64}
    )

    assert response.status_code == 403
    assert snapshot() == before


def test_it_accepts_the_token_of_the_form_it_served(strict_editor, code):
    strict_editor.get(reverse("values:create"))
    token = strict_editor.cookies[settings.CSRF_COOKIE_NAME].value

    response = strict_editor.post(
        reverse("values:create"), {"name": "Moed", "csrfmiddlewaretoken": token}
    )

    assert response.status_code == 302
    assert Value.objects.filter(key="moed").exists()
