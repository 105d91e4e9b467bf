"""Uploads under load and faults, on SQLite and PostgreSQL, in real processes:
four processes committing 25 uploads each at once lose and duplicate nothing;
a process killed with SIGKILL inside the commit's transaction, after its rows
were sent, leaves the store exactly as it was; two statisticians correcting
the same value keep both revisions, in the order they committed."""
from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import defaultdict
from pathlib import Path

import pytest
from sqlalchemy import select

from kpi.auth import User
from kpi.db import create_store_engine
from kpi.ingest.commit import commit_upload
from kpi.ingest.history import current_values
from kpi.ingest.preview import preview_upload
from kpi.ingest.template import build_template
from kpi.config import load_settings
from kpi.schema import actual_values, audit_log, indicators, upload_batches, upload_files
from kpi.store.audit import load_audit
from tests.ingest.concurrent_uploads import CELLS, PHU_QUOC, TODAY, upload_worker, values_for
from tests.ingest.files import KIEN_GIANG, fill

pytestmark = pytest.mark.xdist_group("concurrency")
SPAWN = multiprocessing.get_context("spawn")  # a clean interpreter, as another app replica is
ADMIN = User("admin", "Quản trị", "admin")
PQ_STATISTICIAN = User("thongke.pq", "Thống kê Phú Quốc", "statistician", frozenset({PHU_QUOC}))
KG_STATISTICIAN = User("thongke.kg", "Thống kê Kiên Giang", "statistician",
                       frozenset({KIEN_GIANG}))


def _start(url, worker, jobs, user, start, errors, **hooks):
    process = SPAWN.Process(target=upload_worker, args=(url, worker, jobs, user, start, errors),
                            kwargs=hooks, daemon=True)
    process.start()
    return process


def _errors(queue) -> list[str]:
    found = []
    while not queue.empty():
        found.append(queue.get())
    return found


def _wait_for(path: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path.name} never appeared"
        time.sleep(0.02)


def _dump(engine) -> dict[str, list[tuple]]:
    """Every row of what an upload writes, in key order."""
    with engine.connect() as conn:
        return {t.name: [tuple(r) for r in conn.execute(select(t).order_by(t.c.id))]
                for t in (actual_values, upload_batches, upload_files, audit_log)}


def _commit(engine, values, user=ADMIN, name="ban-dau.xlsx"):
    _n, template = build_template(engine, PHU_QUOC, "2021", today=TODAY)
    preview = preview_upload(engine, fill(template, values), name, settings=load_settings({}),
                             today=TODAY)
    assert not preview.errors, preview.errors
    return commit_upload(engine, preview, user, today=TODAY)


