"""Chỉ tiêu: one indicator for one locality — its series against the target,
the path to a multi-year target and the forecast, lũy kế and ước cả năm of a
flow, values by locality, components, the same period last year, and the
revision history of each value.

Statuses, bounds and forecasts are kpi.scorecard's (build_scorecard per
year over the cell's records); values are counted by kpi.actuals and
carried across the 2025 reform by kpi.series.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine

from kpi.config import Settings, load_settings
from kpi.dashboard.choices import plan_years
from kpi.dashboard.history import value_table
from kpi.dashboard.overview import row_records
from kpi.dashboard.scope import scope_units
from kpi.dashboard.statuses import Catalog, load_catalog, load_rows
from kpi.dashboard.values import CellValues, load_values
from kpi.dashboard.year_to_date import YearToDate, year_to_date
from kpi.geo import centroids
from kpi.indicators import Indicator
from kpi.periods import Period, PeriodError, parse_period, period_label, same_period_last_year
from kpi.progress import choose_method
from kpi.scorecard import ScorecardRow, build_scorecard
from kpi.store.queries import lineage, period_targets, units_by_key
from kpi.targets import effective_bounds, reading_polarity
from kpi.units import Unit


_NO_PATH = pd.DataFrame(columns=["period", "label", "value"])


@dataclass(frozen=True)
class IndicatorView:
    """Everything the Chỉ tiêu page shows; frames are documented where built."""

    indicator: Indicator
    unit: Unit
    period: Period
    place: str
    period_text: str
    records: list[dict]
    series: pd.DataFrame
    path: pd.DataFrame
    forecast: dict | None
    ytd: YearToDate | None
    last_year: dict | None
    by_locality: pd.DataFrame
    locality_target: float | None
    components: pd.DataFrame
    history: pd.DataFrame


def target_level(row: ScorecardRow) -> float | None:
    """The figure a target asks to reach: the lower bound when higher is
    better, the upper one when lower is better."""
    bounds = row.assessment.bounds or effective_bounds(row.target, row.indicator)
    if bounds is None:
        return None
    if reading_polarity(row.target, row.indicator) == "lower":
        return bounds.upper if bounds.upper is not None else bounds.lower
    return bounds.lower if bounds.lower is not None else bounds.upper


def series_frame(years: list[Period], points, rows_by_year: dict[str, list[ScorecardRow]],
                 lang: str) -> pd.DataFrame:
    """Columns: period, label, value, basis ("reported", "carried", "gap"),
    note, lower, upper (the bounds of the target due that year), status,
    target_text."""
    out = []
    for year, point in zip(years, points):
        due = [r for r in rows_by_year.get(year.code, []) if r.due]
        bounds = due[0].assessment.bounds if due else None
        if due and bounds is None:
            bounds = effective_bounds(due[0].target, due[0].indicator)
        out.append({
            "period": year.code, "label": period_label(year, lang), "value": point.value,
            "basis": point.basis, "note": point.note,
            "lower": bounds.lower if bounds else None, "upper": bounds.upper if bounds else None,
            "status": due[0].assessment.status if due else None,
            "target_text": row_records(due[:1], lang)[0]["target_text"] if due else None,
        })
    return pd.DataFrame(out, columns=["period", "label", "value", "basis", "note", "lower",
                                      "upper", "status", "target_text"])


def target_path(row: ScorecardRow, series: pd.DataFrame, lang: str,
                yearly: bool = False) -> pd.DataFrame:
    """The path from the baseline year's value to a multi-year target — one
    due at the end of its term, not repeated every year (`yearly`): linear
    for a change in points or amounts, geometric otherwise (Open SDG's
    required path). Columns: period, label, value; empty when there is no
    such target, its baseline is missing or it is a flow's."""
    empty = _NO_PATH
    term = parse_period(row.target.term) if row.target.term else None
    own = parse_period(row.target.period)
    level = target_level(row)
    if (term is None or yearly or own.end != term.end or level is None
            or row.indicator.is_flow or row.target.kind == "boolean"):
        return empty
    base_year, last_year = term.start.year - 1, own.end.year
    known = dict(zip(series["period"], series["value"]))
    y0 = known.get(str(base_year))
    if y0 is None or pd.isna(y0) or last_year <= base_year:
        return empty
    try:
        method = choose_method(row.target.kind, row.target.change_unit, row.indicator.temporal)
    except ValueError:
        return empty
    geometric = method == "open_sdg" and y0 > 0 and level > 0
    span = last_year - base_year
    points = []
    for year in range(base_year, last_year + 1):
        share = (year - base_year) / span
        value = y0 * (level / y0) ** share if geometric else y0 + (level - y0) * share
        points.append({"period": str(year), "label": period_label(str(year), lang), "value": value})
    return pd.DataFrame(points, columns=["period", "label", "value"])


