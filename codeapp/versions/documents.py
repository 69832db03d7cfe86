"""The exchange format `living-code/1`: building documents, sealing them and checking them.

A document is the whole code as one JSON object (see design.md). Published
versions, exports, the API, comparison and reading all work from documents.
"""

import datetime
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from codeapp.modelcodes.origin import ORIGINS, mark
from codeapp.models import CodeProfile, ModelBase
from core.dates import NotADay, parse_day
from core.forms import MAX_TEXT_LENGTH
from core.models import KEY_PATTERN
from core.outline import numbered, outline_number
from norms import legal_basis
from norms.forms import MAX_LEGAL_BASIS_LENGTH
from norms.models import Example, Norm
from values.models import Value

FORMAT = "living-code/1"
KINDS = ("prohibition", "obligation", "aspiration")
_KEY = re.compile(KEY_PATTERN)
_HEX = re.compile(r"^[0-9a-f]{64}$")


def canonical(doc: dict) -> bytes:
    """The canonical bytes of a document, as the seal is computed over them."""
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def seal(doc: dict) -> str:
    """SHA-256 of the document with `version.sha256` left out (it covers `previous_sha256`)."""
    unsealed = dict(doc)
    if doc.get("version") is not None:
        unsealed["version"] = {k: v for k, v in doc["version"].items() if k != "sha256"}
    return hashlib.sha256(canonical(unsealed)).hexdigest()


def build_draft_document() -> dict:
    """The working draft as a document (`version` null): active items only, in code order."""
    profile = CodeProfile.current()
    values = list(Value.objects.active().order_by("position", "id"))
    norms = list(Norm.objects.active().filter(value__retired=False).order_by("position", "id"))
    examples = list(
        Example.objects.active()
        .filter(norm__retired=False, norm__value__retired=False)
        .order_by("position", "id")
    )
    active_value_keys = {v.key for v in values}
    examples_by_norm: dict[int, list[dict]] = {}
    for e in examples:
        examples_by_norm.setdefault(e.norm_id, []).append(
            {"key": e.key, "title": e.title, "situation": e.situation, "guidance": e.guidance}
        )
    norms_by_value: dict[int, list[dict]] = {}
    for n in norms:
        norms_by_value.setdefault(n.value_id, []).append(
            {
                "key": n.key,
                "title": n.title,
                "text": n.text,
                "kind": n.kind,
                "explanation": n.explanation,
                # A related value that has been retired is not part of this document.
                "related_values": [k for k in n.related_values if k in active_value_keys],
                "legal_basis": list(n.legal_basis),
                "examples": examples_by_norm.get(n.pk, []),
            }
        )
    doc = {
        "format": FORMAT,
        "title": profile.title,
        "language": profile.language,
        "preamble": profile.preamble,
        "version": None,
        "values": [
            {
                "key": v.key,
                "name": v.name,
                "description": v.description,
                "norms": norms_by_value.get(v.pk, []),
            }
            for v in values
        ],
    }
    # A code built on a model says so, and where each item comes from (optional fields).
    base = ModelBase.objects.filter(profile=profile).first()
    if base is not None:
        mark(doc, base)
    return doc


@dataclass
class Item:
    """One value, norm or example of a document, with its derived number and parent."""

    type: str
    key: str
    number: str
    parent: str | None
    data: dict
    path: str = ""  # its JSON path in the document, for error messages


def items(doc: dict) -> Iterator[Item]:
    """Every item of a document in code order, numbered 1, 1.1, 1.1.1."""
    for i, value in enumerate(doc["values"], 1):
        vpath = f"$.values[{i - 1}]"
        yield Item("value", value["key"], outline_number(i), None, value, vpath)
        for j, norm in enumerate(value["norms"], 1):
            npath = f"{vpath}.norms[{j - 1}]"
            yield Item("norm", norm["key"], outline_number(i, j), value["key"], norm, npath)
            for k, example in enumerate(norm["examples"], 1):
                epath = f"{npath}.examples[{k - 1}]"
                number = outline_number(i, j, k)
                yield Item("example", example["key"], number, norm["key"], example, epath)


