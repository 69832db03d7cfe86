"""Code health: is the code clear, balanced and alive? The rules that turn the rows into findings.

`rows.load_rows()` reads everything the dashboard needs in a fixed number of queries, whatever
the size of the code; `assess()` here is pure computation on those rows and returns the report
(`report.HealthReport`), so every finding can be tested on a crafted code. `sealing_findings()`
checks the draft as a document before an officer seals it.

The terms come from the article behind the product: norms that follow from no value,
codes that only prohibit, over-regulation, unclear wording, and no recurring attention.
"""

import datetime
import math
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache

from django.conf import settings as django_settings
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
    MissingNorm,
    NormClarity,
    NormDispute,
    NormSignals,
    QuarterCadence,
    QuietUnit,
    ThemeCoverage,
    ValueBalance,
    months_before,
)
from codeapp.health.rows import Rows, load_rows
from codeapp.models import HealthSettings
from codeapp.versions.documents import items
from core.outline import outline_of
from norms.models import Norm
from norms.readability import readability
from reflection.models import NormSignal, Proposal
from values.models import Value

# How many quarters the cadence looks back on, the current one included.
CADENCE_QUARTERS = 8
# How many norms and cases the agenda suggestion proposes.
AGENDA_NORMS = 5
AGENDA_CASES = 3
# How many units without a session the agenda names (the dashboard lists them all).
AGENDA_UNITS = 5
# A unit that held no session in this many months is listed.
QUIET_MONTHS = 12
# How many norms a theme without any suggests.
THEME_SUGGESTIONS = 5


def min_answers() -> int:
    """How many answers a dilemma needs before its spread counts (the practice pages' figure)."""
    return getattr(django_settings, "PRACTICE_MIN_ANSWERS", 5)


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
    return numbering(rows.values, rows.norms)


def numbering(
    values: list[Value], norms: list[Norm]
) -> tuple[list[Value], Numbers, dict[int, list[Norm]]]:
    """Active values, the numbers of values and norms, and the norms per value."""
    active_values = [v for v in values if not v.retired]
    by_value: dict[int, list[Norm]] = defaultdict(list)
    for norm in norms:
        by_value[norm.value_id].append(norm)
    outline = outline_of(active_values, (norms, "value_id"))
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
        QuarterCadence(
            f"{y} Q{n}", held[(y, n)], planned[(y, n)], settings.sessions_per_quarter, y, n
        )
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


def _spread(counts: list[int]) -> tuple[float, float]:
    """(share of the most chosen option in %, normalised entropy 0–1) of a dilemma's answers."""
    total = sum(counts)
    top = 100 * max(counts) / total
    if len(counts) < 2:
        return top, 0.0
    entropy = -sum(n / total * math.log(n / total) for n in counts if n)
    return top, entropy / math.log(len(counts))


def _disputes(rows: Rows, numbers, minimum: int) -> list[NormDispute]:
    """Per norm, its most divided practice dilemma among those with `minimum` answers."""
    per_case: dict[int, list[int]] = defaultdict(list)
    for option_id, case_id in rows.options:
        per_case[case_id].append(rows.option_counts.get(option_id, 0))
    counted = {case_id: counts for case_id, counts in per_case.items() if sum(counts) >= minimum}
    if not counted:
        return []
    spreads = {case_id: _spread(counts) for case_id, counts in counted.items()}
    cases = {c.pk: c for c in rows.cases}
    norms = {n.pk: n for n in rows.norms}
    per_norm: dict[int, list[int]] = defaultdict(list)
    for case_id, norm_id in rows.case_norms:
        if case_id in counted and case_id in cases and norm_id in norms:
            per_norm[norm_id].append(case_id)
    result = []
    for norm_id, case_ids in per_norm.items():
        # The most divided: the lowest top share, then the widest spread.
        worst = min(case_ids, key=lambda c: (spreads[c][0], -spreads[c][1], c))
        norm = norms[norm_id]
        result.append(
            NormDispute(
                norm=norm, number=numbers.norms.get(norm_id, "?"), url=_draft_url("norm", norm.key),
                dilemmas=len(case_ids), answers=sum(sum(counted[c]) for c in case_ids),
                case=cases[worst], case_answers=sum(counted[worst]),
                top_share=spreads[worst][0], spread=spreads[worst][1],
            )
        )  # fmt: skip
    result.sort(key=lambda d: (d.top_share, -d.spread, d.number))
    return result


