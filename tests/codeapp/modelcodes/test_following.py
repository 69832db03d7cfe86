"""Following a model by its address: the scheduled check (a task queued by `follow_models`)
finds a new release, verifies its chain of seals and proposes its changes; a model whose
history was rewritten is refused with a clear message, and nothing is proposed."""

from collections.abc import Iterator
from io import StringIO

import psycopg
import pytest
from django.core.management import call_command
from psycopg import sql

from codeapp.modelcodes.following import models_follow
from codeapp.modelcodes.starting import model_start
from codeapp.models import ModelBase, ModelRelease
from reflection.models import Proposal
from tests.helpers.documents import PUBLISHED_EXAMPLE
from tests.helpers.models import GIR_2016, GIR_2019, GIR_CHANGES, PUBLISHER, gir
from tests.helpers.servers import gunicorn, manage, scratch_database, server_env

pytestmark = pytest.mark.django_db


def follow(editor, url: str) -> ModelBase:
    model_start(model=gir(2016), publisher=PUBLISHER, url=url, follow=True, user=editor)
    return ModelBase.objects.get()


def test_the_check_proposes_a_new_release(editor, model_site):
    follow(editor, model_site.url)
    assert models_follow() == 0
    assert ModelBase.objects.get().check_message  # "no new version", said in the code's words
    model_site.releases.append(gir(2019))
    out = StringIO()
    call_command("follow_models", stdout=out)  # the tests run tasks at once
    assert "queued" in out.getvalue()
    release = ModelRelease.objects.get()
    assert release.version == 2 and release.changes.count() == GIR_CHANGES
    assert Proposal.objects.filter(origin="model", proposer=editor).count() == 6
    # Checked again: the release waits already, nothing is proposed twice.
    assert models_follow() == 0
    assert ModelRelease.objects.count() == 1


@pytest.mark.parametrize(
    "tamper",
    [
        # Version 1 of the model was replaced after the code was built on it.
        lambda r: r[0]["version"].update(sha256="f" * 64),
        # Version 2 does not link to version 1.
        lambda r: r[1]["version"].update(previous_sha256="e" * 64),
        # Version 2's document does not match its seal.
        lambda r: r[1].update(title="Vervalst"),
    ],
)
def test_a_broken_chain_is_refused_with_a_clear_message(editor, model_site, tamper):
    follow(editor, model_site.url)
    releases = [gir(2016), gir(2019)]
    tamper(releases)
    model_site.releases = releases
    assert models_follow() == 0
    base = ModelBase.objects.get()
    assert base.checked_at is not None
    assert base.check_message.startswith(("Geweigerd", "Refused", "Niet", "Not"))
    assert not ModelRelease.objects.exists() and not Proposal.objects.exists()


def test_an_address_that_does_not_answer_is_noted(editor, model_site):
    follow(editor, model_site.url)
    model_site.routes["/api/v1/code"] = (503, b"{}")
    assert models_follow() == 0
    assert "503" in ModelBase.objects.get().check_message


# --- two running instances over HTTP ---------------------------------------------------------
# One installation publishes the model (its own database, served by gunicorn); this test's
# installation builds on its version 1 and follows it at its /api/v1/code.


@pytest.fixture
def model_database() -> Iterator[str]:
    with scratch_database("model") as url:
        publisher(url, "migrate", "--noinput")
        yield url


def publisher(url: str, *args: str) -> None:
    """manage.py run by the model's installation."""
    result = manage(*args, **server_env(DATABASE_URL=url))
    assert result.returncode == 0, result.stderr


def test_one_instance_publishes_the_model_and_the_other_follows_it(
    editor, model_database, tmp_path
):
    publisher(model_database, "import_code", str(GIR_2016))
    with gunicorn(server_env(DATABASE_URL=model_database)) as address:
        url = f"{address}/api/v1/code"
        follow(editor, url)
        assert models_follow() == 0
        # The model publishes its 2019 release.
        publisher(model_database, "import_code", str(GIR_2019))
        assert models_follow() == 1
        release = ModelRelease.objects.get()
        assert release.sha256 == gir(2019)["version"]["sha256"]
        assert Proposal.objects.filter(origin="model", state="submitted").count() == 6
        assert "2" in ModelBase.objects.get().check_message


def test_a_model_whose_history_was_rewritten_is_refused(editor, model_database, tmp_path):
    publisher(model_database, "import_code", str(GIR_2016))
    with gunicorn(server_env(DATABASE_URL=model_database)) as address:
        follow(editor, f"{address}/api/v1/code")
    # The model's installation is replaced by another chain of versions, and served again
    # (on another port here: the address is the model's, wherever it runs).
    with psycopg.connect(model_database, autocommit=True) as db:
        for table in ("codeapp_codeversion", "codeapp_versionentry"):
            db.execute(sql.SQL("ALTER TABLE {} DISABLE TRIGGER USER").format(sql.Identifier(table)))
        db.execute("DELETE FROM codeapp_versionentry")
        db.execute("DELETE FROM codeapp_confirmation")
        # What is rendered from the versions (codeapp.reading.rendering) goes with them.
        db.execute("DELETE FROM codeapp_versionpagerender")
        db.execute("DELETE FROM codeapp_versionrender")
        db.execute("DELETE FROM codeapp_codeversion")
        for table in ("codeapp_codeversion", "codeapp_versionentry"):
            db.execute(sql.SQL("ALTER TABLE {} ENABLE TRIGGER USER").format(sql.Identifier(table)))
    publisher(model_database, "import_code", str(PUBLISHED_EXAMPLE))
    with gunicorn(server_env(DATABASE_URL=model_database)) as address:
        ModelBase.objects.update(url=f"{address}/api/v1/code")
        assert models_follow() == 0
    message = ModelBase.objects.get().check_message
    assert message.startswith(("Geweigerd", "Refused")), message
    assert not Proposal.objects.exists()
