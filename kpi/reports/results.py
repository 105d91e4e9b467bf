"""Report lines: every target of one plan seen from the report period.

The scorecard decides each target's status; a line adds the columns an
office files (thực hiện kỳ báo cáo, lũy kế, ước cả năm, % so kế hoạch, so cùng
kỳ) and where each figure came from. The deck, the summary workbook and the
brief all read the same lines, so they cannot disagree.

A target whose own period is longer than the report period (the year's
target at the 6-month review) is shown as running there: not due, with its
progress to date, exactly as the scorecard shows a multi-year target.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Mapping, Sequence

from sqlalchemy import Engine

from kpi.actuals import ActualRecord, counted_actual, standing_label
from kpi.config import Settings, load_settings
from kpi.indicators import GROUPS, Indicator, group_label
from kpi.periods import (
    Period, PeriodError, contains, format_date, parse_period, period_label, same_period_last_year,
)
from kpi.plans import Plan
from kpi.scorecard import ScorecardRow, build_scorecard, phase_periods, scorecard_records
from kpi.status import STATUS_ORDER
from kpi.store.actuals import load_actuals
from kpi.store.catalog import load_indicators, load_phases, load_plans, load_targets
from kpi.store.units import load_units
from kpi.targets import Target, effective_bounds
from kpi.units import Unit, key_to_code

# Kinds whose plan figure is one number in the indicator's measure.
_SINGLE_FIGURE_KINDS = ("at_least", "at_most", "exact")


class ReportError(ValueError):
    """A plan, unit or period no report can be made for; the message says what to do."""


@dataclass(frozen=True)
class FigureSource:
    """Where a reported figure came from: its standing, upload batch and date."""

    period: str
    standing: str
    source: str | None
    batch_id: int | None
    reported_on: dt.date | None
    author: str | None

    def describe(self, lang: str = "vi") -> str:
        """"Chính thức, Năm 2021 — nguồn: bao-cao.xlsx (lô số 3), báo cáo ngày 25/03/2022"."""
        try:
            when = period_label(self.period, lang)
        except PeriodError:
            when = self.period
        vi = lang != "en"
        parts = [f"{standing_label(self.standing, lang)}, {when}"]
        if self.source:
            batch = f" ({'lô số' if vi else 'batch'} {self.batch_id})" if self.batch_id else ""
            parts.append(f"{'nguồn' if vi else 'source'}: {self.source}{batch}")
        if self.reported_on:
            parts.append(f"{'báo cáo ngày' if vi else 'reported on'} "
                         f"{format_date(self.reported_on, lang)}")
        return " — ".join(parts)


@dataclass(frozen=True)
class ResultLine:
    """One target in the report. Numbers are in the indicator's `measure`;
    `plan_share` and `vs_last_year` are ratios (1.04 for 104%); None where
    the figure does not exist or has no meaning for the target."""

    target_id: int | None
    plan_code: str
    indicator_code: str
    indicator: str
    group: str
    measure: str
    decimals: int | None
    is_flow: bool
    reading: str | None
    unit_key: str
    unit_name: str
    target_period: str
    target_period_label: str
    due: bool
    kind: str
    target_text: str
    target_figure: float | None  # the plan's one number (at_least / at_most / exact)
    target_level: float | None  # the bound to reach, by the reading
    actual: float | None  # the value that counts for the target (the scorecard's)
    actual_text: str
    period_value: float | None  # thực hiện kỳ báo cáo
    cumulative: float | None  # lũy kế (flows only)
    year_estimate: float | None  # ước cả năm
    plan_share: float | None  # % so kế hoạch
    vs_last_year: float | None  # so cùng kỳ
    status: str
    status_label: str
    evaluation: str
    achievement_text: str
    forecast: str | None
    standing: str | None
    sources: tuple[FigureSource, ...]
    quote: str | None
    places: str | None


@dataclass(frozen=True)
class PlanResults:
    """A plan's lines for one period and scope (one unit, or every unit of the plan)."""

    plan: Plan
    period: Period
    period_label: str
    unit: Unit | None
    scope_label: str
    as_of: dt.date
    estimate_year: int
    lines: tuple[ResultLine, ...]
    lang: str = "vi"

    def counts(self) -> dict[str, int]:
        """Lines by status, every status present as a key (0 when none)."""
        found = Counter(line.status for line in self.lines)
        return {status: found[status] for status in STATUS_ORDER}

    def by_group(self) -> list[tuple[str, str, list[ResultLine]]]:
        """(group code, heading, lines) for each field with lines, in report order."""
        return [
            (group, group_label(group, self.lang), [ln for ln in self.lines if ln.group == group])
            for group in GROUPS if any(ln.group == group for ln in self.lines)
        ]

    @property
    def main_target_period(self) -> str | None:
        """The target period most lines share (the plan's year at a 6-month
        review); lines of another period are labelled with theirs."""
        found = Counter(line.target_period for line in self.lines).most_common(1)
        return found[0][0] if found else None

    @property
    def multi_unit(self) -> bool:
        return len({line.unit_key for line in self.lines}) > 1


