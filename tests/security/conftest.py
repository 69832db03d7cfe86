"""Fixtures for the security tests."""

import datetime

import pytest
from django.utils import timezone

from codeapp.campaigns.models import Campaign
from codeapp.health.models import IntegrityTheme
from codeapp.models import CodeProfile, CodeVersion, ModelBase, ModelChange, ModelRelease
from codeapp.versions.services import version_publish
from codeapp.wordimport.models import WordImport
from core.services import item_update
from people.models import Person, Unit
from reflection.models import (
    Case,
    DilemmaOption,
    LiveDilemma,
    LiveNote,
    LiveSession,
    Proposal,
    Session,
)
from reflection.services.proposals import proposal_create, proposal_submit
from tests.helpers.permissions import LIVE_CODE


@pytest.fixture
def matrix_data(code, officer, editor, manager, teamlead, django_user_model):
    """The rows the permission matrix's URLs name.

    Two versions of the `code` fixture's draft: v1 from 2025-01-01, v2 from 2025-06-01, and
    a campaign for v2.

    A unit below the manager's "Team Noord" and a colleague in it (both pk 900001).

    Case 2 is a practice dilemma with two courses of action.

    Also a held session (facilitated by the editor) with a case, a submitted proposal from
    it and a draft proposal, both by the editor.
    """
    case = Case.objects.create(pk=1, title="Wijn", situation="Een fles wijn.", created_by=editor)
    practice = Case.objects.create(
        pk=2, title="Oefenen", situation="Een dilemma.", practice=True, created_by=editor
    )
    for position, text in enumerate(["Aannemen", "Weigeren"], start=1):
        practice.options.create(position=position, text=text)
    session = Session.objects.create(
        pk=1, title="Dilemmasessie", date=datetime.date(2025, 3, 1), format="dilemma", held=True,
        facilitator=editor,
    )  # fmt: skip
    session.cases.add(case)
    for pk in (1, 2):
        proposal_create(
            proposal=Proposal(
                pk=pk, title=f"Voorstel {pk}", action="reword", target="norm", norm=code["gifts"],
                proposed={"text": "Je meldt elk geschenk direct."}, rationale="Uit de sessie.",
                origin="session", session=session,
            ),
            user=editor,
        )  # fmt: skip
    proposal_submit(proposal=Proposal.objects.get(pk=1), user=editor)
    version_publish(
        user=officer, effective_from=datetime.date(2025, 1, 1), established_by="B&W",
        change_summary="",
        retroactive=True, retroactive_reason="Besluit met terugwerkende kracht.",
    )  # fmt: skip
    item_update(item=code["gifts"], expected_revision=1, changes={"text": "Anders."}, user=None)
    # Version 2 builds on a model, of which the norm "geschenken" is an item.
    # A release of it arrived: one change, proposal 1 (submitted), waits.
    base = ModelBase.objects.create(
        profile=CodeProfile.current(), title="Model", publisher="VNG", version=1,
        sha256="0" * 64, items={"geschenken": None},
    )  # fmt: skip
    release = ModelRelease.objects.create(
        pk=1, base=base, title="Model", version=2, sha256="1" * 64, document={}
    )
    ModelChange.objects.create(
        pk=1, release=release, proposal=Proposal.objects.get(pk=1), change="changed",
        type="norm", key="geschenken", model_before={"text": "Oud."},
        model_after={"text": "Nieuw."},
    )  # fmt: skip
    version_publish(
        user=officer, effective_from=datetime.date(2025, 6, 1), established_by="B&W",
        change_summary="",
        retroactive=True, retroactive_reason="Besluit met terugwerkende kracht.",
    )  # fmt: skip
    Campaign.objects.create(
        pk=1, version=CodeVersion.objects.get(number=2), title="Lees versie 2",
        deadline=datetime.date(2025, 7, 1), everyone=True, started_by=officer,
    )  # fmt: skip
    unit = Unit.objects.create(
        pk=900_001, name="Team Noord-West", parent=Unit.objects.get(name="Team Noord")
    )
    colleague = django_user_model.objects.create_user(pk=900_001, username="collega")
    Person.objects.create(user=colleague, unit=unit, function="adviseur")
    # A Word document on its way in (codeapp/wordimport), uploaded by the editor.
    WordImport.objects.create(
        pk=1, file_name="Gedragscode 2019.docx", uploaded_by=editor,
        proposal={"title": "Gedragscode", "rows": [
            {"n": 0, "text": "Eerlijkheid", "style": "Heading 1", "source": "heading",
             "role": "value", "role_guessed": True, "kind": "aspiration", "kind_guessed": True},
            {"n": 1, "text": "Je meldt geschenken.", "style": "", "source": "list",
             "role": "norm", "role_guessed": True, "kind": "obligation", "kind_guessed": True},
        ]},
    )  # fmt: skip
    # An integrity theme of the code health dashboard (codeapp/health).
    IntegrityTheme.objects.create(
        pk=900_001, name_nl="Geschenken", name_en="Gifts", keywords="geschenk"
    )
    # A live team session (pk 1), open, led by the team lead, on case 1 made a practice
    # dilemma, with note 1.
    case.practice = True
    case.save()
    DilemmaOption.objects.bulk_create(
        DilemmaOption(case=case, position=n, text=text) for n, text in enumerate(["Ja", "Nee"])
    )
    live = LiveSession.objects.create(
        pk=1, title="Teamoverleg", unit=Unit.objects.get(name="Team Noord"), lead=teamlead,
        join_code=LIVE_CODE, expires_at=timezone.now() + datetime.timedelta(hours=2),
    )  # fmt: skip
    LiveDilemma.objects.create(live=live, case=case, position=0)
    LiveNote.objects.create(pk=1, live=live, text="Wat is een redelijke waarde?")
    return code
