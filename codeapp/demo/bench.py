"""A large code for measuring: made fast, yet valid as if made through the app.

`make bench` (bench/run.py) loads it with the `bench_data` command and times publishing
and comparing a 1,000-norm code with `bench_timings`. The bulk of the code (items, users,
confirmations) is written with bulk_create: the normal services would take minutes. So
the items have their keys in the key register, revision 1 and their place, but no
history rows; the small changes between versions, and every version itself, do go
through the services (item_update, item_create, version_publish), so every version is
sealed and chained exactly as the app seals it and `verify_versions` passes.
"""

import datetime
import random
import time
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils import timezone

from codeapp.demo.seeding import demo_users
from codeapp.models import CodeProfile, CodeVersion, Confirmation
from codeapp.versions.chain import versions_verify
from codeapp.versions.compare import compare, present
from codeapp.versions.services import version_publish
from core.mail import muted
from core.models import ItemKey
from core.services import item_create, item_set_retired, item_update
from norms.models import Example, Norm
from values.models import Value

# Common Dutch words of codes of conduct: the texts read (and stem) like the real thing.
_WORDS = (
    "de het een en van in op te dat die voor met zijn is niet aan bij als ook om of door "
    "naar maar wij we onze ons je jouw collega collega's burger burgers organisatie "
    "gemeente provincie overheid medewerker medewerkers leidinggevende integriteit "
    "integer eerlijk zorgvuldig betrouwbaar respectvol open transparant verantwoordelijk "
    "handelen gedrag besluit besluiten belang belangen informatie vertrouwelijk gegevens "
    "geschenk geschenken uitnodiging nevenfunctie nevenfuncties melden meldt bespreek "
    "bespreken vragen vraag advies vertrouwenspersoon afspraak afspraken werk werkt "
    "functie positie invloed schijn belangenverstrenging dilemma situatie keuze keuzes "
    "altijd nooit soms zo snel mogelijk zelf samen elkaar iedereen niemand publiek geld "
    "middelen kosten declaratie declaraties leverancier leveranciers opdracht aanbesteding "
    "vrienden familie sociale media privé tijd werktijd regels wet wetgeving beleid "
    "verantwoording afleggen aanspreken aangesproken veilig veiligheid discriminatie "
    "intimidatie pesten grensoverschrijdend melding onderzoek vertrouwen dienstverlening"
).split()
_LEGAL = (
    "Ambtenarenwet 2017, art. 5",
    "Ambtenarenwet 2017, art. 8",
    "Wet open overheid",
    "Algemene verordening gegevensbescherming, art. 5",
    "Gemeentewet, art. 15",
    "Wetboek van Strafrecht, art. 363",
    "Klokkenluidersregeling",
)
KINDS = ("prohibition", "obligation", "aspiration")


def dutch(rng: random.Random, length: int) -> str:
    """Dutch-looking sentences of about `length` characters."""
    sentences, size = [], 0
    while size < length:
        words = rng.choices(_WORDS, k=rng.randint(8, 18))
        sentence = " ".join(words).capitalize() + "."
        sentences.append(sentence)
        size += len(sentence) + 1
    return " ".join(sentences)


def _title(rng: random.Random) -> str:
    return " ".join(rng.choices(_WORDS, k=rng.randint(3, 7))).capitalize()


@dataclass
class Scale:
    """How large the bench code is; the defaults are the issue's."""

    values: int = 10
    norms: int = 200
    examples: int = 400
    versions: int = 20
    users: int = 5000
    confirmations: int = 50000

    def __post_init__(self) -> None:
        if self.values < 1 or self.norms < 1 or self.versions < 1:
            raise ValueError("The bench code needs at least one value, norm and version.")


class NotEmpty(Exception):
    """The database already holds data: the bench loads only into an empty one."""


def _refuse_unless_empty() -> None:
    User = get_user_model()
    found = {
        "users": User.objects.count(),
        "item keys": ItemKey.objects.count(),
        "versions": CodeVersion.objects.count(),
    }
    present_ = {name: count for name, count in found.items() if count}
    if present_:
        raise NotEmpty(
            "The database already has data ("
            + ", ".join(f"{count} {name}" for name, count in present_.items())
            + "); the bench data loads only into an empty, migrated database."
        )