def display_name(line: ResultLine, results: PlanResults) -> str:
    """The target as a row names it: the indicator, the unit when the scope
    has several, the places the plan names, and the target's period when it
    differs from most lines' ("[Năm 2025]")."""
    name = line.indicator
    if results.multi_unit:
        name += f" – {line.unit_name}"
    if line.places:
        name += f" ({line.places})"
    if line.target_period != results.main_target_period:
        name += f" [{line.target_period_label}]"
    return name


@dataclass(frozen=True)
class PlanData:
    """Everything the reports of one plan need from the store, for one scope."""

    plan: Plan
    phases: Mapping[str, Period]
    targets: tuple[Target, ...]
    indicators: Mapping[str, Indicator]
    units: Mapping[str, Unit]
    records: tuple[ActualRecord, ...]
    unit: Unit | None


def _codes(keys) -> str:
    return ", ".join(key_to_code(k) for k in sorted(keys)[:12])


def load_plan_data(engine: Engine, plan_code: str, unit_key: str | None = None) -> PlanData:
    """The plan, its targets (of `unit_key` only, when given), their
    indicators, units and every stored revision of their cells.

    Raises ReportError for an unknown plan, or a unit the plan sets no target for.
    """
    with engine.connect() as conn:
        plans = {p.code: p for p in load_plans(conn)}
        plan = plans.get(plan_code)
        if plan is None:
            known = ", ".join(plans) or "chưa có kế hoạch nào"
            raise ReportError(f"Không có kế hoạch mã “{plan_code}” (các mã đang có: {known}). "
                              "Xem danh sách bằng lệnh: python -m kpi plans")
        phases = phase_periods([p for p in load_phases(conn) if p.plan_code == plan_code])
        targets = load_targets(conn, plan_code=plan_code)
        plan_units = {t.unit_key for t in targets}
        if unit_key is not None:
            if unit_key not in plan_units:
                raise ReportError(
                    f"Kế hoạch {plan_code} không đặt chỉ tiêu nào cho đơn vị "
                    f"“{key_to_code(unit_key)}”. "
                    f"Chọn một đơn vị có chỉ tiêu: {_codes(plan_units)}.")
            targets = [t for t in targets if t.unit_key == unit_key]
        indicators = load_indicators(conn)
        units = {u.key: u for u in load_units(conn, {t.unit_key for t in targets})}
        records = load_actuals(conn, unit_keys=set(units),
                               indicator_codes={t.indicator_code for t in targets})
    # A plan whose targets all sit on one unit is that unit's plan.
    scope_key = unit_key or (next(iter(units)) if len(units) == 1 else None)
    return PlanData(plan, phases, tuple(targets), indicators, units, tuple(records),
                    units.get(scope_key) if scope_key else None)


def _shown_as_running(target: Target, period: Period, phases: Mapping[str, Period]) -> Target:
    """A target whose own period strictly contains `period` is followed there
    as a running target (the scorecard's multi-year treatment)."""
    own = parse_period(target.period, phases)
    if target.term is None and contains(own, period) and own.end > period.end:
        return dataclasses.replace(target, term=target.period)
    return target


def _cells(records: Sequence[ActualRecord], as_of: dt.date):
    cells: dict[tuple[str, str], dict[str, list[ActualRecord]]] = defaultdict(
        lambda: defaultdict(list))
    for record in records:
        if record.reported_on is None or record.reported_on <= as_of:
            cells[(record.indicator_code, record.unit_key)][record.period].append(record)
    return cells


def _full_value(indicator: Indicator, period: Period, cell):
    counted = counted_actual(indicator, period, cell)
    return None if counted is None or counted.is_partial else counted


def _is_rate(measure: str) -> bool:
    return measure.strip()[:1] in ("%", "‰")


def target_level(row: ScorecardRow) -> float | None:
    """The figure a target must reach, by its reading (the lower bound of a
    higher-is-better target, the upper of a lower-is-better one); None for a
    band, a yes/no duty or a missing baseline."""
    bounds = effective_bounds(row.target, row.indicator, row.baseline, row.previous)
    if bounds is None:
        return None
    if row.assessment.reading == "higher":
        return bounds.lower if bounds.lower is not None else bounds.upper
    if row.assessment.reading == "lower":
        return bounds.upper if bounds.upper is not None else bounds.lower
    return None


def _share(value: float | None, level: float | None, reading: str | None) -> float | None:
    if value is None or level is None or level <= 0 or value < 0:
        return None
    if reading == "higher":
        return value / level
    if reading == "lower":
        return level / value if value > 0 else None
    return None


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _sources(records: Sequence[ActualRecord]) -> tuple[FigureSource, ...]:
    seen = {}
    for r in records:
        seen.setdefault((r.period, r.standing, r.batch_id),
                        FigureSource(r.period, r.standing, r.source, r.batch_id, r.reported_on,
                                     r.author))
    return tuple(seen.values())


