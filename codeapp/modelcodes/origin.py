"""Each item's origin in a code built on a model: taken over from the model, adapted, or local.

The origin follows from the item's wording beside the model's wording of it (`ModelBase.items`).
"""

from typing import Literal

Origin = Literal["model", "adapted", "local"]
ORIGINS = ("model", "adapted", "local")

# The fields that make an item's wording: changing any of them adapts a model item.
WORDING = {
    "value": ("name", "description"),
    "norm": ("title", "text", "kind", "explanation"),
    "example": ("title", "situation", "guidance"),
}


def wording(item_type: str, data: dict) -> dict:
    """The item's wording as the model's items keep it: its type and its wording fields."""
    return {"type": item_type, **{name: data[name] for name in WORDING[item_type]}}


def origin_of(model_items: dict, item_type: str, key: str, data: dict) -> Origin:
    """`data` (an item as the exchange format has it) beside the model's wording of `key`."""
    if key not in model_items:
        return "local"
    model = model_items[key]
    if model is None or model != wording(item_type, data):
        return "adapted"
    return "model"


def model_items_of(doc: dict) -> dict:
    """Every item of a model document, keyed, with its wording."""
    out = {}
    for value in doc["values"]:
        out[value["key"]] = wording("value", value)
        for norm in value["norms"]:
            out[norm["key"]] = wording("norm", norm)
            for example in norm["examples"]:
                out[example["key"]] = wording("example", example)
    return out


def mark(doc: dict, base) -> dict:
    """Give a draft document built on `base` its `based_on`, `left_out` and origins (in place)."""
    doc["based_on"] = base.based_on()
    present = set()
    for value in doc["values"]:
        value["origin"] = origin_of(base.items, "value", value["key"], value)
        present.add(value["key"])
        for norm in value["norms"]:
            norm["origin"] = origin_of(base.items, "norm", norm["key"], norm)
            present.add(norm["key"])
            for example in norm["examples"]:
                example["origin"] = origin_of(base.items, "example", example["key"], example)
                present.add(example["key"])
    # An item left out and brought back since is no longer left out.
    left_out = [
        {"key": e["key"], "reason": e["reason"]} for e in base.left_out if e["key"] not in present
    ]
    if left_out:
        doc["left_out"] = left_out
    return doc
