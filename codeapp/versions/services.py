"""Writes that span the whole code: publishing a version, importing a document, confirming."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from codeapp.models import CodeProfile, CodeVersion, Confirmation, VersionEntry
from codeapp.versions import notifications, provenance
from codeapp.versions.documents import (
    DocumentError,
    Item,
    build_draft_document,
    items,
    seal,
    validate,
)
from core.dates import parse_day
from core.models import ItemKey
from core.services import item_create, item_set_retired, item_update
from norms.models import Example, Norm
from reflection.models import Proposal
from reflection.services.proposals import proposals_incorporate
from values.models import Value


class PublishConflict(Exception):
    """Another version was published since the officer started; `latest` is that version."""

    def __init__(self, latest: CodeVersion | None):
        super().__init__("another version was published meanwhile")
        self.latest = latest


def _entries(version: CodeVersion, origins: dict[str, provenance.Origin]) -> list[VersionEntry]:
    out = []
    for item in items(version.document):
        data = item.data
        if item.type == "value":
            heading, body = data["name"], data["description"]
        elif item.type == "norm":
            heading = data["title"]
            body = "\n".join([data["text"], data["explanation"], *data["legal_basis"]])
        else:
            heading, body = data["title"], "\n".join([data["situation"], data["guidance"]])
        out.append(
            VersionEntry(
                version=version,
                kind=item.type,
                key=item.key,
                number=item.number,
                heading=heading[:300],
                body=body,
                since_version=origins[item.key].since_version,
                amendment=origins[item.key].amendment,
            )
        )
    return out


def _store(
    doc: dict,
    *,
    user: AbstractBaseUser | None,
    previous: CodeVersion | None,
    amendment_keys: dict[str, dict],
    retroactive_reason: str | None = None,
) -> CodeVersion:
    """Write the sealed document as a version, with its entries and their origins.

    `previous` is the version it follows; `amendment_keys` maps the key of each item an
    incorporated proposal created or changed to that proposal's amendment entry;
    `retroactive_reason` says why it comes into force before the day it is established.
    """
    version_block = doc["version"]
    version = CodeVersion(
        number=version_block["number"],
        effective_from=parse_day(version_block["effective_from"]),
        published_at=datetime.datetime.fromisoformat(version_block["published_at"]),
        published_by=user,
        established_by=version_block["established_by"],
        change_summary=version_block["change_summary"],
        document=doc,
        sha256=version_block["sha256"],
        previous_sha256=version_block["previous_sha256"] or "",
        retroactive_reason=retroactive_reason,
    )
    # Uniqueness is the database's to enforce: a second officer publishing the same
    # number at the same moment then meets IntegrityError, which becomes PublishConflict.
    version.full_clean(validate_unique=False)
    version.save()
    origins = provenance.trace(
        doc,
        number=version.number,
        previous_doc=previous.document if previous else None,
        previous=provenance.origins_before(previous),
        amendment_keys=amendment_keys,
    )
    VersionEntry.objects.bulk_create(_entries(version, origins))
    return version


def version_publish(
    *,
    user: AbstractBaseUser | None,
    effective_from: datetime.date,
    established_by: str,
    change_summary: str,
    expected_latest: int | None = None,
    expected_draft_seal: str = "",
    retroactive: bool = False,
    retroactive_reason: str = "",
) -> CodeVersion:
    """Seal the working draft as the next version, in one transaction.

    A date before today changes what was in force on days already past (and may have been
    cited): it needs `retroactive` and a `retroactive_reason`, which the version then shows.

    `expected_latest` is the newest version number the officer saw; when another
    version was published since, PublishConflict says so instead of publishing
    twice; `expected_draft_seal`, the seal of the draft they reviewed, makes a
    draft changed since raise DraftChanged. Two officers publishing at once give
    exactly one new version. The approved amendment proposals are recorded in the version and marked
    incorporated in it. Once the transaction has committed, every user with an
    e-mail address is told (a rolled-back publish tells no one).
    """
    try:
        with transaction.atomic():
            # Hold the draft still while it is read and sealed: editors' writes wait until the
            # version is committed, so the document is one consistent state of the draft. The
            # mode also lets only one publisher in at a time.
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "LOCK TABLE values_value, norms_norm, norms_example, codeapp_codeprofile "
                        "IN SHARE ROW EXCLUSIVE MODE"
                    )
            latest = CodeVersion.objects.select_for_update().order_by("-number").first()
            latest_number = latest.number if latest else 0
            if expected_latest is not None and expected_latest != latest_number:
                raise PublishConflict(latest)
            if latest and effective_from < latest.effective_from:
                in_force = {
                    "number": latest.number,
                    "date": date_format(latest.effective_from, "DATE_FORMAT"),
                }
                if latest.effective_from > timezone.localdate():
                    message = _(
                        "Version %(number)d comes into force on %(date)s; a new version "
                        "cannot come into force before that."
                    )
                else:
                    message = _(
                        "Version %(number)d came into force on %(date)s; a new version "
                        "cannot come into force before that."
                    )
                raise ValidationError({"effective_from": message % in_force})
            reason = _retroactive_reason(effective_from, retroactive, retroactive_reason)
            # Lock undecided proposals too, so none is approved between the document and the
            # record of what it incorporates.
            pending = list(
                Proposal.objects.filter(
                    state__in=[
                        Proposal.State.SUBMITTED,
                        Proposal.State.AGREEING,
                        Proposal.State.APPROVED,
                    ]
                )
                .select_related("session")
                .select_for_update(of=("self",))
                .order_by("number")
            )
            doc = build_draft_document()
            approved = carried_by(
                [p for p in pending if p.state == Proposal.State.APPROVED],
                keys={item.key for item in items(doc)},
            )
            if expected_draft_seal and seal(doc) != expected_draft_seal:
                raise DraftChanged()
            if not doc["values"]:
                raise ValidationError(_("The working draft is empty: there is nothing to publish."))
            amendments = {p.pk: amendment_entry(p) for p in approved}
            published_at = timezone.localtime()
            doc["version"] = {
                "number": latest_number + 1,
                "effective_from": effective_from.isoformat(),
                "published_at": published_at.isoformat(timespec="seconds"),
                "established_by": established_by.strip(),
                "change_summary": change_summary.strip(),
                "amendments": list(amendments.values()),
                "previous_sha256": latest.sha256 if latest else None,
            }
            doc["version"]["sha256"] = seal(doc)
            # When two proposals changed one item, the one decided last gave its wording.
            amendment_keys = {
                p.applied_key: amendments[p.pk]
                for p in sorted(approved, key=lambda p: (p.decided_at or published_at, p.number))
                if p.applied_key
            }
            version = _store(
                doc,
                user=user,
                previous=latest,
                amendment_keys=amendment_keys,
                retroactive_reason=reason,
            )
            proposals_incorporate(proposals=approved, version_number=version.number, user=user)
            notifications.notify_version_published(version)
            return version
    except IntegrityError:
        # The first officer's version holds the number (or, on an empty table, the lock
        # could not serialise the two): tell the second one.
        raise PublishConflict(CodeVersion.objects.order_by("-number").first()) from None


def carried_by(proposals: list[Proposal], *, keys: set[str]) -> list[Proposal]:
    """The approved proposals whose change is in a code holding the items `keys`.

    A rewording or addition is there when its item is; a retirement when its item is not.
    One whose item was retired since (or brought back, for a retirement) is left out: it
    stays approved, and a version never claims an amendment it does not contain.
    """
    return [
        p
        for p in proposals
        if p.applied_key and (p.applied_key in keys) != (p.action == Proposal.Action.RETIRE)
    ]


def _retroactive_reason(
    effective_from: datetime.date, retroactive: bool, reason: str
) -> str | None:
    """The reason to record for a date before today, or None for a date from today on."""
    if effective_from >= timezone.localdate():
        return None
    if not retroactive:
        raise ValidationError(
            {
                "effective_from": _(
                    "%(date)s is before today: what was in force on the days since would change "
                    "afterwards. Choose today or a later date, or choose “with retroactive "
                    "effect” and give the reason."
                )
                % {"date": date_format(effective_from, "DATE_FORMAT")}
            }
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"retroactive_reason": _("Give the reason why this version has retroactive effect.")}
        )
    return reason


def amendment_entry(proposal: Proposal) -> dict:
    """How a version names a proposal it incorporates: no people, only what and when.

    A session is named by its public name: its title ("Dilemma session team Taxes") is for
    those who run the programme.
    """
    session = proposal.session
    named = session and {"title": session.name_for_the_public(), "date": session.date.isoformat()}
    return {
        "number": proposal.number,
        "title": proposal.title,
        "decided_on": timezone.localdate(proposal.decided_at).isoformat(),
        "session": named or None,
    }


class DraftChanged(Exception):
    """The working draft changed after the officer reviewed it; nothing was published."""


class ChainError(Exception):
    """A version whose seal or link to its predecessor does not hold."""

    def __init__(self, number: int, message: str):
        super().__init__(f"version {number}: {message}")
        self.number = number


def versions_verify() -> int:
    """Recompute every seal and the chain; raise ChainError at the first bad version."""
    previous: CodeVersion | None = None
    count = 0
    for version in CodeVersion.objects.order_by("number").iterator():
        doc = version.document
        block = doc.get("version") or {}
        if version.number != (previous.number + 1 if previous else 1):
            raise ChainError(version.number, "the numbering has a gap")
        if block.get("number") != version.number:
            raise ChainError(version.number, "the document names another version number")
        if seal(doc) != version.sha256 or block.get("sha256") != version.sha256:
            raise ChainError(version.number, "the seal does not match the document")
        # The columns the pages and the API read must say what the sealed document says.
        columns = {
            "effective_from": version.effective_from.isoformat(),
            "established_by": version.established_by,
            "change_summary": version.change_summary,
            "published_at": version.published_at,
        }
        for name, column in columns.items():
            sealed = block.get(name)
            if name == "published_at":
                sealed = sealed and datetime.datetime.fromisoformat(sealed)
            if sealed != column:
                raise ChainError(version.number, f"its {name} differs from the sealed document")
        expected_previous = previous.sha256 if previous else None
        if block.get("previous_sha256") != expected_previous or (
            (version.previous_sha256 or None) != expected_previous
        ):
            raise ChainError(version.number, "the link to the previous version is broken")
        previous = version
        count += 1
    return count


def code_import(
    *, doc: dict, user: AbstractBaseUser | None, reason: str = "", source: str = ""
) -> CodeVersion | None:
    """Make the working draft equal to `doc`, all or nothing; restore a sealed version too.

    Items are matched by key: updated, created, or retired when absent. A
    document with a filled `version` block must be the next version in line and
    keep its seal: it is stored as that exact version (the restore path). Without
    a `reason`, the history says it was imported (from `source`, a file name) in
    the code's own language, as everything else in its history is.
    """
    validate(doc)
    if not reason:
        with translation.override(doc["language"]):
            reason = _("Imported from %(source)s") % {"source": source} if source else _("Imported")
    with transaction.atomic():
        restored = None
        if doc["version"] is not None:
            restored = _restore(doc, user=user)
        _apply_to_draft(doc, user=user, reason=reason)
        return restored


@dataclass
class ImportPlan:
    """What importing a document does to the working draft (see `code_import_plan`)."""

    restores: int | None = None  # the version number a sealed document restores
    code_fields: list[str] = field(default_factory=list)  # the code's title, language, preamble
    created: list[Item] = field(default_factory=list)
    # With the fields that change: "parent" and "position" as in a comparison, and "brought
    # back" for a retired item the document names again.
    changed: list[tuple[Item, list[str]]] = field(default_factory=list)
    retired: list[Value | Norm | Example] = field(default_factory=list)
    # Open proposals about an item the import retires: an officer should look at them again.
    proposals: list[Proposal] = field(default_factory=list)


# What an import sets on each kind of item (besides its parent and place), as `_apply_to_draft`.
_IMPORTED_FIELDS = {
    "value": ("name", "description"),
    "norm": ("title", "text", "kind", "explanation", "related_values", "legal_basis"),
    "example": ("title", "situation", "guidance"),
}


def code_import_plan(*, doc: dict) -> ImportPlan:
    """What `code_import` would create, change and retire, changing nothing itself.

    Raises what `code_import` raises for a document it would refuse: DocumentError
    naming the path, or ValidationError for a version that cannot be restored.
    """
    validate(doc)
    plan = ImportPlan()
    with transaction.atomic():
        if doc["version"] is not None:
            _restorable(doc)
            plan.restores = doc["version"]["number"]
        _check_key_kinds(doc)
        # Not CodeProfile.current(): on an empty install that would make the row.
        profile = CodeProfile.objects.order_by("pk").first() or CodeProfile()
        plan.code_fields = [
            name for name in ("title", "language", "preamble")
            if getattr(profile, name) != doc[name]
        ]  # fmt: skip
        stored = {
            "value": {v.key: v for v in Value.objects.all()},
            "norm": {n.key: n for n in Norm.objects.select_related("value")},
            "example": {e.key: e for e in Example.objects.select_related("norm")},
        }
        wanted = set()
        for item in items(doc):
            wanted.add(item.key)
            current = stored[item.type].get(item.key)
            if current is None:
                plan.created.append(item)
                continue
            fields = [
                name for name in _IMPORTED_FIELDS[item.type]
                if getattr(current, name) != item.data[name]
            ]  # fmt: skip
            if item.parent is not None and current.parent.key != item.parent:
                fields.append("parent")
            if current.position != int(item.number.rsplit(".", 1)[-1]) - 1:
                fields.append("position")
            if current.retired:
                fields.append("brought back")
            if fields:
                plan.changed.append((item, fields))
        for kind in ("value", "norm", "example"):
            plan.retired += sorted(
                (i for i in stored[kind].values() if not i.retired and i.key not in wanted),
                key=lambda i: (i.position, i.pk),
            )
        plan.proposals = list(
            Proposal.objects.open().about({i.key for i in plan.retired}).order_by("number")
        )
    return plan


def _restorable(doc: dict) -> CodeVersion | None:
    """The latest version (locked) when `doc` is the next in line; ValidationError otherwise."""
    block = doc["version"]
    if seal(doc) != block["sha256"]:
        raise ValidationError(_("$.version.sha256: the seal does not match the document."))
    latest = CodeVersion.objects.select_for_update().order_by("-number").first()
    if block["number"] != (latest.number + 1 if latest else 1):
        raise ValidationError(
            _(
                "$.version.number: version %(number)d is not the next in line "
                "(the latest is %(latest)d)."
            )
            % {"number": block["number"], "latest": latest.number if latest else 0}
        )
    if block["previous_sha256"] != (latest.sha256 if latest else None):
        raise ValidationError(
            _("$.version.previous_sha256: does not match the seal of the latest version.")
        )
    return latest


def _restore(doc: dict, *, user: AbstractBaseUser | None) -> CodeVersion:
    latest = _restorable(doc)
    # A restored document names its amendments but not the items they changed (and the
    # proposals behind them need not be here): which amendment changed what stays unknown.
    return _store(doc, user=None, previous=latest, amendment_keys={})


def _check_key_kinds(doc: dict) -> None:
    """A key stays with the kind of item it was made for: a value's key never names a norm."""
    existing_kinds = dict(ItemKey.objects.values_list("key", "kind"))
    for item in items(doc):
        kind = existing_kinds.get(item.key)
        if kind is not None and kind != item.type:
            raise DocumentError(
                f"{item.path}.key",
                f"“{item.key}” belongs to a {kind} in this installation, not a {item.type}",
            )


