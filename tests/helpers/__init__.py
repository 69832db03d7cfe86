"""Plain helpers the tests share: users and items, requests and pages, days and versions.

Fixtures live in the conftest.py files; every function or constant a test module needs
from elsewhere lives here, each once. The modules beside this one hold what only some
suites need: `documents` (exchange files, whole-database snapshots), `browser`
(Playwright sign-in and axe), `permissions` (the permission matrix), `servers` (manage.py
and gunicorn in subprocesses), `pdfs` (a PDF's accessibility tags, read with pikepdf) and
`xss` (payloads). A test module never imports another
test module or a conftest (tests/test_layout.py checks that).
"""

import datetime
from pathlib import Path
from typing import Any

from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.forms import BaseForm
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format

from codeapp.models import CodeProfile, CodeVersion
from codeapp.versions.services import version_publish
from core.services import item_create, item_update
from norms.models import Example, Norm
from reflection.models import Proposal
from reflection.services.proposals import proposal_create, proposal_submit
from values.models import Value

# The project's folder (manage.py, static/, locale/).
ROOT = Path(__file__).resolve().parents[2]

# --- people ----------------------------------------------------------------------------------

PERSONAS = ["anonymous", "employee", "editor", "officer", "admin"]
PASSWORD = "secret-pass-123"  # every user make_user makes has it
# Names that must never reach a version, a reading page or a published-version e-mail.
PROPOSER_NAME = ("Fenna", "Jansma")
OFFICER_NAME = ("Otto", "Bakker")


def make_user(django_user_model, username: str, group: str | None = None, **extra):
    """A user with PASSWORD and an address at example.org (unless `email` says otherwise)."""
    email = extra.pop("email", f"{username}@example.org")
    user = django_user_model.objects.create_user(
        username=username, password=PASSWORD, email=email, **extra
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


# --- the working draft -----------------------------------------------------------------------

TITLE = "Gedragscode Gemeente Voorbeeld"


def add_value(user, name: str = "Eerlijkheid", description: str = "", key: str = "") -> Value:
    return item_create(item=Value(name=name, description=description), user=user, key=key)


def add_norm(user, value: Value, title: str = "Geschenken melden", kind: str = "obligation",
             text: str = "Je meldt elk geschenk.", key: str = "") -> Norm:  # fmt: skip
    return item_create(
        item=Norm(value=value, title=title, text=text, kind=kind), user=user, key=key
    )


def add_example(user, norm: Norm, title: str = "Een fles wijn", key: str = "") -> Example:
    return item_create(
        item=Example(norm=norm, title=title, situation="Een leverancier stuurt wijn."),
        user=user,
        key=key,
    )


def build_large_code(
    user, values: int = 10, norms: int = 10, examples: int = 2, prefix: str = "w"
) -> None:
    """A draft of `values` × `norms` × `examples` items, for query-count tests."""
    for v in range(values):
        value = add_value(user, f"Waarde {prefix} {v}", f"Beschrijving {v}", key=f"{prefix}-{v}")
        for n in range(norms):
            norm = add_norm(
                user, value, f"Norm {v}.{n}", ["obligation", "prohibition"][n % 2],
                f"Tekst van norm {v}.{n}.", key=f"{prefix}-{v}-{n}",
            )  # fmt: skip
            for e in range(examples):
                add_example(user, norm, f"Voorbeeld {v}.{n}.{e}", key=f"{prefix}-{v}-{n}-{e}")


def set_profile(user, **changes) -> None:
    """Change the code's profile (title, language, preamble) as an editor would."""
    profile = CodeProfile.current()
    item_update(item=profile, expected_revision=profile.revision, changes=changes, user=user)


def new_proposal(proposer, norm: Norm, text: str, *, title: str, session=None) -> Proposal:
    """A submitted proposal to reword `norm`'s text."""
    proposal = Proposal(
        title=title, action=Proposal.Action.REWORD, target=Proposal.Target.NORM, norm=norm,
        proposed={"text": text}, rationale="Uit de praktijk.",
        origin=Proposal.Origin.SESSION if session else Proposal.Origin.SUGGESTION,
        session=session,
    )  # fmt: skip
    proposal = proposal_create(proposal=proposal, user=proposer)
    return proposal_submit(proposal=proposal, user=proposer)


# --- days and versions -----------------------------------------------------------------------

# The days the `published` fixture's versions 1 and 2 come into force.
FIRST_DAY = datetime.date(2025, 1, 1)
SECOND_DAY = datetime.date(2025, 6, 1)


def days(n: int) -> datetime.date:
    """Today plus `n` days (negative: in the past)."""
    return timezone.localdate() + datetime.timedelta(days=n)


def publish(
    user, on: datetime.date | str, summary: str = "", by: str = "College van B&W"
) -> CodeVersion:
    """Publish the working draft as it is now, in force from `on` (a date or "YYYY-MM-DD").

    Retroactive with a reason, so any day will do.
    """
    return version_publish(
        user=user,
        effective_from=datetime.date.fromisoformat(on) if isinstance(on, str) else on,
        established_by=by,
        change_summary=summary,
        retroactive=True,
        retroactive_reason="Besluit met terugwerkende kracht.",
    )


# --- requests and pages ----------------------------------------------------------------------


def english(client: Client) -> Client:
    """Ask for the English interface, so a test can read the words on the page."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def signed_in(user) -> Client:
    """A client signed in as `user`, asking for the English interface."""
    client = english(Client())
    client.force_login(user)
    return client


def nl(text: str) -> str:
    """The interface text as the Dutch interface (the default) shows it."""
    with translation.override("nl"):
        return str(translation.gettext(text))


def nl_date(day: datetime.date) -> str:
    """A day as the Dutch interface writes it."""
    with translation.override("nl"):
        return date_format(day, "DATE_FORMAT")


def in_english(day: datetime.date) -> str:
    """A day as the English interface writes it."""
    with translation.override("en"):
        return date_format(day, "DATE_FORMAT")


def text_of(response) -> str:
    return response.content.decode()


def is_json(response) -> bool:
    return response["Content-Type"].startswith("application/json")


def form_data(form: BaseForm) -> dict[str, Any]:
    """What a browser would post back for a rendered form: its current values."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = value
    return data


# The site's address in the links of e-mails (tests/conftest.py sets SITE_URL to it).
SITE = "https://gedragscode.example.nl"


def recipients() -> list[str]:
    """Who received the mail: the blind copies of a bulk notice, else the addressees."""
    return sorted(address for message in mail.outbox for address in (message.bcc or message.to))


# A version page, a comparison, the in-force page: at most this many queries at any size.
MAX_QUERIES = 8


def queries_for(client: Client, url: str) -> int:
    """How many queries a GET of `url` makes once warm: a first visit may set up the session
    and render the page, and a slow first render (a large code on a busy machine) can outlast
    the few seconds a process trusts the reader it looked up; the second visit is quick."""
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)
