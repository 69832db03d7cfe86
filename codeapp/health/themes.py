"""Editing the integrity themes and which norms of the code cover them.

Each save is checked against the revision the editor opened (core.revision): two editors who
change the same theme at once do not overwrite each other silently. Every change, the mapping
to norms included, is in the theme's history, with who and why.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from codeapp.health.findings import numbering, theme_coverage
from codeapp.health.models import IntegrityTheme
from codeapp.health.report import ThemeCoverage
from core.codes import active_code_id
from core.revision import lock_at, save_form
from norms.models import Norm
from values.models import Value


def active_norms() -> list[Norm]:
    """The active norms of the active code, in the code's order."""
    return list(Norm.objects.active().order_by("value__position", "value_id", "position", "id"))


def coverage() -> tuple[list[ThemeCoverage], dict[int, str]]:
    """Every theme with the norms of the active code that cover it (suggestions for those
    without), and the number of each norm: four queries whatever the size of the code."""
    norms = active_norms()
    _values, numbers, _by_value = numbering(list(Value.objects.order_by("position", "id")), norms)
    themes = list(IntegrityTheme.objects.order_by("position", "id"))
    through = IntegrityTheme.norms.through.objects.filter(norm__code_id=active_code_id())
    pairs = list(through.values_list("integritytheme_id", "norm_id"))
    return theme_coverage(themes, pairs, norms, numbers), numbers.norms


def _mapping_change(before: set[int], after: set[int], numbers: dict[int, str]) -> str:
    """The mapping's change in words, for the history: "norms added: 2.3; removed: 1.1"."""
    added = sorted(numbers.get(pk, "?") for pk in after - before)
    removed = sorted(numbers.get(pk, "?") for pk in before - after)
    parts = []
    if added:
        parts.append(_("norms added: %(numbers)s") % {"numbers": ", ".join(added)})
    if removed:
        parts.append(_("norms removed: %(numbers)s") % {"numbers": ", ".join(removed)})
    return "; ".join(parts)


def theme_save(
    *, form, user: AbstractBaseUser, numbers: dict[int, str]
) -> tuple[IntegrityTheme, bool]:
    """Save a valid theme form (new or edited, `StaleEdit` when someone saved it since);
    only the active code's norms change: another code's mapping stays as it is."""
    before = set(form.instance.norms.values_list("pk", flat=True)) if form.instance.pk else set()
    after = {norm.pk for norm in form.cleaned_data["norms"]}
    change = _mapping_change(before, after, numbers)
    reason = form.cleaned_data.get("reason", "").strip()
    form.cleaned_data["reason"] = "; ".join(part for part in (reason, change) if part)
    with transaction.atomic():
        # Room made for the theme's place among the others: their order stays as it was.
        for pk, position in getattr(form, "renumber", {}).items():
            IntegrityTheme.objects.filter(pk=pk).update(position=position)
        return save_form(form, user=user, expected_revision=form.cleaned_data.get("revision"))


def theme_delete(*, theme: IntegrityTheme, expected_revision: int, user: AbstractBaseUser) -> None:
    """Remove a theme (and its mapping in every code) unless someone saved it since."""
    with transaction.atomic():
        stored = lock_at(IntegrityTheme, theme.pk, expected_revision)
        stored._history_user = user
        stored._change_reason = _("Removed.")
        stored.delete()
