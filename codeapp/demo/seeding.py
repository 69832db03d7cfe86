"""Seeding the demo: the demo users (password “demo”) and a Dutch demo code with an edit
history, published versions, a year of reflection sessions and proposals in every state,
made through the app's own services from the data in `codeapp.demo.content`.

`manage.py seed_demo` runs it (and refuses to with DEBUG off); the bench data reuses the
demo users (codeapp.demo.bench).
"""

import datetime
import json
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from codeapp.codes.addresses import working_on
from codeapp.demo import content as demo_data
from codeapp.demo.live import demo_live
from codeapp.demo.organisation import demo_organisation
from codeapp.demo.practice import demo_practice
from codeapp.demo.themes import demo_themes
from codeapp.demo.word import demo_word_import
from codeapp.establishment.services import establishment_steps_record
from codeapp.modelcodes.releases import release_propose
from codeapp.modelcodes.starting import model_start
from codeapp.models import CodeProfile, CodeVersion
from codeapp.reading.confirming import version_confirm
from codeapp.versions.services import version_publish
from core import codes
from core.codes import main_code
from core.mail import muted
from core.models import Code
from core.roles import EDITOR_GROUP, OFFICER_GROUP
from core.services import item_create, item_update
from norms.models import Example, Norm
from reflection.models import Case, Proposal, Session, default_public_name
from reflection.services.proposals import (
    proposal_create,
    proposal_decide,
    proposal_submit,
    proposal_withdraw,
)
from values.models import Value

DEMO_PASSWORD = "demo"
# The demo's history is made in one go today: its earlier versions come into force in the past.
DEMO_RETROACTIVE_REASON = "Voorbeeldgegevens: de geschiedenis van deze demo is in één keer gemaakt."
DEMO_USERS = {
    # user name: (first name, last name, group, superuser)
    "editor": ("Eva", "de Vries", EDITOR_GROUP, False),
    "officer": ("Omar", "Bakker", OFFICER_GROUP, False),
    "employee": ("Emma", "Jansen", None, False),
    "admin": ("Anton", "Smit", None, True),
    # The manager of Afdeling Publiekszaken: sees the coverage of that unit and its teams.
    "manager": ("Mark", "Veenstra", None, False),
    # The team lead of Team Vergunningen: runs live team sessions (codeapp/demo/live.py).
    "teamlead": ("Fatima", "El Amrani", None, False),
}


def demo_seed(*, log: Callable[[str], object] = print) -> int | None:
    """Create the demo users and, on an installation without a code yet, the demo code.

    Safe to run twice: users that exist are kept, and a code with content is left alone.
    Returns how many versions the demo code was published with, or None when the code
    already had content. The demo's people are made up: no mail is sent.
    """
    with muted(), transaction.atomic():
        users = demo_users(log=log)
        if Value.objects.exists() or CodeVersion.objects.exists():
            _council_code(users)
            _model_based_code(users)
            demo_organisation(users)
            demo_live(users, demo_practice(users))
            demo_themes()
            return None
        _code(users)
        _council_code(users)
        _model_based_code(users)
        demo_organisation(users)
        demo_live(users, demo_practice(users))
        demo_themes()
        return len(demo_data.VERSIONS) + 1  # and the editorial version


def demo_users(
    *, email_domain: str = "lindewaard.example", log: Callable[[str], object] | None = None
) -> dict:
    """The demo sign-ins with their roles (password “demo”), made where missing.

    Also the bench code's users (codeapp.demo.bench), with their own e-mail domain.
    """
    User = get_user_model()
    password = None  # hashed once, when a user is missing: the same for every demo user
    users = {}
    for username, (first, last, group, superuser) in DEMO_USERS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            password = password or make_password(DEMO_PASSWORD)
            user = User.objects.create(
                username=username, first_name=first, last_name=last, password=password,
                email=f"{username}@{email_domain}", is_staff=superuser, is_superuser=superuser,
            )  # fmt: skip
            if group:
                user.groups.add(Group.objects.get(name=group))
            if log is not None:
                log(f"Created user {username}.")
        users[username] = user
    return users


def _code(users: dict) -> None:
    """The demo code, its history and its versions, through the app's own services."""
    editor = users["editor"]
    # The code arrives from the municipality's Word document (codeapp/demo/word.py), then
    # the editor lays out the preamble as Markdown.
    demo_word_import(user=editor)
    profile = CodeProfile.current()
    item_update(
        item=profile,
        expected_revision=profile.revision,
        changes={"title": demo_data.TITLE, "language": "nl", "preamble": demo_data.PREAMBLE},
        user=editor,
        reason="Inleiding opgemaakt na de import uit Word",
    )
    sessions = _sessions(users)
    for number, version_data in enumerate(demo_data.VERSIONS, 1):
        _apply(version_data["edits_before"], users)
        if number == len(demo_data.VERSIONS):
            # The latest version carries what last year's sessions proposed.
            _proposals(users, sessions, fates={"incorporated"})
        effective_from = timezone.localdate() - datetime.timedelta(days=version_data["days_ago"])
        version = version_publish(
            user=users["officer"],
            effective_from=effective_from,
            established_by=demo_data.ESTABLISHED_BY.format(
                year=effective_from.year, decision=version_data["decision"]
            ),
            change_summary=version_data["change_summary"],
            # A history made today: the older versions are dated back, and say so.
            retroactive=True,
            retroactive_reason=DEMO_RETROACTIVE_REASON,
            establishment=_establishment(version_data.get("establishment"), effective_from),
        )
        if "publication_logged" in version_data:
            _log_publication(version, version_data["publication_logged"], users["officer"])
        for username in version_data["confirmed_by"]:
            version_confirm(user=users[username], version=version)
    _editorial_version(users)
    _proposals(users, sessions, fates={"approved", "submitted", "rejected", "withdrawn", "draft"})


