"""Consistent backups while the app is in use, and restores.

SQLite: the online backup API copies a consistent snapshot page by page
while readers and writers go on. PostgreSQL: `pg_dump`/`pg_restore` (custom
format) when they are installed; otherwise the error says what to run.
"""
from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from kpi.db import create_store_engine, current_revision


class BackupError(Exception):
    """A backup or restore that could not be done (Vietnamese message)."""


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise BackupError("Cơ sở dữ liệu SQLite trong bộ nhớ không sao lưu được")
    return Path(parsed.database)


def _libpq_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def backup(url: str, target: Path) -> Path:
    """Write a consistent copy of the database at `url` to `target`.

    Raises BackupError when the source is missing or the tool is absent.
    """
    target = Path(target)
    source = _sqlite_path(url)
    if source is not None:
        if not source.exists():
            raise BackupError(f"Không thấy tệp cơ sở dữ liệu: {source}")
        target.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        return target
    if shutil.which("pg_dump") is None:
        raise BackupError(
            "Không có pg_dump trên máy này. Với PostgreSQL hãy chạy: "
            "pg_dump --format=custom --file=TỆP \"postgresql://…\" (xem README)")
    result = subprocess.run(["pg_dump", "--format=custom", f"--file={target}", _libpq_url(url)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"pg_dump lỗi: {result.stderr.strip()}")
    return target


def restore(url: str, source: Path) -> None:
    """Replace the database at `url` with the backup in `source`.

    SQLite: the backup must be a Chỉ tiêu database (it is checked before
    anything is replaced). Raises BackupError otherwise.
    """
    source = Path(source)
    if not source.exists():
        raise BackupError(f"Không thấy tệp sao lưu: {source}")
    target = _sqlite_path(url)
    if target is not None:
        try:
            revision = current_revision(create_store_engine(f"sqlite:///{source}"))
        except Exception as exc:
            raise BackupError(f"Tệp {source.name} không phải bản sao lưu hợp lệ: {exc}") from exc
        if revision is None:
            raise BackupError(f"Tệp {source.name} không phải bản sao lưu của Chỉ tiêu")
        target.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
        return
    if shutil.which("pg_restore") is None:
        raise BackupError("Không có pg_restore trên máy này (xem README)")
    result = subprocess.run(["pg_restore", "--clean", "--if-exists", "--no-owner",
                             f"--dbname={_libpq_url(url)}", str(source)],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"pg_restore lỗi: {result.stderr.strip()}")
