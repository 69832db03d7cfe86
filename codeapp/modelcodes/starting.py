"""Starting the code from a model release, and leaving a model item out with a reason."""

import copy

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from codeapp.modelcodes.fetching import release_document
from codeapp.modelcodes.origin import model_items_of
from codeapp.models import CodeProfile, ModelBase
from codeapp.versions.importing import code_import
from core.services import item_set_retired
from norms.models import Example, Norm
from values.models import Value


def draft_from_model(model: dict, *, publisher: str, url: str | None) -> dict:
    """The model release as this code's draft: every item taken over unchanged."""
    draft = copy.deepcopy(model)
    draft["version"] = None
    draft["based_on"] = {
        "title": model["title"],
        "publisher": publisher,
        "version": model["version"]["number"],
        "sha256": model["version"]["sha256"],
        "url": url or None,
    }
    for value in draft["values"]:
        value["origin"] = "model"
        for norm in value["norms"]:
            norm["origin"] = "model"
            for example in norm["examples"]:
                example["origin"] = "model"
    return draft


def model_start(
    *,
    model: dict,
    publisher: str,
    url: str = "",
    minimum: bool = False,
    follow: bool = False,
    user: AbstractBaseUser | None,
) -> ModelBase:
    """Make the working draft the model release `model`, all or nothing.

    Raises DocumentError (naming the JSON path) or ModelUnavailable for a model that is not a
    valid sealed release, and what `code_import` raises; nothing changes then.
    """
    release_document(model)
    draft = draft_from_model(model, publisher=publisher.strip(), url=url)
    with transaction.atomic():
        code_import(
            doc=draft,
            user=user,
            reason=_("Started from the model code “%(title)s”, version %(version)d")
            % {"title": model["title"], "version": model["version"]["number"]},
        )
        base = ModelBase.objects.select_for_update().get(profile=CodeProfile.current())
        base.document = model
        base.items = model_items_of(model)
        base.minimum = minimum
        base.follow = follow and bool(url)
        base.started_by = user
        base.save()
        return base


_MODELS = {"value": Value, "norm": Norm, "example": Example}


def item_leave_out(*, key: str, reason: str, user: AbstractBaseUser | None) -> ModelBase:
    """Leave the model item `key` out of the code, with the reason recorded (and sealed)."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why this code leaves the item out.")})
    with transaction.atomic():
        base = ModelBase.objects.select_for_update().filter(profile=CodeProfile.current()).first()
        model_item = base.items.get(key) if base is not None else None
        if base is None or key not in base.items:
            raise ValidationError(_("This item is not taken from the model."))
        item = _MODELS[_type_of(key, model_item)].objects.get(key=key)
        if item.retired:
            raise ValidationError(_("“%(item)s” is out of the code already.") % {"item": item})
        # A value goes with its norms, a norm with its examples: they are left out with it.
        leaving = [item]
        if isinstance(item, Value):
            for norm in item.norms.filter(retired=False):
                leaving += [*norm.examples.filter(retired=False), norm]
        elif isinstance(item, Norm):
            leaving += list(item.examples.filter(retired=False))
        history = _("Left out of the model code: %(reason)s") % {"reason": reason}
        for part in sorted(leaving, key=lambda i: ("example", "norm", "value").index(_kind(i))):
            item_set_retired(item=part, retired=True, user=user, reason=history)
        recorded = {e["key"]: e for e in base.left_out}
        for part in leaving:
            if part.key in base.items:
                recorded[part.key] = {"key": part.key, "reason": reason}
        order = list(base.items)
        base.left_out = sorted(recorded.values(), key=lambda e: _place(order, e["key"]))
        base.revision += 1
        base.save()
        return base


def _kind(item) -> str:
    return "value" if isinstance(item, Value) else "norm" if isinstance(item, Norm) else "example"


def _type_of(key: str, model_item: dict | None) -> str:
    if model_item is not None:
        return model_item["type"]
    for kind, model in _MODELS.items():
        if model.objects.filter(key=key).exists():
            return kind
    raise ValidationError(_("This item is not in the code."))


def _place(order: list[str], key: str) -> int:
    return order.index(key) if key in order else len(order)