def _team(signal) -> tuple[str, int]:
    """A team: its unit, or the live session when that had no unit."""
    return ("unit", signal.unit_id) if signal.unit_id is not None else ("live", signal.live_id)


def _signals(rows: Rows, numbers) -> tuple[list[NormSignals], list[MissingNorm]]:
    """Norms marked unclear or missing by teams, per norm; the missing ones in their words."""
    norms = {n.pk: n for n in rows.norms}
    values = {v.pk: v for v in rows.values}
    unclear: dict[int, set] = defaultdict(set)
    missing: dict[int, set] = defaultdict(set)
    last: dict[int, datetime.date] = {}
    words = []
    for s in rows.signals:
        day = timezone.localdate(s.created_at)
        if s.norm_id in norms:
            (unclear if s.kind == NormSignal.Kind.UNCLEAR else missing)[s.norm_id].add(_team(s))
            last[s.norm_id] = max(day, last.get(s.norm_id, day))
        if s.kind == NormSignal.Kind.MISSING:
            if s.norm_id in norms:
                near = _norm_label(numbers.norms.get(s.norm_id, "?"), norms[s.norm_id])
            elif s.value_id in values and s.value_id in numbers.values:
                near = f"{numbers.values[s.value_id]} {values[s.value_id].name}"
            else:
                near = ""
            team = rows.units.path(s.unit_id) if s.unit_id in rows.units else ""
            words.append(MissingNorm(text=s.text, near=near, team=team, date=day))
    grouped = [
        NormSignals(
            norm=norms[norm_id], number=numbers.norms.get(norm_id, "?"),
            url=_draft_url("norm", norms[norm_id].key),
            unclear_teams=len(unclear[norm_id]), missing_teams=len(missing[norm_id]),
            last=last[norm_id],
        )
        for norm_id in last
    ]  # fmt: skip
    grouped.sort(key=lambda g: (-(g.unclear_teams + g.missing_teams), -g.last.toordinal()))
    words.sort(key=lambda m: m.date, reverse=True)
    return grouped, words


def _quiet_units(rows: Rows, today: datetime.date) -> list[QuietUnit]:
    """Units that held no session in QUIET_MONTHS, counting the sessions of the units below."""
    tree = rows.units
    last: dict[int, datetime.date] = {}
    for unit_id, day in rows.unit_last_held.items():
        if unit_id not in tree or day > today:
            continue
        # A session of a team counts for the units above it too.
        for node in [tree.nodes[unit_id], *tree.ancestors(unit_id)]:
            if node.pk not in last or day > last[node.pk]:
                last[node.pk] = day
    cutoff = months_before(today, QUIET_MONTHS)
    return [
        QuietUnit(name=node.name, path=tree.path(node.pk), depth=depth, last=last.get(node.pk))
        for node, depth in tree.walk()
        if node.pk not in last or last[node.pk] < cutoff
    ]


def _themes(rows: Rows, numbers) -> list[ThemeCoverage]:
    return theme_coverage(rows.themes, rows.theme_norms, rows.norms, numbers)


def theme_coverage(themes, theme_norms, norm_list: list[Norm], numbers) -> list[ThemeCoverage]:
    """Each theme with the norms of the code that cover it; for one without, suggestions."""
    norms = {n.pk: n for n in norm_list}
    order = {n.pk: i for i, n in enumerate(norm_list)}
    mapped: dict[int, list[int]] = defaultdict(list)
    for theme_id, norm_id in theme_norms:
        if norm_id in norms:
            mapped[theme_id].append(norm_id)
    result = []
    for theme in themes:
        covering = sorted(mapped[theme.pk], key=order.__getitem__)
        result.append(
            ThemeCoverage(
                theme=theme,
                norms=[(norms[pk], numbers.norms.get(pk, "?")) for pk in covering],
                suggestions=[]
                if covering
                else [(n, numbers.norms.get(n.pk, "?")) for n in suggest_norms(theme, norm_list)],
            )
        )
    return result


