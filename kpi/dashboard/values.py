"""Counted values of a few indicators for a few units over a span of years.

`CellValues` answers "what counts for indicator X, unit U, period P" with
`kpi.actuals.counted_actual` over the counting revision of each period
(read in SQL by kpi.store.queries.best_values), and carries a unit's series
across the 2025 reform with `kpi.series.unit_series`.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Iterable, Mapping, Sequence

from sqlalchemy import Connection

from kpi.actuals import ActualRecord, CountedActual, counted_actual
from kpi.indicators import Indicator
from kpi.periods import Period
from kpi.series import SeriesPoint, unit_series
from kpi.store.queries import best_values, units_by_key
from kpi.units import Unit


class CellValues:
    """Counting records by (indicator code, unit key) and period code."""

    def __init__(self, records: Iterable[ActualRecord], indicators: Mapping[str, Indicator]):
        self.indicators = indicators
        self.cells: dict[tuple[str, str], dict[str, list[ActualRecord]]] = defaultdict(
            lambda: defaultdict(list))
        for record in records:
            self.cells[(record.indicator_code, record.unit_key)][record.period].append(record)

    def counted(self, code: str, key: str, period: Period) -> CountedActual | None:
        """The actual that counts (a year-to-date figure included), or None."""
        if code not in self.indicators:
            return None
        return counted_actual(self.indicators[code], period, self.cells.get((code, key), {}))

    def value(self, code: str, key: str, period: Period) -> float | None:
        """The value that counts for the whole period, None when missing or partial."""
        found = self.counted(code, key, period)
        return None if found is None or found.is_partial else found.value

    def reported(self, code: str, key: str, period_code: str) -> ActualRecord | None:
        """The counting record reported for exactly that period, or None."""
        records = self.cells.get((code, key), {}).get(period_code)
        return records[0] if records else None

    def series(self, indicator: Indicator, unit: Unit, periods: Sequence[Period], *,
               lineage: Sequence[tuple[str, str, str]], units: Mapping[str, Unit]
               ) -> list[SeriesPoint]:
        """The unit's series, carried from its predecessors before the reform."""
        return unit_series(indicator, unit, periods, self.value, indicators=self.indicators,
                           lineage=lineage, units=units)


def load_values(
    conn: Connection,
    indicators: Mapping[str, Indicator],
    indicator_ids: Mapping[str, int],
    *,
    codes: Iterable[str],
    unit_keys: Iterable[str],
    first_year: int,
    last_year: int,
    as_of: dt.date,
) -> CellValues:
    """The counting revision of every period of the years for the indicators
    (with a ratio's numerator and denominator) and units."""
    wanted = set(codes)
    for code in list(wanted):
        indicator = indicators.get(code)
        if indicator is not None:
            wanted.update(c for c in (indicator.numerator, indicator.denominator) if c)
    found = units_by_key(conn, unit_keys)
    key_of = {uid: key for key, (uid, _u) in found.items()}
    code_of = {indicator_ids[c]: c for c in wanted if c in indicator_ids}
    rows = best_values(conn, unit_ids=sorted(key_of), indicator_ids=sorted(code_of),
                       as_of=as_of, first_year=first_year, last_year=last_year)
    return CellValues(
        (ActualRecord(code_of[v.indicator_id], key_of[v.unit_id], v.period, v.value, v.standing,
                      v.revision) for v in rows),
        indicators,
    )
