"""Live dilemma sessions: a team lead shows practice dilemmas on a big screen, the team answers
on their phones without an account, and closing the session records it in the programme.

What a participant leaves is a random token (their phone's cookie) and one answer per dilemma:
no name, no address, no time. An answer counts once (a unique row per dilemma and participant;
a replay is told "you already answered"), and only for the dilemma on screen before its
reflection is shown. Changing an answer is not possible: the bars on the screen only grow.

The lead's moves (next, previous, show the reflection, close) carry the revision the lead's
page was opened at (core.revision): with two tabs open, one move wins and the other is told.
"""

import hashlib
import json
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from core.codes import using_code
from core.revision import StaleEdit, lock, lock_at, save_revision
from core.roles import can_view_draft
from people.models import Unit
from reflection.models import (
    Case,
    DilemmaOption,
    LiveAnswer,
    LiveDilemma,
    LiveNote,
    LiveParticipant,
    LiveSession,
    NormSignal,
    Proposal,
    Session,
    default_public_name,
)
from reflection.services.errors import TransitionError
from reflection.services.proposals import proposal_create

# Join codes: no 0/O, 1/I/L or other look-alikes; read aloud and typed on a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MAX_DILEMMAS = 6

__all__ = ["StaleEdit"]


class LiveClosed(Exception):
    """The session has ended (closed, or its join code expired): nothing more is answered."""


class NotOnScreen(Exception):
    """The answer is for a dilemma that is not on screen (any more), or its reflection shows."""


class AlreadyAnswered(Exception):
    """This phone answered the dilemma before: nothing is counted twice."""


class TooMany(Exception):
    """The session is full (LIVE_MAX_PARTICIPANTS) or this address joins too often."""