def _council_code(users: dict) -> None:
    """The council's code beside the staff code: its own draft, keys and version (made once)."""
    data = demo_data.COUNCIL
    if Code.objects.filter(slug=data["slug"]).exists():
        return
    main = main_code()
    if main.name != demo_data.MAIN_NAME:
        Code.objects.filter(pk=main.pk).update(slug=demo_data.MAIN_SLUG, name=demo_data.MAIN_NAME)
        codes.forget()
    council = Code.objects.create(
        slug=data["slug"], name=data["name"], audience=data["audience"], position=1
    )
    editor = users["editor"]
    with working_on(council):
        profile = CodeProfile.current()
        item_update(
            item=profile,
            expected_revision=profile.revision,
            changes={"title": data["title"], "language": "nl", "preamble": data["preamble"]},
            user=editor,
            reason="Eerste opzet van de gedragscode voor raadsleden",
        )
        for value_data in data["values"]:
            value = item_create(
                item=Value(name=value_data["name"], description=value_data["description"]),
                user=editor,
                key=value_data["key"],
            )
            for norm_data in value_data["norms"]:
                item_create(
                    item=Norm(
                        value=value,
                        title=norm_data["title"],
                        text=norm_data["text"],
                        kind=norm_data["kind"],
                    ),
                    user=editor,
                    key=norm_data["key"],
                )
        effective_from = timezone.localdate() - datetime.timedelta(days=data["days_ago"])
        version_publish(
            user=users["officer"],
            effective_from=effective_from,
            established_by=data["established_by"].format(year=effective_from.year),
            change_summary="Eerste versie van de gedragscode voor raadsleden.",
            retroactive=True,
            retroactive_reason=DEMO_RETROACTIVE_REASON,
        )


def _model_based_code(users: dict) -> None:
    """A staff code built on the central government's model code (2016), adapted, published,
    with the model's 2019 release waiting as proposals in the review queue (made once)."""
    data = demo_data.MODEL_BASED
    if Code.objects.filter(slug=data["slug"]).exists():
        return
    code = Code.objects.create(slug=data["slug"], name=data["name"], position=2)
    editor = users["editor"]
    releases = {
        year: json.loads(path.read_text(encoding="utf-8"))
        for year, path in demo_data.MODEL_RELEASES.items()
    }
    with working_on(code):
        model_start(
            model=releases[2016], publisher=demo_data.MODEL_PUBLISHER, minimum=True, user=editor
        )
        adapted = Norm.objects.get(key=data["adapted"]["key"])
        item_update(
            item=adapted,
            expected_revision=adapted.revision,
            changes={"text": data["adapted"]["text"]},
            user=editor,
            reason="Bij ons vooraf en schriftelijk",
        )
        profile = CodeProfile.current()
        item_update(
            item=profile,
            expected_revision=profile.revision,
            changes={"title": data["name"]},
            user=editor,
            reason="Onze eigen titel",
        )
        effective_from = timezone.localdate() - datetime.timedelta(days=data["days_ago"])
        version_publish(
            user=users["officer"],
            effective_from=effective_from,
            established_by=data["established_by"].format(year=effective_from.year),
            change_summary="Eerste versie, gebaseerd op de Gedragscode Integriteit Rijk.",
            retroactive=True,
            retroactive_reason=DEMO_RETROACTIVE_REASON,
        )
        release_propose(model=releases[2019], user=editor)


def _establishment(data: dict | None, effective_from: datetime.date) -> dict | None:
    """The demo's establishment record in the exchange format, dated before `effective_from`."""
    if data is None:
        return None

    def dated(step: dict) -> dict:
        day = effective_from - datetime.timedelta(days=step["days_before"])
        out = {k: v for k, v in step.items() if k != "days_before"}
        out["reference"] = out["reference"].format(year=day.year)
        return {**out, "date": day.isoformat()}

    return {
        "works_council": dated(data["works_council"]),
        "decision": dated(data["decision"]),
        "publication": None,
        "legal_basis": data["legal_basis"],
    }


def _log_publication(version, data: dict, officer) -> None:
    """The official publication, recorded in the version's establishment log after publishing."""
    day = version.effective_from - datetime.timedelta(days=data["days_before"])
    names = {"year": day.year, "number": data["number"]}
    publication = {
        "gazette": data["gazette"],
        "date": day.isoformat(),
        "reference": data["reference"].format(**names),
        "url": data["url"].format(**names),
    }
    establishment_steps_record(version=version, record={"publication": publication}, user=officer)