def _forecast(row: ScorecardRow | None, lang: str) -> dict | None:
    if row is None or row.forecast is None or row.forecast.projected is None:
        return None
    own = parse_period(row.target.period)
    target_period = own if own.kind != "term" else parse_period(str(own.end.year))
    return {"period": str(target_period.end.year), "value": row.forecast.projected,
            "category": row.forecast.category, "note": row.forecast.note,
            "label": period_label(str(target_period.end.year), lang)}


def components_frame(values: CellValues, catalog: Catalog, indicator: Indicator, unit_key: str,
                     years: list[Period], lang: str) -> pd.DataFrame:
    """The indicator's components (indicators whose parent it is), or its
    siblings under its parent, with the total, per year. Columns: period,
    label, code, name, value, role ("component" or "total")."""
    total = indicator.code
    parts = [c for c, i in catalog.indicators.items() if i.parent == total]
    if not parts and indicator.parent:
        total = indicator.parent
        parts = [c for c, i in catalog.indicators.items() if i.parent == total]
    rows = []
    for code in parts + ([total] if parts else []):
        for year in years:
            rows.append({"period": year.code, "label": period_label(year, lang), "code": code,
                         "name": catalog.indicators[code].display_name(lang),
                         "value": values.value(code, unit_key, year),
                         "role": "total" if code == total else "component"})
    return pd.DataFrame(rows, columns=["period", "label", "code", "name", "value", "role"])


def _last_year(values: CellValues, indicator, unit, period, lineage_edges, units, lang):
    try:
        previous = same_period_last_year(period)
    except PeriodError:
        return None
    now, before = values.series(indicator, unit, [period, previous], lineage=lineage_edges,
                                units=units)
    change = None
    if now.value is not None and before.value:
        change = (now.value - before.value) / abs(before.value)
    return {"period_label": period_label(period, lang), "value": now.value,
            "previous_label": period_label(previous, lang), "previous": before.value,
            "change": change}


def localities_frame(conn, catalog, indicator, children: list[Unit], period, as_of, plan_code,
                     settings, lang) -> pd.DataFrame:
    """The children's values of the indicator for the period, largest first.
    Columns: unit_key, unit (label), name (plain full name), value, partial
    (a year-to-date figure), status (of the child's own target, None without
    one), target (its level), lat, lon (its centre, None when unknown)."""
    columns = ["unit_key", "unit", "name", "value", "partial", "status", "target", "lat", "lon"]
    if not children:
        return pd.DataFrame(columns=columns)
    keys = [u.key for u in children]
    values = load_values(conn, catalog.indicators, catalog.indicator_ids, codes=[indicator.code],
                         unit_keys=keys, first_year=period.start.year,
                         last_year=period.end.year, as_of=as_of)
    own = {}
    for row in load_rows(conn, catalog, unit_keys=keys, period=period, as_of=as_of,
                         plan_code=plan_code, indicator_codes=[indicator.code], settings=settings):
        if row.due and row.unit.key not in own:
            own[row.unit.key] = row
    out = []
    points = centroids(keys)
    for unit in children:
        counted = values.counted(indicator.code, unit.key, period)
        row = own.get(unit.key)
        lat, lon = points.get(unit.key, (None, None))
        out.append({"unit_key": unit.key, "unit": unit.label(), "name": unit.full_name,
                    "value": counted.value if counted else None,
                    "partial": bool(counted and counted.is_partial),
                    "status": row.assessment.status if row else None,
                    "target": target_level(row) if row else None, "lat": lat, "lon": lon})
    frame = pd.DataFrame(out, columns=columns)
    return frame.sort_values("value", ascending=False, na_position="last",
                             kind="stable").reset_index(drop=True)