def _line(row: ScorecardRow, record: dict, period: Period, phases, cell, estimate: Period,
          lang: str) -> ResultLine:
    ind, target, actual = row.indicator, row.target, row.actual
    own = parse_period(target.period, phases)
    shown_period = own if row.due else period
    here = counted_actual(ind, shown_period, cell)
    period_value = here.value if here is not None and not here.is_partial else None
    used = actual.records if actual is not None and actual.records else (
        here.records if here is not None else ())
    if not row.due and not used:
        # A running flow's total to date is 0 when nothing is reported: no data, not zero.
        actual = None
    try:
        last_year = _full_value(ind, same_period_last_year(shown_period), cell)
    except PeriodError:  # terms and phases have no same period last year
        last_year = None
    vs_last_year = None
    if period_value is not None and last_year is not None and last_year.value > 0 \
            and not _is_rate(ind.measure) and ind.polarity != "boolean":
        vs_last_year = period_value / last_year.value
    level = target_level(row)
    reading = row.assessment.reading
    if reading == "boolean":
        share = None
    elif row.due:
        share = row.assessment.achievement
    else:
        share = _share(actual.value if actual else None, level, reading)
    year_value = _full_value(ind, estimate, cell)
    evaluation = record["status_label"]
    if row.forecast is not None and row.assessment.status == "not_due":
        evaluation += f", {record['forecast_label'].lower()}"
    if ind.is_flow and actual is not None and used:
        # A running total that stops short of the period says how far it goes.
        last = max((parse_period(r.period, phases) for r in used), key=lambda p: p.end)
        if last.end < min(shown_period.end, period.end):
            evaluation += f" (số liệu đến {_lower_first(period_label(last, lang))})"
    return ResultLine(
        target_id=target.id, plan_code=target.plan_code or "", indicator_code=ind.code,
        indicator=record["indicator"], group=ind.group, measure=ind.measure,
        decimals=ind.decimals, is_flow=ind.is_flow, reading=reading,
        unit_key=target.unit_key, unit_name=record["unit"], target_period=target.period,
        target_period_label=record["period_label"], due=row.due, kind=target.kind,
        target_text=record["target_text"],
        target_figure=target.value if target.kind in _SINGLE_FIGURE_KINDS else None,
        target_level=level, actual=actual.value if actual else None,
        actual_text=record["actual_text"] if actual is not None else "–",
        period_value=period_value,
        cumulative=actual.value if ind.is_flow and actual else None,
        year_estimate=year_value.value if year_value else None, plan_share=share,
        vs_last_year=vs_last_year, status=row.assessment.status,
        status_label=record["status_label"], evaluation=evaluation,
        achievement_text=record["achievement_text"], forecast=record["forecast"],
        standing=record["standing"], sources=_sources(used), quote=target.quote,
        places=target.places,
    )


def build_plan_results(
    data: PlanData,
    period: Period,
    as_of: dt.date,
    *,
    settings: Settings | None = None,
    lang: str = "vi",
) -> PlanResults:
    """The plan's lines for `period` as of `as_of` (values reported later are
    ignored), grouped by field in report order, then in plan order. Pure."""
    settings = settings or load_settings()
    shown = [_shown_as_running(t, period, data.phases) for t in data.targets]
    rows = build_scorecard(shown, data.indicators, data.units, data.records, period, as_of,
                           phases=data.phases, settings=settings)
    cells = _cells(data.records, as_of)
    estimate = parse_period(str(period.end.year))
    lines = [
        _line(row, record, period, data.phases,
              cells.get((row.target.indicator_code, row.target.unit_key), {}), estimate, lang)
        for row, record in zip(rows, scorecard_records(rows, lang))
    ]
    order = {group: index for index, group in enumerate(GROUPS)}
    lines.sort(key=lambda ln: (order.get(ln.group, len(order)), ln.target_id or 0))
    scope = data.unit.full_name if data.unit else (
        "Các đơn vị thuộc kế hoạch" if lang != "en" else "All units of the plan")
    return PlanResults(data.plan, period, period_label(period, lang), data.unit, scope, as_of,
                       estimate.start.year, tuple(lines), lang)


def load_plan_results(
    engine: Engine,
    plan_code: str,
    period_code: str,
    *,
    unit_key: str | None = None,
    as_of: dt.date,
    settings: Settings | None = None,
    lang: str = "vi",
) -> PlanResults:
    """`build_plan_results` from the store.

    Raises ReportError for an unknown plan, a unit without targets in it, or
    a period in which the plan has no target; PeriodError for a bad period code.
    """
    data = load_plan_data(engine, plan_code, unit_key)
    return results_for(data, period_code, as_of, settings=settings, lang=lang)


def results_for(data: PlanData, period_code: str, as_of: dt.date, *,
                settings: Settings | None = None, lang: str = "vi") -> PlanResults:
    """`build_plan_results` for a period code; raises as `load_plan_results`."""
    period = parse_period(period_code, data.phases)
    results = build_plan_results(data, period, as_of, settings=settings, lang=lang)
    if not results.lines:
        raise ReportError(
            f"Kế hoạch {data.plan.code} không có chỉ tiêu nào trong kỳ "
            f"{period_label(period)}: kế hoạch này đặt chỉ tiêu cho "
            f"{period_label(parse_period(data.plan.period, data.phases))}. "
            "Chọn một kỳ nằm trong thời gian của kế hoạch.")
    return results
