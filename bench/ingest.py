"""Upload speed: a 100.000-value workbook in the wide layout, end to end.

    .venv/bin/python bench/ingest.py [--units 1000] [--indicators 100]

Builds a store (the 2025 units, 100 indicators with a 2025 plan) and a wide
workbook (indicators down, 1.000 communes across, "Kỳ báo cáo: Năm 2025"
above), then measures in one run, each step in fresh child processes (best
of several runs; the modules a server keeps loaded are imported first) so
that its peak memory is its own:

- bare parse: python-calamine reads the sheet into Python values (the floor);
- dry run: `preview_upload` — structural checks, parse, resolve, validate,
  diff against the store; nothing written;
- commit: the dry run plus `commit_upload` (one transaction, every value a
  revision, the file archived, an audit row);
- naive: `pandas.read_excel(engine="openpyxl")`, then one ORM `session.add`
  per value and a single commit.

Prints seconds, peak resident memory (MB) and the ratios the issue sets as
goals: commit within 3× the bare parse, ≥ 10× faster than the naive path,
peak memory under 500 MB.
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib
import io
import multiprocessing
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook  # noqa: E402
from sqlalchemy import select  # noqa: E402

from kpi.db import create_store_engine  # noqa: E402
from kpi.demo import prepare_store  # noqa: E402
from kpi.indicators import Indicator  # noqa: E402
from kpi.plans import Plan  # noqa: E402
from kpi.schema import units as units_table  # noqa: E402
from kpi.store.catalog import save_indicators, save_plan  # noqa: E402
from kpi.targets import Target  # noqa: E402

PERIOD, PROVINCE = "2025", "vn2025:91"
TODAY = dt.date(2026, 1, 15)


def build_store(path: Path, indicators: int) -> list[str]:
    """The reference units and `indicators` indicators with 2025 targets; returns commune codes."""
    engine = create_store_engine(f"sqlite:///{path}")
    prepare_store(engine)
    catalogue = [Indicator(f"BENCH_{i:03d}", f"Chỉ tiêu thử {i:03d}", "tỷ đồng", "kinh_te", "higher",
                           temporal="flow", aggregation="sum", min_value=0, decimals=1)
                 for i in range(indicators)]
    plan = Plan("BENCH-2025", "Kế hoạch thử 2025", PERIOD, "plan", unit_key=PROVINCE)
    targets = [Target(i.code, PROVINCE, PERIOD, "at_least", value=1000.0) for i in catalogue]
    with engine.begin() as conn:
        save_indicators(conn, catalogue)
        save_plan(conn, plan, targets, actor="bench")
        communes = [code for (code,) in conn.execute(
            select(units_table.c.code).where(units_table.c.code_system == "vn2025",
                                             units_table.c.level == "commune")
            .order_by(units_table.c.code))]
    with engine.connect() as conn:  # the copies taken per step must hold everything
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return communes


def build_workbook(communes: list[str], indicators: int) -> bytes:
    """Indicators down, communes across, values as numbers: len(communes) × indicators."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Số liệu xã")
    sheet.append(["BÁO CÁO SỐ LIỆU CÁC XÃ"])
    sheet.append(["Kỳ báo cáo:", "Năm 2025"])
    sheet.append(["Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", *communes])
    for i in range(indicators):
        sheet.append([f"BENCH_{i:03d}", f"Chỉ tiêu thử {i:03d}", "tỷ đồng",
                      *(round(100 + (i * 7919 + j * 104729) % 90000 / 10, 1)
                        for j in range(len(communes)))])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- the measured steps (each runs in a child process) -------------------------------------

def bare_parse(data: bytes, store: Path) -> str:
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    return f"{sum(len(r) for r in rows)} cells"


def dry_run(data: bytes, store: Path) -> str:
    from kpi.ingest.preview import preview_upload

    preview = preview_upload(create_store_engine(f"sqlite:///{store}"), data, "bench.xlsx",
                             today=TODAY)
    assert not preview.errors, preview.errors[:3]
    return f"{preview.counts}"


