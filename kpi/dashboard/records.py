"""The value records a set of targets needs, read in aggregate.

`kpi.scorecard.build_scorecard` decides statuses from value records; fed
every revision of every month of every cell it needs seconds at province
scale. This module gives it, per cell, only the records its rules read, with
the same outcome:

- levels read a period's own value or that of its last month, quarter or
  half (`kpi.actuals.counted_actual`), so only those codes are fetched;
- a flow's year with no value of its own and all twelve months reported is
  counted as the sum of its months: SQL sums them and the year comes back as
  one record with the weakest standing of the months (`source` says
  `MONTHS_SUM`), unless the rules also read that year's months one by one (a
  sub-year target, the running year of a year-to-date total) or sum years
  into a term; then every record of the year is fetched.

`tests/test_dashboard_records.py` checks on the demo and on generated
stores that statuses, actuals and forecasts equal those of
`kpi.scorecard.load_scorecard`.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Sequence

from sqlalchemy import Connection

from kpi.actuals import ActualRecord
from kpi.indicators import Indicator
from kpi.periods import Period, PeriodError, parse_period, previous_period, same_period_last_year
from kpi.store.queries import best_values, month_totals
from kpi.targets import Target

MONTHS_SUM = "Σ 12 tháng"


@dataclass
class CellNeeds:
    """What the rules may read for one (indicator, unit) cell."""

    flow: bool
    codes: set[str] = field(default_factory=set)  # read as such
    sum_years: set[int] = field(default_factory=set)  # a flow's years read whole
    raw_years: set[int] = field(default_factory=set)  # years read month by month
    terms: bool = False  # a flow summed over a term: its years must stay as reported

    def read(self, period: Period) -> None:
        """Note that `counted_actual(period)` is asked."""
        self.codes.add(period.code)
        if period.kind in ("month", "phase"):
            return  # counted_actual reads only their own value
        if period.kind == "term":
            years = range(period.start.year, period.end.year + 1)
            self.codes.update(str(y) for y in years)
            if self.flow:
                self.terms = True
                self.sum_years.update(years)
        elif self.flow and period.kind == "year":
            self.sum_years.add(period.start.year)
        elif self.flow:  # a half or a quarter of a flow
            self.raw_years.add(period.start.year)
        else:
            self.codes.update(_last_parts(period))

    def read_year_to_date(self, own: Period, at: dt.date) -> None:
        """Note a running total of a flow from the start of `own` up to `at`
        (kpi.scorecard._flow_to_date): ended years whole, the running year
        month by month."""
        first, last = own.start.year, own.end.year
        for year in range(first, min(last, at.year) + 1):
            period = parse_period(str(year)) if own.kind == "term" else own
            if period.end <= at:
                self.read(period)
            else:
                self.raw_years.update(range(period.start.year, period.end.year + 1))
            if own.kind != "term":
                break


def _last_parts(period: Period) -> list[str]:
    """Codes of the last month, quarter and half of a year (or half, quarter)."""
    year, month = period.end.year, period.end.month
    codes = [f"{year}-{month:02d}"]
    if period.kind in ("year", "half"):
        codes.append(f"{year}-Q{(month - 1) // 3 + 1}")
    if period.kind == "year":
        codes.append(f"{year}-H2")
    return codes


def _try(step, period):
    try:
        return step(period)
    except PeriodError:  # no such period: the scorecard reads nothing there
        return None


def plan_reads(
    chosen: Sequence[tuple[Target, bool]],
    indicators: Mapping[str, Indicator],
    period: Period,
    as_of: dt.date,
    phases: Mapping[str, Period],
) -> dict[tuple[str, str], CellNeeds]:
    """For each (indicator code, unit key) cell, what kpi.scorecard.build_scorecard
    may read for the chosen (target, due) pairs seen from `period` (a superset)."""
    at = min(as_of, period.end)
    needs: dict[tuple[str, str], CellNeeds] = {}
    for target, due in chosen:
        indicator = indicators[target.indicator_code]
        cell = needs.setdefault((target.indicator_code, target.unit_key),
                                CellNeeds(indicator.is_flow))
        own = parse_period(target.period, phases)
        term = parse_period(target.term, phases) if target.term else None
        if due:
            cell.read(own)
            if target.needs_baseline and target.baseline is None:
                base = (parse_period(target.baseline_period, phases) if target.baseline_period
                        else _try(previous_period, own))
                if base is not None:
                    cell.read(base)
            if target.needs_previous:
                last_year = _try(same_period_last_year, own)
                if last_year is not None:
                    cell.read(last_year)
            running = as_of < own.end
        else:
            running = True
            if not (indicator.is_flow and (own.kind == "term" or own.start <= at)):
                cell.read(period)
        if not running:
            continue
        if indicator.is_flow and (own.kind == "term" or own.start <= at):
            cell.read_year_to_date(own, at)
        else:
            start = own.start.year if own.kind == "term" else (
                term.start.year if term else own.start.year)
            for year in range(start - 1, at.year + 1):
                cell.read(parse_period(str(year)))
    return needs


def unit_blocks(cells: Iterable[tuple[str, str]]) -> list[tuple[set[str], set[str]]]:
    """(indicator code, unit key) cells as (indicator codes, unit keys)
    blocks: units with the same indicators share one query, so a query's
    units × indicators cross product fetches little beyond the cells."""
    by_unit: dict[str, set[str]] = defaultdict(set)
    for code, key in cells:
        by_unit[key].add(code)
    blocks: dict[frozenset, set[str]] = defaultdict(set)
    for key, codes in by_unit.items():
        blocks[frozenset(codes)].add(key)
    return [(set(codes), keys) for codes, keys in blocks.items()]


def fetch_records(
    conn: Connection,
    needs: Mapping[tuple[str, str], CellNeeds],
    *,
    indicator_ids: Mapping[str, int],
    unit_ids: Mapping[str, int],
    as_of: dt.date,
) -> list[ActualRecord]:
    """The counting record of every (cell, period) the rules may read, with a
    flow's complete years summed in SQL (see the module docstring)."""
    code_of = {v: k for k, v in indicator_ids.items()}
    key_of = {v: k for k, v in unit_ids.items()}
    records: list[ActualRecord] = []
    for codes, keys in unit_blocks(needs):
        cells = {(c, k): needs[(c, k)] for c in codes for k in keys if (c, k) in needs}
        records += _block(conn, cells, sorted(indicator_ids[c] for c in codes),
                          sorted(unit_ids[k] for k in keys), code_of, key_of, as_of)
    return records


