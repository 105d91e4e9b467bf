"""The engine and the schema's life: create, upgrade in place, report.

SQLite is the embedded default (a file under data/, WAL journal, foreign keys
on, a busy timeout so readers and a writer can share it); the same code runs
on PostgreSQL when KPI_DATABASE_URL points there.
"""
from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Callable, TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.engine import make_url

from kpi.config import load_settings

T = TypeVar("T")
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 10_000


def create_store_engine(url: str | None = None) -> Engine:
    """Return an engine for `url` (default: the KPI_DATABASE_URL setting).

    For SQLite the parent folder is created and every connection gets
    WAL, foreign keys and a busy timeout. No tables are created here: call
    `upgrade(engine)`.
    """
    url = url or load_settings().database_url
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record) -> None:
        # Let SQLAlchemy emit BEGIN itself, so writers can ask for IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _sqlite_begin(connection) -> None:
        # A writer takes the write lock up front (BEGIN IMMEDIATE): it waits
        # for the busy timeout instead of failing mid-transaction when a read
        # lock cannot be upgraded.
        immediate = connection.get_execution_options().get(WRITE_OPTION)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


WRITE_OPTION = "kpi_write"
# PostgreSQL serialization failure and deadlock; SQLite's "database is locked".
_RETRY_SQLSTATES = {"40001", "40P01"}


def _retryable(error: DBAPIError) -> bool:
    sqlstate = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
    if sqlstate in _RETRY_SQLSTATES:
        return True
    return "database is locked" in str(error.orig).lower()


def write_transaction(engine: Engine, work: Callable[[Connection], T], *,
                      attempts: int = 6, backoff: float = 0.05) -> T:
    """Run `work(conn)` in one write transaction and return its result.

    SQLite: BEGIN IMMEDIATE; PostgreSQL: the default isolation. On a lock or
    serialization failure the whole transaction is rolled back and `work`
    runs again (up to `attempts` times, with jittered exponential backoff), so
    `work` must not have side effects outside the connection. Other errors
    roll back and propagate.
    """
    for attempt in range(attempts):
        try:
            with engine.connect().execution_options(**{WRITE_OPTION: True}) as conn:
                with conn.begin():
                    return work(conn)
        except DBAPIError as error:
            if attempt == attempts - 1 or not _retryable(error):
                raise
            time.sleep(backoff * (2 ** attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest migration's revision id."""
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, target: str = "head") -> tuple[str | None, str]:
    """Create or upgrade the schema to `target` (the newest revision), in place.

    Returns (revision before, revision after). The revisions run in one
    transaction; data already stored is kept. On SQLite, foreign keys are
    off while tables are rebuilt (ALTER TABLE there copies the table) and
    checked before the transaction commits; RuntimeError if any is broken.
    """
    before = current_revision(engine)
    config = _alembic_config()
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:  # must be set outside a transaction to take effect
            connection.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, target)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"Nâng cấp làm hỏng khóa ngoại: {broken[:5]}")
        finally:
            if sqlite:
                connection.connection.driver_connection.execute("PRAGMA foreign_keys=ON")
    return before, current_revision(engine)
