"""Key indicator slides: an indicator chosen by the presenter, year by year, against the plan.

Values come from kpi.series (continued across the 2025 reform from the units
a new one was made of), counted as the scorecard counts them and ignoring
reports after the presentation's day; the plan's figure for each year is the
level the scorecard compares with (build_scorecard per year). Everything the
store holds is read once for all the chosen indicators.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

from sqlalchemy import Engine

from kpi.actuals import counted_actual
from kpi.config import Settings
from kpi.numbers import format_quantity
from kpi.periods import Period, parse_period, period_label
from kpi.reports.narrative import line_note
from kpi.reports.results import PlanData, PlanResults, ReportError, target_level
from kpi.scorecard import build_scorecard
from kpi.series import SeriesPoint, unit_series
from kpi.store.actuals import load_actuals
from kpi.store.units import load_lineage, load_units


@dataclass(frozen=True)
class IndicatorSlide:
    """A key indicator over the plan's years: `actual` and `target` are in
    `measure`, aligned with `periods` (None where there is no figure)."""

    indicator_code: str
    title: str
    subtitle: str
    measure: str
    decimals: int | None
    periods: tuple[str, ...]
    labels: tuple[str, ...]
    actual: tuple[float | None, ...]
    target: tuple[float | None, ...]
    headline: str
    notes: str
    kind: str = "indicator"


def series_years(data: PlanData) -> list[str]:
    """Years a key indicator is shown for: the plan's base year through its last year."""
    span = parse_period(data.plan.period, data.phases)
    return [str(year) for year in range(span.start.year - 1, span.end.year + 1)]


def series_unit(data: PlanData, indicator_code: str) -> str:
    """The unit a key indicator's series follows: the chosen one, else the
    plan's own unit, else the first unit with a target for it.

    Raises ReportError when the plan sets no target for the indicator."""
    keys = [t.unit_key for t in data.targets if t.indicator_code == indicator_code]
    if not keys:
        codes = ", ".join(dict.fromkeys(t.indicator_code for t in data.targets))
        raise ReportError(f"Kế hoạch {data.plan.code} không có chỉ tiêu mã “{indicator_code}”. "
                          f"Chọn một trong: {codes}.")
    if data.unit is not None:
        return data.unit.key
    return data.plan.unit_key if data.plan.unit_key in keys else keys[0]


def load_key_series(engine: Engine, data: PlanData, codes: Sequence[str],
                    results: PlanResults) -> dict[str, list[SeriesPoint]]:
    """Each indicator's yearly series (`series_years`) for its `series_unit`,
    as of the results' day. Raises ReportError as `series_unit`."""
    wanted = {code: series_unit(data, code) for code in codes}
    with engine.connect() as conn:
        lineage = load_lineage(conn)
        keys = set(wanted.values())
        keys |= {old for old, new, _relation in lineage if new in keys}
        units = {u.key: u for u in load_units(conn, keys)}
        parts = {c for code in codes for c in (code, data.indicators[code].numerator,
                                               data.indicators[code].denominator) if c}
        records = load_actuals(conn, unit_keys=keys, indicator_codes=parts)
    cells: dict[tuple[str, str], dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for record in records:
        if record.reported_on is None or record.reported_on <= results.as_of:
            cells[(record.indicator_code, record.unit_key)][record.period].append(record)

    def value_of(code: str, key: str, period: Period) -> float | None:
        counted = counted_actual(data.indicators[code], period, cells.get((code, key), {}))
        return None if counted is None or counted.is_partial else counted.value

    periods = [parse_period(year) for year in series_years(data)]
    return {code: unit_series(data.indicators[code], units[key], periods, value_of,
                              indicators=data.indicators, lineage=lineage, units=units)
            for code, key in wanted.items()}


def _year_levels(data: PlanData, targets, points, results: PlanResults,
                 settings: Settings) -> list[tuple[float | None, str | None]]:
    """(level, plan code) of the plan's target due in each point's year."""
    levels = []
    cell = {(t.indicator_code, t.unit_key) for t in targets}
    records = [r for r in data.records if (r.indicator_code, r.unit_key) in cell]
    for point in points:
        rows = [r for r in build_scorecard(targets, data.indicators, data.units, records,
                                           parse_period(point.period), results.as_of,
                                           phases=data.phases, settings=settings)
                if r.due and r.target.period == point.period]
        level = next((v for v in map(target_level, rows) if v is not None), None)
        levels.append((level, rows[0].target.plan_code if rows else None))
    return levels


def indicator_slide(data: PlanData, results: PlanResults, indicator_code: str,
                    points: Sequence[SeriesPoint], *, settings: Settings) -> IndicatorSlide:
    """A key indicator's slide from its series `points` (one per year of
    `series_years`) and the plan's target for each year. Years after the
    report period show no actual. Pure."""
    unit_key = series_unit(data, indicator_code)
    indicator = data.indicators[indicator_code]
    targets = [t for t in data.targets
               if t.indicator_code == indicator_code and t.unit_key == unit_key]
    last_year = results.period.end.year

    def quantity(value: float) -> str:
        return format_quantity(value, indicator.measure, indicator.decimals)

    actual, target, notes = [], [], []
    for point, (level, plan_code) in zip(points, _year_levels(data, targets, points, results,
                                                                settings)):
        value = point.value if parse_period(point.period).start.year <= last_year else None
        actual.append(value)
        target.append(level)
        text = f"• {period_label(point.period)}: thực hiện " + (
            quantity(value) if value is not None else "chưa có số liệu")
        if value is not None and point.basis == "carried":
            text += f" (cộng từ đơn vị cũ: {', '.join(point.sources)})"
        if level is not None:
            text += f"; kế hoạch {plan_code}: {quantity(level)}"
        notes.append(text + ".")
    unit_name = data.units[unit_key].full_name
    current = [ln for ln in results.lines
               if ln.indicator_code == indicator_code and ln.unit_key == unit_key]
    if current:
        first = current[0]
        head = f"{results.period_label}: {first.actual_text}"
        if first.achievement_text:
            head += f" — {first.achievement_text}"
        head += f" ({first.evaluation})"
        notes += [line_note(ln, False) for ln in current]
    else:
        head = f"{results.period_label}: không có chỉ tiêu của kỳ này"
    periods = tuple(point.period for point in points)
    return IndicatorSlide(
        indicator_code, indicator.name, f"{unit_name} · đơn vị tính: {indicator.measure}",
        indicator.measure, indicator.decimals, periods,
        tuple(period_label(code) for code in periods), tuple(actual), tuple(target), head,
        f"{indicator.name} — {unit_name}. Số liệu theo năm (chuỗi nối qua sắp xếp đơn vị "
        "hành chính 2025 khi cần).\n" + "\n".join(notes))


def key_slides(engine: Engine, data: PlanData, results: PlanResults, codes: Sequence[str], *,
               settings: Settings) -> list[IndicatorSlide]:
    """One slide per key indicator code, in the order given (repeats dropped)."""
    codes = list(dict.fromkeys(codes))
    if not codes:
        return []
    series = load_key_series(engine, data, codes, results)
    return [indicator_slide(data, results, code, series[code], settings=settings)
            for code in codes]

