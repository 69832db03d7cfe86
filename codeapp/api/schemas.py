"""The API's schemas: what the OpenAPI document says each answer looks like.

The document schemas describe `living-code/1` (design.md) for the OpenAPI document;
documents themselves are sent as stored (codeapp.api.endpoints), not through these.
"""

import datetime
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field

from core.models import KEY_PATTERN
from norms.legal_basis import ARTICLE_PATTERN, BWB_PATTERN

SHA256_PATTERN = r"^[0-9a-f]{64}$"


class Error(Schema):
    detail: str = Field(description="What went wrong, in words.")


class _Strict(Schema):
    model_config = ConfigDict(extra="forbid")


# Optional fields (design.md): absent unless given, never null; only in a code with `based_on`.
Origin = Literal["model", "adapted", "local"]
ORIGIN_DESCRIPTION = "Where the item comes from: taken over from the model, adapted, or local."


class ExampleDocument(_Strict):
    key: str = Field(pattern=KEY_PATTERN)
    title: str
    situation: str
    guidance: str
    origin: Origin = Field(default=None, description=ORIGIN_DESCRIPTION)


class LawReference(_Strict):
    """A law on wetten.overheid.nl by its BWB identifier, and perhaps an article."""

    label: str = Field(min_length=1, description="The law's name, e.g. “Ambtenarenwet 2017”.")
    bwb: str = Field(pattern=BWB_PATTERN, description="Its identifier, e.g. BWBR0001905.")
    article: str | None = Field(pattern=ARTICLE_PATTERN, description="e.g. 4, 3:2, 125a.")


class NormDocument(_Strict):
    key: str = Field(pattern=KEY_PATTERN)
    title: str
    text: str = Field(min_length=1, description="Markdown.")
    kind: Literal["prohibition", "obligation", "aspiration"]
    explanation: str
    related_values: list[str] = Field(description="Keys of values this norm also serves.")
    legal_basis: list[str | LawReference] = Field(
        description="Plain text, or a reference to a law on wetten.overheid.nl."
    )
    examples: list[ExampleDocument]
    origin: Origin = Field(default=None, description=ORIGIN_DESCRIPTION)


class ValueDocument(_Strict):
    key: str = Field(pattern=KEY_PATTERN)
    name: str
    description: str = Field(description="Markdown.")
    norms: list[NormDocument]
    origin: Origin = Field(default=None, description=ORIGIN_DESCRIPTION)


class SessionReference(_Strict):
    title: str
    date: datetime.date


class AmendmentReference(_Strict):
    number: int
    title: str
    decided_on: datetime.date
    session: SessionReference | None


class WorksCouncilConsent(_Strict):
    date: datetime.date
    reference: str = Field(min_length=1)


class Decision(_Strict):
    body: str = Field(min_length=1, description="The competent authority.")
    date: datetime.date
    reference: str = Field(min_length=1, description="The decision number.")


class Publication(_Strict):
    gazette: str = Field(min_length=1, description="e.g. Gemeenteblad, Staatscourant.")
    date: datetime.date
    reference: str = Field(min_length=1)
    url: str | None = Field(pattern=r"^https?://\S+$")


class Establishment(_Strict):
    works_council: WorksCouncilConsent | None
    decision: Decision | None
    publication: Publication | None
    legal_basis: list[LawReference] = Field(
        default=None, min_length=1, description="Optional: the laws the code rests on."
    )


class VersionBlock(_Strict):
    number: int = Field(ge=1)
    effective_from: datetime.date
    published_at: datetime.datetime
    established_by: str
    change_summary: str = Field(description="Markdown.")
    amendments: list[AmendmentReference]
    previous_sha256: str | None = Field(pattern=SHA256_PATTERN)
    sha256: str = Field(
        pattern=SHA256_PATTERN,
        description="SHA-256 of the canonical document without this field (design.md).",
    )
    editorial: Literal[True] = Field(
        default=None,
        description="Optional: an editorial change (spelling, links); nobody is asked to "
        "confirm again. Absent otherwise.",
    )
    establishment: Establishment = Field(
        default=None,
        description="Optional: how the version was established, sealed with it (steps "
        "added later are in the version list's `establishment_log`).",
    )


class BasedOn(_Strict):
    title: str
    publisher: str
    version: int = Field(ge=1)
    sha256: str = Field(pattern=SHA256_PATTERN)
    url: str | None


class LeftOut(_Strict):
    key: str = Field(pattern=KEY_PATTERN)
    reason: str = Field(min_length=1)


class CodeDocument(_Strict):
    """The whole code as one `living-code/1` document, exactly as published."""

    format: Literal["living-code/1"]
    title: str
    language: str
    preamble: str = Field(description="Markdown.")
    version: VersionBlock | None
    values: list[ValueDocument]
    based_on: BasedOn = Field(
        default=None, description="Optional: the model code this code builds on."
    )
    left_out: list[LeftOut] = Field(
        default=None, description="Optional: the model's items this code leaves out, and why."
    )


class LogEntry(Schema):
    """A step of establishment added after publication (append-only, its own seal chain)."""

    step: Literal["works_council", "decision", "publication", "legal_basis"]
    fields: WorksCouncilConsent | Decision | Publication | LawReference = Field(
        description="The step as `version.establishment` writes it; a law for legal_basis."
    )
    recorded_at: datetime.datetime
    previous_sha256: str = Field(
        pattern=SHA256_PATTERN, description="The entry before, or for the first the version."
    )
    sha256: str = Field(
        pattern=SHA256_PATTERN,
        description="SHA-256 of previous_sha256 and the entry's canonical JSON.",
    )


class VersionSummary(Schema):
    number: int
    effective_from: datetime.date
    published_at: datetime.datetime
    established_by: str
    change_summary: str
    sha256: str
    previous_sha256: str | None
    url: str = Field(description="Where this version's document is.")
    establishment_log: list[LogEntry] = Field(
        default=None,
        description="Optional: steps of establishment added after publication, oldest first. "
        "Absent when there are none.",
    )


class LatestVersion(Schema):
    number: int
    effective_from: datetime.date
    sha256: str


class CodeSummary(Schema):
    slug: str = Field(description="The code's short name: /api/v1/codes/<slug>/…")
    title: str = Field(description="The title of its version in force (or first to come).")
    language: str | None = Field(description="The language of that version's text.")
    audience: Literal["everyone", "council", "office-holders", "units"] = Field(
        description="Who is asked to read and confirm it."
    )
    main: bool = Field(description="The organisation's main code, also at /api/v1/code.")
    latest_version: LatestVersion | None = Field(
        description="Its version in force today, or the first still to come."
    )
    url: str = Field(description="Where the document of its version in force is.")
    reading_url: str = Field(description="Where people read it.")


class Change(Schema):
    change: Literal["added", "removed", "changed"]
    type: Literal["code", "value", "norm", "example"]
    key: str | None = Field(description="null for the code itself (title, preamble …).")
    fields: list[str] = Field(
        description='For "changed": the fields that differ; "parent" when moved elsewhere, '
        '"position" when only its place among its siblings changed.'
    )


class Comparison(Schema):
    from_: int = Field(alias="from")
    to: int
    changes: list[Change] = Field(description="In the order of the newer version.")