def suggest_norms(theme, norms: list[Norm], limit: int = THEME_SUGGESTIONS) -> list[Norm]:
    """The norms whose title or text contain one of the theme's keywords, most matches first."""
    words = theme.keyword_list
    if not words:
        return []
    scored = []
    for position, norm in enumerate(norms):
        haystack = f"{norm.title} {norm.text}".casefold()
        hits = sum(1 for word in words if word in haystack)
        if hits:
            scored.append((-hits, position, norm))
    return [norm for _hits, _position, norm in sorted(scored, key=lambda t: t[:2])[:limit]]


def next_session_date(today: datetime.date) -> datetime.date:
    """A sensible date to plan for: the first Tuesday at least two weeks ahead (time to invite)."""
    day = today + datetime.timedelta(days=14)
    return day + datetime.timedelta(days=(1 - day.weekday()) % 7)


def _agenda(
    rows: Rows,
    numbers,
    norm_discussions: list[Discussion],
    today,
    *,
    disputes: list[NormDispute] = (),
    signals: list[NormSignals] = (),
    themes: list[ThemeCoverage] = (),
    quiet: list[QuietUnit] = (),
) -> Agenda:
    """The least recently discussed norms, those teams marked unclear or colleagues disagree
    on, the most asked-about ones, and cases about them; the themes no norm covers and the
    units to invite."""
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
    unclear = {s.norm.pk: s.unclear_teams for s in signals if s.unclear_teams}
    divided = {d.norm.pk: d for d in disputes if d.disputed}
    flagged = [s.norm for s in signals if s.unclear_teams]
    flagged += [d.norm for d in disputes if d.disputed]
    # Half the agenda for the most neglected norms, then what teams found unclear or disagree
    # on, then the most asked-about, then more neglected.
    order = stale[: AGENDA_NORMS // 2] + flagged + asked + stale
    chosen = list(dict.fromkeys(order))[:AGENDA_NORMS]
    picked = {n.pk for n in chosen}
    case_ids = {case_id for case_id, norm_id in rows.case_norms if norm_id in picked}
    # Dilemmas colleagues disagree on first: they make the best conversation.
    disputed_cases = [divided[n.pk].case.pk for n in chosen if n.pk in divided]
    ordered_cases = sorted(
        (c for c in rows.cases if c.pk in case_ids),
        key=lambda c: c.pk not in disputed_cases,
    )
    return Agenda(
        norms=[
            (
                n,
                numbers.norms.get(n.pk, "?"),
                _why(last[n.pk], attention[n.pk], unclear.get(n.pk, 0), divided.get(n.pk)),
            )
            for n in chosen
        ],
        cases=ordered_cases[:AGENDA_CASES],
        date=next_session_date(today),
        themes=[t.theme.name for t in themes if not t.covered],
        quiet_units=[u.path for u in quiet[:AGENDA_UNITS]],
        quiet_unit_count=len(quiet),
    )


def _why(
    last: datetime.date | None,
    attention: int,
    unclear_teams: int = 0,
    dispute: NormDispute | None = None,
) -> str:
    """Why a norm is on the agenda, in words."""
    reasons = []
    if unclear_teams:
        reasons.append(
            ngettext("unclear to %(count)d team", "unclear to %(count)d teams", unclear_teams)
            % {"count": unclear_teams}
        )
    if dispute is not None:
        reasons.append(
            _("colleagues disagree on “%(case)s” (most chosen: %(share)d%%)")
            % {"case": dispute.case.title, "share": round(dispute.top_share)}
        )
    reasons.append(
        _("last discussed on %(date)s") % {"date": date_format(last, "DATE_FORMAT")}
        if last
        else _("never discussed")
    )
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
    minimum = min_answers()
    disputes = _disputes(rows, numbers, minimum)
    signals, missing = _signals(rows, numbers)
    quiet = _quiet_units(rows, today)
    themes = _themes(rows, numbers)
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
        agenda=_agenda(
            rows, numbers, norm_discussions, today,
            disputes=disputes, signals=signals, themes=themes, quiet=quiet,
        ),
        next_planned=next(
            (s for s in rows.sessions if not s.held and s.date >= today), None
        ),  # rows.sessions are in date order
        disputes=disputes,
        min_answers=minimum,
        signals=signals,
        missing=missing,
        quiet_units=quiet,
        unit_total=len(rows.units.nodes),
        quiet_months=QUIET_MONTHS,
        themes=themes,
    )  # fmt: skip


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
