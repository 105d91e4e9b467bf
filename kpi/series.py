"""A unit's series over time, continued across the 2025 reform.

Before 1 July 2025 today's units did not exist: their series is carried from
the units they were made of (lineage edges at the same level: old provinces
into new provinces, old communes into new communes). Additive indicators sum
the predecessors; ratios are Σ numerator / Σ denominator of the predecessors;
a level that is not a ratio is carried only from a single whole predecessor
(a renamed unit). Where a predecessor was split, or did not report, the point
is a gap with a reason rather than a wrong number.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from sqlalchemy import Engine

from kpi.actuals import counted_actual
from kpi.aggregation import carry_across_reform, carry_ratio_across_reform, reform_gaps
from kpi.indicators import Indicator
from kpi.periods import Period, parse_period
from kpi.store.actuals import load_actuals
from kpi.store.catalog import load_indicators
from kpi.store.units import load_lineage, load_units
from kpi.units import REFORM_DATE, Unit


@dataclass(frozen=True)
class SeriesPoint:
    """One period of a series: `basis` is "reported", "carried" or "gap"."""

    period: str
    value: float | None
    basis: str
    sources: tuple[str, ...] = ()
    note: str | None = None


ValueOf = Callable[[str, str, Period], "float | None"]  # (indicator code, unit key, period)


def _predecessors(unit: Unit, lineage, units: Mapping[str, Unit]) -> list[tuple[str, str, str]]:
    return [
        (old, new, relation) for old, new, relation in lineage
        if new == unit.key and old in units and units[old].level == unit.level
    ]


def _carried(indicator, indicators, links, period, value_of) -> tuple[float | None, str | None]:
    olds = sorted({old for old, _new, _rel in links})
    new_key = links[0][1]

    def values(code):
        return {old: value_of(code, old, period) for old in olds}

    if indicator.aggregation == "sum":
        old_values = values(indicator.code)
        carried = carry_across_reform(old_values, links, "sum").get(new_key)
        gaps = reform_gaps(old_values, links)
    elif indicator.aggregation == "ratio" and indicator.numerator and indicator.denominator:
        num, den = values(indicator.numerator), values(indicator.denominator)
        carried = carry_ratio_across_reform(num, den, links, indicator.scale or 100).get(new_key)
        gaps = reform_gaps(num, links) + reform_gaps(den, links)
    elif len(links) == 1 and links[0][2] == "whole":
        carried, gaps = values(indicator.code)[olds[0]], ()
    else:
        return None, "Chỉ tiêu không cộng dồn được từ các đơn vị cũ"
    if carried is None:
        split = sorted({key for g in gaps for key in g.split})
        missing = sorted({key for g in gaps for key in g.missing})
        reasons = [f"chưa báo cáo: {', '.join(missing)}"] if missing else []
        reasons += [f"bị chia tách: {', '.join(split)}"] if split else []
        return None, f"Không tính được từ đơn vị cũ ({'; '.join(reasons) or 'thiếu số liệu'})"
    return carried, None


def unit_series(
    indicator: Indicator,
    unit: Unit,
    periods: Sequence[Period],
    value_of: ValueOf,
    *,
    indicators: Mapping[str, Indicator],
    lineage: Sequence[tuple[str, str, str]],
    units: Mapping[str, Unit],
) -> list[SeriesPoint]:
    """The unit's value for each period; before the reform, carried from its predecessors.

    `value_of(indicator_code, unit_key, period)` returns the actual that
    counts or None. Pure: the caller supplies every value.
    """
    links = _predecessors(unit, lineage, units)
    points = []
    for period in periods:
        own = value_of(indicator.code, unit.key, period)
        if own is not None:
            points.append(SeriesPoint(period.code, own, "reported", (unit.key,)))
        elif links and period.end < REFORM_DATE:
            value, note = _carried(indicator, indicators, links, period, value_of)
            sources = tuple(sorted({old for old, _n, _r in links}))
            points.append(SeriesPoint(period.code, value, "carried" if value is not None else "gap",
                                      sources, note))
        else:
            points.append(SeriesPoint(period.code, None, "gap", (), "Chưa có số liệu"))
    return points


def load_unit_series(
    engine: Engine, indicator_code: str, unit_key: str, period_codes: Sequence[str]
) -> list[SeriesPoint]:
    """`unit_series` from the store. Raises KeyError for an unknown indicator or unit."""
    with engine.connect() as conn:
        indicators = load_indicators(conn)
        lineage = load_lineage(conn)
        indicator = indicators[indicator_code]
        wanted = {unit_key} | {old for old, new, _r in lineage if new == unit_key}
        units = {u.key: u for u in load_units(conn, wanted)}
        codes = [c for c in (indicator.code, indicator.numerator, indicator.denominator) if c]
        records = load_actuals(conn, unit_keys=wanted, indicator_codes=codes)
    cells: dict[tuple[str, str], dict[str, list]] = {}
    for record in records:
        cells.setdefault((record.indicator_code, record.unit_key), {}).setdefault(
            record.period, []).append(record)

    def value_of(code: str, key: str, period: Period) -> float | None:
        counted = counted_actual(indicators[code], period, cells.get((code, key), {}))
        return None if counted is None or counted.is_partial else counted.value

    periods = [parse_period(code) for code in period_codes]
    return unit_series(indicator, units[unit_key], periods, value_of,
                       indicators=indicators, lineage=lineage, units=units)
