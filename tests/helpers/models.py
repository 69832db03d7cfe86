"""The central government's code (Gedragscode Integriteit Rijk) as a model's two releases, and an
organisation's code built on the first: adapted, extended and with an item left out."""

import copy

from codeapp.demo.content import MODEL_PUBLISHER, MODEL_RELEASES
from tests.helpers.documents import load

# The demo's model releases (codeapp/demo/models/), sealed as another installation sealed them.
GIR_2016 = MODEL_RELEASES[2016]
GIR_2019 = MODEL_RELEASES[2019]
PUBLISHER = MODEL_PUBLISHER
# The changes from 2016 to 2019, as the compare engine finds them.
GIR_CHANGES = 7


def gir(year: int) -> dict:
    return load(GIR_2016 if year == 2016 else GIR_2019)


def based_on(model: dict, url: str | None = None) -> dict:
    return {
        "title": model["title"],
        "publisher": PUBLISHER,
        "version": model["version"]["number"],
        "sha256": model["version"]["sha256"],
        "url": url,
    }


def organisation_code() -> dict:
    """A draft built on the 2016 release: one norm adapted, one left out, one local addition."""
    model = gir(2016)
    doc = copy.deepcopy(model)
    doc["title"] = "Gedragscode Dienst Toeslagen"
    doc["version"] = None
    doc["based_on"] = based_on(model)
    doc["left_out"] = [
        {"key": "sociale-media", "reason": "Onze eigen richtlijn sociale media gaat verder."}
    ]
    for value in doc["values"]:
        value["origin"] = "model"
        value["norms"] = [n for n in value["norms"] if n["key"] != "sociale-media"]
        for norm in value["norms"]:
            norm["origin"] = "model"
            for example in norm["examples"]:
                example["origin"] = "model"
    gifts = doc["values"][2]["norms"]
    gifts[1]["text"] = (
        "Je neemt een uitnodiging alleen aan als je leidinggevende schriftelijk akkoord gaat."
    )
    gifts[1]["origin"] = "adapted"
    doc["values"][4]["norms"].append(
        {"key": "dienstauto", "title": "De dienstauto",
         "text": "Je gebruikt de dienstauto alleen voor je werk.", "kind": "obligation",
         "explanation": "", "related_values": [], "legal_basis": [], "examples": [],
         "origin": "local"}
    )  # fmt: skip
    return doc
