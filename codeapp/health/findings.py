"""Code health: is the code clear, balanced and alive? The rules that turn the rows into findings.

`rows.load_rows()` reads everything the dashboard needs in a fixed number of queries, whatever
the size of the code; `assess()` here is pure computation on those rows and returns the report
(`report.HealthReport`), so every finding can be tested on a crafted code. `sealing_findings()`
checks the draft as a document before an officer seals it.

The terms come from the article behind the product: norms that follow from no value,
codes that only prohibit, over-regulation, unclear wording, and no recurring attention.
"""

import datetime
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache

from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from codeapp.health.report import (
    KINDS,
    Agenda,
    Coverage,
    Decisions,
    Discussion,
    Finding,
    HealthReport,
    NormClarity,
    QuarterCadence,
    ValueBalance,
    months_before,
)
from codeapp.health.rows import Rows, load_rows
from codeapp.models import HealthSettings
from codeapp.versions.documents import items
from core.outline import outline_of
from norms.models import Norm
from norms.readability import readability
from reflection.models import Proposal
from values.models import Value

# How many quarters the cadence looks back on, the current one included.
CADENCE_QUARTERS = 8
# How many norms and cases the agenda suggestion proposes.
AGENDA_NORMS = 5
AGENDA_CASES = 3


# --- the assessment ---------------------------------------------------------------------------


def _draft_url(kind: str, key: str) -> str:
    return f"{_draft_page(get_script_prefix())}#{kind}-{key}"


def _edit_url(key: str) -> str:
    return _norm_edit_page(get_script_prefix()).replace(_KEY_SLOT, key)


# Reversed once, not for each of a large code's thousand items (40 ms on the dashboard);
# keyed on the prefix reverse() builds them from.
@cache
def _draft_page(script_prefix: str) -> str:
    return reverse("codeapp:draft")


_KEY_SLOT = "0-key-slot"  # a valid key, replaced by the norm's own


@cache
def _norm_edit_page(script_prefix: str) -> str:
    return reverse("norms:edit", args=[_KEY_SLOT])


def _norm_label(number: str, norm: Norm) -> str:
    return f"{number} {norm}"


@dataclass
class Numbers:
    """Numbers as readers see them: value "2", norm "2.3"."""

    values: dict[int, str]
    norms: dict[int, str]


def _numbers(rows: Rows) -> tuple[list[Value], Numbers, dict[int, list[Norm]]]:
    """Active values, the numbers of values and norms, and the norms per value."""
    active_values = [v for v in rows.values if not v.retired]
    by_value: dict[int, list[Norm]] = defaultdict(list)
    for norm in rows.norms:
        by_value[norm.value_id].append(norm)
    outline = outline_of(active_values, (rows.norms, "value_id"))
    numbers = Numbers(
        {value.pk: outline[value] for value in active_values},
        {norm.pk: number for norm, number in outline.items() if isinstance(norm, Norm)},
    )
    return active_values, numbers, by_value


def _structure(rows: Rows, active_values, numbers, by_value) -> list[Finding]:
    findings = []
    for value in active_values:
        if not by_value[value.pk]:
            findings.append(
                Finding(
                    "structure", f"{numbers.values[value.pk]} {value.name}",
                    _("Core value without norms: it says what to be, not what to do."),
                    _draft_url("value", value.key),
                )
            )  # fmt: skip
    with_examples = {e.norm_id for e in rows.examples}
    values_by_key = {v.key: v for v in rows.values}
    for norm in rows.norms:
        label = _norm_label(numbers.norms.get(norm.pk, "?"), norm)
        if norm.pk not in with_examples:
            findings.append(
                Finding(
                    "structure", label, _("Norm without examples."), _draft_url("norm", norm.key)
                )
            )
        gone = [
            k for k in norm.related_values if k not in values_by_key or values_by_key[k].retired
        ]
        if gone:
            findings.append(
                Finding(
                    "structure", label,
                    _("Related core value(s) retired or unknown: %(keys)s.")
                    % {"keys": ", ".join(gone)},
                    reverse("norms:edit", args=[norm.key]),
                )
            )  # fmt: skip
    live_norms = {n.pk for n in rows.norms}
    for example in rows.examples:
        if example.norm_id not in live_norms:
            findings.append(
                Finding(
                    "structure", str(example), _("Example of a retired norm: it shows no norm."),
                    reverse("norms:example-edit", args=[example.key]),
                )
            )  # fmt: skip
    cases_with_norms = {case_id for case_id, norm_id in rows.case_norms if norm_id in live_norms}
    for case in rows.cases:
        if case.pk not in cases_with_norms:
            findings.append(
                Finding(
                    "structure", case.title, _("Case that mentions no norm of the code."),
                    reverse("reflection:case-edit", args=[case.pk]),
                )
            )  # fmt: skip
    return findings