def _apply_to_draft(doc: dict, *, user: AbstractBaseUser | None, reason: str) -> None:
    profile = CodeProfile.current()
    item_update(
        item=profile,
        expected_revision=profile.revision,
        changes={"title": doc["title"], "language": doc["language"], "preamble": doc["preamble"]},
        user=user,
        reason=reason,
    )
    _check_key_kinds(doc)
    wanted = {i.key: i for i in items(doc)}

    def upsert(model, item, fields: dict, position: int):
        current = model.objects.filter(key=item.key).first()
        if current is None:
            return item_create(
                item=model(**fields), user=user, reason=reason, key=item.key, position=position
            )
        changes = {**fields, "position": position, "retired": False}
        return item_update(
            item=current, expected_revision=current.revision, changes=changes, user=user,
            reason=reason,
        )  # fmt: skip

    for v_pos, value in enumerate(doc["values"]):
        v = upsert(
            Value, wanted[value["key"]],
            {"name": value["name"], "description": value["description"]}, v_pos,
        )  # fmt: skip
        for n_pos, norm in enumerate(value["norms"]):
            n = upsert(
                Norm, wanted[norm["key"]],
                {"value": v, "title": norm["title"], "text": norm["text"], "kind": norm["kind"],
                 "explanation": norm["explanation"], "related_values": norm["related_values"],
                 "legal_basis": norm["legal_basis"]},
                n_pos,
            )  # fmt: skip
            for e_pos, example in enumerate(norm["examples"]):
                upsert(
                    Example, wanted[example["key"]],
                    {"norm": n, "title": example["title"], "situation": example["situation"],
                     "guidance": example["guidance"]},
                    e_pos,
                )  # fmt: skip
    # Whatever the document leaves out is retired: kept on record, out of the next version.
    # Examples first, then norms, then values, so nothing is retired under an active item.
    for model in (Example, Norm, Value):
        for item in model.objects.active().exclude(key__in=wanted.keys()):
            item_set_retired(item=item, retired=True, user=user, reason=reason)


def version_confirm(*, user: AbstractBaseUser, version: CodeVersion) -> Confirmation:
    """Record that `user` has read `version`; confirming twice keeps the first moment."""
    confirmation, _created = Confirmation.objects.get_or_create(user=user, version=version)
    return confirmation
