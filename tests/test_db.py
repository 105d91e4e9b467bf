"""Engine settings and write transactions that wait or retry instead of failing."""
from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import OperationalError

from kpi.db import create_store_engine, upgrade, write_transaction
from kpi.schema import upload_batches


def _batch(conn, source):
    import datetime as dt

    conn.execute(insert(upload_batches).values(
        created_at=dt.datetime.now(dt.timezone.utc), author="t", source=source, kind="cli",
        status="committed", row_count=0))


def test_sqlite_pragmas(tmp_path):
    engine = create_store_engine(f"sqlite:///{tmp_path / 's.db'}")
    with engine.connect() as conn:
        pragmas = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                   for name in ("journal_mode", "foreign_keys", "busy_timeout")}
    assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 10000}


def test_two_writers_queue_instead_of_failing(fresh_engine):
    started = threading.Event()
    errors = []

    def slow_writer():
        def work(conn):
            _batch(conn, "a.xlsx")
            started.set()
            time.sleep(0.4)
        try:
            write_transaction(fresh_engine, work)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    thread = threading.Thread(target=slow_writer)
    thread.start()
    started.wait(5)
    write_transaction(fresh_engine, lambda conn: _batch(conn, "b.xlsx"))
    thread.join()
    assert errors == []
    with fresh_engine.connect() as conn:
        assert sorted(conn.execute(select(upload_batches.c.source)).scalars()) == [
            "a.xlsx", "b.xlsx"]


def test_a_locked_database_is_retried_and_the_failed_attempt_left_nothing(tmp_path):
    engine = create_store_engine(f"sqlite:///{tmp_path / 'r.db'}")
    upgrade(engine)
    attempts = []

    def work(conn):
        _batch(conn, f"try-{len(attempts)}")
        attempts.append(1)
        if len(attempts) == 1:
            raise OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked"))
        return "done"

    assert write_transaction(engine, work, backoff=0.001) == "done"
    with engine.connect() as conn:
        assert list(conn.execute(select(upload_batches.c.source)).scalars()) == ["try-1"]


def test_other_errors_roll_back_and_propagate(tmp_path):
    engine = create_store_engine(f"sqlite:///{tmp_path / 'e.db'}")
    upgrade(engine)

    def work(conn):
        _batch(conn, "x")
        raise ValueError("Dữ liệu sai")

    with pytest.raises(ValueError):
        write_transaction(engine, work)
    with engine.connect() as conn:
        assert conn.execute(select(upload_batches.c.id)).first() is None
