"""Tổng quan: counts by status, the status matrix, targets at risk, reports received.

`load_overview` reads a period's scorecard rows for a locality (and its
children, and — before the 2025 reform — the units today's unit was made
of) through kpi.dashboard.statuses; the rest are pure functions over the
rows' records (`kpi.scorecard.scorecard_records` dicts plus `unit_key` and
`unit_label`).
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

import pandas as pd
from sqlalchemy import Engine

from kpi.config import Settings
from kpi.dashboard.choices import compare_period, plan_years
from kpi.dashboard.scope import scope_units
from kpi.dashboard.statuses import Catalog, load_catalog, load_rows
from kpi.periods import Period, contains, parse_period, period_label, subperiods
from kpi.scorecard import ScorecardRow, scorecard_records
from kpi.dashboard.records import unit_blocks
from kpi.numbers import format_percent
from kpi.status import (
    STATUS_ORDER, STATUS_SYMBOLS, achievement_text, actual_text, forecast_label, status_label,
)
from kpi.store.queries import reports_received, units_by_key

# Worst first: the status a matrix cell shows when a unit has several targets
# for one indicator.
SEVERITY = ("not_met", "nearly", "no_data", "not_due", "met", "exceeded")
RISKY_FORECASTS = ("needs_acceleration", "limited_progress", "deterioration")
SHORT_STATUS = {
    "vi": {"not_due": "Chưa đến hạn", "no_data": "Chưa có số liệu"},
    "en": {"not_due": "Not due", "no_data": "No data"},
}


@dataclass(frozen=True)
class ReportShare:
    """Reports expected in the period so far and those received.

    `by_unit` has columns unit_key, unit, expected, received, share (0–1),
    least complete first.
    """

    expected: int
    received: int
    by_unit: pd.DataFrame

    @property
    def share(self) -> float | None:
        return self.received / self.expected if self.expected else None


@dataclass(frozen=True)
class Overview:
    """Everything the Tổng quan page shows for one choice of filters."""

    place: str
    period: Period
    period_text: str
    records: list[dict]  # light_records
    counts: list[tuple[str, str, int]]
    compare_text: str | None
    compare_counts: list[tuple[str, str, int]] | None
    matrix: pd.DataFrame
    at_risk: pd.DataFrame
    reports: ReportShare


def row_records(rows: Sequence[ScorecardRow], lang: str = "vi") -> list[dict]:
    """`scorecard_records` with the unit's key and label (marked when the
    reform ended it)."""
    records = scorecard_records(rows, lang)
    for record, row in zip(records, rows):
        record["unit_key"] = row.unit.key
        record["unit_label"] = row.unit.label()
    return records


def light_records(rows: Sequence[ScorecardRow], lang: str = "vi") -> list[dict]:
    """What counts and the matrix need of each row, without the display
    texts `scorecard_records` writes (a tenth of its cost at 4.000 rows):
    indicator_code, indicator, group, unit_key, unit_label, status,
    status_label, achievement, position, forecast, forecast_label, cell_text,
    and `row` (the ScorecardRow)."""
    labels: dict[str, str] = {}
    records = []
    for row in rows:
        a = row.assessment
        forecast = row.forecast.category if row.forecast else None
        key = row.unit.key
        if key not in labels:
            labels[key] = row.unit.label()
        records.append({
            "indicator_code": row.indicator.code, "indicator": row.indicator.display_name(lang),
            "group": row.indicator.group, "unit_key": key, "unit_label": labels[key],
            "status": a.status, "status_label": status_label(a.status, lang),
            "achievement": a.achievement, "position": a.position, "forecast": forecast,
            "forecast_label": forecast_label(forecast, lang),
            "cell_text": _cell_text(a, forecast, row, lang), "row": row,
        })
    return records


def count_statuses(records: Iterable[dict], lang: str = "vi") -> list[tuple[str, str, int]]:
    """(status, "symbol label", count) for every status, in status order (zeros kept,
    so two periods line up)."""
    counts = Counter(r["status"] for r in records)
    return [(s, f"{STATUS_SYMBOLS[s]} {status_label(s, lang)}", counts[s]) for s in STATUS_ORDER]


def _cell_text(assessment, forecast: str | None, row: ScorecardRow, lang: str) -> str:
    """What a matrix cell says: the achievement ("104%"), the band position,
    the forecast of a target not yet due, or the actual."""
    if assessment.status == "not_due":
        return forecast_label(forecast, lang) or SHORT_STATUS[lang]["not_due"]
    if assessment.position:
        return achievement_text(None, assessment.position, lang)
    if assessment.achievement is not None and row.indicator.polarity != "boolean":
        return format_percent(assessment.achievement, 0, lang)
    if row.actual is not None:
        return actual_text(row.actual.value, row.indicator, lang)
    return SHORT_STATUS[lang].get(assessment.status, "")


def status_matrix(records: Sequence[dict], column_key: str, columns: Sequence[tuple[str, str]]
                  ) -> pd.DataFrame:
    """One row per (indicator, column) with a target: the worst status among
    the cell's targets and its text.

    `records` are `light_records`; `column_key` names the field the columns
    are keyed by ("unit_key" or "column"); `columns` lists (key, label) in
    display order. Columns: indicator_code, indicator, group, column,
    column_label, status, status_label, achievement, text, targets (how many
    targets the cell has). Rows keep the records' indicator order.
    """
    labels = dict(columns)
    order = {key: i for i, (key, _l) in enumerate(columns)}
    cells: dict[tuple[str, str], list[dict]] = {}
    for record in records:
        key = record[column_key]
        if key in labels:
            cells.setdefault((record["indicator_code"], key), []).append(record)
    rows = []
    for (code, key), group in cells.items():
        worst = min(group, key=lambda r: SEVERITY.index(r["status"]))
        rows.append({
            "indicator_code": code, "indicator": worst["indicator"], "group": worst["group"],
            "column": key, "column_label": labels[key], "status": worst["status"],
            "status_label": worst["status_label"], "achievement": worst["achievement"],
            "text": worst["cell_text"], "targets": len(group), "_order": order[key],
        })
    columns_out = ["indicator_code", "indicator", "group", "column", "column_label", "status",
                   "status_label", "achievement", "text", "targets"]
    if not rows:
        return pd.DataFrame(columns=columns_out)
    frame = pd.DataFrame(rows)
    first_seen = {code: i for i, code in enumerate(dict.fromkeys(r["indicator_code"] for r in records))}
    frame["_row"] = frame["indicator_code"].map(first_seen)
    return frame.sort_values(["_row", "_order"]).drop(columns=["_row", "_order"]).reset_index(drop=True)


def is_at_risk(record: dict) -> bool:
    """Not met or nearly met, without data once due, or running and forecast
    off track."""
    return record["status"] in ("not_met", "nearly", "no_data") or (
        record["status"] == "not_due" and record["forecast"] in RISKY_FORECASTS)


def at_risk(records: Sequence[dict], lang: str = "vi") -> pd.DataFrame:
    """The targets at risk among `light_records`, worst first (by status, then
    achievement). Columns: unit, indicator, period_label, status,
    status_label, target_text, actual_text, achievement, achievement_text,
    forecast_label, forecast_note, indicator_code, unit_key."""
    risky = row_records([r["row"] for r in records if is_at_risk(r)], lang)
    columns = ["unit", "indicator", "period_label", "status", "status_label", "target_text",
               "actual_text", "achievement", "achievement_text", "forecast_label",
               "forecast_note", "indicator_code", "unit_key"]
    if not risky:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame([{**r, "unit": r["unit_label"]} for r in risky])[columns]
    frame["_severity"] = frame["status"].map(SEVERITY.index)
    frame = frame.sort_values(["_severity", "achievement"], na_position="first", kind="stable")
    return frame.drop(columns="_severity").reset_index(drop=True)


def periods_within(period: Period, kind: str) -> list[Period]:
    """The calendar periods of `kind` lying within `period` (a phase from
    15/01 holds no whole January)."""
    years = parse_period(f"{period.start.year}-{period.end.year}") if (
        period.end.year > period.start.year) else parse_period(str(period.start.year))
    parts = subperiods(years, "year") if years.kind == "term" else [years]
    found = []
    for year in parts:
        found += [p for p in ([year] if kind == "year" else subperiods(year, kind))
                  if contains(period, p)]
    return found


def matrix_periods(period: Period, catalog: Catalog, plan_code: str | None = None) -> list[Period]:
    """The columns of the status matrix by period: the years the plans cover
    for a year or a term, the halves/quarters/months of the year for those,
    the year's phases for a phase."""
    if period.kind in ("year", "term"):
        years = plan_years(catalog, plan_code) or [period.start.year]
        return [parse_period(str(y)) for y in years
                if period.kind == "year" or contains(period, parse_period(str(y)))]
    if period.kind == "phase":
        return sorted((p for p in catalog.phases.values() if p.start.year == period.start.year),
                      key=lambda p: p.sort_key)
    return subperiods(parse_period(str(period.start.year)), period.kind)


