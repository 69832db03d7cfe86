"""Following a model by its address: a scheduled check for a new release, whose chain of seals is
verified before its changes are proposed. Each check's outcome is kept on the model base."""

from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from codeapp.codes.addresses import working_on
from codeapp.modelcodes.fetching import ChainBroken, ModelUnavailable, fetch_release
from codeapp.modelcodes.releases import NothingNew, release_propose
from codeapp.models import ModelBase, ModelRelease
from codeapp.versions.documents import DocumentError


def model_check(base: ModelBase) -> ModelRelease | None:
    """Check the model's address once; the release proposed, or None (see `check_message`)."""
    release = None
    with translation.override(base.profile.language):
        try:
            if base.started_by is None:
                raise ValidationError(
                    _("Nobody took the model here, so nobody proposes its changes: take the "
                      "new version on the model page.")
                )  # fmt: skip
            model = fetch_release(base.url, since=base.document)
            release = release_propose(model=model, user=base.started_by)
            message = _("Version %(number)d found: its changes wait as proposals.") % {
                "number": release.version
            }
        except NothingNew:
            message = _("No new version.")
        except ChainBroken as error:
            message = _("Refused: %(error)s Nothing was proposed.") % {"error": error}
        except (ModelUnavailable, DocumentError, ValidationError, DatabaseError) as error:
            reason = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            message = _("Not checked: %(error)s") % {"error": reason}
    ModelBase.everywhere.filter(pk=base.pk).update(checked_at=timezone.now(), check_message=message)
    return release


def models_follow() -> int:
    """Check every followed model; the number of new releases proposed."""
    found = 0
    followed = ModelBase.everywhere.filter(follow=True).exclude(url="")
    for base in followed.select_related("profile__code"):
        with working_on(base.profile.code):  # the release's proposals go to that code
            if model_check(base) is not None:
                found += 1
    return found