def _record(code_of, key_of, value) -> ActualRecord:
    # No report date: SQL kept only values reported by `as_of` already.
    return ActualRecord(code_of[value.indicator_id], key_of[value.unit_id], value.period,
                        value.value, value.standing, value.revision)


def _block(conn, cells, ind_ids, uids, code_of, key_of, as_of) -> list[ActualRecord]:
    for need in cells.values():
        if need.terms:
            need.raw_years |= need.sum_years
        need.sum_years -= need.raw_years
    wanted_codes = {code for n in cells.values() for code in n.codes}
    wanted_codes |= {str(y) for n in cells.values() for y in n.sum_years}
    exact = best_values(conn, unit_ids=uids, indicator_ids=ind_ids, as_of=as_of,
                        period_codes=sorted(wanted_codes))
    records, own_years = [], set()
    for value in exact:
        cell = (code_of[value.indicator_id], key_of[value.unit_id])
        need = cells.get(cell)
        if need is None:
            continue
        if value.period in need.codes or (value.period.isdigit()
                                          and int(value.period) in need.sum_years):
            records.append(_record(code_of, key_of, value))
            if value.period.isdigit():
                own_years.add((cell, int(value.period)))
    years = {y for n in cells.values() for y in n.sum_years}
    summed = set(own_years)
    for total in month_totals(conn, unit_ids=uids, indicator_ids=ind_ids, years=years,
                              as_of=as_of):
        cell = (code_of[total.indicator_id], key_of[total.unit_id])
        need = cells.get(cell)
        if need is None or total.year not in need.sum_years or (cell, total.year) in own_years:
            continue
        if total.months == 12:
            records.append(ActualRecord(cell[0], cell[1], str(total.year), total.total,
                                        total.weakest, 0, total.last_reported, source=MONTHS_SUM))
            summed.add((cell, total.year))
    # Years neither reported whole nor complete in months: quarters or halves
    # may complete them, so they are read as reported.
    for cell, need in cells.items():
        need.raw_years |= {y for y in need.sum_years if (cell, y) not in summed}
    raw = {(cell, y) for cell, n in cells.items() for y in n.raw_years}
    if raw:
        first, last = min(y for _c, y in raw), max(y for _c, y in raw)
        for value in best_values(conn, unit_ids=uids, indicator_ids=ind_ids, as_of=as_of,
                                 first_year=first, last_year=last):
            cell = (code_of[value.indicator_id], key_of[value.unit_id])
            year = int(value.period[:4])
            if (cell, year) in raw and not (value.period in cells[cell].codes):
                records.append(_record(code_of, key_of, value))
    return records
