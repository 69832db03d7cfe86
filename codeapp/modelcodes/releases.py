"""A new release of the model: every change from the release the code builds on becomes an
amendment proposal in the review queue, grouped under the release; once all are decided, the
code builds on the new release (and the next sealed version says so).

A change that cannot be a proposal (the item is left out here, or only moved to another place
in the model) is kept with a note for the editors instead.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from codeapp.modelcodes.fetching import release_document
from codeapp.modelcodes.origin import model_items_of
from codeapp.models import CodeProfile, ModelBase, ModelChange, ModelRelease
from codeapp.versions.compare import Change, compare
from core.models import ItemKey
from core.revision import lock_at, save_revision
from reflection.models import Proposal
from reflection.services.applying import out_of_code
from reflection.services.proposals import proposal_create, proposal_submit
from reflection.services.targets import MODELS, PROPOSABLE_FIELDS

DECIDED = {
    Proposal.State.APPROVED,
    Proposal.State.REJECTED,
    Proposal.State.WITHDRAWN,
    Proposal.State.INCORPORATED,
}


class NothingNew(Exception):
    """The model has no release newer than the one the code builds on."""


def release_propose(*, model: dict, user: AbstractBaseUser) -> ModelRelease:
    """Turn the changes of the model release `model` into proposals, all or nothing.

    Raises NothingNew when the code already builds on it (or on a later one), and
    DocumentError, ModelUnavailable or ValidationError for a release that cannot be used.
    """
    release_document(model)
    with transaction.atomic():
        base = ModelBase.objects.select_for_update().filter(profile=CodeProfile.current()).first()
        if base is None:
            raise ValidationError(_("This code is not based on a model code."))
        number = model["version"]["number"]
        if model["version"]["sha256"] == base.sha256 or number <= base.version:
            raise NothingNew(
                _("The code builds on version %(number)d of the model already.")
                % {"number": base.version}
            )
        if base.document is None:
            raise ValidationError(
                _(
                    "The version of the model this code builds on is not kept here, so the "
                    "changes cannot be found. Start again from the model."
                )
            )
        waiting = base.releases.filter(taken_over_at__isnull=True).first()
        if waiting is not None:
            if waiting.sha256 == model["version"]["sha256"]:
                raise NothingNew(
                    _("Version %(number)d of the model waits as proposals already.")
                    % {"number": waiting.version}
                )
            raise ValidationError(
                _(
                    "The proposals of version %(number)d of the model are not all decided yet: "
                    "decide them first."
                )
                % {"number": waiting.version}
            )
        release = ModelRelease.objects.create(
            base=base,
            title=model["title"],
            version=number,
            sha256=model["version"]["sha256"],
            document=model,
            previous_document=base.document,
            received_by=user,
        )
        changes = compare(base.document, model)
        added = {c.key for c in changes if c.change == "added"}
        left_out = {e["key"] for e in base.left_out}
        with translation.override(base.profile.language):
            for change in changes:
                _record(release, change, user=user, added=added, left_out=left_out)
        return release


def _wording(item) -> dict | None:
    if item is None:
        return None
    return {name: item.data[name] for name in PROPOSABLE_FIELDS[item.type]}


def _label(change: Change) -> str:
    item = change.new or change.old
    data = item.data
    return data.get("title") or data.get("name") or change.key


def _record(
    release: ModelRelease, change: Change, *, user, added: set[str], left_out: set[str]
) -> None:
    entry = ModelChange(
        release=release,
        change=change.change,
        type=change.type,
        key=change.key or "",
        model_before=_wording(change.old),
        model_after=_wording(change.new),
    )
    if change.type == "code":
        entry.note = _("The model's title or preamble changed: compare them with this code's.")
        entry.save()
        return
    proposal, note = _proposal_for(release, change, added=added, left_out=left_out)
    if proposal is not None:
        proposal = proposal_create(proposal=proposal, user=user)
        proposal = proposal_submit(proposal=proposal, user=user)
    entry.proposal = proposal
    entry.note = note
    entry.save()


def _proposal_for(
    release: ModelRelease, change: Change, *, added: set[str], left_out: set[str]
) -> tuple[Proposal | None, str]:
    model = MODELS[change.type]
    local = model.objects.filter(key=change.key).first()
    where = _("“%(title)s”, version %(number)d") % {
        "title": release.title,
        "number": release.version,
    }
    label = _label(change)
    common = {"target": change.type, "origin": Proposal.Origin.MODEL}
    if change.key in left_out and change.change != "added":
        return None, _("This code leaves the item out; the model changed it.")
    if change.change == "removed":
        if local is None or out_of_code(local):
            return None, _("The item is not in this code's draft.")
        return Proposal(
            **common, action=Proposal.Action.RETIRE, **{change.type: local},
            title=_("Model %(where)s: “%(item)s” removed") % {"where": where, "item": label},
            rationale=_("The model code %(where)s no longer has this item.") % {"where": where},
        ), ""  # fmt: skip
    if change.change == "changed":
        if local is None or out_of_code(local):
            return None, _("The item is not in this code's draft.")
        new = change.new.data
        proposed = {
            name: new[name]
            for name in PROPOSABLE_FIELDS[change.type]
            if name in change.fields and new[name] != getattr(local, name)
        }
        if not proposed:
            moved = "parent" in change.fields or "position" in change.fields
            if moved:
                return None, _("The model moved the item: move it here too if you follow it.")
            return None, _("This code has the model's new wording already.")
        return Proposal(
            **common, action=Proposal.Action.REWORD, **{change.type: local}, proposed=proposed,
            title=_("Model %(where)s: “%(item)s” reworded") % {"where": where, "item": label},
            rationale=_("The model code %(where)s words this differently.") % {"where": where},
        ), ""  # fmt: skip
    # Added: in its place in this code, with the model's key when it is free here.
    proposal = Proposal(
        **common, action=Proposal.Action.ADD, proposed=_wording(change.new),
        title=_("Model %(where)s: “%(item)s” added") % {"where": where, "item": label},
        rationale=_("The model code %(where)s has this new item.") % {"where": where},
        new_key="" if ItemKey.objects.filter(key=change.key).exists() else change.key,
    )  # fmt: skip
    parent_key = change.new.parent
    if parent_key is not None:
        place = MODELS["value" if change.type == "norm" else "norm"]
        parent = place.objects.filter(key=parent_key).first()
        if parent is not None and not out_of_code(parent):
            setattr(proposal, "parent_value" if change.type == "norm" else "parent_norm", parent)
        elif parent_key in added:
            proposal.new_parent_key = parent_key
        else:
            return None, _("Its place in the model is not in this code.")
    return proposal, ""


def release_settle(release: ModelRelease) -> bool:
    """When every proposal of the release is decided, the code builds on the release.

    A declined addition is left out, with the decision's reasons. Returns whether it settled.
    """
    if release.taken_over_at is not None:
        return False
    changes = list(release.changes.select_related("proposal"))
    if any(c.proposal is not None and c.proposal.state not in DECIDED for c in changes):
        return False
    base = ModelBase.objects.select_for_update().get(pk=release.base_id)
    model = release.document
    items = model_items_of(model)
    left_out = [e for e in base.left_out if e["key"] in items]
    kept = {e["key"] for e in left_out}
    for change in changes:
        declined = change.proposal is not None and change.proposal.state in (
            Proposal.State.REJECTED,
            Proposal.State.WITHDRAWN,
        )
        if change.change == "added" and declined and change.key not in kept:
            reason = change.proposal.decision_reason or _("Not taken over.")
            left_out.append({"key": change.key, "reason": reason})
            kept.add(change.key)
    order = list(items)
    base.left_out = sorted(left_out, key=lambda e: order.index(e["key"]))
    base.items = items
    base.document = model
    base.title = model["title"]
    base.version = model["version"]["number"]
    base.sha256 = model["version"]["sha256"]
    base.revision += 1
    base.save()
    release.taken_over_at = timezone.now()
    release.save(update_fields=["taken_over_at"])
    return True


def proposal_decided(proposal: Proposal) -> None:
    """After a proposal is saved: settle its model release when it was the last one open."""
    change = ModelChange.objects.filter(proposal_id=proposal.pk).select_related("release").first()
    if change is not None and proposal.state in DECIDED:
        release_settle(change.release)


def proposal_adapt(*, proposal: Proposal, fields: dict, revision: int, user) -> Proposal:
    """Give an undecided model proposal this code's own wording: "adapt" instead of "adopt".

    The integrity officer still decides it (four-eyes); the proposal's history says who
    adapted it. A proposal changed or decided since `revision` raises StaleEdit.
    """
    with transaction.atomic():
        current = lock_at(Proposal, proposal.pk, revision)
        if current.state != Proposal.State.SUBMITTED or current.origin != Proposal.Origin.MODEL:
            raise ValidationError(_("Only an undecided proposal from the model can be adapted."))
        if current.action == Proposal.Action.RETIRE:
            raise ValidationError(_("A removal has no wording to adapt: decline it instead."))
        allowed = PROPOSABLE_FIELDS[current.target]
        current.proposed = {
            **current.proposed,
            **{k: v for k, v in fields.items() if k in allowed},
        }
        save_revision(current, user=user, reason=_("Adapted to this code's own wording"))
    return current