def _revisions(engine) -> dict[str, list[tuple[int, float, int, str]]]:
    """Indicator code → (revision, value, batch, author) of every revision, by revision."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(indicators.c.code, actual_values.c.revision, actual_values.c.value,
                   actual_values.c.batch_id, actual_values.c.author)
            .join(indicators, indicators.c.id == actual_values.c.indicator_id)
            .order_by(actual_values.c.revision))
        found = defaultdict(list)
        for code, revision, value, batch, author in rows:
            found[code].append((revision, value, batch, author))
    return dict(found)


def test_four_processes_committing_25_uploads_each_lose_and_duplicate_nothing(
        store_url_with_catalogue):
    url = store_url_with_catalogue
    start, errors = SPAWN.Event(), SPAWN.Queue()
    jobs = {w: [values_for(w, n) for n in range(25)] for w in range(4)}
    workers = [_start(url, w, jobs[w], PQ_STATISTICIAN, start, errors) for w in range(4)]
    start.set()
    for process in workers:
        process.join(120)
    assert _errors(errors) == [] and [p.exitcode for p in workers] == [0, 0, 0, 0]

    engine = create_store_engine(url)
    with engine.connect() as conn:
        batches = conn.execute(select(upload_batches.c.id, upload_batches.c.source)
                               .where(upload_batches.c.kind == "upload")).all()
        files = conn.execute(select(upload_files.c.sha256)).scalars().all()
        audits = [a for a in load_audit(conn, limit=1000) if a["action"] == "upload_actuals"]
    by_batch = {batch: source for batch, source in batches}
    assert len(batches) == 100 and len(set(by_batch.values())) == 100  # one batch per file
    assert len(files) == len(set(files)) == 100 and len(audits) == 100
    history = _revisions(engine)
    assert sorted(history) == sorted(CELLS)
    sent = {f"bao-cao-{w}-{n:02d}.xlsx": jobs[w][n] for w in jobs for n in range(25)}
    for code, revisions in history.items():
        # Every upload is one revision of every cell: 1..100, none lost, none twice,
        # and each revision holds the value its own file carried.
        assert [r[0] for r in revisions] == list(range(1, 101))
        assert [r[2] for r in revisions] == sorted(by_batch)  # revision order = commit order
        assert all(value == pytest.approx(sent[by_batch[batch]][code])
                   for _rev, value, batch, _author in revisions)
    current = {r["indicator_code"]: r["value"] for r in current_values(engine, PHU_QUOC, "2021")}
    last = sent[by_batch[max(by_batch)]]
    assert {code: current[code] for code in CELLS} == pytest.approx(last)
    engine.dispose()


def test_a_process_killed_inside_the_commit_leaves_the_store_exactly_as_before(
        store_url_with_catalogue, tmp_path):
    url = store_url_with_catalogue
    engine = create_store_engine(url)
    _commit(engine, values_for(9, 0))  # something to keep: one earlier upload
    before = _dump(engine)
    start, errors = SPAWN.Event(), SPAWN.Queue()
    ready = tmp_path / "rows-sent"
    victim = _start(url, 1, [values_for(1, 0)], PQ_STATISTICIAN, start, errors,
                    stall_ready=str(ready))
    start.set()
    _wait_for(ready)  # its file, batch and 3 values are inside its open transaction
    assert ready.read_text() == "3"
    os.kill(victim.pid, signal.SIGKILL)
    victim.join(30)
    assert victim.exitcode == -signal.SIGKILL

    assert _dump(engine) == before
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    # The dead writer's locks are gone: the next upload commits as the next revision.
    result = _commit(engine, values_for(2, 0), name="sau-su-co.xlsx")
    assert result.new == 0 and result.changed == 3
    assert [r[0] for r in _revisions(engine)["BUDGET_REVENUE"]] == [1, 2]
    engine.dispose()


def test_two_statisticians_correcting_the_same_value_keep_both_revisions_in_order(
        store_url_with_catalogue, tmp_path):
    url = store_url_with_catalogue
    engine = create_store_engine(url)
    original = {"BUDGET_REVENUE": 3400.0}
    _commit(engine, original)
    first, second = {"BUDGET_REVENUE": 3512.4}, {"BUDGET_REVENUE": 3498.0}
    start, errors = SPAWN.Event(), SPAWN.Queue()
    ready, release, waiting = tmp_path / "a-sent", tmp_path / "a-go", tmp_path / "b-commits"
    # The district's statistician holds its correction inside the transaction…
    a = _start(url, 1, [first], PQ_STATISTICIAN, start, errors, stall_ready=str(ready),
               stall_release=str(release))
    start.set()
    _wait_for(ready)
    # …while the province's statistician, whose preview still saw 3.400, commits too.
    b = _start(url, 2, [second], KG_STATISTICIAN, start, errors, before_commit=str(waiting))
    _wait_for(waiting)
    time.sleep(0.5)  # B is inside commit_upload, queued behind A's transaction
    assert b.is_alive()
    release.touch()
    for process in (a, b):
        process.join(60)
    assert _errors(errors) == [] and (a.exitcode, b.exitcode) == (0, 0)

    revisions = _revisions(engine)["BUDGET_REVENUE"]
    assert [(rev, value, author) for rev, value, _batch, author in revisions] == [
        (1, 3400.0, "admin"), (2, 3512.4, "thongke.pq"), (3, 3498.0, "thongke.kg")]
    current = {r["indicator_code"]: r["value"] for r in current_values(engine, PHU_QUOC, "2021")}
    assert current["BUDGET_REVENUE"] == 3498.0
    with engine.connect() as conn:
        last = load_audit(conn, limit=1)[0]
    # B's commit re-read the cell inside its own transaction: it replaced A's figure.
    assert last["actor"] == "thongke.kg"
    assert '"BUDGET_REVENUE · vn2004:911 · 2021 · so_bo · lần 3": 3512.4' in last["before"]
    engine.dispose()