def report_share(conn, catalog: Catalog, records: Sequence[dict], period: Period,
                 as_of: dt.date) -> ReportShare:
    """Reports expected for the records' (indicator, unit) cells — each period
    of the indicator's reporting frequency within `period` ended by `as_of` —
    and how many have a value."""
    labels = {r["unit_key"]: r["unit_label"] for r in records}
    by_kind: dict[str, set[tuple[str, str]]] = {}
    for r in records:
        kind = catalog.indicators[r["indicator_code"]].frequency
        by_kind.setdefault(kind, set()).add((r["indicator_code"], r["unit_key"]))
    ids = {key: uid for key, (uid, _u) in units_by_key(conn, labels).items()}
    tally: dict[str, list[int]] = {}
    for kind, cells in by_kind.items():
        due = [p.code for p in periods_within(period, kind) if p.end <= as_of]
        if not due:
            continue
        for codes, keys in unit_blocks(cells):
            got = reports_received(
                conn, unit_ids=sorted(ids[k] for k in keys),
                indicator_ids=sorted(catalog.indicator_ids[c] for c in codes),
                period_codes=due, as_of=as_of)
            for code in codes:
                for key in keys:
                    if (code, key) in cells:
                        counts = tally.setdefault(key, [0, 0])
                        counts[0] += len(due)
                        counts[1] += got.get((catalog.indicator_ids[code], ids[key]), 0)
    frame = pd.DataFrame(
        [{"unit_key": key, "unit": labels[key], "expected": e, "received": r, "share": r / e}
         for key, (e, r) in tally.items()],
        columns=["unit_key", "unit", "expected", "received", "share"],
    ).sort_values(["share", "unit"], kind="stable").reset_index(drop=True)
    return ReportShare(int(frame["expected"].sum()), int(frame["received"].sum()), frame)


