"""Scorecard rows of many units at once, by kpi.scorecard's rules, read fast.

`load_rows` is `kpi.scorecard.load_scorecard` for a set of units, one plan
and some indicators: it reads only the targets that can show in the period
(kpi.store.queries.period_targets) and the value records the rules read
(kpi.dashboard.records), then calls `build_scorecard` — the statuses,
achievements and forecasts are the scorecard's own.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from sqlalchemy import Connection

from kpi.config import Settings
from kpi.dashboard.records import fetch_records, plan_reads
from kpi.indicators import Indicator
from kpi.periods import Period, contains, parse_period
from kpi.plans import Plan
from kpi.scorecard import ScorecardRow, build_scorecard, phase_periods, select_targets
from kpi.store.catalog import load_indicators, load_phases, load_plans
from kpi.store.queries import indicator_ids, period_targets, target_periods, units_by_key

@dataclass(frozen=True)
class Catalog:
    """What every dashboard query reads first: indicators by code, emulation
    phases as periods by code, plans, the distinct period and term codes of
    the stored targets, and indicator ids by code."""

    indicators: Mapping[str, Indicator]
    phases: Mapping[str, Period]
    plans: Sequence[Plan]
    target_periods: Sequence[str]
    terms: Sequence[str]
    indicator_ids: Mapping[str, int]

    def period(self, code: str) -> Period:
        """The period for a code (phases included); raises PeriodError."""
        return parse_period(code, self.phases)


def load_catalog(conn: Connection) -> Catalog:
    """The catalogue from the store (a few hundred rows)."""
    periods, terms = target_periods(conn)
    return Catalog(load_indicators(conn), phase_periods(load_phases(conn)), load_plans(conn),
                   periods, terms, indicator_ids(conn))


def candidate_codes(period: Period, catalog: Catalog) -> tuple[list[str], list[str], list[str]]:
    """Among the stored targets' period codes, those a target shown in
    `period` can have: (due — periods within it; running terms — stored terms
    containing it; later — periods of those terms ending after it), as
    kpi.scorecard.select_targets chooses."""
    own = {code: catalog.period(code) for code in catalog.target_periods}
    running = [code for code in catalog.terms if contains(catalog.period(code), period)]
    due = sorted(code for code, p in own.items() if contains(period, p))
    later = sorted(code for code, p in own.items() if p.end > period.end and any(
        contains(catalog.period(term), p) for term in running))
    return due, running, later


def load_rows(
    conn: Connection,
    catalog: Catalog,
    *,
    unit_keys: Iterable[str],
    period: Period,
    as_of: dt.date,
    plan_code: str | None = None,
    indicator_codes: Iterable[str] | None = None,
    settings: Settings | None = None,
) -> list[ScorecardRow]:
    """Scorecard rows of `period` for the units (by key), as of `as_of`;
    optionally only one plan's targets and some indicators. Unknown units are
    ignored. Rows come in target order."""
    found = units_by_key(conn, unit_keys)
    if not found:
        return []
    ids = None
    if indicator_codes is not None:
        ids = [catalog.indicator_ids[c] for c in indicator_codes if c in catalog.indicator_ids]
    due, terms, later = candidate_codes(period, catalog)
    targets = period_targets(conn, unit_ids=[uid for uid, _u in found.values()], due_codes=due,
                             running_terms=terms, later_codes=later, plan_code=plan_code,
                             indicator_ids=ids)
    chosen = select_targets(targets, period, catalog.phases)
    needs = plan_reads(chosen, catalog.indicators, period, as_of, catalog.phases)
    records = fetch_records(conn, needs, indicator_ids=catalog.indicator_ids,
                            unit_ids={key: uid for key, (uid, _u) in found.items()}, as_of=as_of)
    units = {key: unit for key, (_uid, unit) in found.items()}
    return build_scorecard([t for t, _due in chosen], catalog.indicators, units, records,
                           period, as_of, phases=catalog.phases, settings=settings)
