"""/code/v<N>/confirmations/: how many confirmed, and who has not yet."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from codeapp.models import Confirmation
from tests.helpers import english, text_of

pytestmark = pytest.mark.django_db


def report_url(number: int) -> str:
    return reverse("codeapp:version-confirmations", args=[number])


def add_users(count: int, prefix: str = "medewerker") -> None:
    get_user_model().objects.bulk_create(
        get_user_model()(username=f"{prefix}{i:04}", first_name="Mede", last_name=f"Werker {i}")
        for i in range(count)
    )


@pytest.mark.parametrize("persona", ["editor", "officer", "admin"])
def test_it_shows_the_report_to_editors_and_officers(persona, client_for, v1):
    assert client_for(persona).get(report_url(1)).status_code == 200


def test_it_refuses_the_report_to_an_employee(client_for, v1):
    assert client_for("employee").get(report_url(1)).status_code == 403


def test_it_sends_anonymous_visitors_to_sign_in(client_for, v1):
    response = client_for("anonymous").get(report_url(1))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={report_url(1)}"


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_it_refuses_other_methods(method, client_for, v1):
    assert getattr(client_for("officer"), method)(report_url(1)).status_code == 405


def test_it_answers_404_for_an_unknown_version(client_for, v1):
    assert client_for("officer").get(report_url(4)).status_code == 404


def test_it_counts_confirmations_of_active_users(
    client_for, v1, employee, editor, django_user_model
):
    # Users: employee, editor, officer, admin, manager (client_for makes them) and one who left.
    gone = django_user_model.objects.create_user("vertrokken", is_active=False)
    Confirmation.objects.create(user=employee, version=v1)
    Confirmation.objects.create(user=editor, version=v1)
    Confirmation.objects.create(user=gone, version=v1)

    response = english(client_for("officer")).get(report_url(1))
    page = text_of(response)

    assert (response.context["confirmed"], response.context["total"]) == (2, 5)
    assert "2 of 5 active users (40%) confirmed that they have read this version." in page
    assert '<progress class="confirmation-progress" max="5" value="2"' in page


def test_it_lists_who_has_not_confirmed_yet(client_for, v1, employee, django_user_model):
    django_user_model.objects.create_user("vertrokken", is_active=False)
    django_user_model.objects.create_user("jdevries", first_name="Jan", last_name="de Vries")
    Confirmation.objects.create(user=employee, version=v1)

    page = text_of(english(client_for("officer")).get(report_url(1)))
    pending = page[page.index('id="pending-heading"') :]

    assert "Not confirmed yet (5)" in pending
    assert "<td>jdevries</td><td>Jan de Vries</td>" in pending
    assert "<td>officer</td>" in pending
    assert "<td>employee</td>" not in pending
    assert "vertrokken" not in pending


def test_it_counts_per_version(client_for, two_versions, employee):
    Confirmation.objects.create(user=employee, version=two_versions["v1"])

    response = client_for("officer").get(report_url(2))

    assert response.context["confirmed"] == 0


def test_it_pages_the_list_by_fifty(client_for, v1):
    add_users(120)

    first = english(client_for("officer")).get(report_url(1))
    last = english(client_for("officer")).get(report_url(1), {"page": 3})

    assert len(first.context["page"].object_list) == 50
    assert first.context["page"].paginator.count == 125
    assert "Page 1 of 3" in text_of(first)
    assert 'href="?page=2"' in text_of(first)
    assert len(last.context["page"].object_list) == 25
    assert "<td>officer</td>" in text_of(last)


def test_it_shows_the_last_page_for_a_page_number_out_of_range(client_for, v1):
    response = client_for("officer").get(report_url(1), {"page": "99"})

    assert response.status_code == 200


def test_it_says_when_everyone_confirmed(client_for, v1, django_user_model):
    for user in django_user_model.objects.all():
        Confirmation.objects.create(user=user, version=v1)

    page = text_of(english(client_for("officer")).get(report_url(1)))

    assert "Every active user has confirmed this version." in page


def test_it_needs_the_same_queries_for_many_users(client_for, v1, officer):
    client = client_for("officer")
    client.get(report_url(1))  # warm the session

    with CaptureQueriesContext(connection) as few:
        client.get(report_url(1))
    add_users(5000)
    Confirmation.objects.bulk_create(
        Confirmation(user=u, version=v1)
        for u in get_user_model().objects.filter(username__startswith="medewerker")[:2500]
    )
    with CaptureQueriesContext(connection) as many:
        response = client.get(report_url(1))

    assert response.context["total"] == 5005
    assert response.context["confirmed"] == 2500
    assert len(many) == len(few) <= 10
