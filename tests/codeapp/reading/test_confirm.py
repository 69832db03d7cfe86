"""POST /code/v<N>/confirm/: confirming having read the version in force."""

import pytest
from django.db import connection
from django.db.models.signals import post_save
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from codeapp.models import Confirmation
from tests.helpers import days, english, publish, text_of

pytestmark = pytest.mark.django_db


def confirm_url(number: int) -> str:
    return reverse("codeapp:version-confirm", args=[number])


def version_url(number: int) -> str:
    return reverse("codeapp:version", args=[number])


@pytest.mark.parametrize("persona", ["employee", "editor", "officer"])
def test_it_records_a_confirmation_of_the_version_in_force(persona, client_for, v1):
    client = english(client_for(persona))

    response = client.post(confirm_url(1))

    assert response.status_code == 302
    assert response["Location"] == version_url(1)
    confirmation = Confirmation.objects.get()
    assert confirmation.version == v1
    assert confirmation.user.username == persona
    assert "You confirmed on" in text_of(client.get(response["Location"]))


def test_it_keeps_the_first_moment_when_confirming_twice(client_for, v1):
    client = client_for("employee")
    client.post(confirm_url(1))
    first = Confirmation.objects.get().confirmed_at

    response = client.post(confirm_url(1))

    assert response.status_code == 302
    assert Confirmation.objects.count() == 1
    assert Confirmation.objects.get().confirmed_at == first


def test_it_refuses_to_confirm_an_old_version(client_for, two_versions):
    client = english(client_for("employee"))

    response = client.post(confirm_url(1), follow=True)

    assert response.redirect_chain == [(version_url(1), 302)]
    assert not Confirmation.objects.exists()
    assert "only the version in force can be confirmed" in text_of(response)


def test_it_refuses_to_confirm_a_future_version(client_for, v1, editor):
    publish(editor, days(10))

    response = client_for("employee").post(confirm_url(2))

    assert response.status_code == 302
    assert response["Location"] == version_url(2)
    assert not Confirmation.objects.exists()


def test_it_sends_anonymous_visitors_to_sign_in_and_back_to_the_version(client_for, v1):
    response = client_for("anonymous").post(confirm_url(1))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={version_url(1)}"
    assert not Confirmation.objects.exists()


def test_it_answers_404_for_an_unknown_version(client_for, v1):
    assert client_for("employee").post(confirm_url(5)).status_code == 404
    assert not Confirmation.objects.exists()


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_it_only_answers_a_post(method, client_for, v1):
    assert getattr(client_for("employee"), method)(confirm_url(1)).status_code == 405
    assert not Confirmation.objects.exists()


# --- on the reading page --------------------------------------------------------------------


def test_it_offers_the_button_to_a_signed_in_reader_of_the_version_in_force(client_for, v1):
    for url in [version_url(1), reverse("codeapp:in-force")]:
        page = text_of(english(client_for("employee")).get(url))
        assert f'<form method="post" action="{confirm_url(1)}">' in page
        assert "I have read this version" in page
        assert "You confirmed on" not in page


def test_it_shows_when_the_reader_confirmed(client_for, v1):
    client = english(client_for("employee"))
    client.post(confirm_url(1))

    page = text_of(client.get(version_url(1)))

    assert "You confirmed on" in page
    assert "I have read this version" not in page


def test_it_offers_no_button_to_anonymous_visitors(client_for, v1):
    page = text_of(english(client_for("anonymous")).get(version_url(1)))

    assert "I have read this version" not in page
    assert confirm_url(1) not in page


def test_it_offers_no_button_on_an_old_version(client_for, two_versions):
    page = text_of(english(client_for("employee")).get(version_url(1)))

    assert "I have read this version" not in page


def test_it_points_to_the_changes_since_an_earlier_confirmation(client_for, two_versions, employee):
    Confirmation.objects.create(user=employee, version=two_versions["v1"])

    page = text_of(english(client_for("employee")).get(version_url(2)))

    assert "I have read this version" in page
    assert f'href="{reverse("codeapp:changes-since-confirmed")}"' in page
    assert "What changed since version 1, which you confirmed" in page


def confirm_sql(client, number: int = 1) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.post(confirm_url(number)).status_code == 302
    return [q["sql"] for q in queries]


@pytest.mark.parametrize("others", [0, 40])
def test_it_writes_one_insert_and_renders_nothing(others, client_for, v1, django_user_model):
    # Publication day: the same few statements whoever else confirmed.
    for i in range(others):
        user = django_user_model.objects.create_user(f"collega{i}")
        Confirmation.objects.create(user=user, version=v1)
    client = client_for("employee")

    with CaptureQueriesContext(connection) as queries:
        response = client.post(confirm_url(1))

    writes = [q["sql"] for q in queries if not q["sql"].startswith(("SELECT", "SAVEPOINT"))]
    assert response.status_code == 302 and response.content == b""
    assert len(writes) == 1 and "ON CONFLICT" in writes[0]
    assert len(queries) <= 4  # the session, the user, the insert (the versions are kept)


def test_confirming_again_reads_the_first_confirmation_and_writes_nothing(client_for, v1):
    client = client_for("employee")
    client.post(confirm_url(1))
    first = Confirmation.objects.get()

    again = confirm_sql(client)

    assert len(again) <= 5
    assert Confirmation.objects.get() == first
    assert Confirmation.objects.get().confirmed_at == first.confirmed_at


def test_a_confirmation_tells_what_a_save_tells(client_for, v1, employee):
    received = []

    def listener(sender, instance, created, **kwargs):
        received.append((instance.user_id, instance.version_id, created))

    post_save.connect(listener, sender=Confirmation)
    try:
        client_for("employee").post(confirm_url(1))
        client_for("employee").post(confirm_url(1))  # once: the second records nothing
    finally:
        post_save.disconnect(listener, sender=Confirmation)

    assert received == [(employee.pk, v1.pk, True)]
