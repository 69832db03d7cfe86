"""The seed_demo command: debug on only, once; the demo code, users and reflection it makes."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

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
    )


def test_it_refuses_to_run_with_debug_off():
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo")
    assert counts() == (0, 0, 0, 0, 0)


def test_it_seeds_the_demo_once():
    call_command("seed_demo", force=True)
    first = counts()
    call_command("seed_demo", force=True)
    assert counts() == first


def test_the_demo_code_has_seven_values_with_mixed_norms():
    call_command("seed_demo", force=True)
    assert list(Value.objects.values_list("key", flat=True)) == [
        "deskundigheid", "eerlijkheid", "doelmatigheid", "rechtmatigheid",
        "transparantie", "dienstbaarheid", "onafhankelijkheid",
    ]  # fmt: skip
    for value in Value.objects.all():
        kinds = list(value.norms.values_list("kind", flat=True))
        assert len(kinds) >= 3
        assert len(set(kinds)) >= 2
    assert Example.objects.exists()


def test_the_demo_has_users_with_roles_and_edit_history():
    call_command("seed_demo", force=True)
    User = get_user_model()
    editor = User.objects.get(username="editor")
    assert editor.check_password("demo") and editor.has_perm("values.change_value")
    assert not User.objects.get(username="officer").has_perm("values.change_value")
    assert User.objects.get(username="officer").has_perm("values.view_value")
    assert not User.objects.get(username="employee").has_perm("values.view_value")
    assert User.objects.get(username="admin").is_superuser
    changed = Norm.history.filter(history_type="~").exclude(history_change_reason=None)
    assert changed.exists()


def test_the_demo_has_a_year_of_reflection_with_proposals_in_every_state():
    from codeapp.models import CodeVersion
    from reflection.models import Proposal, Session

    call_command("seed_demo", force=True)
    states = set(Proposal.objects.values_list("state", flat=True))
    assert states == {"draft", "submitted", "approved", "rejected", "withdrawn", "incorporated"}
    assert Session.objects.held().count() >= 4 and Session.objects.planned().exists()
    # The latest version with changes of content (the one after it is editorial).
    latest = CodeVersion.objects.exclude(editorial=True).order_by("-number").first()
    amendments = latest.document["version"]["amendments"]
    assert amendments and all(a["session"] for a in amendments)
    assert Proposal.objects.filter(
        state="incorporated", incorporated_in=latest.number
    ).count() == len(amendments)
