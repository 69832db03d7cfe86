"""Saving a case of the case library, with who and why in its history, and the courses of
action of a practice dilemma with it."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.revision import save_form, save_revision
from reflection.forms.cases import CaseForm
from reflection.models import Case, DilemmaOption, LiveAnswer, PracticeTally
from reflection.services.practice import practice_norms_changed


def case_create(*, form: CaseForm, user: AbstractBaseUser) -> Case:
    """Save a new case from a valid form; its author is `user`."""
    with transaction.atomic():
        case, _changed = save_form(form, user=user, created_by=user)
        _save_options(case, form.option_texts)
        transaction.on_commit(practice_norms_changed)
    return case


def case_update(
    *, form: CaseForm, expected_revision: int, user: AbstractBaseUser
) -> tuple[Case, bool]:
    """Save the edited case unless someone saved it since `expected_revision` (StaleEdit).

    Returns the case and whether anything changed; saving nothing leaves no empty record.
    A change to the courses of action alone still counts as a save of the case (a new
    revision, a history record), so a colleague editing the same case is told. Raises
    ValidationError, saving nothing, when an option colleagues chose would be removed (an
    answer that came in after the form was checked).
    """
    with transaction.atomic():
        case, changed = save_form(form, user=user, expected_revision=expected_revision)
        if form.options_changed():
            _save_options(case, form.option_texts)
            if not changed:
                save_revision(case, user=user, reason=form.cleaned_data.get("reason"), clean=False)
                changed = True
        if changed:
            transaction.on_commit(practice_norms_changed)
    return case, changed


def _save_options(case: Case, texts: list[str]) -> None:
    """Place N gets text N; a blank place loses its option, which must have no answers.

    The case's options are locked first: an answer (reflection.services.practice) locks the
    option it counts for, so an option is never removed under an answer being counted.
    """
    stored = list(
        DilemmaOption.objects.select_for_update().filter(case=case).order_by("position", "id")
    )
    stored += [None] * (len(texts) - len(stored))
    doomed = [option.pk for option, text in zip(stored, texts, strict=False) if option and not text]
    doomed += [option.pk for option in stored[len(texts) :] if option]
    answered = doomed and (
        PracticeTally.objects.filter(option__in=doomed, count__gt=0).exists()
        or LiveAnswer.objects.filter(option__in=doomed).exists()
    )
    if answered:
        raise ValidationError(
            _("Colleagues have just chosen a course of action you removed: nothing was saved.")
        )
    DilemmaOption.objects.filter(pk__in=doomed).delete()
    for position, (option, text) in enumerate(zip(stored, texts, strict=False), start=1):
        if not text:
            continue
        if option is None:
            DilemmaOption.objects.create(case=case, position=position, text=text)
        elif option.text != text or option.position != position:
            option.text, option.position = text, position
            option.save(update_fields=["text", "position"])
