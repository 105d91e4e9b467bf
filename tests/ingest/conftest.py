"""Fixtures of the upload tests: one store with the seed plans' catalogue per
session and backend, copied (SQLite) or cleared of uploads (PostgreSQL) for
each test — a freshly migrated PostgreSQL store costs about a second."""
from __future__ import annotations

import os
import shutil
import uuid

import pytest
from sqlalchemy import create_engine, delete, text
from sqlalchemy.engine import make_url

from kpi.db import create_store_engine, upgrade
from kpi.schema import actual_values, audit_log, upload_batches, upload_files
from tests.ingest.files import catalogue_store

# What uploads write; cleared between tests sharing one catalogue store.
_WRITTEN = (audit_log, actual_values, upload_batches, upload_files)


@pytest.fixture(scope="session")
def _catalogue_sqlite(tmp_path_factory):
    path = tmp_path_factory.mktemp("catalogue") / "catalogue.db"
    engine = create_store_engine(f"sqlite:///{path}")
    upgrade(engine)
    catalogue_store(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def _catalogue_postgres():
    """A scratch PostgreSQL database of this session's own, with the catalogue
    loaded once (a fresh migrated store per test costs a second there)."""
    admin_url = os.environ.get("KPI_TEST_POSTGRES_URL")
    if not admin_url:
        pytest.skip("KPI_TEST_POSTGRES_URL chưa đặt: bỏ qua kiểm thử PostgreSQL")
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"kpi_ingest_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))  # our own name, not user text
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    engine = create_store_engine(url)
    upgrade(engine)
    catalogue_store(engine)
    engine.dispose()
    yield url
    with admin.connect() as conn:
        conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = :name"), {"name": name})
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url_with_catalogue(request, tmp_path) -> str:
    """URL of a store holding the catalogue and no uploads, on SQLite and PostgreSQL."""
    if request.param == "sqlite":
        copy = tmp_path / "store.db"
        shutil.copy(request.getfixturevalue("_catalogue_sqlite"), copy)
        return f"sqlite:///{copy}"
    url = request.getfixturevalue("_catalogue_postgres")
    engine = create_store_engine(url)
    with engine.begin() as conn:
        for table in _WRITTEN:
            conn.execute(delete(table))
    engine.dispose()
    return url


@pytest.fixture
def store(store_url_with_catalogue):
    """An engine on a store with the catalogue and no uploads (SQLite and PostgreSQL)."""
    engine = create_store_engine(store_url_with_catalogue)
    yield engine
    engine.dispose()
