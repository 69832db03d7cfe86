"""The working draft's items marked with their origin, for the draft page."""

from dataclasses import dataclass

from codeapp.modelcodes.origin import WORDING, origin_of
from codeapp.models import ModelBase, ModelRelease
from norms.models import Example, Norm
from values.models import Value

MODELS = {"value": Value, "norm": Norm, "example": Example}


@dataclass
class DraftModel:
    """The model the draft builds on, and what of it is missing from the draft."""

    base: ModelBase
    # Model items out of the draft without a recorded reason (retired some other way).
    unexplained: list[str]
    # A newer release of the model whose changes wait as proposals.
    waiting: ModelRelease | None = None


def mark_draft(code) -> DraftModel | None:
    """Give every node of the working draft (`drafting.document.WorkingCode`) its `origin`
    and, for a model item, the model's wording (`model`); None for a code on no model."""
    base = ModelBase.objects.filter(profile_id__isnull=False).order_by("pk").first()
    if base is None:
        return None
    for value in code.values:
        _mark(base, "value", value)
        for norm in value.norms:
            _mark(base, "norm", norm)
            for example in norm.examples:
                _mark(base, "example", example)
    explained = {e["key"] for e in base.left_out}
    unexplained = [k for k in base.items if k not in code.keys and k not in explained]
    waiting = base.releases.filter(taken_over_at__isnull=True).order_by("-pk").first()
    return DraftModel(base, unexplained, waiting)


def _mark(base: ModelBase, item_type: str, node) -> None:
    data = {name: getattr(node.item, name) for name in WORDING[item_type]}
    node.origin = origin_of(base.items, item_type, node.item.key, data)
    node.model = base.items.get(node.item.key)


def local_wordings(changes) -> dict[str, dict]:
    """This code's wording of the items a model release changes, by key (three queries)."""
    keys: dict[str, set[str]] = {}
    for change in changes:
        if change.type in WORDING:
            keys.setdefault(change.type, set()).add(change.key)
    out = {}
    for item_type, wanted in keys.items():
        model = MODELS[item_type]
        for item in model.objects.filter(key__in=wanted, retired=False):
            out[item.key] = {name: getattr(item, name) for name in WORDING[item_type]}
    return out


def model_document(sha256: str) -> dict | None:
    """The model release sealed `sha256`, when it is kept here (taken, or arrived as proposals)."""
    base = ModelBase.objects.filter(sha256=sha256).exclude(document__isnull=True).first()
    if base is not None:
        return base.document
    release = ModelRelease.objects.filter(sha256=sha256).first()
    if release is not None:
        return release.document
    for release in ModelRelease.objects.exclude(previous_document__isnull=True).only(
        "previous_document"
    ):
        doc = release.previous_document
        if doc.get("version") and doc["version"]["sha256"] == sha256:
            return doc
    return None
