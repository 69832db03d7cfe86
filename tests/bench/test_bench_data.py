"""The bench's data and timings work on a tiny scale, so `make bench` cannot rot unseen."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

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
