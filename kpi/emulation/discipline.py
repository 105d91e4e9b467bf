"""Reporting discipline (chế độ thông tin báo cáo): on time, late or missing.

A plan's report deadline is written "trước ngày 15/6/2021" (kind `before`:
the last day on time is 14/6) or "chậm nhất ngày 15/6/2021" (kind `by`: 15/6
itself). When that last day is a weekend or a day off, it moves to the next
working day (Civil Code 2015, art. 148); seed 001's year-end report "trước
ngày 01/02/2022" is due 31/01/2022, in Tết Nhâm Dần, so on 07/02/2022.

A member's report for a period is the set of values it owes for that period:
its registered indicators that can be reported at that frequency (a yearly
indicator is not expected in a half-year report). Each value counts from its
first revision (the earliest `reported_on` of any standing): a correction sent
after the deadline does not make an on-time report late. The report is
received the day its last expected value first arrived; days late are calendar
days after the (moved) deadline. Values reported after `as_of` are ignored.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from kpi.actuals import ActualRecord
from kpi.emulation.calendar import WorkCalendar, work_calendar
from kpi.periods import parse_period

REPORT_KINDS = ("before", "by")
STATUSES = ("on_time", "late", "incomplete", "missing", "pending")
STATUS_LABELS = {
    "on_time": {"vi": "Đúng hạn", "en": "On time"},
    "late": {"vi": "Trễ hạn", "en": "Late"},
    "incomplete": {"vi": "Thiếu số liệu", "en": "Incomplete"},
    "missing": {"vi": "Chưa nộp", "en": "Missing"},
    "pending": {"vi": "Chưa đến hạn", "en": "Not yet due"},
}
_FREQUENCY_RANK = {"month": 1, "quarter": 2, "half": 3, "year": 4, "term": 5}


@dataclass(frozen=True)
class ReportDeadline:
    """A report due from every member: `due` as the plan writes it."""

    code: str
    what: str
    period: str
    due: dt.date
    kind: str = "before"


@dataclass(frozen=True)
class EffectiveDeadline:
    """The last day on time after moving off weekends and days off."""

    written: dt.date
    last_day: dt.date
    deadline: dt.date
    moved_because: str | None  # why `last_day` was not a working day


@dataclass(frozen=True)
class ReportCheck:
    """One member's report for one deadline, as of a day."""

    unit_key: str
    deadline: ReportDeadline
    effective: EffectiveDeadline
    status: str
    received_on: dt.date | None
    days_late: int
    expected: tuple[str, ...]
    missing: tuple[str, ...]

    @property
    def is_due(self) -> bool:
        return self.status != "pending"


def effective_deadline(due: dt.date, kind: str = "before",
                       calendar: WorkCalendar | None = None) -> EffectiveDeadline:
    """When a report written due `due` is really due.

    `before` ("trước ngày X"): the last day on time is X − 1; `by` ("chậm nhất
    ngày X"): X. A last day that is not a working day moves to the next
    working day. Raises ValueError for another kind and HolidayTableError for
    a year the holiday table lacks.
    """
    if kind not in REPORT_KINDS:
        raise ValueError(f"Loại hạn báo cáo “{kind}” không hợp lệ (before hoặc by).")
    calendar = calendar or work_calendar()
    last = due - dt.timedelta(days=1) if kind == "before" else due
    return EffectiveDeadline(due, last, calendar.on_or_after(last), calendar.why_off(last))


def expected_indicators(period: str, codes: Iterable[str],
                        frequencies: Mapping[str, str]) -> tuple[str, ...]:
    """The indicator codes a report for `period` must carry: those whose
    frequency is as fine as the period's kind or finer (sorted, unique)."""
    kind = parse_period(period).kind
    rank = _FREQUENCY_RANK.get(kind, 4)
    return tuple(sorted({c for c in codes if _FREQUENCY_RANK.get(frequencies.get(c, "year"), 4) <= rank}))


def first_arrivals(records: Iterable[ActualRecord], as_of: dt.date
                   ) -> dict[tuple[str, str, str], dt.date]:
    """(unit, period, indicator) → the day its first value arrived, up to `as_of`."""
    first: dict[tuple[str, str, str], dt.date] = {}
    for r in records:
        if r.reported_on is None or r.reported_on > as_of:
            continue
        cell = (r.unit_key, r.period, r.indicator_code)
        if cell not in first or r.reported_on < first[cell]:
            first[cell] = r.reported_on
    return first


def check_report(unit_key: str, deadline: ReportDeadline, expected: Sequence[str],
                 arrivals: Mapping[tuple[str, str, str], dt.date], as_of: dt.date,
                 calendar: WorkCalendar | None = None) -> ReportCheck:
    """Judge one member's report for one deadline (see the module docstring).

    With no expected indicator, any value for the period counts as the report.
    """
    effective = effective_deadline(deadline.due, deadline.kind, calendar)
    if expected:
        got = {code: arrivals.get((unit_key, deadline.period, code)) for code in expected}
    else:
        got = {code: day for (unit, period, code), day in arrivals.items()
               if unit == unit_key and period == deadline.period}
    missing = tuple(code for code, day in got.items() if day is None) if expected else ()
    received = [day for day in got.values() if day is not None]
    complete = bool(received) and not missing
    received_on = max(received) if complete else None
    if complete:
        late = (received_on - effective.deadline).days
        status, days = ("late", late) if late > 0 else ("on_time", 0)
    elif as_of <= effective.deadline:
        status, days = "pending", 0
    else:
        status, days = ("incomplete" if received else "missing"), 0
        if not expected:
            missing = ()
    return ReportCheck(unit_key, deadline, effective, status, received_on, days,
                       tuple(expected), missing)


def check_reports(members: Sequence[str], deadlines: Sequence[ReportDeadline],
                  expected: Mapping[tuple[str, str], Sequence[str]],
                  records: Iterable[ActualRecord], as_of: dt.date,
                  calendar: WorkCalendar | None = None) -> list[ReportCheck]:
    """Every member × deadline check, members in the given order.

    `expected` maps (unit key, period) to the indicator codes owed."""
    arrivals = first_arrivals(records, as_of)
    return [check_report(unit, d, expected.get((unit, d.period), ()), arrivals, as_of, calendar)
            for unit in members for d in deadlines]


def on_time_share(checks: Iterable[ReportCheck]) -> float | None:
    """Share of the reports due that came on time (None when none is due)."""
    due = [c for c in checks if c.is_due]
    return sum(c.status == "on_time" for c in due) / len(due) if due else None


def reminders(checks: Iterable[ReportCheck], as_of: dt.date, soon_days: int = 7
              ) -> list[ReportCheck]:
    """Reports to chase: missing or incomplete after the deadline, and those
    not in yet whose deadline falls within `soon_days` of `as_of`."""
    out = []
    for c in checks:
        if c.status in ("missing", "incomplete"):
            out.append(c)
        elif c.status == "pending" and (c.effective.deadline - as_of).days <= soon_days:
            out.append(c)
    return out


def summary_by_unit(checks: Iterable[ReportCheck]) -> dict[str, dict[str, int]]:
    """Counts of each status per member (unit key → status → count)."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STATUSES, 0))
    for c in checks:
        counts[c.unit_key][c.status] += 1
    return dict(counts)


def status_label(status: str, lang: str = "vi") -> str:
    """"Đúng hạn", "Trễ hạn", "Thiếu số liệu", "Chưa nộp", "Chưa đến hạn"."""
    return STATUS_LABELS.get(status, {}).get(lang, status)
