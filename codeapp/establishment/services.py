"""Adding a step to a version's establishment log (see codeapp.establishment.models).

A step may be logged at any time after publication, also once the version is in force:
a version with retroactive effect is in force the day it is published, and the official
publication is often registered after the day the code took effect. What a court needs is
the whole record with the moment each part was added; the page marks a step recorded after
the version came into force as such, and the log's chain shows that nothing was rewritten.
A step already in the record (sealed or logged) is not recorded twice; a law of the legal
basis may be added as often as there are laws.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from codeapp.caching import pages as pagecache
from codeapp.establishment.models import EstablishmentEntry
from codeapp.models import CodeVersion
from codeapp.versions import documents


class LogConflict(Exception):
    """Another officer added a step to this version at the same moment; nothing was written."""


def establishment_steps_record(
    *, version: CodeVersion, record: dict, user: AbstractBaseUser | None
) -> list[EstablishmentEntry]:
    """Append the steps of `record` (the shape of `version.establishment`: steps, or null,
    and perhaps `legal_basis`) to the version's log, each sealed onto the chain, all or none.

    Raises ValidationError for a step that is invalid or already recorded, LogConflict when
    another officer appended to the same log at the same moment.
    """
    steps = [(name, record[name]) for name in documents.STEPS if record.get(name)]
    steps += [("legal_basis", law) for law in record.get("legal_basis") or []]
    if not steps:
        raise ValidationError(_("Fill in at least one step."))
    for name, fields in steps:
        try:
            if name == "legal_basis":
                documents.law_reference(fields, "legal_basis")
            else:
                documents.step(name, fields, name)
        except documents.DocumentError as error:
            raise ValidationError(str(error)) from None
    try:
        with transaction.atomic():
            # The version's row holds one appender at a time (it is never updated).
            locked = CodeVersion.objects.select_for_update().get(pk=version.pk)
            logged = list(EstablishmentEntry.objects.filter(version=locked).order_by("pk"))
            written = []
            for name, fields in steps:
                _refuse_repeat(locked, logged + written, name, fields)
                previous = (logged + written)[-1].sha256 if logged or written else locked.sha256
                entry = EstablishmentEntry(
                    version=locked,
                    step=name,
                    fields=fields,
                    recorded_by=user,
                    recorded_at=timezone.now(),
                    previous_sha256=previous,
                )
                entry.sha256 = entry.compute_seal(locked.number)
                entry.save()
                written.append(entry)
            # The reading pages keep the list of versions with where each log ends: a new
            # list now for this transaction's reads, and after the commit for everyone's.
            pagecache.forget_versions()
            transaction.on_commit(pagecache.forget_versions)
            return written
    except IntegrityError:
        raise LogConflict() from None


def _refuse_repeat(
    version: CodeVersion, logged: list[EstablishmentEntry], step: str, fields: dict
) -> None:
    sealed = (version.document.get("version") or {}).get("establishment") or {}
    if step == "legal_basis":
        known = [*sealed.get("legal_basis", []), *(e.fields for e in logged if e.step == step)]
        same = [k for k in known if (k["bwb"], k["article"]) == (fields["bwb"], fields["article"])]
        if same:
            raise ValidationError(_("This law and article are already in the record."))
        return
    if sealed.get(step) is not None:
        raise ValidationError(
            _("This step was sealed with the version when it was published; it stays as it is.")
        )
    if any(e.step == step for e in logged):
        raise ValidationError(_("This step has already been recorded for this version."))
