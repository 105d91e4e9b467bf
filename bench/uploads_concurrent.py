"""Uploads at the deadline: 100 small uploads of the same unit and period, sent by
one process, then by four at once, on SQLite and (with KPI_TEST_POSTGRES_URL)
PostgreSQL.

    .venv/bin/python bench/uploads_concurrent.py [--uploads 100]

Every upload changes the same three cells, the worst case: commits take
turns (SQLite's BEGIN IMMEDIATE; an advisory lock on PostgreSQL), so four
writers cannot beat one by much on the commit itself — the figure to watch
is that they lose nothing and do not fall behind one writer. Prints uploads
per second (preview + commit, wall clock after the workbooks are made) and
the ratio four / one, in the same run.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import create_engine, func, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from kpi.auth import User  # noqa: E402
from kpi.db import create_store_engine, upgrade  # noqa: E402
from kpi.schema import upload_batches  # noqa: E402
from tests.ingest.concurrent_uploads import PHU_QUOC, upload_worker, values_for  # noqa: E402
from tests.ingest.files import catalogue_store  # noqa: E402

SPAWN = multiprocessing.get_context("spawn")
USER = User("thongke.pq", "Thống kê Phú Quốc", "statistician", frozenset({PHU_QUOC}))


def run(url: str, processes: int, uploads: int, offset: int) -> float:
    """Uploads per second with `processes` writers sharing `uploads`."""
    start, errors = SPAWN.Event(), SPAWN.Queue()
    share = uploads // processes
    workers = [SPAWN.Process(target=upload_worker, args=(
        url, offset + w, [values_for(offset + w, n) for n in range(share)], USER, start, errors))
        for w in range(processes)]
    for process in workers:
        process.start()
    time.sleep(8)  # let every worker import and make its workbooks before the clock starts
    began = time.perf_counter()
    start.set()
    for process in workers:
        process.join()
    elapsed = time.perf_counter() - began
    if not errors.empty():
        raise SystemExit(errors.get())
    return share * processes / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=100)
    args = parser.parse_args()
    stores = {}
    folder = tempfile.mkdtemp(prefix="kpi-bench-")
    stores["SQLite"] = f"sqlite:///{folder}/bench.db"
    admin_url = os.environ.get("KPI_TEST_POSTGRES_URL")
    admin = None
    if admin_url:
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        name = f"kpi_bench_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))  # our own name
        stores["PostgreSQL"] = make_url(admin_url).set(database=name).render_as_string(
            hide_password=False)
    try:
        for label, url in stores.items():
            engine = create_store_engine(url)
            upgrade(engine)
            catalogue_store(engine)
            one = run(url, 1, args.uploads, 0)
            four = run(url, 4, args.uploads, 10)
            with engine.connect() as conn:
                count = conn.execute(select(func.count()).select_from(upload_batches)).scalar_one()
            engine.dispose()
            print(f"{label}: 1 tiến trình {one:.1f} lần nộp/s; 4 tiến trình {four:.1f} lần nộp/s "
                  f"(×{four / one:.2f}); {count} lần nộp đã ghi (đủ {2 * args.uploads})")
    finally:
        if admin is not None:
            with admin.connect() as conn:
                conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                  "WHERE datname = :n"), {"n": name})
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))


if __name__ == "__main__":
    main()