def load_indicator_view(
    engine: Engine,
    *,
    indicator_code: str,
    unit_key: str,
    period_code: str,
    as_of: dt.date,
    plan_code: str | None = None,
    lang: str = "vi",
    settings: Settings | None = None,
) -> IndicatorView:
    """The Chỉ tiêu view. Raises KeyError (Vietnamese) for an unknown indicator
    or unit, PeriodError for an unknown period."""
    settings = settings or load_settings()
    with engine.connect() as conn:
        catalog = load_catalog(conn)
        if indicator_code not in catalog.indicators:
            raise KeyError(f"Không có chỉ tiêu {indicator_code}: chọn lại chỉ tiêu.")
        indicator = catalog.indicators[indicator_code]
        period = catalog.period(period_code)
        scope = scope_units(conn, unit_key, period, children=True)
        uid = units_by_key(conn, [unit_key])[unit_key][0]
        edges = lineage(conn, into=[uid])
        covered = plan_years(catalog, plan_code) or [period.start.year]
        first = min(covered[0], period.start.year) - 1
        last = max(min(covered[-1], as_of.year), period.end.year)
        years = [parse_period(str(y)) for y in range(first, last + 1)]
        family = {indicator.code, indicator.parent} | {
            c for c, i in catalog.indicators.items()
            if i.parent in (indicator.code, indicator.parent) and i.parent}
        units = {u.key: u for u in (scope.unit,) + scope.predecessors}
        units.update({key: u for key, (_i, u) in units_by_key(conn, {o for o, _n, _r in edges}).items()})
        values = load_values(conn, catalog.indicators, catalog.indicator_ids,
                             codes=[c for c in family if c], unit_keys=units,
                             first_year=first - 1, last_year=last, as_of=as_of)
        ids = [i for i, _u in units_by_key(conn, scope.own_keys).values()]
        targets = period_targets(conn, unit_ids=ids, due_codes=catalog.target_periods,
                                 plan_code=plan_code,
                                 indicator_ids=[catalog.indicator_ids[indicator_code]])
        records = [r for cell in values.cells.values() for rs in cell.values() for r in rs]
        by_year = {y.code: build_scorecard(targets, catalog.indicators, units, records, y, as_of,
                                           phases=catalog.phases, settings=settings)
                   for y in years}
        rows = build_scorecard(targets, catalog.indicators, units, records, period, as_of,
                               phases=catalog.phases, settings=settings)
        # Before the reform the targets sit on the unit's predecessors.
        main = next((r for r in rows if r.unit.key == unit_key), rows[0] if rows else None)
        owner = main.unit.key if main else unit_key
        points = values.series(indicator, scope.unit, years, lineage=edges, units=units)
        series = series_frame(years, points, by_year, lang)
        level = target_level(main) if main else None
        ytd = None
        if period.kind in ("year", "half", "quarter", "month"):
            year = parse_period(str(period.start.year))
            yearly = [r for r in by_year.get(year.code, []) if r.due and r.unit.key == owner]
            ytd = year_to_date(values, indicator, owner, year,
                               target_level(yearly[0]) if yearly else None, as_of,
                               higher_is_better=indicator.polarity != "lower",
                               on_track_share=settings.on_track_share, lang=lang)
        view = IndicatorView(
            indicator=indicator, unit=scope.unit, period=period, place=scope.label,
            period_text=period_label(period, lang), records=row_records(rows, lang),
            series=series, path=target_path(main, series, lang, yearly=main is not None and sum(
                t.plan_code == main.target.plan_code and t.unit_key == main.unit.key
                and t.kind == main.target.kind for t in targets) > 1) if main else _NO_PATH,
            forecast=_forecast(main, lang), ytd=ytd,
            last_year=_last_year(values, indicator, scope.unit, period, edges, units, lang),
            by_locality=localities_frame(conn, catalog, indicator, list(scope.children), period,
                                         as_of, plan_code, settings, lang),
            locality_target=level if indicator.aggregation != "sum" else None,
            components=components_frame(values, catalog, indicator, owner, years, lang),
            history=value_table(conn, catalog, indicator, list(units.values()), period, as_of,
                                lang),
        )
    return view

