"""A fresh process is made ready before its first request, without the database."""

import pytest
from django.urls import reverse

from codeapp.ops import warmup
from tests.helpers import text_of


def test_warming_up_touches_no_database():
    # Without the django_db mark, pytest-django refuses any query: warming up must make none.
    warmup.warm()


@pytest.mark.django_db
def test_a_warmed_process_answers_its_first_reader(v1, client_for):
    warmup.warm()

    response = client_for("anonymous").get(reverse("codeapp:version", args=[1]))

    assert response.status_code == 200
    assert "Geschenken melden" in text_of(response)
