"""Two editors at the same moment (PostgreSQL): both leave-outs are recorded, and one model
release is proposed once."""

import threading
from collections.abc import Callable

import pytest
from django.db import connection

from codeapp.modelcodes.releases import NothingNew, release_propose
from codeapp.modelcodes.starting import item_leave_out, model_start
from codeapp.models import ModelBase, ModelRelease
from reflection.models import Proposal
from tests.helpers.models import PUBLISHER, gir

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(*actions: Callable[[], object]) -> list[str]:
    barrier = threading.Barrier(len(actions))
    outcomes: list[str] = []

    def run(action) -> None:
        try:
            barrier.wait(timeout=10)
            action()
            outcomes.append("done")
        except NothingNew:
            outcomes.append("nothing new")
        except Exception as error:  # noqa: BLE001 - reported in the assertion below
            outcomes.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(a,)) for a in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


def test_two_editors_leaving_out_two_items_at_once_both_count(roles, editor, editor2):
    model_start(model=gir(2016), publisher=PUBLISHER, user=editor)
    outcomes = at_once(
        lambda: item_leave_out(key="sociale-media", reason="Eigen richtlijn.", user=editor),
        lambda: item_leave_out(key="respect", reason="Staat in de cao.", user=editor2),
    )
    assert outcomes == ["done", "done"]
    assert {e["key"] for e in ModelBase.objects.get().left_out} == {"sociale-media", "respect"}


def test_one_release_taken_twice_at_once_is_proposed_once(roles, editor, editor2):
    model_start(model=gir(2016), publisher=PUBLISHER, user=editor)
    outcomes = at_once(
        lambda: release_propose(model=gir(2019), user=editor),
        lambda: release_propose(model=gir(2019), user=editor2),
    )
    assert outcomes == ["done", "nothing new"]
    assert ModelRelease.objects.count() == 1
    assert Proposal.objects.filter(origin="model").count() == 6
