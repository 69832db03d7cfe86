"""The API's comparison document (design.md): one entry per item that differs, in the order of
the newer version, drawn from the compare engine (codeapp.versions.compare)."""

from codeapp.versions.compare import compare


def comparison_document(old_doc: dict, new_doc: dict, old_label, new_label) -> dict:
    """The comparison in the form the API gives (design.md)."""
    return {
        "from": old_label,
        "to": new_label,
        "changes": [c.as_json() for c in compare(old_doc, new_doc)],
    }
