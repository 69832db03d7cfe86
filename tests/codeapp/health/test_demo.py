"""On the demo, the dashboard shows what is unclear, unbalanced or neglected (issue 5's "done")."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from codeapp.health.findings import health_report
from reflection.models import Session

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(roles) -> None:
    call_command("seed_demo", force=True)


def test_the_demo_has_something_to_show_in_every_area(demo):
    report = health_report()

    assert report.unclear, "some demo norms read above B1"
    assert all(b.total for b in report.balance)
    assert report.neglected_norms and report.structure
    assert sum(q.held for q in report.cadence) >= 4
    assert report.decisions.decided and report.decisions.open
    assert report.coverage.version is not None
    assert len(report.agenda.norms) == 5 and report.agenda.cases


def test_the_demo_officer_plans_the_next_session_in_one_step(demo):
    officer = Client()
    officer.force_login(get_user_model().objects.get(username="officer"))
    before = Session.objects.count()

    response = officer.post(reverse("codeapp:health-agenda-plan"))

    session = Session.objects.latest("created_at")
    assert Session.objects.count() == before + 1
    assert response["Location"] == session.get_absolute_url()
    assert session.norms_discussed.count() == 5 and not session.held


def test_the_demo_themes_map_the_demo_code_once_and_flag_two(demo):
    from codeapp.codes.addresses import working_on
    from codeapp.demo.themes import DEMO_MAPPING, demo_themes
    from codeapp.health.models import IntegrityTheme
    from core.codes import main_code

    # The demo maps the themes itself: every key of the mapping exists and is linked once.
    with working_on(main_code()):
        mapped = {
            t.name_en: sorted(t.norms.values_list("key", flat=True))
            for t in IntegrityTheme.objects.all()
            if t.name_en in DEMO_MAPPING
        }
    assert mapped == {name: sorted(keys) for name, keys in DEMO_MAPPING.items()}
    assert demo_themes() == 0  # a second call adds none

    report = health_report()
    assert [t.theme.name_en for t in report.uncovered_themes] == [
        "Misuse of powers", "Moving to another job (revolving door)",
    ]  # fmt: skip