def load(scale: Scale, *, seed: int = 6, log=print) -> None:
    """Fill an empty database with the bench code, its versions, users and confirmations."""
    rng = random.Random(seed)
    _refuse_unless_empty()
    with muted(), transaction.atomic():
        demo = demo_users(email_domain="bench.example")
        log(f"{len(demo)} demo users")
        add_items(rng, values=scale.values, norms=scale.norms, examples=scale.examples)
        log(f"{scale.values} values, {scale.norms} norms, {scale.examples} examples")
        publish_versions(rng, scale.versions, officer=demo["officer"], editor=demo["editor"])
        log(f"{scale.versions} versions")
        users = add_users(scale.users)
        add_confirmations(rng, users, scale.confirmations)
        log(f"{scale.users} users, {scale.confirmations} confirmations")
    log(f"{versions_verify()} versions verified")


def add_items(rng: random.Random, *, values: int, norms: int, examples: int, prefix="") -> None:
    """Add values, norms and examples to the draft in bulk, keys registered, spread evenly.

    With `values` 0 the norms go under the existing values. Texts are about as long as in
    the demo code (codeapp.demo.content), itself modelled on Dutch public codes: a norm of two
    or three sentences, an explanation of up to a few, examples of a short paragraph each.
    """
    CodeProfile.objects.update_or_create(
        pk=CodeProfile.current().pk,
        defaults={"title": "Gedragscode Gemeente Benchwaard", "language": "nl",
                  "preamble": dutch(rng, 1200)},
    )  # fmt: skip
    new_values = [
        Value(key=f"{prefix}waarde-{i + 1}", name=f"{_title(rng)} {i + 1}",
              description=dutch(rng, rng.randint(80, 250)), position=i)
        for i in range(values)
    ]  # fmt: skip
    _register(new_values, ItemKey.Kind.VALUE)
    Value.objects.bulk_create(new_values)
    parents = list(Value.objects.active().order_by("position", "id"))
    value_keys = [v.key for v in parents]
    start = Norm.objects.count()
    new_norms = [
        Norm(
            key=f"{prefix}norm-{i + 1}", value=parents[i % len(parents)],
            title=_title(rng), text=dutch(rng, rng.randint(80, 250)), kind=rng.choice(KINDS),
            explanation=dutch(rng, rng.randint(0, 250)),
            related_values=rng.sample(value_keys, k=min(2, len(value_keys))),
            legal_basis=rng.sample(_LEGAL, k=rng.randint(0, 2)), position=start + i,
        )
        for i in range(norms)
    ]  # fmt: skip
    _register(new_norms, ItemKey.Kind.NORM)
    Norm.objects.bulk_create(new_norms)
    new_examples = [
        Example(
            key=f"{prefix}voorbeeld-{i + 1}", norm=new_norms[i % len(new_norms)],
            title=_title(rng), situation=dutch(rng, rng.randint(100, 280)),
            guidance=dutch(rng, rng.randint(80, 220)), position=i // len(new_norms),
        )
        for i in range(examples)
    ]  # fmt: skip
    _register(new_examples, ItemKey.Kind.EXAMPLE)
    Example.objects.bulk_create(new_examples)


def _register(items: list, kind: str) -> None:
    ItemKey.objects.bulk_create([ItemKey(key=item.key, kind=kind) for item in items])


def change_draft(rng: random.Random, *, editor, number: int) -> None:
    """A small change through the services, as an editor makes between two versions."""
    norms = list(Norm.objects.active().order_by("?")[:3])
    for norm in norms:
        item_update(
            item=norm, expected_revision=norm.revision, user=editor, reason="Bench",
            changes={"text": norm.text + " " + dutch(rng, 60)},
        )  # fmt: skip
    if number % 4 == 0:
        value = Value.objects.active().order_by("?").first()
        item_create(
            item=Norm(value=value, title=_title(rng), text=dutch(rng, 250),
                      kind=rng.choice(KINDS), explanation=dutch(rng, 500)),
            user=editor, reason="Bench",
        )  # fmt: skip
    if number % 5 == 0:
        example = Example.objects.active().order_by("?").first()
        item_set_retired(item=example, retired=True, user=editor, reason="Bench")


def publish_versions(rng: random.Random, count: int, *, officer, editor) -> list[CodeVersion]:
    """`count` versions, a month apart, the last one in force today, each a small change."""
    today = timezone.localdate()
    versions = []
    for number in range(1, count + 1):
        if number > 1:
            change_draft(rng, editor=editor, number=number)
        versions.append(
            version_publish(
                user=officer,
                effective_from=today - datetime.timedelta(days=30 * (count - number)),
                established_by=f"College van B&W, besluit {number}",
                change_summary=dutch(rng, 120),
                # A history made today: every version but the last is dated back.
                retroactive=True,
                retroactive_reason="Benchmarkgegevens.",
            )
        )
    return versions


