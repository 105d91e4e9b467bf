"""Counting values read in SQL: the revision that counts per cell, months
summed per year, reports received, every revision of a cell, and the data
version caches key on.

The revision that counts follows kpi.actuals.best_record: chính thức beats sơ
bộ beats ước, then the highest revision; only committed batches and values
reported on or before `as_of` count (as kpi.scorecard does).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Sequence

from sqlalchemy import Connection, and_, bindparam, case, func, or_, select

from kpi.schema import actual_values, plans, targets, units, upload_batches
from kpi.schema import indicators as indicators_table

# kpi.actuals.STANDINGS in order of strength; a test keeps them in step.
STANDING_RANK = {"uoc": 0, "so_bo": 1, "chinh_thuc": 2}
STANDING_BY_RANK = {rank: standing for standing, rank in STANDING_RANK.items()}
_REVISIONS = 1_000_000  # revisions of one cell stay far below this
_AV = actual_values.c


@dataclass(frozen=True)
class BestValue:
    """The revision that counts for one (indicator, unit, period) cell (its
    report date is left out: `as_of` was applied in SQL, and reading dates
    back from SQLite text costs a third of the fetch)."""

    indicator_id: int
    unit_id: int
    period: str
    value: float
    standing: str
    revision: int


@dataclass(frozen=True)
class MonthTotal:
    """The counting values of a cell's months in one year, summed.

    `months` is how many of the 12 have a value; `weakest` the weakest
    standing among them.
    """

    indicator_id: int
    unit_id: int
    year: int
    months: int
    total: float
    weakest: str
    last_reported: dt.date | None


def _rank():
    return case(
        (_AV.standing == "chinh_thuc", STANDING_RANK["chinh_thuc"]),
        (_AV.standing == "so_bo", STANDING_RANK["so_bo"]),
        else_=STANDING_RANK["uoc"],
    )


def _counting(as_of: dt.date):
    """Rows that may count: committed batches, reported by `as_of`.

    Written as "not in a batch that is not committed": the few rolled-back
    batches are excluded without steering SQLite onto the batch index, which
    would scan every value of a large committed batch.
    """
    other = select(upload_batches.c.id).where(upload_batches.c.status != "committed")
    return and_(_AV.batch_id.not_in(other.scalar_subquery()), _AV.reported_on <= as_of)


def _cells(unit_ids: Sequence[int], indicator_ids: Sequence[int]):
    return and_(
        _AV.unit_id.in_(bindparam("unit_ids", list(unit_ids), expanding=True)),
        _AV.indicator_id.in_(bindparam("indicator_ids", list(indicator_ids), expanding=True)),
    )


def _best(conn: Connection, where, as_of: dt.date):
    """The counting revision of each matching (indicator, unit, period) cell,
    as a subquery with the value's columns and its standing's `rank`.

    SQLite picks it with max() over a grouped query, whose other columns come
    from the row holding the maximum (documented SQLite behaviour, ~2× faster
    than a window there); other databases number the revisions with a window.
    """
    rank = _rank()
    columns = (_AV.indicator_id, _AV.unit_id, _AV.period_code, _AV.value, _AV.standing,
               _AV.revision, _AV.reported_on, rank.label("rank"))
    cell = (_AV.indicator_id, _AV.unit_id, _AV.period_code)
    if conn.dialect.name == "sqlite":
        strongest = func.max(rank * _REVISIONS + _AV.revision).label("strongest")
        return (select(*columns, strongest).where(where, _counting(as_of))
                .group_by(*cell).subquery("best"))
    order = func.row_number().over(partition_by=cell, order_by=(rank.desc(), _AV.revision.desc()))
    ranked = select(*columns, order.label("rn")).where(where, _counting(as_of)).subquery("ranked")
    return select(*(c for c in ranked.c if c.name != "rn")).where(ranked.c.rn == 1).subquery("best")


def best_values(
    conn: Connection,
    *,
    unit_ids: Sequence[int],
    indicator_ids: Sequence[int],
    as_of: dt.date,
    period_codes: Iterable[str] | None = None,
    first_year: int | None = None,
    last_year: int | None = None,
) -> list[BestValue]:
    """The counting revision of every cell of units × indicators, for the given
    period codes and/or every period code of the years first_year..last_year
    (months, quarters, halves, the year, phases). Empty when ids are empty."""
    if not unit_ids or not indicator_ids:
        return []
    clauses = []
    if period_codes is not None:
        clauses.append(_AV.period_code.in_(bindparam("codes", list(period_codes), expanding=True)))
    if first_year is not None and last_year is not None:
        # Codes of a year sort between "2024" and "2025" ("2024-01", "2024-Q3"…).
        clauses.append(and_(_AV.period_code >= str(first_year),
                            _AV.period_code < str(last_year + 1)))
    if not clauses:
        raise ValueError("best_values: cần danh sách kỳ hoặc khoảng năm")
    best = _best(conn, and_(_cells(unit_ids, indicator_ids), or_(*clauses)), as_of)
    rows = conn.execute(select(best.c.indicator_id, best.c.unit_id, best.c.period_code,
                               best.c.value, best.c.standing, best.c.revision))
    return [BestValue(*row) for row in rows]


def month_totals(
    conn: Connection,
    *,
    unit_ids: Sequence[int],
    indicator_ids: Sequence[int],
    years: Iterable[int],
    as_of: dt.date,
) -> list[MonthTotal]:
    """For each cell and year, the sum of its months' counting values (SQL does
    the sum: one row per cell-year instead of twelve)."""
    years = sorted(set(years))
    if not unit_ids or not indicator_ids or not years:
        return []
    month = and_(
        _AV.period_code >= str(years[0]), _AV.period_code < str(years[-1] + 1),
        func.length(_AV.period_code) == 7,
        func.substr(_AV.period_code, 6, 1).in_(("0", "1")),  # "2024-06", not "2024-Q2"
    )
    best = _best(conn, and_(_cells(unit_ids, indicator_ids), month), as_of)
    year = func.substr(best.c.period_code, 1, 4)
    rows = conn.execute(
        select(best.c.indicator_id, best.c.unit_id, year.label("year"),
               func.count().label("months"), func.sum(best.c.value).label("total"),
               func.min(best.c.rank).label("weakest"),
               func.max(best.c.reported_on).label("last_reported"))
        .group_by(best.c.indicator_id, best.c.unit_id, year)
    )
    wanted = set(years)
    return [
        MonthTotal(r.indicator_id, r.unit_id, int(r.year), r.months, r.total,
                   STANDING_BY_RANK[r.weakest], _as_date(r.last_reported))
        for r in rows if int(r.year) in wanted
    ]


def _as_date(value) -> dt.date | None:
    # max() over a Date column comes back as text on SQLite.
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def reports_received(
    conn: Connection,
    *,
    unit_ids: Sequence[int],
    indicator_ids: Sequence[int],
    period_codes: Sequence[str],
    as_of: dt.date,
) -> dict[tuple[int, int], int]:
    """(indicator id, unit id) → how many of the period codes have at least
    one counting value, for the cells of units × indicators that have any."""
    if not unit_ids or not indicator_ids or not period_codes:
        return {}
    query = select(
        _AV.indicator_id, _AV.unit_id, func.count(_AV.period_code.distinct()),
    ).where(
        _cells(unit_ids, indicator_ids),
        _AV.period_code.in_(bindparam("codes", list(period_codes), expanding=True)),
        _counting(as_of),
    ).group_by(_AV.indicator_id, _AV.unit_id)
    return {(i, u): n for i, u, n in conn.execute(query)}


def value_history(
    conn: Connection, *, indicator_id: int, unit_id: int, period_codes: Sequence[str]
) -> list[dict]:
    """Every stored revision of one indicator and unit for the periods, oldest
    first: period, value, standing, revision, author, reported_on,
    recorded_at, source (the batch's file or origin), batch_status, note."""
    query = (
        select(_AV.period_code.label("period"), _AV.value, _AV.standing, _AV.revision,
               _AV.author, _AV.reported_on, _AV.recorded_at, _AV.note,
               upload_batches.c.source, upload_batches.c.status.label("batch_status"))
        .join(upload_batches, _AV.batch_id == upload_batches.c.id)
        .where(_AV.indicator_id == indicator_id, _AV.unit_id == unit_id,
               _AV.period_code.in_(bindparam("codes", list(period_codes), expanding=True)))
        .order_by(_AV.period_code, _AV.reported_on, _AV.id)
    )
    return [dict(row._mapping) for row in conn.execute(query)]


def data_version(conn: Connection) -> tuple:
    """A cheap fingerprint of what the dashboards read: it changes when values,
    batches, targets, plans, indicators or units are added, rolled back or
    replaced (caches key on it)."""
    def one(query):
        return tuple(conn.execute(query).one())

    return (
        one(select(func.max(_AV.id))),
        one(select(func.max(upload_batches.c.id), func.count()).where(
            upload_batches.c.status != "committed")),
        one(select(func.max(upload_batches.c.id))),
        one(select(func.max(targets.c.id), func.count(targets.c.id))),
        one(select(func.max(plans.c.id), func.count(plans.c.id))),
        one(select(func.max(indicators_table.c.id), func.count(indicators_table.c.id))),
        one(select(func.max(units.c.id), func.count(units.c.id))),
    )
