"""Địa bàn: one locality's targets and statuses, its children to drill into
(with their place on an offline map), its parent to go back to, and the
series of an indicator carried across the 2025 reform.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine

from kpi.config import Settings
from kpi.dashboard.choices import plan_years
from kpi.dashboard.indicator import localities_frame, target_level
from kpi.dashboard.overview import count_statuses, light_records, row_records
from kpi.dashboard.scope import scope_units
from kpi.dashboard.statuses import load_catalog, load_rows
from kpi.dashboard.values import load_values
from kpi.geo import centroids
from kpi.periods import Period, parse_period, period_label
from kpi.store.queries import lineage, units_by_key
from kpi.units import Unit

MEETING = ("met", "exceeded")
CHILD_COLUMNS = ["unit_key", "unit", "name", "level", "targets", "due", "meeting", "at_risk", "no_data",
                 "share_meeting", "lat", "lon"]


@dataclass(frozen=True)
class LocalityView:
    """The unit (with the units it was made of, for periods before the
    reform), its parent, its rows, counts and children."""

    unit: Unit
    parent: Unit | None
    predecessors: tuple[Unit, ...]
    period: Period
    period_text: str
    records: list[dict]
    counts: list[tuple[str, str, int]]
    children: pd.DataFrame


def children_frame(records: list[dict], children: list[Unit]) -> pd.DataFrame:
    """One row per child from its `light_records`: how many targets, how many
    due, meeting (met or exceeded), at risk (not met or nearly), without data,
    the share meeting among those due (None when none is due), and its
    centre (lat, lon; None when unknown). `unit` is the label (marked when
    the reform ended the unit), `name` the plain full name. Columns:
    CHILD_COLUMNS."""
    by_unit: dict[str, Counter] = {}
    for record in records:
        by_unit.setdefault(record["unit_key"], Counter())[record["status"]] += 1
    points = centroids(u.key for u in children)
    rows = []
    for unit in children:
        counts = by_unit.get(unit.key, Counter())
        due = sum(n for s, n in counts.items() if s != "not_due")
        meeting = sum(counts[s] for s in MEETING)
        lat, lon = points.get(unit.key, (None, None))
        rows.append({
            "unit_key": unit.key, "unit": unit.label(), "name": unit.full_name,
            "level": unit.level,
            "targets": sum(counts.values()), "due": due, "meeting": meeting,
            "at_risk": counts["not_met"] + counts["nearly"], "no_data": counts["no_data"],
            "share_meeting": meeting / due if due else None, "lat": lat, "lon": lon,
        })
    return pd.DataFrame(rows, columns=CHILD_COLUMNS)


def load_locality(
    engine: Engine,
    *,
    unit_key: str,
    period_code: str,
    as_of: dt.date,
    plan_code: str | None = None,
    group: str | None = None,
    lang: str = "vi",
    settings: Settings | None = None,
) -> LocalityView:
    """The Địa bàn view of one unit. Raises KeyError (Vietnamese) for an
    unknown unit, PeriodError for an unknown period."""
    with engine.connect() as conn:
        catalog = load_catalog(conn)
        period = catalog.period(period_code)
        scope = scope_units(conn, unit_key, period, children=True)
        codes = [c for c, i in catalog.indicators.items() if group is None or i.group == group]

        def rows_for(keys):
            return load_rows(conn, catalog, unit_keys=keys, period=period, as_of=as_of,
                             plan_code=plan_code, indicator_codes=codes, settings=settings)

        own = rows_for(scope.own_keys)
        children = list(scope.children)
        kids = light_records(rows_for([u.key for u in children]), lang) if children else []
        parent = None
        if scope.unit.parent_key:
            parent = units_by_key(conn, [scope.unit.parent_key]).get(scope.unit.parent_key, (0, None))[1]
    records = row_records(own, lang)
    return LocalityView(
        unit=scope.unit, parent=parent, predecessors=scope.predecessors, period=period,
        period_text=period_label(period, lang), records=records,
        counts=count_statuses(records, lang), children=children_frame(kids, children),
    )


def compare_localities(
    engine: Engine,
    *,
    indicator_code: str,
    unit_key: str,
    period_code: str,
    as_of: dt.date,
    plan_code: str | None = None,
    lang: str = "vi",
    settings: Settings | None = None,
) -> tuple[pd.DataFrame, float | None]:
    """The unit's children on one indicator for the period, largest first
    (kpi.dashboard.indicator.localities_frame), and the level of the unit's
    own target (due in the period, else still running) when the indicator
    is not a sum: a rate can be read against the parent's target, a sum
    cannot. Raises KeyError for an unknown indicator or unit."""
    with engine.connect() as conn:
        catalog = load_catalog(conn)
        if indicator_code not in catalog.indicators:
            raise KeyError(f"Không có chỉ tiêu {indicator_code}: chọn lại chỉ tiêu.")
        indicator = catalog.indicators[indicator_code]
        period = catalog.period(period_code)
        scope = scope_units(conn, unit_key, period, children=True)
        frame = localities_frame(conn, catalog, indicator, list(scope.children), period, as_of,
                                 plan_code, settings, lang)
        level = None
        if indicator.aggregation != "sum":
            own = load_rows(conn, catalog, unit_keys=scope.own_keys, period=period, as_of=as_of,
                            plan_code=plan_code, indicator_codes=[indicator_code],
                            settings=settings)
            # The target due in the period, else the multi-year one still running.
            own.sort(key=lambda r: not r.due)
            level = target_level(own[0]) if own else None
    return frame, level


def unit_history(
    engine: Engine,
    *,
    indicator_code: str,
    unit_key: str,
    as_of: dt.date,
    plan_code: str | None = None,
    lang: str = "vi",
) -> pd.DataFrame:
    """The unit's yearly series of one indicator over the years the plans
    cover, carried from the units it was made of before 1 July 2025
    (kpi.series). Columns: period, label, value, basis ("reported",
    "carried", "gap"), sources (the unit labels the value comes from), note.
    Raises KeyError (Vietnamese) for an unknown indicator or unit."""
    with engine.connect() as conn:
        catalog = load_catalog(conn)
        if indicator_code not in catalog.indicators:
            raise KeyError(f"Không có chỉ tiêu {indicator_code}: chọn lại chỉ tiêu.")
        found = units_by_key(conn, [unit_key])
        if unit_key not in found:
            raise KeyError(f"Không tìm thấy đơn vị {unit_key}: chọn lại địa bàn.")
        uid, unit = found[unit_key]
        edges = lineage(conn, into=[uid])
        units = {key: u for key, (_i, u) in units_by_key(
            conn, {unit_key} | {old for old, _n, _r in edges}).items()}
        years = plan_years(catalog, plan_code) or [as_of.year]
        first, last = years[0] - 1, min(years[-1], as_of.year)
        values = load_values(conn, catalog.indicators, catalog.indicator_ids,
                             codes=[indicator_code], unit_keys=units, first_year=first,
                             last_year=last, as_of=as_of)
    periods = [parse_period(str(y)) for y in range(first, last + 1)]
    points = values.series(catalog.indicators[indicator_code], unit, periods, lineage=edges,
                           units=units)
    return pd.DataFrame(
        [{"period": p.period, "label": period_label(p.period, lang), "value": p.value,
          "basis": p.basis, "sources": ", ".join(units[s].label() for s in p.sources if s in units),
          "note": p.note} for p in points],
        columns=["period", "label", "value", "basis", "sources", "note"],
    )