def commit(data: bytes, store: Path) -> str:
    from kpi.auth import SYSTEM_USER
    from kpi.ingest.commit import commit_upload
    from kpi.ingest.preview import preview_upload

    engine = create_store_engine(f"sqlite:///{store}")
    preview = preview_upload(engine, data, "bench.xlsx", today=TODAY)
    assert not preview.errors, preview.errors[:3]
    result = commit_upload(engine, preview, SYSTEM_USER, today=TODAY)
    return f"batch {result.batch_id}: {result.new} new"


def naive(data: bytes, store: Path) -> str:
    import pandas as pd
    from sqlalchemy.orm import Session, registry

    from kpi.schema import actual_values, indicators, upload_batches

    class Value:  # one ORM object per value
        pass

    mapper = registry()
    mapper.map_imperatively(Value, actual_values)
    frame = pd.read_excel(io.BytesIO(data), engine="openpyxl", header=2)
    long = frame.melt(id_vars=["Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính"], var_name="unit",
                      value_name="value").dropna(subset=["value"])
    engine = create_store_engine(f"sqlite:///{store}")
    now = dt.datetime.now(dt.timezone.utc)
    with Session(engine) as session:
        conn = session.connection()
        indicator_id = dict(conn.execute(select(indicators.c.code, indicators.c.id)).all())
        unit_id = {code: uid for uid, code in conn.execute(
            select(units_table.c.id, units_table.c.code).where(
                units_table.c.code_system == "vn2025"))}
        batch = conn.execute(upload_batches.insert().values(
            created_at=now, author="bench", source="bench.xlsx", kind="upload",
            status="committed", row_count=0).returning(upload_batches.c.id)).scalar_one()
        for row in long.itertuples(index=False):
            value = Value()
            value.indicator_id = indicator_id[row[0]]
            value.unit_id = unit_id[str(row[3]).zfill(5)]
            value.period_code, value.value, value.standing, value.revision = (
                PERIOD, float(row[4]), "so_bo", 1)
            value.batch_id, value.author, value.recorded_at, value.reported_on = (
                batch, "bench", now, TODAY)
            session.add(value)
        session.commit()
    return f"{len(long)} rows"


# Imported before the clock starts: a server has them loaded already.
WARM = {"bare_parse": ["python_calamine"], "dry_run": ["kpi.ingest.preview"],
        "commit": ["kpi.ingest.preview", "kpi.ingest.commit"],
        "naive": ["pandas", "openpyxl", "sqlalchemy.orm"]}


def _child(step, data: bytes, store: Path, results) -> None:
    for module in WARM[step.__name__]:
        importlib.import_module(module)
    started = time.perf_counter()
    note = step(data, store)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    results.put((elapsed, peak, note))


def measure(step, data: bytes, store: Path, repeat: int) -> tuple[float, float, str]:
    """(best seconds, highest peak RSS in MB, note) of `step`, each run in a fresh
    process on its own copy of the store; the best of `repeat` runs, since other
    work on the machine only ever adds time."""
    runs = []
    for _ in range(repeat):
        work = store.with_name(f"{step.__name__}.db")
        shutil.copy(store, work)
        context = multiprocessing.get_context("spawn")
        results = context.Queue()
        process = context.Process(target=_child, args=(step, data, work, results))
        process.start()
        runs.append(results.get())
        process.join()
    return min(r[0] for r in runs), max(r[1] for r in runs), runs[0][2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--indicators", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "store.db"
        communes = build_store(store, args.indicators)[: args.units]
        data = build_workbook(communes, args.indicators)
        print(f"workbook: {len(communes)} units × {args.indicators} indicators = "
              f"{len(communes) * args.indicators:,} values, {len(data) / 1e6:.1f} MB".replace(",", "."))
        figures = {}
        for step, repeat in ((bare_parse, 5), (dry_run, 3), (commit, 3), (naive, 1)):
            seconds, peak, note = measure(step, data, store, repeat)
            figures[step.__name__] = seconds
            print(f"{step.__name__:<11} {seconds:8.2f} s   peak {peak:6.0f} MB   {note}")
    floor, done = figures["bare_parse"], figures["commit"]
    print(f"commit / bare parse: {done / floor:5.1f}×   (goal ≤ 3×)")
    print(f"naive / commit:      {figures['naive'] / done:5.1f}×   (goal ≥ 10×)")
    print(f"dry run / bare parse: {figures['dry_run'] / floor:4.1f}×")


if __name__ == "__main__":
    main()