# ---------------------------------------------------------------------------------------------
# Checking a document from outside (import, restore)


class DocumentError(ValueError):
    """A document that is not valid `living-code/1`; `path` names the JSON path at fault."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class _Repeated(dict):
    """A JSON object in which `key` was given more than once (only its last value is kept)."""

    key = ""


def parse(text: str) -> Any:
    """JSON text as a document to check, refusing what `json.loads` would let through.

    A key given twice in one object would keep only its last value, unseen; a file nested
    thousands deep would end in a RecursionError. Both become a DocumentError naming the
    path. Invalid JSON raises `json.JSONDecodeError`, as `json.loads` does.
    """
    repeated = False

    def make_object(pairs: list[tuple[str, Any]]) -> dict:
        nonlocal repeated
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        repeated = True
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                break
            seen.add(key)
        marked = _Repeated(obj)
        marked.key = key
        return marked

    try:
        doc = json.loads(text, object_pairs_hook=make_object)
    except RecursionError:
        raise DocumentError(
            "$", "is nested too deeply to be a living-code/1 document (is it the right file?)"
        ) from None
    # Find the first repeated key in document order, without recursion: the parser allows
    # nesting deeper than Python's call stack.
    todo: list[tuple[str, Any]] = [("$", doc)] if repeated else []
    while todo:
        path, node = todo.pop()
        if isinstance(node, _Repeated):
            raise DocumentError(f"{path}.{node.key}", "appears more than once in this object")
        if isinstance(node, dict):
            todo.extend((f"{path}.{k}", v) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            todo.extend((f"{path}[{i}]", v) for i, v in reversed(list(enumerate(node))))
    return doc


_TYPE_NAMES = {str: "a string", int: "a whole number", list: "a list", dict: "an object",
               bool: "true or false"}  # fmt: skip


def _expect(obj: Any, kind: type, path: str) -> Any:
    if kind is int and isinstance(obj, bool) or not isinstance(obj, kind):
        raise DocumentError(path, f"must be {_TYPE_NAMES[kind]}, not {type(obj).__name__}")
    return obj


def _fields(
    obj: Any, path: str, spec: dict[str, type], optional: dict[str, type] | None = None
) -> dict:
    """Check that `obj` has exactly the keys of `spec`, of their types, and perhaps some of
    `optional` (design.md, "Optional fields": present with a value, or absent)."""
    optional = optional or {}
    _expect(obj, dict, path)
    unknown = sorted(set(obj) - set(spec) - set(optional))
    if unknown:
        raise DocumentError(f"{path}.{unknown[0]}", "unknown key")
    for name, kind in spec.items():
        if name not in obj:
            raise DocumentError(f"{path}.{name}", "is missing")
        if kind is not None:
            _expect(obj[name], kind, f"{path}.{name}")
    for name, kind in optional.items():
        if name in obj:
            _expect(obj[name], kind, f"{path}.{name}")
    return obj


def _length(text: str, path: str, most: int | None) -> None:
    if most is not None and len(text) > most:
        raise DocumentError(path, f"is longer than {most} characters ({len(text)})")


# Longest texts the database stores for each field.
MAX_NAME, MAX_TITLE, MAX_ESTABLISHED_BY, MAX_URL = 200, 300, 300, 500


def _date(text: Any, path: str) -> datetime.date:
    _expect(text, str, path)
    try:
        return parse_day(text)
    except NotADay:
        raise DocumentError(path, "must be a date YYYY-MM-DD") from None


def validate(doc: Any) -> dict:
    """Check a document completely; raise DocumentError naming the first fault's JSON path."""
    _fields(
        doc,
        "$",
        {"format": str, "title": str, "language": str, "preamble": str, "version": None,
         "values": list},
        {"based_on": dict, "left_out": list},
    )  # fmt: skip
    if doc["format"] != FORMAT:
        raise DocumentError("$.format", f"must be “{FORMAT}”")
    if not doc["title"].strip():
        raise DocumentError("$.title", "must not be empty")
    _length(doc["title"], "$.title", MAX_TITLE)
    if doc["language"] not in dict(CodeProfile.Language.choices):
        raise DocumentError("$.language", "must be one of: nl, en")
    if doc["version"] is not None:
        _validate_version(doc["version"])
    # A draft gets the limits of the editing forms, so an import cannot bring in what an
    # editor could not type; a sealed version is restored as it was, whatever its texts.
    most = MAX_TEXT_LENGTH if doc["version"] is None else None
    _length(doc["preamble"], "$.preamble", most)
    seen: dict[str, str] = {}

    def claim(key: Any, path: str) -> None:
        _expect(key, str, path)
        if not _KEY.match(key):
            raise DocumentError(path, "is not a valid key (a-z, 0-9 and -, at most 64)")
        if key in seen:
            raise DocumentError(path, f"duplicate key “{key}” (also at {seen[key]})")
        seen[key] = path

    value_keys = set()
    for i, value in enumerate(doc["values"]):
        vpath = f"$.values[{i}]"
        _fields(
            value, vpath, {"key": str, "name": str, "description": str, "norms": list},
            {"origin": str},
        )  # fmt: skip
        claim(value["key"], f"{vpath}.key")
        _origin(doc, value, vpath)
        value_keys.add(value["key"])
        if not value["name"].strip():
            raise DocumentError(f"{vpath}.name", "must not be empty")
        _length(value["name"], f"{vpath}.name", MAX_NAME)
        _length(value["description"], f"{vpath}.description", most)
    for i, value in enumerate(doc["values"]):
        for j, norm in enumerate(value["norms"]):
            npath = f"$.values[{i}].norms[{j}]"
            _fields(
                norm,
                npath,
                {"key": str, "title": str, "text": str, "kind": str, "explanation": str,
                 "related_values": list, "legal_basis": list, "examples": list},
                {"origin": str},
            )  # fmt: skip
            claim(norm["key"], f"{npath}.key")
            _origin(doc, norm, npath)
            _length(norm["title"], f"{npath}.title", MAX_TITLE)
            if not norm["text"].strip():
                raise DocumentError(f"{npath}.text", "must not be empty")
            _length(norm["text"], f"{npath}.text", most)
            _length(norm["explanation"], f"{npath}.explanation", most)
            if norm["kind"] not in KINDS:
                raise DocumentError(f"{npath}.kind", "must be one of: " + ", ".join(KINDS))
            for r, related in enumerate(norm["related_values"]):
                _expect(related, str, f"{npath}.related_values[{r}]")
                if related not in value_keys:
                    raise DocumentError(f"{npath}.related_values[{r}]", f"no value “{related}”")
            for b, basis in enumerate(norm["legal_basis"]):
                bpath = f"{npath}.legal_basis[{b}]"
                if isinstance(basis, dict):
                    law_reference(basis, bpath)
                else:
                    _expect(basis, str, bpath)
            # The form takes them as one text, a line each.
            if most is not None:
                lines = "\n".join(map(legal_basis.as_line, norm["legal_basis"]))
                _length(lines, f"{npath}.legal_basis", MAX_LEGAL_BASIS_LENGTH)
            for k, example in enumerate(norm["examples"]):
                epath = f"{npath}.examples[{k}]"
                _fields(
                    example, epath, {"key": str, "title": str, "situation": str, "guidance": str},
                    {"origin": str},
                )  # fmt: skip
                claim(example["key"], f"{epath}.key")
                _origin(doc, example, epath)
                _length(example["title"], f"{epath}.title", MAX_TITLE)
                _length(example["situation"], f"{epath}.situation", most)
                _length(example["guidance"], f"{epath}.guidance", most)
    _validate_model_fields(doc, seen, most)
    return doc