def normalise_code(text: str) -> str:
    """A join code as typed: case and spaces or dashes do not matter."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def live_create(
    *, title: str, unit: Unit | None, cases: list[Case], user: AbstractBaseUser
) -> LiveSession:
    """Open a live session with `cases` (1–6 practice dilemmas, in this order)."""
    if not 1 <= len(cases) <= MAX_DILEMMAS:
        raise TransitionError(_("Choose one to six dilemmas."))
    now = timezone.now()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                live = LiveSession.objects.create(
                    title=title,
                    unit=unit,
                    lead=user,
                    join_code=_new_code(),
                    opened_at=now,
                    expires_at=now + timezone.timedelta(hours=settings.LIVE_SESSION_HOURS),
                )
                LiveDilemma.objects.bulk_create(
                    LiveDilemma(live=live, case=case, position=n) for n, case in enumerate(cases)
                )
                return live
        except IntegrityError:
            continue  # another open session drew the same code: draw again
    raise TransitionError(_("No free join code was found; please try again."))


def is_open(live: LiveSession) -> bool:
    return live.state == LiveSession.State.OPEN and live.expires_at > timezone.now()


# ---------------------------------------------------------------------------------------------
# The lead's moves.


def _move(
    live: LiveSession, expected_revision: int, user: AbstractBaseUser, **changes
) -> LiveSession:
    with transaction.atomic():
        current = lock_at(LiveSession, live.pk, expected_revision)
        if current.state != LiveSession.State.OPEN:
            raise TransitionError(_("The session has been closed."))
        if "current" in changes and not (
            0 <= changes["current"] < LiveDilemma.objects.filter(live=current).count()
        ):
            raise TransitionError(_("There is no dilemma there."))
        for name, value in changes.items():
            setattr(current, name, value)
        save_revision(current, user=user, clean=False)
    return current


def live_go_to(
    *, live: LiveSession, position: int, expected_revision: int, user: AbstractBaseUser
) -> LiveSession:
    """Show the dilemma at `position` (its reflection hidden again)."""
    return _move(live, expected_revision, user, current=position, showing_reflection=False)


def live_show_reflection(
    *, live: LiveSession, show: bool, expected_revision: int, user: AbstractBaseUser
) -> LiveSession:
    """Show (or hide) the reflection of the dilemma on screen; answering stops while it shows."""
    return _move(live, expected_revision, user, showing_reflection=show)


def live_note(*, live: LiveSession, dilemma: LiveDilemma | None, text: str) -> LiveNote:
    text = text.strip()
    if not text:
        raise TransitionError(_("Write the note first."))
    return LiveNote.objects.create(live=live, dilemma=dilemma, text=text)


def live_signal(
    *, live: LiveSession, kind: str, norm=None, value=None, text: str = ""
) -> NormSignal:
    """Mark a norm "unclear to us", or note a norm the team misses."""
    signal = NormSignal(live=live, kind=kind, norm=norm, value=value, text=text.strip())
    if kind == NormSignal.Kind.UNCLEAR and norm is None:
        raise TransitionError(_("Choose the norm that is unclear."))
    if kind == NormSignal.Kind.MISSING and not signal.text:
        raise TransitionError(_("Say what norm the team misses."))
    signal.save()
    return signal


def live_close(*, live: LiveSession, expected_revision: int, user: AbstractBaseUser) -> Session:
    """Close the session and record it as a held dilemma session of its code and team."""
    with transaction.atomic():
        current = lock_at(LiveSession, live.pk, expected_revision)
        if current.state != LiveSession.State.OPEN:
            raise TransitionError(_("The session has been closed."))
        today = timezone.localdate()
        dilemmas = list(current.dilemmas.select_related("case").order_by("position", "id"))
        signals = list(current.signals.all())
        notes = list(current.notes.select_related("dilemma__case"))
        count = (
            LiveAnswer.objects.filter(dilemma__live=current)
            .values("participant")
            .distinct()
            .count()
        )
        record = Session(
            code_id=current.code_id,
            title=current.title,
            public_name=default_public_name(Session.Format.DILEMMA, today),
            date=today,
            format=Session.Format.DILEMMA,
            held=True,
            facilitator=current.lead,
            participant_groups=current.unit.name if current.unit else "",
            participant_count=count,
            insights=_insights(notes, signals),
            unit=current.unit,
        )
        record._history_user = user
        record._change_reason = _("Recorded from the live session")
        record.save()
        cases = [d.case for d in dilemmas]
        record.cases.set(cases)
        norms = {n.pk for n in _case_norms(cases)} | {s.norm_id for s in signals if s.norm_id}
        record.norms_discussed.set(norms)
        values = {s.value_id for s in signals if s.value_id}
        if values:
            record.values_discussed.set(values)
        current.state = LiveSession.State.CLOSED
        current.closed_at = timezone.now()
        current.participant_count = count
        current.record = record
        save_revision(current, user=user, clean=False)
    return record


def _case_norms(cases: list[Case]) -> list:
    if not cases:
        return []
    norm_model = Case.norms.field.related_model
    return list(norm_model.objects.filter(cases__in=cases).distinct())


def _insights(notes: list[LiveNote], signals: list[NormSignal]) -> str:
    """The notes as Markdown, per dilemma; then the team's signals. No names."""
    lines = []
    for note in notes:
        about = f"**{note.dilemma.case.title}**: " if note.dilemma_id else ""
        lines.append(f"- {about}{note.text}")
    for signal in signals:
        said = " – ".join(str(part) for part in (signal.norm, signal.text) if part)
        lines.append(f"- *{signal.get_kind_display()}*: {said}")
    return "\n".join(lines)


# What the code in force says about an item: codeapp names it at start-up (it owns the
# published versions; reflection may not import it). `wording(item)` gives the version's
# number and the item's published fields, or None when the item is not in force.
_published_wording = None


def published_wording_from(wording) -> None:
    global _published_wording
    _published_wording = wording


TITLE_LENGTH = 120


