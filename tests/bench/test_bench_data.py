"""The bench's data and timings work on a tiny scale, so `make bench` cannot rot unseen."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.test import Client

from codeapp.demo.bench import time_large_code
from codeapp.models import CodeVersion, Confirmation, VersionEntry
from codeapp.versions.chain import versions_verify
from core.models import ItemKey
from norms.models import Example, Norm
from values.models import Value

TINY = ["--values", "2", "--norms", "6", "--examples", "4", "--versions", "3", "--users", "10",
        "--confirmations", "20"]  # fmt: skip


@pytest.fixture
def bench_code(roles):
    call_command("bench_data", *TINY)


def test_loads_a_code_whose_versions_verify(bench_code):
    assert versions_verify() == 3
    assert Value.objects.count() == 2
    assert Norm.objects.count() >= 6  # a version may add one
    assert Example.objects.count() == 4
    assert Confirmation.objects.count() == 20
    # Every item's key is in the register, with its kind, as the services would leave it.
    items = [*Value.objects.all(), *Norm.objects.all(), *Example.objects.all()]
    registered = dict(ItemKey.objects.values_list("key", "kind"))
    assert {i.key: str(i.key_kind) for i in items} == registered
    latest = CodeVersion.objects.order_by("-number").first()
    assert (
        VersionEntry.objects.filter(version=latest).count()
        == len(items) - Example.objects.filter(retired=True).count()
    )


def test_the_demo_employee_can_sign_in(bench_code, client):
    response = client.post("/accounts/login/", {"username": "employee", "password": "demo"})
    assert response.status_code == 302
    assert get_user_model().objects.get(username="officer").groups.exists()


def test_refuses_a_database_with_data(bench_code):
    with pytest.raises(CommandError, match="already has data"):
        call_command("bench_data", *TINY)
    assert CodeVersion.objects.count() == 3


def test_timings_leave_the_database_as_it_was(bench_code):
    timings = time_large_code(norms=20)
    assert set(timings) == {
        "publish", "publish again", "compare",
        "draft page", "draft page bytes", "health dashboard", "health dashboard bytes",
    }  # fmt: skip
    assert timings["draft page bytes"] > 10_000  # the page itself, not an error page
    assert CodeVersion.objects.count() == 3
    assert Norm.objects.filter(key__startswith="groot-").count() == 0


def test_bench_sessions_sign_employees_in_to_confirm_as_a_browser_would(
    bench_code, tmp_path, capsys
):
    # What bench/confirm.lua sends for each line: the session and CSRF cookies, the token.
    sessions = tmp_path / "sessions.txt"
    call_command("bench_sessions", str(sessions), "--users", "3")
    confirm_path = capsys.readouterr().out.strip()
    lines = [line.split() for line in sessions.read_text().splitlines()]
    assert len(lines) == 3 and confirm_path == "/code/v3/confirm/"
    before = Confirmation.objects.count()

    for session_key, secret in lines:
        client = Client(enforce_csrf_checks=True)
        client.cookies["sessionid"], client.cookies["csrftoken"] = session_key, secret
        response = client.post(confirm_path, {"csrfmiddlewaretoken": secret})
        assert response.status_code == 302 and response["Location"] == "/code/v3/"

    assert Confirmation.objects.count() - before <= 3
    confirmed = Confirmation.objects.filter(version__number=3).values_list("user", flat=True)
    signed_in = {s.get_decoded()["_auth_user_id"] for s in Session.objects.all()}
    assert signed_in <= {str(pk) for pk in confirmed}
    assert not get_user_model().objects.filter(pk__in=signed_in, groups__isnull=False).exists()