def _origin(doc: dict, item: dict, path: str) -> None:
    if "origin" not in item:
        return
    if "based_on" not in doc:
        raise DocumentError(f"{path}.origin", "is only allowed in a code with “based_on”")
    if item["origin"] not in ORIGINS:
        raise DocumentError(f"{path}.origin", "must be one of: " + ", ".join(ORIGINS))


def _validate_model_fields(doc: dict, keys: dict[str, str], most: int | None) -> None:
    """The optional `based_on` and `left_out` (design.md, "Optional fields")."""
    if "based_on" in doc:
        path = "$.based_on"
        based_on = _fields(
            doc["based_on"], path,
            {"title": str, "publisher": str, "version": int, "sha256": str, "url": None},
        )  # fmt: skip
        for name in ("title", "publisher"):
            if not based_on[name].strip():
                raise DocumentError(f"{path}.{name}", "must not be empty")
            _length(based_on[name], f"{path}.{name}", MAX_TITLE)
        if based_on["version"] < 1:
            raise DocumentError(f"{path}.version", "must be 1 or more")
        if not _HEX.match(based_on["sha256"]):
            raise DocumentError(f"{path}.sha256", "must be 64 hex digits")
        url = based_on["url"]
        if url is not None:
            _expect(url, str, f"{path}.url")
            if not re.match(r"^https?://[^\s]+$", url) or len(url) > MAX_URL:
                raise DocumentError(f"{path}.url", "must be null or an http(s) address")
    if "left_out" in doc:
        if "based_on" not in doc:
            raise DocumentError("$.left_out", "is only allowed in a code with “based_on”")
        left: set[str] = set()
        for i, entry in enumerate(doc["left_out"]):
            path = f"$.left_out[{i}]"
            _fields(entry, path, {"key": str, "reason": str})
            key = entry["key"]
            if not _KEY.match(key):
                raise DocumentError(
                    f"{path}.key", "is not a valid key (a-z, 0-9 and -, at most 64)"
                )
            if key in keys:
                raise DocumentError(f"{path}.key", f"“{key}” is in the code (at {keys[key]})")
            if key in left:
                raise DocumentError(f"{path}.key", f"“{key}” is left out twice")
            left.add(key)
            if not entry["reason"].strip():
                raise DocumentError(f"{path}.reason", "must not be empty: say why it is left out")
            _length(entry["reason"], f"{path}.reason", most)


