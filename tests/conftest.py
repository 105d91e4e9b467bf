"""Shared fixtures: fresh stores on SQLite and PostgreSQL, the demo store.

PostgreSQL tests run when KPI_TEST_POSTGRES_URL names a server (an admin
URL such as postgresql+psycopg://postgres@127.0.0.1:5432/postgres): the
session creates a scratch database there and drops it at the end. When the
variable is set but the server cannot be reached, the tests fail rather
than skip (CI sets it).
"""
from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from kpi.db import create_store_engine, upgrade
from kpi.schema import metadata

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KPI_SHARED_DIR", REPO.parent / "shared"))
POSTGRES_ADMIN_URL = os.environ.get("KPI_TEST_POSTGRES_URL")


def pytest_configure(config):
    config.addinivalue_line("markers", "postgres: needs the PostgreSQL scratch database")
    config.addinivalue_line("markers", "refdata: regenerates data/units from vietnamadminunits")
    config.addinivalue_line("markers", "browser: drives the running app in headless Chromium")


@pytest.fixture(scope="session")
def postgres_url():
    """URL of a scratch PostgreSQL database for this test session."""
    if not POSTGRES_ADMIN_URL:
        pytest.skip("KPI_TEST_POSTGRES_URL chưa đặt: bỏ qua kiểm thử PostgreSQL")
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"kpi_test_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))  # name is ours, not user text
    except Exception as exc:  # the suite must fail, not skip, when CI asks for PostgreSQL
        pytest.fail(f"Không kết nối được PostgreSQL ({POSTGRES_ADMIN_URL}): {exc}")
    url = make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as conn:
        conn.execute(text(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :name"
        ), {"name": name})
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


def _reset_postgres(url: str):
    engine = create_store_engine(url)
    with engine.begin() as conn:
        metadata.drop_all(conn)
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
    return engine


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """An empty database URL, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    url = request.getfixturevalue("postgres_url")
    _reset_postgres(url).dispose()
    return url


@pytest.fixture
def fresh_engine(store_url):
    """An engine on an empty, fully migrated store (SQLite and PostgreSQL)."""
    engine = create_store_engine(store_url)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def demo_db_file(tmp_path_factory) -> Path:
    """A SQLite file with the demo loaded once per session; copy it to modify."""
    from kpi.demo import load_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    engine = create_store_engine(f"sqlite:///{path}")
    load_demo(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture
def demo_url(demo_db_file, tmp_path) -> str:
    """URL of a private copy of the demo store."""
    copy = tmp_path / "demo.db"
    shutil.copy(demo_db_file, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def demo_engine(demo_url):
    engine = create_store_engine(demo_url)
    yield engine
    engine.dispose()


@pytest.fixture
def shared_dir() -> Path:
    """The shared folder with the seed plans and their labels."""
    if not (SHARED / "seeds-labels").is_dir():
        pytest.skip(f"Không thấy thư mục shared/ ({SHARED})")
    return SHARED