def note_title(text: str) -> str:
    """ "From team session: <the note's first words>", at most 120 characters, cut at a word."""
    prefix = _("From team session: ")
    words = " ".join(text.split())
    room = TITLE_LENGTH - len(prefix)
    if len(words) > room:
        cut = words[: room - 1].rsplit(" ", 1)[0] if " " in words[: room - 1] else words[: room - 1]
        words = cut.rstrip(" ,.;:") + "…"
    return prefix + words


def proposal_from_note(*, note: LiveNote, user: AbstractBaseUser) -> Proposal:
    """A draft proposal from a note of a closed session, for `user` (the lead or an editor)
    to finish: shaped as one made on the proposal form.

    When the note's dilemma has a norm at stake (one the team marked unclear first), or the
    session marked a norm unclear, it rewords that norm, starting from its current text;
    otherwise it adds a norm, its text still to write, under the dilemma's (or the code's
    first) core value. The note is its rationale, the session's record its origin. The item's
    published wording is kept as for an employee's suggestion, so a lead who may not see the
    working draft edits it over the code in force.
    """
    with transaction.atomic():
        note = lock(LiveNote, note.pk)
        if note.proposal_id:
            return note.proposal
        live = note.live
        if live.record_id is None:
            raise TransitionError(_("Close the session first: a proposal names its record."))
        norm = _norm_for(note)
        value = None if norm is not None else _value_for(note)
        if norm is None and value is None:
            raise TransitionError(_("The code has no core value yet to add a norm to."))
        rationale = (
            note.text.strip()
            + "\n\n"
            + _("From the dilemma session “%(name)s”.")
            % {"name": live.record.name_for_the_public()}
        )
        proposal = Proposal(
            code_id=live.code_id,
            title=note_title(note.text),
            target=Proposal.Target.NORM,
            rationale=rationale,
            origin=Proposal.Origin.SESSION,
            session=live.record,
            case=note.dilemma.case if note.dilemma_id else None,
        )
        if norm is not None:
            proposal.action, proposal.norm = Proposal.Action.REWORD, norm
            proposal.proposed = {"text": norm.text}
        else:
            proposal.action, proposal.parent_value = Proposal.Action.ADD, value
            proposal.proposed = {"title": "", "text": "", "kind": "obligation", "explanation": ""}
        with using_code(live.code):
            shown = _published_wording(norm or value) if _published_wording else None
            sees_draft = can_view_draft(user)
        if shown is not None:
            proposal.published_version, proposal.published_fields = shown
        if norm is not None and not sees_draft:
            # Who may not see the working draft starts from the wording in force, not the draft's.
            proposal.proposed = {"text": shown[1].get("text", "") if shown else ""}
        proposal = proposal_create(proposal=proposal, user=user)
        note.proposal = proposal
        note.save(update_fields=["proposal"])
    return proposal


def _norm_for(note: LiveNote):
    """The norm a note's proposal rewords: of the dilemma's norms, one the team marked unclear
    first, else the first; without a dilemma or norms, a norm the session marked unclear."""
    norm_model = Proposal.norm.field.related_model
    live_norms = norm_model._base_manager.filter(code_id=note.live.code_id, retired=False)
    unclear = list(
        live_norms.filter(
            team_signals__live=note.live, team_signals__kind=NormSignal.Kind.UNCLEAR
        ).order_by("team_signals__created_at", "team_signals__id")
    )
    if note.dilemma_id:
        at_stake = list(
            live_norms.filter(pk__in=note.dilemma.case.norms.values("pk")).order_by(
                "position", "id"
            )
        )
        for norm in unclear:
            if norm in at_stake:
                return norm
        if at_stake:
            return at_stake[0]
    return unclear[0] if unclear else None


