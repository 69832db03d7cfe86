"""Keeping an upload's proposal between steps, and landing the corrected proposal in the
working draft.

Landing goes through the project's one import path (`codeapp.versions.importing`): the
proposal becomes a `living-code/1` document and `code_import` makes the draft equal to it,
all or nothing, every item with its history reason "Imported from <file>" in the code's
language. For a draft that already has items, `code_import_plan` first says what would be
created, changed and retired — the summary `import_code --dry-run` gives.
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from codeapp.models import CodeProfile
from codeapp.versions.documents import DocumentError, validate
from codeapp.versions.importing import ImportPlan, code_import, code_import_plan
from codeapp.wordimport.models import WordImport
from codeapp.wordimport.reading import read_document
from codeapp.wordimport.structure import correct, document, propose, tree
from core.models import ItemKey
from norms.models import Example, Norm
from values.models import Value


class DraftChanged(Exception):
    """The draft changed since the editor saw what landing would do to it."""


@dataclass
class Proposed:
    """A proposal as the preview shows it and landing uses it."""

    code: dict  # structure.tree
    problems: list[str] = field(default_factory=list)
    doc: dict | None = None  # the living-code/1 document, when there are no problems


def word_upload(*, data: bytes, file_name: str, user: AbstractBaseUser) -> WordImport:
    """Read an uploaded file and keep its proposal; `reading.Unreadable` when it cannot be.

    Uploads older than a day that nobody landed are taken away first.
    """
    read = read_document(data, file_name=file_name, max_bytes=settings.WORD_IMPORT_MAX_BYTES)
    WordImport.objects.stale().delete()
    return WordImport.objects.create(
        file_name=file_name[:255], uploaded_by=user, proposal=propose(read)
    )


def word_correct(*, upload: WordImport, changes: dict, expected_revision: int) -> bool:
    """Apply the editor's corrections; False when another window corrected it first."""
    with transaction.atomic():
        locked = WordImport.objects.select_for_update().get(pk=upload.pk)
        if locked.revision != expected_revision:
            return False
        locked.proposal = correct(locked.proposal, changes)
        locked.revision += 1
        locked.save(update_fields=["proposal", "revision"])
    upload.proposal, upload.revision = locked.proposal, locked.revision
    return True


def proposed(upload: WordImport) -> Proposed:
    """The tree of an upload's proposal, what stands in its way, and its document."""
    code, problems = tree(upload.proposal)
    result = Proposed(code=code, problems=problems)
    if problems:
        return result
    doc = document(
        code,
        language=CodeProfile.stored_or_default().language,
        taken=dict(ItemKey.objects.values_list("key", "kind")),
    )
    try:
        validate(doc)
    except DocumentError as error:
        result.problems.append(str(error.message))
        return result
    result.doc = doc
    return result


def draft_is_empty() -> bool:
    """No value, norm or example in the draft, active or retired."""
    return not (Value.objects.exists() or Norm.objects.exists() or Example.objects.exists())


def draft_fingerprint() -> str:
    """A digest that changes with every save of the draft: each item's revision, and the
    code's title and preamble (their row's revision)."""
    digest = hashlib.sha256()
    for model in (Value, Norm, Example):
        for pk, revision, retired in model.objects.order_by("pk").values_list(
            "pk", "revision", "retired"
        ):
            digest.update(f"{model.__name__}:{pk}:{revision}:{retired};".encode())
    profile = CodeProfile.stored_or_default()
    digest.update(f"profile:{profile.revision}".encode())
    return digest.hexdigest()


def word_plan(doc: dict) -> ImportPlan:
    """What landing `doc` would create, change and retire (as `import_code --dry-run`)."""
    return code_import_plan(doc=doc)


def word_land(
    *, upload: WordImport, user: AbstractBaseUser | None, fingerprint: str | None
) -> None:
    """Land the upload's proposal in the draft and forget the upload, all or nothing.

    `fingerprint` is the draft's as the editor saw the summary (None for an empty draft,
    which needs no summary): DraftChanged when the draft changed since. Raises
    ValueError when the proposal still has problems, and what `code_import` raises.
    """
    with transaction.atomic():
        # The code's row, locked: two editors landing at once take turns.
        CodeProfile.objects.select_for_update().filter(pk=CodeProfile.current().pk).first()
        if fingerprint is None:
            if not draft_is_empty():
                raise DraftChanged
        elif fingerprint != draft_fingerprint():
            raise DraftChanged
        result = proposed(upload)
        if result.doc is None:
            raise ValueError(result.problems)
        land_document(doc=result.doc, file_name=upload.file_name, user=user)
        WordImport.objects.filter(pk=upload.pk).delete()


def land_document(*, doc: dict, file_name: str, user: AbstractBaseUser | None) -> None:
    """Import a document made from a Word file, with the reason "Imported from <file>"."""
    code_import(doc=doc, user=user, source=file_name)
