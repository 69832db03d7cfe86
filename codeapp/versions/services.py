"""Publishing: the working draft sealed as the next version, in one transaction, with the
approved proposals it incorporates; and storing a sealed document as a version (publishing and
restoring a backup, codeapp/versions/importing.py, both end there).

Importing a document lives in `importing`; checking the seals and the chain in `chain`; a
reader's confirmation of a version in codeapp/reading/confirming.py.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from codeapp.models import CodeVersion, VersionEntry
from codeapp.reading import rendering
from codeapp.versions import documents, notifications, provenance
from codeapp.versions.documents import build_draft_document, items, seal
from core.dates import parse_day
from norms import legal_basis
from reflection.models import Proposal
from reflection.services.proposals import proposals_incorporate


class PublishConflict(Exception):
    """Another version was published since the officer started; `latest` is that version."""

    def __init__(self, latest: CodeVersion | None):
        super().__init__("another version was published meanwhile")
        self.latest = latest


def _entries(version: CodeVersion, origins: dict[str, provenance.Origin]) -> list[VersionEntry]:
    out = []
    for item in items(version.document):
        data = item.data
        if item.type == "value":
            heading, body = data["name"], data["description"]
        elif item.type == "norm":
            heading = data["title"]
            laws = map(legal_basis.as_text, data["legal_basis"])
            body = "\n".join([data["text"], data["explanation"], *laws])
        else:
            heading, body = data["title"], "\n".join([data["situation"], data["guidance"]])
        out.append(
            VersionEntry(
                version=version,
                kind=item.type,
                key=item.key,
                number=item.number,
                heading=heading[:300],
                body=body,
                since_version=origins[item.key].since_version,
                amendment=origins[item.key].amendment,
            )
        )
    return out


def version_store(
    *,
    doc: dict,
    user: AbstractBaseUser | None,
    previous: CodeVersion | None,
    amendment_keys: dict[str, dict],
    retroactive_reason: str | None = None,
) -> CodeVersion:
    """Write the sealed document as a version, with its entries and their origins, and render
    its texts and reading pages (codeapp.reading.rendering).

    `previous` is the version it follows; `amendment_keys` maps the key of each item an
    incorporated proposal created or changed to that proposal's amendment entry;
    `retroactive_reason` says why it comes into force before the day it is established.
    """
    version_block = doc["version"]
    version = CodeVersion(
        number=version_block["number"],
        effective_from=parse_day(version_block["effective_from"]),
        published_at=datetime.datetime.fromisoformat(version_block["published_at"]),
        published_by=user,
        established_by=version_block["established_by"],
        change_summary=version_block["change_summary"],
        document=doc,
        sha256=version_block["sha256"],
        previous_sha256=version_block["previous_sha256"] or "",
        retroactive_reason=retroactive_reason,
        # Sealed in the document; kept on the row for the coverage queries.
        editorial=True if version_block.get("editorial") else None,
    )
    # Uniqueness is the database's to enforce: a second officer publishing the same
    # number at the same moment then meets IntegrityError, which becomes PublishConflict.
    version.full_clean(validate_unique=False)
    version.save()
    origins = provenance.trace(
        doc,
        number=version.number,
        previous_doc=previous.document if previous else None,
        previous=provenance.origins_before(previous),
        amendment_keys=amendment_keys,
    )
    VersionEntry.objects.bulk_create(_entries(version, origins))
    # A version never changes: its Markdown and its reading pages are rendered now, once, and
    # kept beside it (never in the seal), so no reader ever waits for a render.
    rendering.render_pages(version)
    return version


def version_publish(
    *,
    user: AbstractBaseUser | None,
    effective_from: datetime.date,
    established_by: str,
    change_summary: str,
    expected_latest: int | None = None,
    expected_draft_seal: str = "",
    retroactive: bool = False,
    retroactive_reason: str = "",
    editorial: bool = False,
    establishment: dict | None = None,
) -> CodeVersion:
    """Seal the working draft as the next version, in one transaction.

    `establishment` is the record of how it was established, as the exchange format has it
    (design.md: works-council consent, the decision, the official publication, the legal
    basis): sealed in the version block as `establishment`, left out when None or empty.

    An `editorial` change (spelling, links) asks nobody to confirm again: the document's
    version block says `"editorial": true` (left out otherwise), and a confirmation of the
    version it rests on counts for it (CodeVersion.confirmation_base).

    A date before today changes what was in force on days already past (and may have been
    cited): it needs `retroactive` and a `retroactive_reason`, which the version then shows.

    `expected_latest` is the newest version number the officer saw; when another
    version was published since, PublishConflict says so instead of publishing
    twice; `expected_draft_seal`, the seal of the draft they reviewed, makes a
    draft changed since raise DraftChanged. Two officers publishing at once give
    exactly one new version. The approved amendment proposals are recorded in the version and marked
    incorporated in it. Once the transaction has committed, every user with an
    e-mail address is told (a rolled-back publish tells no one).
    """
    try:
        with transaction.atomic():
            # Hold the draft still while it is read and sealed: editors' writes wait until the
            # version is committed, so the document is one consistent state of the draft. The
            # mode also lets only one publisher in at a time.
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute(
                        "LOCK TABLE values_value, norms_norm, norms_example, codeapp_codeprofile "
                        "IN SHARE ROW EXCLUSIVE MODE"
                    )
            latest = CodeVersion.objects.select_for_update().order_by("-number").first()
            latest_number = latest.number if latest else 0
            if expected_latest is not None and expected_latest != latest_number:
                raise PublishConflict(latest)
            if latest and effective_from < latest.effective_from:
                in_force = {
                    "number": latest.number,
                    "date": date_format(latest.effective_from, "DATE_FORMAT"),
                }
                if latest.effective_from > timezone.localdate():
                    message = _(
                        "Version %(number)d comes into force on %(date)s; a new version "
                        "cannot come into force before that."
                    )
                else:
                    message = _(
                        "Version %(number)d came into force on %(date)s; a new version "
                        "cannot come into force before that."
                    )
                raise ValidationError({"effective_from": message % in_force})
            reason = _retroactive_reason(effective_from, retroactive, retroactive_reason)
            # Lock undecided proposals too, so none is approved between the document and the
            # record of what it incorporates.
            pending = list(
                Proposal.objects.filter(
                    state__in=[
                        Proposal.State.SUBMITTED,
                        Proposal.State.AGREEING,
                        Proposal.State.APPROVED,
                    ]
                )
                .select_related("session")
                .select_for_update(of=("self",))
                .order_by("number")
            )
            doc = build_draft_document()
            approved = carried_by(
                [p for p in pending if p.state == Proposal.State.APPROVED],
                keys={item.key for item in items(doc)},
            )
            if expected_draft_seal and seal(doc) != expected_draft_seal:
                raise DraftChanged()
            if not doc["values"]:
                raise ValidationError(_("The working draft is empty: there is nothing to publish."))
            amendments = {p.pk: amendment_entry(p) for p in approved}
            published_at = timezone.localtime()
            doc["version"] = {
                "number": latest_number + 1,
                "effective_from": effective_from.isoformat(),
                "published_at": published_at.isoformat(timespec="seconds"),
                "established_by": established_by.strip(),
                "change_summary": change_summary.strip(),
                "amendments": list(amendments.values()),
                "previous_sha256": latest.sha256 if latest else None,
            }
            if editorial:
                if latest is None:
                    raise ValidationError(
                        {
                            "editorial": _(
                                "The first version cannot be an editorial change: there is "
                                "no confirmed version for it to rest on."
                            )
                        }
                    )
                # Optional field: present only when true (design.md, "Optional fields").
                doc["version"]["editorial"] = True
            record = establishment_record(establishment)
            if record is not None:
                doc["version"]["establishment"] = record
            doc["version"]["sha256"] = seal(doc)
            # When two proposals changed one item, the one decided last gave its wording.
            amendment_keys = {
                p.applied_key: amendments[p.pk]
                for p in sorted(approved, key=lambda p: (p.decided_at or published_at, p.number))
                if p.applied_key
            }
            version = version_store(
                doc=doc,
                user=user,
                previous=latest,
                amendment_keys=amendment_keys,
                retroactive_reason=reason,
            )
            proposals_incorporate(proposals=approved, version_number=version.number, user=user)
            notifications.notify_version_published(version)
            return version
    except IntegrityError:
        # The first officer's version holds the number (or, on an empty table, the lock
        # could not serialise the two): tell the second one.
        raise PublishConflict(CodeVersion.objects.order_by("-number").first()) from None


def establishment_record(given: dict | None) -> dict | None:
    """The `establishment` block to seal from what the officer gave: steps left out are null,
    an empty legal basis is left out, and nothing at all is None (the field then stays out,
    as in every version sealed before it existed). A record the exchange format would refuse
    raises ValidationError."""
    if not given:
        return None
    record = {name: given.get(name) or None for name in documents.STEPS}
    if given.get("legal_basis"):
        record["legal_basis"] = list(given["legal_basis"])
    if all(record[name] is None for name in documents.STEPS) and "legal_basis" not in record:
        return None
    try:
        documents.establishment(record, "establishment")
    except documents.DocumentError as error:
        raise ValidationError(
            _("The establishment record is not valid: %(error)s") % {"error": error}
        ) from None
    return record


def carried_by(proposals: list[Proposal], *, keys: set[str]) -> list[Proposal]:
    """The approved proposals whose change is in a code holding the items `keys`.

    A rewording or addition is there when its item is; a retirement when its item is not.
    One whose item was retired since (or brought back, for a retirement) is left out: it
    stays approved, and a version never claims an amendment it does not contain.
    """
    return [
        p
        for p in proposals
        if p.applied_key and (p.applied_key in keys) != (p.action == Proposal.Action.RETIRE)
    ]


def _retroactive_reason(
    effective_from: datetime.date, retroactive: bool, reason: str
) -> str | None:
    """The reason to record for a date before today, or None for a date from today on."""
    if effective_from >= timezone.localdate():
        return None
    if not retroactive:
        raise ValidationError(
            {
                "effective_from": _(
                    "%(date)s is before today: what was in force on the days since would change "
                    "afterwards. Choose today or a later date, or choose “with retroactive "
                    "effect” and give the reason."
                )
                % {"date": date_format(effective_from, "DATE_FORMAT")}
            }
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"retroactive_reason": _("Give the reason why this version has retroactive effect.")}
        )
    return reason


def amendment_entry(proposal: Proposal) -> dict:
    """How a version names a proposal it incorporates: no people, only what and when.

    A session is named by its public name: its title ("Dilemma session team Taxes") is for
    those who run the programme.
    """
    session = proposal.session
    named = session and {"title": session.name_for_the_public(), "date": session.date.isoformat()}
    return {
        "number": proposal.number,
        "title": proposal.title,
        "decided_on": timezone.localdate(proposal.decided_at).isoformat(),
        "session": named or None,
    }


class DraftChanged(Exception):
    """The working draft changed after the officer reviewed it; nothing was published."""