def _value_for(note: LiveNote):
    """The core value a new norm from the note goes under: one the session said a norm is
    missing from, else the code's first value."""
    value_model = Proposal.value.field.related_model
    values = value_model._base_manager.filter(code_id=note.live.code_id, retired=False)
    missing = (
        values.filter(team_signals__live=note.live, team_signals__kind=NormSignal.Kind.MISSING)
        .order_by("team_signals__created_at", "team_signals__id")
        .first()
    )
    return missing or values.order_by("position", "id").first()


# ---------------------------------------------------------------------------------------------
# Participants.


def join_allowed(*, live: LiveSession, address: str) -> None:
    """Refuse a new phone when the address joins too often (TooMany); counted in the cache."""
    key = f"live-joins:{address}:{int(timezone.now().timestamp() // 60)}"
    cache.add(key, 0, timeout=90)
    try:
        joins = cache.incr(key)
    except ValueError:
        joins = 1
    if joins > settings.LIVE_JOINS_PER_MINUTE:
        raise TooMany(_("Too many phones joined from this network just now; wait a minute."))


def new_token() -> str:
    return secrets.token_urlsafe(24)


def answer(*, live: LiveSession, token: str, position: int, option_id: int) -> LiveAnswer:
    """Count one answer of the phone with `token` for the dilemma at `position`.

    The phone's participant row is made with its first answer, in the same transaction; the
    unique rows (a token per session, an answer per dilemma and participant) refuse a replay
    or two requests racing with the same token: AlreadyAnswered, nothing counted twice.
    """
    if not is_open(live):
        raise LiveClosed
    if position != live.current or live.showing_reflection:
        raise NotOnScreen
    found = (
        LiveDilemma.objects.filter(live=live, position=position)
        .values_list("pk", "case_id")
        .first()
    )
    if found is None:
        raise NotOnScreen
    dilemma_id, case_id = found
    if not DilemmaOption.objects.filter(pk=option_id, case_id=case_id).exists():
        raise ValueError(option_id)
    participant_id = (
        LiveParticipant.objects.filter(live=live, token=token).values_list("pk", flat=True).first()
    )
    if participant_id is None and (
        LiveParticipant.objects.filter(live=live).count() >= settings.LIVE_MAX_PARTICIPANTS
    ):
        raise TooMany(_("This session is full."))
    try:
        with transaction.atomic():
            if participant_id is None:
                participant_id = LiveParticipant.objects.create(live=live, token=token).pk
            return LiveAnswer.objects.create(
                dilemma_id=dilemma_id, participant_id=participant_id, option_id=option_id
            )
    except IntegrityError:
        raise AlreadyAnswered from None


def answered(*, live: LiveSession, token: str, position: int) -> DilemmaOption | None:
    """What the phone with `token` chose for the dilemma at `position`, if it answered."""
    found = (
        LiveAnswer.objects.filter(
            dilemma__live=live, dilemma__position=position, participant__token=token
        )
        .select_related("option")
        .first()
    )
    return found.option if found else None


# ---------------------------------------------------------------------------------------------
# What the screen and the phones show.


@dataclass
class State:
    body: dict

    @property
    def etag(self) -> str:
        digest = hashlib.sha256(json.dumps(self.body, sort_keys=True).encode()).hexdigest()
        return f'"{digest[:16]}"'


def state_name(live: LiveSession) -> str:
    """ "open", "closed", or "expired" (open, but its join code no longer valid)."""
    if live.state == LiveSession.State.CLOSED:
        return "closed"
    return "open" if is_open(live) else "expired"


def state_of(live: LiveSession) -> State:
    """The session as the screen and the phones poll it: one query besides the session's own,
    whatever the number of answers."""
    rows = (
        LiveAnswer.objects.filter(dilemma__live=live, dilemma__position=live.current)
        .values("option_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {str(row["option_id"]): row["n"] for row in rows}
    return State(
        body={
            "state": state_name(live),
            "revision": live.revision,
            "position": live.current,
            "reflection": live.showing_reflection,
            "answers": sum(counts.values()),
            "options": counts,
        }
    )
