"""Importing a `living-code/1` document: the working draft made equal to it, all or nothing,
and a sealed document restored as that exact version (the restore path for backups); and the
plan of what an import would do, for `import_code --dry-run`.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from codeapp.modelcodes.services import base_from_document
from codeapp.models import CodeProfile, CodeVersion, ModelBase
from codeapp.versions.documents import DocumentError, Item, items, seal, validate
from codeapp.versions.services import version_store
from core.models import ItemKey
from core.services import item_create, item_set_retired, item_update
from norms.models import Example, Norm
from reflection.models import Proposal
from values.models import Value


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
        profile = CodeProfile.stored_or_default()
        plan.code_fields = [
            name for name in ("title", "language", "preamble")
            if getattr(profile, name) != doc[name]
        ]  # fmt: skip
        base = ModelBase.objects.filter(profile_id=profile.pk).first() if profile.pk else None
        if doc.get("based_on") != (base.based_on() if base else None):
            plan.code_fields.append("based_on")
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
    return version_store(doc=doc, user=None, previous=latest, amendment_keys={})


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
    base_from_document(profile, doc)
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
