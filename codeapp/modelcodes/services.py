"""What a code built on a model keeps about it, written when a document is imported and when
an editor starts the code from a model or leaves a model item out."""

from codeapp.modelcodes.origin import model_items_of, wording
from codeapp.models import CodeProfile, ModelBase


def base_from_document(profile: CodeProfile, doc: dict) -> None:
    """Make what the profile builds on what an imported document says (`based_on`, origins).

    A document without `based_on` is a code built on nothing: the model base goes. Items the
    document marks "model" carry the model's wording; "adapted" ones keep the model's wording
    known here for that release, or none; "local" ones are no model item.
    """
    if "based_on" not in doc:
        ModelBase.objects.filter(profile=profile).delete()
        return
    based_on = doc["based_on"]
    base = ModelBase.objects.select_for_update().filter(profile=profile).first()
    same_release = base is not None and base.sha256 == based_on["sha256"]
    known = dict(base.items) if same_release else {}
    if same_release and base.document is not None:
        known = model_items_of(base.document)
    items: dict = {}
    for value in doc["values"]:
        _take(items, known, "value", value)
        for norm in value["norms"]:
            _take(items, known, "norm", norm)
            for example in norm["examples"]:
                _take(items, known, "example", example)
    fields = {
        "title": based_on["title"],
        "publisher": based_on["publisher"],
        "version": based_on["version"],
        "sha256": based_on["sha256"],
        "url": based_on["url"] or "",
        "items": items,
        "left_out": [dict(e) for e in doc.get("left_out", [])],
    }
    if base is None:
        ModelBase.objects.create(profile=profile, **fields)
        return
    if not same_release:
        fields["document"] = None
    for name, value in fields.items():
        setattr(base, name, value)
    base.revision += 1
    base.save()


def _take(items: dict, known: dict, item_type: str, data: dict) -> None:
    origin = data.get("origin", "local")
    if origin == "model":
        items[data["key"]] = wording(item_type, data)
    elif origin == "adapted":
        model = known.get(data["key"])
        # Known wording equal to ours would make it "model" again: the document says otherwise.
        items[data["key"]] = (
            model if model is not None and model != wording(item_type, data) else None
        )
