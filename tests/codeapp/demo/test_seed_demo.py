"""The demo: a code with two published versions and an editorial one, confirmations, and a
change since."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from codeapp.demo import content as demo_data
from codeapp.demo.seeding import DEMO_USERS
from codeapp.drafting.changes import draft_changes
from codeapp.models import CodeProfile, CodeVersion, Confirmation, VersionEntry
from codeapp.versions.chain import versions_verify
from norms.models import Example, Norm
from values.models import Value

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return (
        get_user_model().objects.count(),
        Value.objects.count(),
        Norm.objects.count(),
        Example.objects.count(),
        Value.history.count() + Norm.history.count() + Example.history.count(),
        CodeProfile.history.count(),
        CodeVersion.objects.count(),
        VersionEntry.objects.count(),
        Confirmation.objects.count(),
    )


@pytest.fixture
def seeded() -> None:
    call_command("seed_demo", force=True)


def test_it_publishes_two_versions_and_an_editorial_third_in_force(seeded):
    v1, v2, v3 = CodeVersion.objects.order_by("number")
    today = timezone.localdate()

    assert v1.effective_from < v2.effective_from < v3.effective_from <= today
    assert (today - v1.effective_from).days >= 300
    assert not v1.is_in_force_on(today)
    assert v2.is_in_force_on(v3.effective_from - datetime.timedelta(days=1))
    # The third only writes a law's name out: a confirmation of version 2 counts for it.
    assert CodeVersion.objects.in_force() == v3
    assert v3.editorial and not v2.editorial
    assert v3.confirmation_base() == 2
    assert v1.established_by.startswith("College van burgemeester en wethouders, besluit ")
    assert v1.published_by.username == v2.published_by.username == "officer"
    assert versions_verify() == 3


def test_the_versions_differ_by_the_edits_made_between_them(seeded):
    v1, v2, _v3 = CodeVersion.objects.order_by("number")
    norms_v1 = {n["key"]: n for v in v1.document["values"] for n in v["norms"]}
    norms_v2 = {n["key"]: n for v in v2.document["values"] for n in v["norms"]}

    assert norms_v1["misstand-melden"]["title"] == "Een vermoeden van een misstand altijd melden"
    assert "ook als je het afslaat" not in norms_v1["geschenken-melden"]["text"]
    assert "ook als je het afslaat" in norms_v2["geschenken-melden"]["text"]
    assert v1.document["title"] == demo_data.TITLE
    assert v1.document["preamble"] == demo_data.PREAMBLE


def test_it_leaves_a_change_waiting_for_the_next_version(seeded):
    changes = draft_changes().changes

    assert [(c.change.change, c.change.key) for c in changes] == [
        ("changed", edit["key"]) for edit in demo_data.EDITS_AFTER_V2
    ]


def test_it_sets_the_title_and_preamble_of_the_code(seeded):
    profile = CodeProfile.current()

    assert profile.title == demo_data.TITLE
    assert profile.preamble == demo_data.PREAMBLE
    assert profile.language == "nl"


def test_it_records_who_confirmed_which_version(seeded):
    confirmed = set(
        Confirmation.objects.filter(user__username__in=DEMO_USERS).values_list(
            "user__username", "version__number"
        )
    )

    assert confirmed == {("employee", 1), ("editor", 1), ("editor", 2)}


def test_it_changes_nothing_the_second_time(seeded):
    first = counts()

    call_command("seed_demo", force=True)

    assert counts() == first
    assert versions_verify() == 3
