"""Uploaded workbooks in the store: archived files, upload batches, revisions per cell.

A value is never updated: a commit inserts the next revision of each
(indicator, unit, period, standing) it changes. Revision numbers count every
batch, rolled back or not, so a number is never reused; the value a cell
holds is its latest revision in a committed batch.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from operator import itemgetter
from typing import Iterable, Sequence

from sqlalchemy import Connection, bindparam, func, insert, select, update
from sqlalchemy.orm import aliased

from kpi.schema import actual_values, indicators, upload_batches, upload_files, units
from kpi.store.units import unit_ids
from kpi.units import Unit

_CHUNK = 5000
# Any number, the same in every process and replica: the advisory lock that
# upload commits and rollbacks take on PostgreSQL (see `lock_uploads`).
_UPLOAD_LOCK = 0x4B50495550  # "KPIUP"


@dataclass(frozen=True)
class CellState:
    """What the store holds for one (indicator, unit, period, standing)."""

    last_revision: int  # highest revision in any batch
    value: float | None  # of the latest revision in a committed batch
    revision: int | None  # that revision
    note: str | None = None


@dataclass(frozen=True)
class UploadRecord:
    """One upload batch as the history lists it."""

    id: int
    created_at: dt.datetime
    author: str
    file_name: str
    sha256: str | None
    status: str
    unit_key: str | None
    period: str | None
    row_count: int
    new: int | None
    changed: int | None
    unchanged: int | None
    warnings: int | None
    rolled_back_at: dt.datetime | None
    rolled_back_by: str | None


def lock_uploads(conn: Connection) -> None:
    """Make upload commits and rollbacks take turns until the caller's transaction ends.

    A commit reads each cell's last revision and writes the next one; two at
    once on PostgreSQL (read committed) would pick the same number and one
    would fail. A transaction-level advisory lock makes them queue, as
    SQLite's BEGIN IMMEDIATE already does there (nothing to do on SQLite).
    Released at commit or rollback, and by the server when a client dies.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(bindparam("key"))), {"key": _UPLOAD_LOCK})


def cell_states(
    conn: Connection, period_codes: Iterable[str], unit_keys: Iterable[str] | None = None
) -> dict[tuple[str, str, str, str], CellState]:
    """(indicator code, unit key, period, standing) → CellState for the periods
    (and units, None = all) given."""
    periods = sorted(set(period_codes))
    if not periods:
        return {}
    query = (
        select(indicators.c.code, units.c.code_system, units.c.code, actual_values.c.period_code,
               actual_values.c.standing, actual_values.c.revision, actual_values.c.value,
               actual_values.c.note, upload_batches.c.status)
        .join(indicators, actual_values.c.indicator_id == indicators.c.id)
        .join(units, actual_values.c.unit_id == units.c.id)
        .join(upload_batches, actual_values.c.batch_id == upload_batches.c.id)
        .where(actual_values.c.period_code.in_(bindparam("periods", expanding=True)))
    )
    wanted = None if unit_keys is None else set(unit_keys)
    found: dict[tuple[str, str, str, str], CellState] = {}
    for code, system, unit_code, period, standing, revision, value, note, status in conn.execute(
            query, {"periods": periods}):
        key = f"{system}:{unit_code}"
        if wanted is not None and key not in wanted:
            continue
        cell = (code, key, period, standing)
        old = found.get(cell)
        last = max(revision, old.last_revision) if old else revision
        if status == "committed" and (old is None or old.revision is None or revision > old.revision):
            found[cell] = CellState(last, value, revision, note)
        else:
            found[cell] = CellState(last, old.value if old else None,
                                    old.revision if old else None, old.note if old else None)
    return found


def units_with_codes(conn: Connection, codes: Iterable[str]) -> list[Unit]:
    """The units (of any code system) whose code is one of `codes`, with their
    parent's key — what an upload names, without reading all 14.000 units."""
    wanted = sorted(set(codes))
    if not wanted:
        return []
    parent = aliased(units)
    query = select(
        units.c.code_system, units.c.code, units.c.name, units.c.type, units.c.level,
        parent.c.code_system.label("p_system"), parent.c.code.label("p_code"),
        units.c.valid_from, units.c.valid_to,
    ).outerjoin(parent, units.c.parent_id == parent.c.id).where(
        units.c.code.in_(bindparam("codes", expanding=True)))
    found = []
    for start in range(0, len(wanted), _CHUNK):
        for row in conn.execute(query, {"codes": wanted[start:start + _CHUNK]}):
            found.append(Unit(
                code_system=row.code_system, code=row.code, name=row.name, type=row.type,
                level=row.level,
                parent_key=f"{row.p_system}:{row.p_code}" if row.p_code is not None else None,
                valid_from=row.valid_from, valid_to=row.valid_to))
    return found


def archive_file(conn: Connection, sha256: str, file_name: str, content: bytes) -> int:
    """The id of the archived file with this SHA-256, storing it first if new."""
    found = conn.execute(select(upload_files.c.id).where(upload_files.c.sha256 == sha256)).first()
    if found:
        return found[0]
    return conn.execute(
        insert(upload_files).values(
            sha256=sha256, file_name=file_name[:300], size=len(content), content=content,
            created_at=dt.datetime.now(dt.timezone.utc),
        ).returning(upload_files.c.id)
    ).scalar_one()


