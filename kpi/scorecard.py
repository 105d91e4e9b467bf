"""The scorecard: every target of a period with its actual, status and forecast.

`build_scorecard` is pure (targets, indicators, units and value revisions
in; rows out); `load_scorecard` fetches what it needs from the store. For a
period P it lists the targets due within P and the multi-year targets whose
term includes P, the latter with their on-track state at the end of P.
Values reported after `as_of` are ignored, so a past day can be replayed.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Mapping, Sequence

from sqlalchemy import Engine

from kpi.actuals import ActualRecord, CountedActual, best_record, counted_actual
from kpi.config import Settings, load_settings
from kpi.indicators import Indicator
from kpi.indicators import group_label
from kpi.status import (
    achievement_text, actual_text, change_text, forecast_label, status_label, target_text,
)
from kpi.periods import (
    Period, PeriodError, format_date, period_label, contains, elapsed_share, is_ended, parse_period, previous_period,
    same_period_last_year, subperiods,
)
from kpi.plans import Phase
from kpi.progress import Forecast, flow_on_track, open_sdg_progress
from kpi.store.actuals import load_actuals
from kpi.store.catalog import load_indicators, load_phases, load_plans, load_targets
from kpi.store.units import load_units
from kpi.targets import Assessment, Target, assess, effective_bounds, reading_polarity
from kpi.units import Unit


@dataclass(frozen=True)
class ScorecardRow:
    """One target seen from the chosen period.

    `due` is True when the target's own period lies within the chosen one;
    otherwise the target is a multi-year one still running at that time and
    `forecast` says whether it is on track at the end of the chosen period.
    """

    target: Target
    indicator: Indicator
    unit: Unit
    assessment: Assessment
    actual: CountedActual | None
    baseline: float | None
    previous: float | None
    forecast: Forecast | None
    due: bool


def _period(code: str, phases: Mapping[str, Period]) -> Period:
    return parse_period(code, phases)


def _index(records: Sequence[ActualRecord], as_of: dt.date):
    by_cell: dict[tuple[str, str], dict[str, list[ActualRecord]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for record in records:
        if record.reported_on is None or record.reported_on <= as_of:
            by_cell[(record.indicator_code, record.unit_key)][record.period].append(record)
    return by_cell


def select_targets(
    targets: Sequence[Target], period: Period, phases: Mapping[str, Period]
) -> list[tuple[Target, bool]]:
    """The targets to show for `period`: (target, due) pairs.

    Due: the target's period lies within `period`. Running: its term
    includes `period`, it ends later, and no target of the same plan,
    indicator and unit is due within `period` (a yearly target expanded over a
    term shows only its own year); of several running ones the earliest due.
    """
    due = [t for t in targets if contains(period, _period(t.period, phases))]
    due_cells = {(t.plan_code, t.indicator_code, t.unit_key) for t in due}
    running: dict[tuple, Target] = {}
    for t in targets:
        if t.term is None or (t.plan_code, t.indicator_code, t.unit_key) in due_cells:
            continue
        own, term = _period(t.period, phases), _period(t.term, phases)
        if not contains(term, period) or own.end <= period.end:
            continue
        cell = (t.plan_code, t.indicator_code, t.unit_key, t.kind)
        if cell not in running or own.end < _period(running[cell].period, phases).end:
            running[cell] = t
    chosen = [(t, True) for t in due] + [(t, False) for t in running.values()]
    return sorted(chosen, key=lambda pair: pair[0].id or 0)


def _value_at(indicator, code, phases, records_by_period) -> float | None:
    counted = counted_actual(indicator, _period(code, phases), records_by_period)
    return None if counted is None or counted.is_partial else counted.value


def _reference_values(target, indicator, period, phases, records_by_period):
    baseline = previous = None
    if target.needs_baseline and target.baseline is None:
        base_code = target.baseline_period or previous_period(period).code
        baseline = _value_at(indicator, base_code, phases, records_by_period)
    if target.needs_previous:
        previous = _value_at(indicator, same_period_last_year(period).code, phases,
                             records_by_period)
    return baseline, previous


def _target_level(target: Target, indicator: Indicator, baseline, previous) -> float | None:
    """The single figure a forecast aims at: the bound that must be reached."""
    bounds = effective_bounds(target, indicator, baseline, previous)
    if bounds is None:
        return None
    reading = reading_polarity(target, indicator)
    if reading == "higher":
        return bounds.lower if bounds.lower is not None else bounds.upper
    if reading == "lower":
        return bounds.upper if bounds.upper is not None else bounds.lower
    return None


def _flow_to_date(indicator, own: Period, at: dt.date, records_by_period) -> tuple[float, dt.date]:
    """Running total of a flow from the start of `own` up to `at`, and the last
    day it covers: whole years, then the leading months (or quarters) of the
    running year that are reported. Progress is judged at that day, not at
    `at`, so a month not yet reported does not count as a shortfall."""
    years = subperiods(own, "year") if own.kind == "term" else [own]
    total, covered = 0.0, own.start - dt.timedelta(days=1)
    for year in years:
        if year.end <= at:
            counted = counted_actual(indicator, year, records_by_period)
            if counted is None:
                break
            total += counted.value
            covered = parse_period(counted.through).end if counted.is_partial else year.end
            if counted.is_partial:
                break
            continue
        best: tuple[float, dt.date] | None = None
        for kind in ("month", "quarter"):
            running, reach = 0.0, None
            for part in subperiods(year, kind):
                record = best_record(records_by_period.get(part.code, ()))
                if part.end > at or record is None:
                    break
                running, reach = running + record.value, part.end
            if reach is not None and (best is None or reach > best[1]):
                best = (running, reach)
        if best is not None:
            total, covered = total + best[0], best[1]
        break
    return total, covered


def _sums_to_date(indicator: Indicator, own: Period, at: dt.date) -> bool:
    """True when progress is a running total: a flow summed over a term
    (investment 2021–2025), or a flow's own period under way. A flow due in a
    later single year (revenue in 2025) is followed year by year instead."""
    return indicator.is_flow and (own.kind == "term" or own.start <= at)


def _forecast(
    target, indicator, own: Period, at: dt.date, phases, records_by_period, settings
) -> Forecast | None:
    """On-track state of a target whose period has not ended at `at`."""
    level = _target_level(target, indicator, None, None)
    if level is None:
        return None
    higher = reading_polarity(target, indicator) == "higher"
    if _sums_to_date(indicator, own, at):
        total, covered = _flow_to_date(indicator, own, at, records_by_period)
        return flow_on_track(total, level, elapsed_share(own, covered), higher,
                             settings.on_track_share, unit=indicator.measure)
    term_start = own.start.year if own.kind == "term" else (
        _period(target.term, phases).start.year if target.term else own.start.year
    )
    base_year = term_start - 1
    y0 = _value_at(indicator, str(base_year), phases, records_by_period)
    latest = None
    for year in range(term_start, at.year + 1):
        value = _value_at(indicator, str(year), phases, records_by_period)
        if value is not None and dt.date(year, 12, 31) <= at:
            latest = (year, value)
    if y0 is None or latest is None:
        return Forecast("open_sdg", "insufficient_data", None, None, None,
                        "Chưa đủ số liệu (cần năm gốc và ít nhất một năm sau đó)")
    return open_sdg_progress(y0, base_year, latest[1], latest[0], level, own.end.year, higher,
                             unit=indicator.measure)


def build_scorecard(
    targets: Sequence[Target],
    indicators: Mapping[str, Indicator],
    units: Mapping[str, Unit],
    records: Sequence[ActualRecord],
    period: Period,
    as_of: dt.date,
    *,
    phases: Mapping[str, Period] | None = None,
    settings: Settings | None = None,
) -> list[ScorecardRow]:
    """Rows for every target to show in `period` (see `select_targets`), as of `as_of`.

    `records` are every revision of the cells concerned, all periods (the
    baseline year and the previous year included). Pure: no I/O.
    """
    phases = phases or {}
    settings = settings or load_settings()
    by_cell = _index(records, as_of)
    rows = []
    for target, due in select_targets(targets, period, phases):
        indicator = indicators[target.indicator_code]
        cell = by_cell.get((target.indicator_code, target.unit_key), {})
        own = _period(target.period, phases)
        if due:
            rows.append(_due_row(target, indicator, units[target.unit_key], own, period,
                                 as_of, phases, cell, settings))
        else:
            rows.append(_running_row(target, indicator, units[target.unit_key], own, period,
                                     as_of, phases, cell, settings))
    return rows


def _due_row(target, indicator, unit, own, period, as_of, phases, cell, settings) -> ScorecardRow:
    ended = is_ended(own, as_of)
    actual = counted_actual(indicator, own, cell)
    # A running period's partial sum is progress, not a result.
    counted_value = None if actual is None or (actual.is_partial and not ended) else actual.value
    baseline, previous = _reference_values(target, indicator, own, phases, cell)
    assessment = assess(
        target, indicator, counted_value, baseline=baseline, previous=previous,
        period_ended=ended, nearly_share=settings.nearly_met_share,
    )
    if assessment.status == "no_data" and unit.valid_to and unit.valid_to < own.end:
        # Old targets stay on old units (DESIGN §6): say why no figure can come.
        assessment = replace(assessment, reason=(
            f"{unit.full_name} kết thúc ngày {format_date(unit.valid_to)} "
            "(sắp xếp đơn vị hành chính); số liệu cả kỳ thuộc đơn vị kế thừa"))
    forecast = None
    if not ended:
        forecast = _forecast(target, indicator, own, min(as_of, period.end), phases, cell, settings)
    return ScorecardRow(target, indicator, unit, assessment, actual, baseline, previous,
                        forecast, True)


def _running_row(target, indicator, unit, own, period, as_of, phases, cell,
                 settings) -> ScorecardRow:
    """A multi-year target seen from an earlier period: not due there; its
    actual is the value of the chosen period (a flow: the total since the
    term began) and the forecast says whether it is on track."""
    at = min(as_of, period.end)
    if _sums_to_date(indicator, own, at):
        total, _covered = _flow_to_date(indicator, own, at, cell)
        actual = CountedActual(total, "uoc", "year_to_date", period.code, ())
    else:
        actual = counted_actual(indicator, period, cell)
    bounds = effective_bounds(target, indicator)
    assessment = Assessment("not_due", None, bounds, reading_polarity(target, indicator))
    forecast = _forecast(target, indicator, own, at, phases, cell, settings)
    return ScorecardRow(target, indicator, unit, assessment, actual, None, None, forecast, False)


def phase_periods(phases: Sequence[Phase]) -> dict[str, Period]:
    """Emulation phases as periods, by code."""
    return {p.code: Period(p.code, "phase", p.start, p.end, p.name) for p in phases}


def load_scorecard(
    engine: Engine,
    period_code: str,
    *,
    unit_key: str | None = None,
    as_of: dt.date,
    settings: Settings | None = None,
) -> list[ScorecardRow]:
    """The scorecard of `period_code` for one unit (or every unit) from the store.

    Raises PeriodError for an unknown period code.
    """
    with engine.connect() as conn:
        phases = phase_periods(load_phases(conn))
        period = parse_period(period_code, phases)
        unit_keys = [unit_key] if unit_key else None
        targets = load_targets(conn, unit_keys=unit_keys)
        indicators = load_indicators(conn)
        wanted_units = {t.unit_key for t in targets}
        units = {u.key: u for u in load_units(conn, wanted_units)}
        codes = {t.indicator_code for t in targets}
        records = load_actuals(conn, unit_keys=wanted_units, indicator_codes=codes)
    return build_scorecard(targets, indicators, units, records, period, as_of,
                           phases=phases, settings=settings)


def _period_text(code: str, lang: str) -> str:
    try:
        return period_label(code, lang)
    except PeriodError:  # a phase code: its label needs the plan's phases
        return code


def scorecard_records(rows: Sequence[ScorecardRow], lang: str = "vi") -> list[dict]:
    """Rows as plain dicts for JSON and tables.

    Numbers stay numbers in the indicator's measure (`target_min`,
    `target_max` are the effective bounds; `achievement` is a ratio, 1.04 for
    104%); `*_text` and `*_label` fields carry the Vietnamese display forms.
    """
    records = []
    for row in rows:
        t, a, bounds = row.target, row.assessment, row.assessment.bounds
        actual = row.actual
        records.append({
            "indicator_code": t.indicator_code,
            "indicator": row.indicator.display_name(lang),
            "group": row.indicator.group,
            "group_label": group_label(row.indicator.group, lang),
            "measure": row.indicator.measure,
            "unit_code": row.unit.unit_code,
            "unit": row.unit.full_name,
            "plan": t.plan_code,
            "period": t.period,
            "period_label": _period_text(t.period, lang),
            "term": t.term,
            "due": row.due,
            "kind": t.kind,
            "target_value": t.value,
            "target_min": bounds.lower if bounds else t.min,
            "target_max": bounds.upper if bounds else t.max,
            "target_text": target_text(t, row.indicator, bounds, lang),
            "places": t.places,
            "baseline": t.baseline if t.baseline is not None else row.baseline,
            "previous": row.previous,
            "actual": actual.value if actual else None,
            "actual_text": actual_text(actual.value if actual else None, row.indicator, lang),
            "actual_basis": actual.basis if actual else None,
            "actual_through": actual.through if actual else None,
            "standing": actual.standing if actual else None,
            "status": a.status,
            "status_label": status_label(a.status, lang),
            "achievement": a.achievement,
            "achievement_text": (
                change_text(actual.value if actual else None, row.previous, lang)
                if t.needs_previous else
                achievement_text(a.achievement, a.position, lang,
                                 short_of_target=a.status in ("nearly", "not_met"))
                if row.indicator.polarity != "boolean" else ""),
            "position": a.position,
            "reason": a.reason,
            "forecast": row.forecast.category if row.forecast else None,
            "forecast_label": forecast_label(row.forecast.category if row.forecast else None, lang),
            "forecast_note": row.forecast.note if row.forecast else None,
            "quote": t.quote,
        })
    return records


@dataclass(frozen=True)
class ScorecardChoices:
    """What a viewer can pick: (code, label) pairs, most useful first."""

    periods: list[tuple[str, str]]
    units: list[tuple[str, str]]


def scorecard_choices(engine: Engine, lang: str = "vi") -> ScorecardChoices:
    """Periods the stored plans cover (each year with its halves and quarters,
    the plans' terms, the emulation phases) and the units that have targets."""
    with engine.connect() as conn:
        plans = load_plans(conn)
        phases = load_phases(conn)
        target_units = {t.unit_key for t in load_targets(conn)}
        units = load_units(conn, target_units)
    periods: dict[str, str] = {}
    for plan in plans:
        span = parse_period(plan.period)
        for year in subperiods(span, "year") if span.kind == "term" else [span]:
            periods[year.code] = period_label(year, lang)
            for kind in ("half", "quarter"):
                for part in subperiods(year, kind):
                    periods[part.code] = period_label(part, lang)
        if span.kind == "term":
            periods[span.code] = period_label(span, lang)
    for phase in phases:
        periods[phase.code] = period_label(
            Period(phase.code, "phase", phase.start, phase.end, phase.name), lang)
    all_phases = phase_periods(phases)
    ordered = sorted(periods, key=lambda code: parse_period(code, all_phases).sort_key)
    # Years first (the usual choice), then the rest in time order.
    ordered.sort(key=lambda code: 0 if code.isdigit() else 1)
    unit_choices = sorted(
        ((u.key, u.label()) for u in units),
        key=lambda pair: ({"province": 0, "district": 1, "commune": 2}.get(
            next(u.level for u in units if u.key == pair[0]), 3), pair[1]),
    )
    return ScorecardChoices([(code, periods[code]) for code in ordered], unit_choices)
