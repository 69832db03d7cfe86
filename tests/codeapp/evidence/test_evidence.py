"""Evidence per employee: what they confirmed, when, the seals, and what was in force on a day;
finding a person; who may see whose."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from codeapp.models import Confirmation
from people.models import Person, Unit
from tests.helpers import days, in_english, publish, text_of
from tests.helpers.pdfs import assert_accessible_pdf

pytestmark = pytest.mark.django_db


def at(day: datetime.date) -> datetime.datetime:
    """Noon of `day` in the installation's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@pytest.fixture
def history(code, editor, django_user_model):
    """Versions 1 (in force 100 days ago) and 2 (10 days ago); Jan confirmed v1 90 days ago
    and v2 yesterday; he works in Team Zuid as an adviser."""
    v1 = publish(editor, days(-100))
    v2 = publish(editor, days(-10))
    jan = django_user_model.objects.create_user(
        username="jvries", first_name="Jan", last_name="de Vries", email="jan@example.org"
    )
    unit = Unit.objects.create(name="Team Zuid")
    Person.objects.create(user=jan, unit=unit, function="adviseur")
    Confirmation.objects.create(user=jan, version=v1, confirmed_at=at(days(-90)))
    Confirmation.objects.create(user=jan, version=v2, confirmed_at=at(days(-1)))
    return {"v1": v1, "v2": v2, "jan": jan}


def test_an_officer_sees_every_confirmation_with_its_seal(en_client_for, history):
    jan = history["jan"]

    response = en_client_for("officer").get(reverse("codeapp:evidence", args=[jan.pk]))

    assert response.status_code == 200
    html = text_of(response)
    assert "Confirmations of Jan de Vries" in html
    assert history["v1"].sha256 in html and history["v2"].sha256 in html
    assert "Team Zuid" in html and "adviseur" in html
    evidence = response.context["evidence"]
    assert [c.version.number for c in evidence.confirmations] == [1, 2]
    records = {r.version.number: r for r in evidence.versions}
    assert records[2].first_counting == at(days(-1))
    # The confirmation of version 1, and every later one, counts for version 1.
    assert records[1].first_counting == at(days(-90))
    assert records[1].standing.state == "old"


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (-85, "had confirmed a version that counts for it: version 1"),
        (-95, "had not confirmed it by then."),
        (-5, "had not confirmed it by then."),
        (0, "had confirmed a version that counts for it: version 2"),
    ],
)
def test_it_says_what_was_in_force_on_a_day_and_whether_it_was_confirmed(
    on, expected, en_client_for, history
):
    url = reverse("codeapp:evidence", args=[history["jan"].pk])

    response = en_client_for("officer").get(url, {"on": days(on).isoformat()})

    assert response.status_code == 200
    html = text_of(response)
    assert expected in html
    number = 1 if on < -10 else 2
    since = in_english(days(-100) if number == 1 else days(-10))
    assert f"version {number} was in force, since {since}" in html
    if on in (-5, -95):
        later = 2 if on == -5 else 1
        assert f"A version that counts for it was confirmed later: version {later}" in html


def test_before_the_first_version_nothing_was_in_force(en_client_for, history):
    url = reverse("codeapp:evidence", args=[history["jan"].pk])

    response = en_client_for("officer").get(url, {"on": days(-200).isoformat()})

    assert "No version was in force on" in text_of(response)


@pytest.mark.parametrize("bad", ["2026-02-30", "gisteren", "2026-1-1"])
def test_a_day_that_is_not_a_date_is_refused_clearly(bad, en_client_for, history):
    url = reverse("codeapp:evidence", args=[history["jan"].pk])

    response = en_client_for("officer").get(url, {"on": bad})

    assert response.status_code == 400
    assert "is not a date" in text_of(response)
    pdf = en_client_for("officer").get(
        reverse("codeapp:evidence-pdf", args=[history["jan"].pk]), {"on": bad}
    )
    assert pdf.status_code == 400


def test_the_pdf_carries_the_seals(client_for, history):
    url = reverse("codeapp:evidence-pdf", args=[history["jan"].pk])

    response = client_for("officer").get(url, {"on": days(-5).isoformat()})

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert "evidence-jvries-" in response["Content-Disposition"]
    tagged = assert_accessible_pdf(response.content, language="nl", title="Bevestigingen van")
    assert "H2" in tagged.structure


@pytest.mark.parametrize("persona", ["employee", "editor", "manager"])
def test_others_see_no_one_elses_evidence(persona, client_for, history):
    jan = history["jan"]
    client = client_for(persona)

    assert client.get(reverse("codeapp:evidence", args=[jan.pk])).status_code == 403
    assert client.get(reverse("codeapp:evidence-pdf", args=[jan.pk])).status_code == 403
    assert client.get(reverse("codeapp:people")).status_code == 403


def test_an_employee_sees_their_own(en_client_for, employee, history):
    Confirmation.objects.create(user=employee, version=history["v2"])
    client = en_client_for("employee")

    mine = client.get(reverse("codeapp:my-confirmations"))
    same = client.get(reverse("codeapp:evidence", args=[employee.pk]))

    assert mine.status_code == same.status_code == 200
    assert "My confirmations" in text_of(mine)
    assert history["v2"].sha256 in text_of(mine)
    assert history["jan"].get_full_name() not in text_of(mine)
    assert client.get(reverse("codeapp:my-confirmations-pdf")).content.startswith(b"%PDF")


def test_without_any_confirmation_it_says_so(en_client_for, history):
    response = en_client_for("employee").get(reverse("codeapp:my-confirmations"))

    assert "You have not confirmed any version yet." in text_of(response)


def test_an_unknown_person_is_404_for_an_officer(client_for, history):
    assert client_for("officer").get(reverse("codeapp:evidence", args=[987654])).status_code == 404


@pytest.mark.parametrize("query", ["jan", "De Vries", "jan@example", "JVRIES", "jan vries"])
def test_an_officer_finds_a_person_by_name_user_name_or_address(query, en_client_for, history):
    response = en_client_for("officer").get(reverse("codeapp:people"), {"q": query})

    assert [u.username for u in response.context["page"].object_list] == ["jvries"]
    html = text_of(response)
    assert "Team Zuid" in html and "adviseur" in html
    assert reverse("codeapp:evidence", args=[history["jan"].pk]) in html


def test_someone_who_left_stays_findable_and_marked(en_client_for, history):
    jan = history["jan"]
    jan.is_active = False
    jan.save()
    Person.objects.filter(user=jan).update(left_at=at(days(-2)))
    client = en_client_for("officer")

    found = client.get(reverse("codeapp:people"), {"q": "vries"})
    evidence = client.get(reverse("codeapp:evidence", args=[jan.pk]))

    assert "left</span>" in text_of(found)
    assert "deactivated (left)" in text_of(evidence)
    assert history["v1"].sha256 in text_of(evidence)


def test_a_search_that_is_too_long_is_refused(en_client_for, history):
    response = en_client_for("officer").get(reverse("codeapp:people"), {"q": "x" * 300})

    assert response.status_code == 400


@pytest.mark.parametrize("confirmations", [2, 20])
def test_the_evidence_page_runs_a_bounded_number_of_queries(
    confirmations, client_for, history, editor, django_assert_max_num_queries
):
    jan = history["jan"]
    for _ in range(confirmations):
        Confirmation.objects.create(user=jan, version=publish(editor, days(-1)))
    client = client_for("officer")
    url = reverse("codeapp:evidence", args=[jan.pk]) + f"?on={days(-5).isoformat()}"
    client.get(url)

    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("codeapp:people"), {"q": "a"}).status_code == 200