def _balance(active_values, numbers, by_value) -> list[ValueBalance]:
    return [
        ValueBalance(
            value=value,
            number=numbers.values[value.pk],
            counts={k: sum(1 for n in by_value[value.pk] if n.kind == k) for k in KINDS},
        )
        for value in active_values
    ]


def _clarity(rows: Rows, numbers, b1_minimum: float) -> list[NormClarity]:
    result = []
    for norm in rows.norms:
        r = readability(norm.text, rows.language, b1_minimum=b1_minimum)
        result.append(
            NormClarity(
                norm=norm, number=numbers.norms.get(norm.pk, "?"), score=r.score,
                band=str(r.band or ""), words=r.words,
                words_per_sentence=r.words_per_sentence, above_b1=r.above_b1,
                url=_edit_url(norm.key),
            )
        )  # fmt: skip
    return result


def _size(active_values, numbers, by_value, settings: HealthSettings, total: int) -> list[Finding]:
    findings = []
    if total > settings.max_norms_total:
        findings.append(
            Finding(
                "size", _("The whole code"),
                _("%(count)d norms, more than the %(max)d you set: a sign of over-regulation.")
                % {"count": total, "max": settings.max_norms_total},
                reverse("codeapp:draft"),
            )
        )  # fmt: skip
    for value in active_values:
        count = len(by_value[value.pk])
        if count > settings.max_norms_per_value:
            findings.append(
                Finding(
                    "size", f"{numbers.values[value.pk]} {value.name}",
                    _("%(count)d norms, more than the %(max)d per value you set.")
                    % {"count": count, "max": settings.max_norms_per_value},
                    _draft_url("value", value.key),
                )
            )  # fmt: skip
    return findings


def _latest(moments: dict, key, day: datetime.date | None, how: str) -> None:
    if day is not None and (key not in moments or day > moments[key][0]):
        moments[key] = (day, how)