def add_users(count: int) -> list:
    """Employees in bulk; they cannot sign in (no password), they only confirm."""
    User = get_user_model()
    unusable = make_password(None)
    users = [
        User(username=f"medewerker{i:05d}", email=f"medewerker{i:05d}@bench.example",
             password=unusable)
        for i in range(count)
    ]  # fmt: skip
    return User.objects.bulk_create(users, batch_size=2000)


def add_confirmations(rng: random.Random, users: list, count: int) -> None:
    """`count` confirmations, each user confirming some of the versions once."""
    versions = list(CodeVersion.objects.order_by("number"))
    pairs = [(u, v) for u in users for v in versions]
    if count > len(pairs):
        raise ValueError(f"{count} confirmations need more than {len(users)} users")
    chosen = rng.sample(pairs, k=count)
    Confirmation.objects.bulk_create(
        [Confirmation(user=u, version=v, confirmed_at=timezone.now()) for u, v in chosen],
        batch_size=5000,
    )


# ---------------------------------------------------------------------------------------------
# Timings on a 1,000-norm code


class _RollBack(Exception):
    pass


def time_large_code(norms: int = 1000, *, seed: int = 7) -> dict[str, float]:
    """Seconds to publish a code of `norms` norms (two examples each) and to compare versions.

    Grows the draft to that size, times the editor's draft page and health dashboard (and
    their size in bytes), publishes it (timed), changes 5% of its norms, publishes
    again (timed: the second publish also traces provenance against the first), and compares
    the two as the comparison page does (changes and word diffs, timed). Everything is rolled
    back afterwards: the database is as before.
    """
    rng = random.Random(seed)
    editor = get_user_model().objects.filter(username="editor").first()
    timings: dict[str, float] = {}
    try:
        with muted(), transaction.atomic():
            missing = max(0, norms - Norm.objects.active().count())
            add_items(rng, values=0, norms=missing, examples=2 * missing, prefix="groot-")
            timings.update(time_editor_pages(editor))
            latest = CodeVersion.objects.order_by("-number").first()
            first = _timed(timings, "publish", lambda: _publish(latest, "groot 1"))
            for norm in Norm.objects.active().order_by("?")[: norms // 20]:
                item_update(
                    item=norm, expected_revision=norm.revision, user=editor, reason="Bench",
                    changes={"text": dutch(rng, 200) + " " + norm.text[:200]},
                )  # fmt: skip
            second = _timed(timings, "publish again", lambda: _publish(first, "groot 2"))
            _timed(
                timings,
                "compare",
                lambda: present(
                    compare(first.document, second.document), first.document, second.document
                ),
            )
            raise _RollBack
    except _RollBack:
        pass
    return timings


# The editor's pages of a large code: the view's own time (what the server spends, without
# the network and the middleware), and the size of what it sends. The least of a few runs
# after one to warm up (a first dashboard scores every norm's text; later ones remember).
EDITOR_PAGES = {"draft page": "codeapp:draft", "health dashboard": "codeapp:health"}


def time_editor_pages(editor, *, runs: int = 5) -> dict[str, float]:
    """Seconds and bytes of the working draft page and the health dashboard, as the editor."""
    factory = RequestFactory()
    timings = {}
    for name, url_name in EDITOR_PAGES.items():
        path = reverse(url_name)
        view = resolve(path).func
        seconds = []
        for _run in range(runs + 1):
            request = factory.get(path)
            request.user = editor
            start = time.perf_counter()
            response = view(request)
            seconds.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise RuntimeError(f"{name} answered {response.status_code}")
        timings[name] = min(seconds[1:])
        timings[f"{name} bytes"] = len(response.content)
    return timings


def _publish(latest: CodeVersion | None, summary: str) -> CodeVersion:
    return version_publish(
        user=None,
        effective_from=latest.effective_from if latest else timezone.localdate(),
        established_by="Bench",
        change_summary=summary,
    )


def _timed(timings: dict[str, float], name: str, work):
    start = time.perf_counter()
    result = work()
    timings[name] = time.perf_counter() - start
    return result