def _editorial_version(users: dict) -> None:
    """A spelling-and-links version after the last one: nobody is asked to confirm it again."""
    data = demo_data.EDITORIAL_VERSION
    _apply(data["edits_before"], users)
    effective_from = timezone.localdate() - datetime.timedelta(days=data["days_ago"])
    version_publish(
        user=users["officer"],
        effective_from=effective_from,
        established_by=demo_data.ESTABLISHED_BY.format(
            year=effective_from.year, decision=data["decision"]
        ),
        change_summary=data["change_summary"],
        editorial=True,
        retroactive=True,
        retroactive_reason=DEMO_RETROACTIVE_REASON,
    )


def _apply(edits: list[dict], users: dict) -> None:
    for edit in edits:
        item = _find(edit["key"])
        item_update(
            item=item,
            expected_revision=item.revision,
            changes=edit["changes"],
            user=users[edit["user"]],
            reason=edit["reason"],
        )


def _sessions(users: dict) -> list[Session]:
    """The case library and a year of reflection sessions, some still to come."""
    today = timezone.localdate()
    cases = []
    for data in demo_data.CASES:
        case = Case.objects.create(
            title=data["title"], situation=data["situation"], question=data["question"],
            is_real=data["is_real"], created_by=users["editor"],
        )  # fmt: skip
        case.values_in_tension.set(Value.objects.filter(key__in=data["values"]))
        case.norms.set(Norm.objects.filter(key__in=data["norms"]))
        cases.append(case)
    sessions = []
    for data in demo_data.SESSIONS:
        day = today - datetime.timedelta(days=data["days_ago"])
        session = Session.objects.create(
            title=data["title"], date=day, format=data["format"], held=day <= today,
            public_name=default_public_name(data["format"], day),
            facilitator=users.get(data["facilitator"]), external_facilitator=data["external"],
            participant_groups=data["groups"], participant_count=data["count"],
            insights=data["insights"],
        )  # fmt: skip
        session.values_discussed.set(Value.objects.filter(key__in=data["values"]))
        session.norms_discussed.set(Norm.objects.filter(key__in=data["norms"]))
        session.cases.set([cases[i] for i in data["cases"]])
        sessions.append(session)
    # A case enters the library a couple of weeks before the first session that discusses it
    # (the code health dashboard counts it as attention to its norms from then on).
    for i, case in enumerate(cases):
        days = [
            s.date
            for s, data in zip(sessions, demo_data.SESSIONS, strict=True)
            if i in data["cases"]
        ]
        if days:
            entered = datetime.datetime.combine(
                min(days) - datetime.timedelta(days=14), datetime.time(9)
            )
            created = min(timezone.make_aware(entered), timezone.now())
            Case.objects.filter(pk=case.pk).update(created_at=created)
    return sessions


def _proposals(users: dict, sessions: list[Session], *, fates: set[str]) -> None:
    """Proposals in every state; the decided ones dated a little after their session."""
    for data in demo_data.PROPOSALS:
        if data["fate"] not in fates:
            continue
        session = sessions[data["session"]] if data["session"] is not None else None
        target = data.get("target", "norm" if data["action"] != "add" else "example")
        proposal = Proposal(
            title=data["title"], action=data["action"], target=target,
            proposed=data["proposed"], rationale=data["rationale"],
            origin="session" if session else "suggestion", session=session,
        )  # fmt: skip
        if data["action"] == "add":
            proposal.parent_norm = Norm.objects.get(key=data["parent"])
        else:
            item = _find(data["key"])
            setattr(proposal, item._meta.model_name, item)
            proposal.target = item._meta.model_name
        proposal = proposal_create(proposal=proposal, user=users[data["proposer"]])
        if data["fate"] == "draft":
            continue
        proposal = proposal_submit(proposal=proposal, user=users[data["proposer"]])
        if data["fate"] == "withdrawn":
            proposal_withdraw(proposal=proposal, user=users[data["proposer"]])
        elif data["fate"] in ("incorporated", "approved", "rejected"):
            proposal = proposal_decide(
                proposal=proposal, user=users["officer"], approve=data["fate"] != "rejected",
                reason=data["reason"],
            )  # fmt: skip
        if session is not None and data["fate"] != "submitted":
            # Decided a couple of weeks after the session, as it would have been.
            submitted = timezone.make_aware(
                datetime.datetime.combine(session.date, datetime.time(10))
            ) + datetime.timedelta(days=3)
            now = timezone.now()
            submitted = min(submitted, now)
            decided = min(submitted + datetime.timedelta(days=11), now)
            Proposal.objects.filter(pk=proposal.pk).update(
                created_at=submitted, submitted_at=submitted,
                decided_at=decided if proposal.decided_at else None,
            )  # fmt: skip


def _find(key: str) -> Value | Norm | Example:
    for model in (Value, Norm, Example):
        item = model.objects.filter(key=key).first()
        if item is not None:
            return item
    raise LookupError(f"Demo edit names an unknown key: {key}")