def _local_date(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


def _discussions(rows: Rows, active_values, numbers, settings, today) -> tuple[list, list]:
    """When each active value and norm was last discussed: held session, linked case, proposal."""
    norm_seen: dict[int, tuple[datetime.date, str]] = {}
    value_seen: dict[int, tuple[datetime.date, str]] = {}
    held = {s.pk: s.date for s in rows.sessions if s.held and s.date <= today}
    for session_id, norm_id in rows.session_norms:
        _latest(norm_seen, norm_id, held.get(session_id), "session")
    for session_id, value_id in rows.session_values:
        _latest(value_seen, value_id, held.get(session_id), "session")
    case_dates = {c.pk: _local_date(c.created_at) for c in rows.cases}
    # A case counts from when it was made, or from the last held session that discussed it.
    for session_id, case_id in rows.session_cases:
        if session_id in held and held[session_id] > (case_dates.get(case_id) or held[session_id]):
            case_dates[case_id] = held[session_id]
    for case_id, norm_id in rows.case_norms:
        _latest(norm_seen, norm_id, case_dates.get(case_id), "case")
    for case_id, value_id in rows.case_values:
        _latest(value_seen, value_id, case_dates.get(case_id), "case")
    example_norm = {e.pk: e.norm_id for e in rows.examples}
    for p in rows.proposals:
        day = _local_date(p.submitted_at or p.created_at)
        for norm_id in (p.norm_id, p.parent_norm_id, example_norm.get(p.example_id)):
            if norm_id:
                _latest(norm_seen, norm_id, day, "proposal")
        for value_id in (p.value_id, p.parent_value_id):
            if value_id:
                _latest(value_seen, value_id, day, "proposal")
    # A value is discussed whenever one of its norms is.
    for norm in rows.norms:
        if norm.pk in norm_seen:
            _latest(value_seen, norm.value_id, *norm_seen[norm.pk])
    cutoff = months_before(today, settings.months_until_neglected)

    def discussion(label: str, url: str, seen: tuple | None) -> Discussion:
        last, how = seen or (None, "")
        return Discussion(label, url, last, how, neglected=last is None or last < cutoff)

    values = [
        discussion(
            f"{numbers.values[v.pk]} {v.name}", _draft_url("value", v.key), value_seen.get(v.pk)
        )
        for v in active_values
    ]
    norms = [
        discussion(
            _norm_label(numbers.norms.get(n.pk, "?"), n),
            _draft_url("norm", n.key),
            norm_seen.get(n.pk),
        )
        for n in rows.norms
    ]
    return values, norms


def _quarter(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _cadence(rows: Rows, settings: HealthSettings, today: datetime.date) -> list[QuarterCadence]:
    """Sessions held (and still planned) in each of the last quarters, oldest first."""
    year, q = _quarter(today)
    quarters = []
    for _i in range(CADENCE_QUARTERS):
        quarters.append((year, q))
        year, q = (year, q - 1) if q > 1 else (year - 1, 4)
    held, planned = Counter(), Counter()
    for s in rows.sessions:
        (held if s.held else planned)[_quarter(s.date)] += 1
    return [
        QuarterCadence(f"{y} Q{n}", held[(y, n)], planned[(y, n)], settings.sessions_per_quarter)
        for y, n in reversed(quarters)
    ]


def _decisions(rows: Rows) -> Decisions:
    decided_states = {Proposal.State.APPROVED, Proposal.State.REJECTED, Proposal.State.INCORPORATED}
    days = [
        (p.decided_at - (p.submitted_at or p.created_at)).total_seconds() / 86400
        for p in rows.proposals
        if p.state in decided_states and p.decided_at
    ]
    open_ = [p for p in rows.proposals if p.state == Proposal.State.SUBMITTED]
    return Decisions(
        open=sorted(open_, key=lambda p: p.submitted_at or p.created_at),
        decided=len(days),
        median_days=round(statistics.median(days), 1) if days else None,
        mean_days=round(statistics.fmean(days), 1) if days else None,
    )


def next_session_date(today: datetime.date) -> datetime.date:
    """A sensible date to plan for: the first Tuesday at least two weeks ahead (time to invite)."""
    day = today + datetime.timedelta(days=14)
    return day + datetime.timedelta(days=(1 - day.weekday()) % 7)


def _agenda(rows: Rows, numbers, norm_discussions: list[Discussion], today) -> Agenda:
    """The least recently discussed norms, the most asked-about ones, and cases about them."""
    last = {n.pk: d.last for n, d in zip(rows.norms, norm_discussions, strict=True)}
    attention: Counter = Counter()
    for _case_id, norm_id in rows.case_norms:
        attention[norm_id] += 1
    example_norm = {e.pk: e.norm_id for e in rows.examples}
    for p in rows.proposals:
        for norm_id in {p.norm_id, p.parent_norm_id, example_norm.get(p.example_id)} - {None}:
            attention[norm_id] += 1
    never = datetime.date.min
    stale = sorted(rows.norms, key=lambda n: last[n.pk] or never)
    asked = sorted(
        (n for n in rows.norms if attention[n.pk]),
        key=lambda n: (-attention[n.pk], last[n.pk] or never),
    )
    # Half the agenda for the most neglected norms, then the most asked-about, then more neglected.
    order = stale[: AGENDA_NORMS // 2] + asked + stale
    chosen = list(dict.fromkeys(order))[:AGENDA_NORMS]
    picked = {n.pk for n in chosen}
    case_ids = {case_id for case_id, norm_id in rows.case_norms if norm_id in picked}
    return Agenda(
        norms=[
            (n, numbers.norms.get(n.pk, "?"), _why(last[n.pk], attention[n.pk])) for n in chosen
        ],
        cases=[c for c in rows.cases if c.pk in case_ids][:AGENDA_CASES],
        date=next_session_date(today),
    )


def _why(last: datetime.date | None, attention: int) -> str:
    """Why a norm is on the agenda, in words."""
    reasons = [
        _("last discussed on %(date)s") % {"date": date_format(last, "DATE_FORMAT")}
        if last
        else _("never discussed")
    ]
    if attention:
        reasons.append(
            ngettext(
                "%(count)d proposal or case about it",
                "%(count)d proposals or cases about it",
                attention,
            )
            % {"count": attention}
        )
    return "; ".join(reasons)


def assess(rows: Rows, settings: HealthSettings, today: datetime.date) -> HealthReport:
    """The whole health report of the code, from rows loaded by `load_rows()`."""
    active_values, numbers, by_value = _numbers(rows)
    value_discussions, norm_discussions = _discussions(
        rows, active_values, numbers, settings, today
    )
    return HealthReport(
        settings=settings,
        language=rows.language,
        today=today,
        norm_total=len(rows.norms),
        value_count=len(active_values),
        structure=_structure(rows, active_values, numbers, by_value),
        balance=_balance(active_values, numbers, by_value),
        clarity=_clarity(rows, numbers, settings.b1_minimum),
        size=_size(active_values, numbers, by_value, settings, len(rows.norms)),
        value_discussions=value_discussions,
        norm_discussions=norm_discussions,
        cadence=_cadence(rows, settings, today),
        decisions=_decisions(rows),
        coverage=Coverage(rows.version, rows.confirmed_users, rows.active_users),
        agenda=_agenda(rows, numbers, norm_discussions, today),
        next_planned=next(
            (s for s in rows.sessions if not s.held and s.date >= today), None
        ),  # rows.sessions are in date order
    )


def health_report(today: datetime.date | None = None) -> HealthReport:
    return assess(load_rows(), HealthSettings.current(), today or timezone.localdate())


# --- before sealing ---------------------------------------------------------------------------


def sealing_findings(doc: dict, settings: HealthSettings) -> list[Finding]:
    """What an officer should know before sealing `doc` (the draft as a document): core
    values without norms, untitled norms, and norm texts likely above language level B1,
    measured as the dashboard measures them. Read from the document: no query."""
    findings = []
    for item in items(doc):
        data = item.data
        if item.type == "value" and not data["norms"]:
            problem = _("Core value without norms: it says what to be, not what to do.")
            label = f"{item.number} {data['name']}"
            findings.append(Finding("structure", label, problem, _draft_url("value", item.key)))
        elif item.type == "norm":
            label = f"{item.number} {data['title'] or Truncator(data['text']).words(8)}"
            url = _draft_url("norm", item.key)
            if not data["title"].strip():
                problem = _("Norm without a title: readers see only its number.")
                findings.append(Finding("structure", label, problem, url))
            clarity = readability(data["text"], doc["language"], b1_minimum=settings.b1_minimum)
            if clarity.above_b1:
                problem = _("Text likely above language level B1 (score %(score)s).") % {
                    "score": clarity.score
                }
                findings.append(Finding("clarity", label, problem, url))
    return findings