def create_upload(
    conn: Connection, *, author: str, file_name: str, sha256: str, file_id: int,
    unit_key: str | None, period: str | None, new: int, changed: int, unchanged: int,
    warnings: int,
) -> int:
    """Open a committed upload batch in the caller's transaction; returns its id."""
    unit_id = unit_ids(conn).get(unit_key) if unit_key else None
    return conn.execute(
        insert(upload_batches).values(
            created_at=dt.datetime.now(dt.timezone.utc), author=author, source=file_name[:300],
            sha256=sha256, kind="upload", status="committed", row_count=new + changed,
            file_id=file_id, unit_id=unit_id, period_code=period, new_count=new,
            changed_count=changed, unchanged_count=unchanged, warning_count=warnings,
        ).returning(upload_batches.c.id)
    ).scalar_one()


def insert_revisions(
    conn: Connection, batch_id: int, rows: Sequence[tuple[str, str, str, str, int, float, str | None]],
    *, author: str, reported_on: dt.date,
) -> int:
    """Insert (indicator code, unit key, period, standing, revision, value, note) rows.

    Goes through the DB-API's executemany with tuples — about 3× faster than
    SQLAlchemy's per-row dict processing at 100.000 rows — on SQL compiled
    by SQLAlchemy from the table, with bound parameters. Raises KeyError for
    an unknown indicator or unit, IntegrityError when a revision exists.
    """
    indicator_id = dict(conn.execute(select(indicators.c.code, indicators.c.id)).all())
    unit_id = unit_ids(conn)
    columns = ("indicator_id", "unit_id", "period_code", "standing", "revision", "value", "note",
               "batch_id", "author", "recorded_at", "reported_on")
    dialect = conn.dialect
    compiled = insert(actual_values).values({c: None for c in columns}).compile(dialect=dialect)

    def processed(column: str, value):
        process = actual_values.c[column].type.dialect_impl(dialect).bind_processor(dialect)
        return process(value) if process else value

    constant = (batch_id, author, processed("recorded_at", dt.datetime.now(dt.timezone.utc)),
                processed("reported_on", reported_on))
    # Positional drivers (sqlite3) take tuples in the compiled statement's order.
    order = itemgetter(*(columns.index(n) for n in compiled.positiontup)) \
        if compiled.positional else None
    for start in range(0, len(rows), _CHUNK):
        chunk = [(indicator_id[ind], unit_id[unit], period, standing, revision, float(value), note)
                 + constant for ind, unit, period, standing, revision, value, note
                 in rows[start:start + _CHUNK]]
        if order is None:  # named parameters (psycopg)
            params = [dict(zip(columns, row)) for row in chunk]
        else:
            params = [order(row) for row in chunk]
        conn.exec_driver_sql(compiled.string, params)
    return len(rows)


def set_rolled_back(conn: Connection, batch_id: int, actor: str) -> None:
    """Mark a batch rolled back (its values stop counting; nothing is deleted)."""
    conn.execute(
        update(upload_batches).where(upload_batches.c.id == batch_id).values(
            status="rolled_back", rolled_back_at=dt.datetime.now(dt.timezone.utc),
            rolled_back_by=actor,
        )
    )


def _records(conn: Connection, query) -> list[UploadRecord]:
    rows = conn.execute(
        query.add_columns(units.c.code_system, units.c.code)
        .outerjoin(units, upload_batches.c.unit_id == units.c.id)
    )
    return [
        UploadRecord(
            id=r.id, created_at=r.created_at, author=r.author, file_name=r.source, sha256=r.sha256,
            status=r.status, unit_key=f"{r.code_system}:{r.code}" if r.code else None,
            period=r.period_code, row_count=r.row_count, new=r.new_count,
            changed=r.changed_count, unchanged=r.unchanged_count, warnings=r.warning_count,
            rolled_back_at=r.rolled_back_at, rolled_back_by=r.rolled_back_by,
        )
        for r in rows
    ]


def load_uploads(conn: Connection, *, limit: int = 100, sha256: str | None = None,
                 batch_id: int | None = None) -> list[UploadRecord]:
    """Upload batches (kind 'upload'), newest first; optionally those of one file or one id."""
    query = select(upload_batches).where(upload_batches.c.kind == "upload")
    if sha256 is not None:
        query = query.where(upload_batches.c.sha256 == sha256)
    if batch_id is not None:
        query = query.where(upload_batches.c.id == batch_id)
    return _records(conn, query.order_by(upload_batches.c.id.desc()).limit(limit))


def load_upload_file(conn: Connection, batch_id: int) -> tuple[str, bytes] | None:
    """(file name, original bytes) of an upload batch, or None."""
    found = conn.execute(
        select(upload_files.c.file_name, upload_files.c.content)
        .join(upload_batches, upload_batches.c.file_id == upload_files.c.id)
        .where(upload_batches.c.id == batch_id)
    ).first()
    return (found[0], bytes(found[1])) if found else None


def batch_kind(conn: Connection, batch_id: int) -> tuple[str, str] | None:
    """(kind, status) of any batch, or None when there is no such batch."""
    found = conn.execute(
        select(upload_batches.c.kind, upload_batches.c.status).where(upload_batches.c.id == batch_id)
    ).first()
    return (found[0], found[1]) if found else None