def load_overview(
    engine: Engine,
    *,
    period_code: str,
    unit_key: str,
    as_of: dt.date,
    plan_code: str | None = None,
    children: bool = True,
    group: str | None = None,
    axis: str = "localities",
    compare: str | None = None,
    lang: str = "vi",
    settings: Settings | None = None,
) -> Overview:
    """The overview of one locality (with its children when `children`) for a
    period. `axis` "localities" puts units in the matrix columns, "periods"
    puts the periods of `matrix_periods` (for the locality's own targets).
    `compare` "previous" or "last_year" adds the counts of that period.

    Raises PeriodError for an unknown period code, KeyError for an unknown unit.
    """
    with engine.connect() as conn:
        catalog = load_catalog(conn)
        period = catalog.period(period_code)
        scope = scope_units(conn, unit_key, period, children=children)
        codes = [c for c, i in catalog.indicators.items() if group is None or i.group == group]

        def rows_for(p: Period, keys: Sequence[str]) -> list[ScorecardRow]:
            return load_rows(conn, catalog, unit_keys=keys, period=p, as_of=as_of,
                             plan_code=plan_code, indicator_codes=codes, settings=settings)

        records = light_records(rows_for(period, scope.keys), lang)
        if axis == "periods":
            columns = [(p.code, period_label(p, lang)) for p in matrix_periods(period, catalog, plan_code)]
            by_period = []
            for p, _label in columns:
                for record in light_records(rows_for(catalog.period(p), scope.own_keys), lang):
                    by_period.append({**record, "column": p})
            matrix = status_matrix(by_period, "column", columns)
        else:
            matrix = status_matrix(records, "unit_key", scope.columns)
        other = compare_period(period, compare, catalog) if compare else None
        earlier = [{"status": r.assessment.status} for r in rows_for(other, scope.keys)] \
            if other else []
        # A period no plan covers has nothing to compare with.
        compare_counts = count_statuses(earlier, lang) if earlier else None
        other = other if earlier else None
        reports = report_share(conn, catalog, records, period, as_of)
    risky = at_risk(records, lang)
    # The scorecard rows stay behind: pages and caches need the plain fields.
    records = [{k: v for k, v in r.items() if k != "row"} for r in records]
    return Overview(
        place=scope.label, period=period, period_text=period_label(period, lang),
        records=records, counts=count_statuses(records, lang),
        compare_text=period_label(other, lang) if other else None,
        compare_counts=compare_counts, matrix=matrix, at_risk=risky, reports=reports,
    )
