"""Backups taken while the store is being written, and restores."""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from kpi.backup import BackupError, backup, restore
from kpi.db import create_store_engine, upgrade, write_transaction
from kpi.schema import upload_batches

REPO = Path(__file__).resolve().parent.parent


def _add_batches(engine, count, prefix):
    for i in range(count):
        write_transaction(engine, lambda conn, i=i: conn.execute(insert(upload_batches).values(
            created_at=dt.datetime.now(dt.timezone.utc), author="t", source=f"{prefix}{i}",
            kind="cli", status="committed", row_count=0)))


def _count(url):
    engine = create_store_engine(url)
    with engine.connect() as conn:
        n = conn.execute(select(func.count()).select_from(upload_batches)).scalar_one()
    engine.dispose()
    return n


def test_sqlite_backup_during_writes_is_consistent_and_restores(tmp_path):
    url = f"sqlite:///{tmp_path / 'live.db'}"
    engine = create_store_engine(url)
    upgrade(engine)
    _add_batches(engine, 20, "before-")
    writer = threading.Thread(target=_add_batches, args=(engine, 200, "during-"))
    writer.start()
    copy = backup(url, tmp_path / "copy.db")
    writer.join()
    copied = _count(f"sqlite:///{copy}")
    assert 20 <= copied <= 220  # a consistent snapshot somewhere in the stream
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert _count(url) == 220
    engine.dispose()
    restore(url, copy)
    assert _count(url) == copied


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    url = f"sqlite:///{tmp_path / 'live.db'}"
    upgrade(create_store_engine(url))
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"not a database at all" * 100)
    with pytest.raises(BackupError, match="không phải"):
        restore(url, bogus)
    with pytest.raises(BackupError, match="Không thấy"):
        restore(url, tmp_path / "missing.db")


@pytest.mark.postgres
def test_postgres_backup_and_restore_with_pg_dump(postgres_url, tmp_path):
    from tests.conftest import _reset_postgres

    engine = _reset_postgres(postgres_url)
    upgrade(engine)
    _add_batches(engine, 5, "pg-")
    dump = backup(postgres_url, tmp_path / "pg.dump")
    _add_batches(engine, 3, "later-")
    engine.dispose()
    restore(postgres_url, dump)
    assert _count(postgres_url) == 5


def test_cli_backup_and_restore(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    engine = create_store_engine(url)
    upgrade(engine)
    _add_batches(engine, 3, "x")
    env = dict(os.environ, KPI_DATABASE_URL=url, PYTHONPATH=str(REPO))
    run = lambda *a: subprocess.run([sys.executable, "-m", "kpi", *a], env=env, cwd=REPO,
                                    capture_output=True, text=True)
    result = run("backup", "-o", str(tmp_path / "b.db"))
    assert result.returncode == 0 and "Đã sao lưu" in result.stderr
    result = run("restore", "-i", str(tmp_path / "none.db"))
    assert result.returncode == 1 and "Không thấy tệp sao lưu" in result.stderr
