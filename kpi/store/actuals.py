"""Upload batches and revised actual values in the store.

A value is never updated in place: a correction inserts the next revision of
the same (indicator, unit, period, standing), and the batch records who sent
which file when.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable, Sequence

from sqlalchemy import Connection, bindparam, func, insert, select

from kpi.actuals import ActualRecord
from kpi.schema import actual_values, indicators, upload_batches, units
from kpi.store.units import unit_ids

_BATCH = 5000


def create_batch(
    conn: Connection, *, author: str, source: str, kind: str, sha256: str | None = None
) -> int:
    """Open an upload batch (status 'committed' once the caller's transaction commits)."""
    return conn.execute(
        insert(upload_batches).values(
            created_at=dt.datetime.now(dt.timezone.utc), author=author, source=source,
            sha256=sha256, kind=kind, status="committed", row_count=0,
        ).returning(upload_batches.c.id)
    ).scalar_one()


def insert_actuals(conn: Connection, batch_id: int, records: Sequence[ActualRecord]) -> int:
    """Insert the records' revisions as given, in the caller's transaction.

    Records name indicators by code and units by key; returns the row count.
    Raises KeyError for an unknown indicator or unit, and the database's
    IntegrityError when a revision already exists.
    """
    now = dt.datetime.now(dt.timezone.utc)
    indicator_id = dict(conn.execute(select(indicators.c.code, indicators.c.id)).all())
    unit_id = unit_ids(conn, {r.unit_key for r in records})
    rows = [
        {
            "indicator_id": indicator_id[r.indicator_code], "unit_id": unit_id[r.unit_key],
            "period_code": r.period, "value": float(r.value), "standing": r.standing,
            "revision": r.revision, "batch_id": batch_id, "author": r.author or "?",
            "recorded_at": now, "reported_on": r.reported_on or now.date(), "note": None,
        }
        for r in records
    ]
    for start in range(0, len(rows), _BATCH):
        conn.execute(insert(actual_values), rows[start:start + _BATCH])
    conn.execute(
        upload_batches.update().where(upload_batches.c.id == batch_id)
        .values(row_count=upload_batches.c.row_count + len(rows))
    )
    return len(rows)


def load_actuals(
    conn: Connection,
    *,
    unit_keys: Iterable[str] | None = None,
    period_codes: Iterable[str] | None = None,
    indicator_codes: Iterable[str] | None = None,
) -> list[ActualRecord]:
    """Every stored revision matching the filters (None = no filter)."""
    query = (
        select(
            indicators.c.code.label("indicator_code"), units.c.code_system,
            units.c.code.label("unit_code"), actual_values.c.period_code,
            actual_values.c.value, actual_values.c.standing, actual_values.c.revision,
            actual_values.c.reported_on, actual_values.c.author, actual_values.c.batch_id,
            upload_batches.c.source,
        )
        .join(indicators, actual_values.c.indicator_id == indicators.c.id)
        .join(units, actual_values.c.unit_id == units.c.id)
        .join(upload_batches, actual_values.c.batch_id == upload_batches.c.id)
        .where(upload_batches.c.status == "committed")
        .order_by(actual_values.c.id)
    )
    params = {}
    if unit_keys is not None:
        unit_keys = list(unit_keys)
        ids = unit_ids(conn, unit_keys)
        params["uids"] = [ids[k] for k in unit_keys if k in ids]
        query = query.where(actual_values.c.unit_id.in_(bindparam("uids", expanding=True)))
    if period_codes is not None:
        params["periods"] = list(period_codes)
        query = query.where(actual_values.c.period_code.in_(bindparam("periods", expanding=True)))
    if indicator_codes is not None:
        params["codes"] = list(indicator_codes)
        query = query.where(indicators.c.code.in_(bindparam("codes", expanding=True)))
    return [
        ActualRecord(
            indicator_code=row.indicator_code, unit_key=f"{row.code_system}:{row.unit_code}",
            period=row.period_code, value=row.value, standing=row.standing,
            revision=row.revision, reported_on=row.reported_on, author=row.author,
            source=row.source, batch_id=row.batch_id,
        )
        for row in conn.execute(query, params)
    ]


def count_actuals(conn: Connection) -> int:
    """How many value revisions are stored."""
    return conn.execute(select(func.count()).select_from(actual_values)).scalar_one()
