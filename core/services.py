"""Writes to the working draft: the one mechanism every value, norm and example goes through.

Each write runs in a transaction, validates before saving, and leaves a history
record naming who made it and why. Edits are checked against the revision the
editor started from, so nobody overwrites a colleague's newer edit unknowingly.
"""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core.models import CodeItem, ItemKey
from core.revision import lock, lock_at, save_revision


def _next_position(item: CodeItem) -> int:
    top = item.siblings().exclude(pk=item.pk).aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


def item_create(
    *,
    item: CodeItem,
    user: AbstractBaseUser | None,
    reason: str = "",
    key: str = "",
    position: int | None = None,
) -> CodeItem:
    """Give a new, unsaved item its key and place at the end of its list, then save it.

    With `key` the editor's own key is claimed as given (an error when taken);
    otherwise one is derived from the item's name or title. `position` places it
    (an import follows the document's order); by default it goes last.
    """
    with transaction.atomic():
        if key:
            if ItemKey.objects.filter(key=key).exists():
                raise ValidationError(
                    {
                        "key": _("The key “%(key)s” is already in use or was used before.")
                        % {"key": key}
                    }
                )
            ItemKey(key=key, kind=item.key_kind).full_clean()
            try:
                with transaction.atomic():
                    item.key = ItemKey.objects.create(key=key, kind=item.key_kind).key
            except IntegrityError:
                raise ValidationError(
                    {"key": _("The key “%(key)s” was just taken by someone else.") % {"key": key}}
                ) from None
        else:
            item.key = ItemKey.objects.claim(
                wanted=str(item), fallback=str(item.key_kind), kind=item.key_kind
            ).key
        item.position = _next_position(item) if position is None else position
        item.revision = 0
        save_revision(item, user=user, reason=reason)
    return item


def item_update(
    *,
    item: CodeItem,
    expected_revision: int,
    changes: dict[str, Any],
    user: AbstractBaseUser | None,
    reason: str = "",
) -> CodeItem:
    """Apply `changes` to the item if nobody saved it since `expected_revision`.

    Raises StaleEdit with the stored item otherwise. A change that alters
    nothing saves nothing and leaves no empty history record.
    """
    model = type(item)
    with transaction.atomic():
        current = lock_at(model, item.pk, expected_revision)
        old_parent_id = getattr(current, f"{model.parent_field}_id") if model.parent_field else None
        changed = False
        for field, new in changes.items():
            if getattr(current, field) != new:
                setattr(current, field, new)
                changed = True
        if not changed:
            return current
        moved_parent = (
            model.parent_field and getattr(current, f"{model.parent_field}_id") != old_parent_id
        )
        if moved_parent:
            # Lock the new parent: it must not be retired now, nor while this edit commits.
            parent_model = model._meta.get_field(model.parent_field).related_model
            parent = parent_model._default_manager.select_for_update().get(
                pk=getattr(current, f"{model.parent_field}_id")
            )
            if parent.retired:
                raise ValidationError(
                    _("“%(parent)s” is retired: nothing can be moved under it.")
                    % {"parent": parent}
                )
        if moved_parent and "position" not in changes:
            # Under its new parent it goes last, unless the caller (an import) places it.
            current.position = _next_position(current)
        save_revision(current, user=user, reason=reason)
    return current


def item_set_retired(
    *, item: CodeItem, retired: bool, user: AbstractBaseUser | None, reason: str = ""
) -> CodeItem:
    """Retire an item (out of the next version, kept on record) or bring it back."""
    model = type(item)
    with transaction.atomic():
        current = lock(model, item.pk)
        if current.retired == retired:
            raise ValidationError(
                _("“%(item)s” is already retired.") % {"item": current}
                if retired
                else _("“%(item)s” is not retired.") % {"item": current}
            )
        blockers = current.retire_blockers() if retired else current.restore_blockers()
        if blockers:
            raise ValidationError(blockers)
        current.retired = retired
        save_revision(current, user=user, reason=reason)
    return current


def item_move(*, item: CodeItem, step: int, user: AbstractBaseUser | None) -> CodeItem:
    """Move an item one place up (step -1) or down (+1) among its active siblings.

    The history of each item that changed place records its new position.
    """
    with transaction.atomic():
        siblings = _active_siblings(item)
        index = next((i for i, s in enumerate(siblings) if s.pk == item.pk), None)
        if index is None:
            raise ValidationError(_("A retired item has no place to move in."))
        target = index + step
        if not 0 <= target < len(siblings):
            raise ValidationError(_("“%(item)s” cannot move further.") % {"item": item})
        return item_place(item=item, place=target + 1, user=user)


def item_place(
    *,
    item: CodeItem,
    place: int,
    user: AbstractBaseUser | None,
    parent: CodeItem | None = None,
) -> CodeItem:
    """Put an item at `place` (1 is first) among the active items of `parent`, in one step.

    Without `parent` it stays under its own. A place past the end puts it last. Moving
    to another parent is an edit of the item like any other: the new parent must be
    active, and the item's history records where it went.
    """
    model = type(item)
    with transaction.atomic():
        current = lock(model, item.pk)
        if current.retired:
            raise ValidationError(_("A retired item has no place to move in."))
        moved_parent = False
        if parent is not None and parent.pk != getattr(current, f"{model.parent_field}_id"):
            parent = type(parent)._default_manager.select_for_update().get(pk=parent.pk)
            if parent.retired:
                raise ValidationError(
                    _("“%(parent)s” is retired: nothing can be moved under it.")
                    % {"parent": parent}
                )
            setattr(current, model.parent_field, parent)
            moved_parent = True
        others = [s for s in _active_siblings(current) if s.pk != current.pk]
        index = min(max(place, 1), len(others) + 1) - 1
        order = [*others[:index], current, *others[index:]]
        if moved_parent:
            positions = list(range(len(order)))
        else:
            # Keep positions as they were wherever possible; renumber only when equal
            # positions (from an import, say) leave no room for a swap.
            positions = sorted(s.position for s in order)
            if len(set(positions)) != len(positions):
                positions = list(range(len(order)))
        for sibling, position in zip(order, positions, strict=True):
            if sibling.position != position or sibling is current and moved_parent:
                sibling.position = position
                save_revision(sibling, user=user, reason="")
        return model._default_manager.get(pk=item.pk)


def _active_siblings(item: CodeItem) -> list[CodeItem]:
    """The active items under the item's parent, locked, in their order (itself included)."""
    return list(
        item.siblings().filter(retired=False).select_for_update().order_by("position", "id")
    )