def _validate_version(version: Any) -> None:
    path = "$.version"
    _fields(
        version,
        path,
        {"number": int, "effective_from": str, "published_at": str, "established_by": str,
         "change_summary": str, "amendments": list, "previous_sha256": None, "sha256": str},
        {"editorial": bool, "establishment": dict},
    )  # fmt: skip
    # Optional: present only when true, so that documents sealed without it keep their seal.
    if version.get("editorial") is False:
        raise DocumentError(f"{path}.editorial", "must be true when present (leave it out)")
    if version["number"] < 1:
        raise DocumentError(f"{path}.number", "must be 1 or more")
    _length(version["established_by"], f"{path}.established_by", MAX_ESTABLISHED_BY)
    _date(version["effective_from"], f"{path}.effective_from")
    try:
        published = datetime.datetime.fromisoformat(version["published_at"])
    except ValueError:
        raise DocumentError(f"{path}.published_at", "must be an ISO 8601 moment") from None
    if published.utcoffset() is None:
        raise DocumentError(f"{path}.published_at", "must include a time-zone offset")
    previous = version["previous_sha256"]
    if previous is not None and not (isinstance(previous, str) and _HEX.match(previous)):
        raise DocumentError(f"{path}.previous_sha256", "must be null or 64 hex digits")
    if not _HEX.match(version["sha256"]):
        raise DocumentError(f"{path}.sha256", "must be 64 hex digits")
    if "establishment" in version:
        establishment(version["establishment"], f"{path}.establishment")
    for a, amendment in enumerate(version["amendments"]):
        apath = f"{path}.amendments[{a}]"
        _fields(amendment, apath, {"number": int, "title": str, "decided_on": str, "session": None})
        _date(amendment["decided_on"], f"{apath}.decided_on")
        session = amendment["session"]
        if session is not None:
            _fields(session, f"{apath}.session", {"title": str, "date": str})
            _date(session["date"], f"{apath}.session.date")


# ---------------------------------------------------------------------------------------------
# The establishment record (design.md, "Optional fields"): sealed in the version block, and the
# same shapes in the establishment log (codeapp/establishment).

STEPS = ("works_council", "decision", "publication")
# What each step holds: (field, required); every field is a string, `url` may be null.
STEP_FIELDS = {
    "works_council": (("date", True), ("reference", True)),
    "decision": (("body", True), ("date", True), ("reference", True)),
    "publication": (("gazette", True), ("date", True), ("reference", True), ("url", False)),
}
MAX_REFERENCE, MAX_BODY, MAX_GAZETTE, MAX_ARTICLE = 200, 300, 100, 20
_STEP_LIMITS = {"reference": MAX_REFERENCE, "body": MAX_BODY, "gazette": MAX_GAZETTE}
_URL = re.compile(r"^https?://[^\s]+$")


def establishment(record: Any, path: str) -> dict:
    """Check a version's `establishment`: the three steps (each an object or null) and,
    optionally, its legal basis (a non-empty list of law references)."""
    _fields(record, path, dict.fromkeys(STEPS), {"legal_basis": list})
    if all(record[step] is None for step in STEPS) and not record.get("legal_basis"):
        raise DocumentError(path, "records no step: leave it out")
    for name in STEPS:
        if record[name] is not None:
            step(name, record[name], f"{path}.{name}")
    if "legal_basis" in record:
        if not record["legal_basis"]:
            raise DocumentError(f"{path}.legal_basis", "must not be empty (leave it out)")
        for i, entry in enumerate(record["legal_basis"]):
            law_reference(entry, f"{path}.legal_basis[{i}]")
    return record


def step(name: str, data: Any, path: str) -> dict:
    """Check one step of establishment (`name` one of STEPS) at `path`."""
    _fields(data, path, {field: None for field, _required in STEP_FIELDS[name]})
    for field, required in STEP_FIELDS[name]:
        text, fpath = data[field], f"{path}.{field}"
        if field == "url":
            if text is not None:
                _expect(text, str, fpath)
                if not _URL.match(text) or len(text) > MAX_URL:
                    raise DocumentError(fpath, "must be null or an http(s) address")
            continue
        _expect(text, str, fpath)
        if field == "date":
            _date(text, fpath)
        elif required and not text.strip():
            raise DocumentError(fpath, "must not be empty")
        else:
            _length(text, fpath, _STEP_LIMITS[field])
    return data


def law_reference(entry: Any, path: str) -> dict:
    """Check a reference to a law on wetten.overheid.nl: {"label", "bwb", "article"}."""
    _fields(entry, path, {"label": str, "bwb": str, "article": None})
    if not entry["label"].strip():
        raise DocumentError(f"{path}.label", "must not be empty")
    _length(entry["label"], f"{path}.label", legal_basis.MAX_LABEL)
    if not legal_basis.is_bwb(entry["bwb"]):
        raise DocumentError(f"{path}.bwb", "must be a BWB identifier such as BWBR0001905")
    article = entry["article"]
    if article is not None:
        _expect(article, str, f"{path}.article")
        if not legal_basis.is_article(article):
            raise DocumentError(
                f"{path}.article", "must be null or an article number such as 4, 3:2 or 125a"
            )
    return entry


def outline(doc: dict) -> list[dict]:
    """The document's values with their norms and examples, each carrying its number.

    Templates walk this instead of numbering themselves: value 1, norm 1.1, example 1.1.1.
    """
    out = []
    for value_number, value in numbered(doc["values"]):
        norms = []
        for norm_number, norm in numbered(value["norms"], value_number):
            examples = [
                {**example, "number": number}
                for number, example in numbered(norm["examples"], norm_number)
            ]
            norms.append({**norm, "number": norm_number, "examples": examples})
        out.append({**value, "number": value_number, "norms": norms})
    return out
