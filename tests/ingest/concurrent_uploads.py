"""Upload workers for the concurrency and crash tests, run in spawned processes.

Each worker opens its own engine, makes its workbooks from the template (real
.xlsx files, filled by the test), waits for the start signal, then previews
and commits each one through kpi.ingest exactly as the page does. A worker
can be told to stall inside the commit's transaction right after the values
were sent (`stall_after_insert`): the hook is installed in the worker's own
process by replacing `kpi.ingest.commit.insert_revisions`, so production
code carries no test switch.
"""
from __future__ import annotations

import datetime as dt
import time
import traceback
from pathlib import Path
from typing import Mapping, Sequence

TODAY = dt.date(2026, 1, 15)
PHU_QUOC = "vn2004:911"
CELLS = ("BUDGET_REVENUE", "TOURIST_ARRIVALS", "POOR_HOUSEHOLD_RATE")


def values_for(worker: int, number: int) -> dict[str, float]:
    """Values unique to (worker, upload number), so every upload changes every cell."""
    serial = worker * 1000 + number
    return {"BUDGET_REVENUE": 3000 + serial / 10, "TOURIST_ARRIVALS": 2_000_000 + serial,
            "POOR_HOUSEHOLD_RATE": round(0.1 + serial / 100_000, 6)}


def _stall_after_insert(ready: str, release: str | None) -> None:
    import kpi.ingest.commit as commit

    original = commit.insert_revisions

    def insert_then_wait(*args, **kwargs):
        count = original(*args, **kwargs)
        Path(ready).write_text(str(count))  # the rows are in the open transaction now
        deadline = time.monotonic() + 60  # never outlive a test that died
        while time.monotonic() < deadline and not (release and Path(release).exists()):
            time.sleep(0.01)
        return count

    commit.insert_revisions = insert_then_wait


def upload_worker(url: str, worker: int, jobs: Sequence[Mapping[str, float]], user, start,
                  errors, stall_ready: str | None = None, stall_release: str | None = None,
                  before_commit: str | None = None) -> None:
    """Commit one upload per job (indicator code → value) for Phú Quốc 2021 as `user`.

    `start` (an Event) is awaited once the workbooks are made; failures are
    put on `errors` as text. `before_commit` is a file touched just before
    the first commit; `stall_ready`/`stall_release` install the stall hook.
    """
    try:
        from kpi.config import load_settings
        from kpi.db import create_store_engine
        from kpi.ingest.commit import commit_upload
        from kpi.ingest.preview import preview_upload
        from kpi.ingest.template import build_template
        from tests.ingest.files import fill

        if stall_ready:
            _stall_after_insert(stall_ready, stall_release)
        engine = create_store_engine(url)
        _name, template = build_template(engine, PHU_QUOC, "2021", today=TODAY)
        files = [(f"bao-cao-{worker}-{n:02d}.xlsx", fill(template, job))
                 for n, job in enumerate(jobs)]
        settings = load_settings({})
        start.wait(60)
        for name, data in files:
            preview = preview_upload(engine, data, name, allowed_units=None, settings=settings,
                                     today=TODAY)
            if preview.errors:
                errors.put(f"{name}: {[i.message for i in preview.errors]}")
                continue
            if before_commit:
                Path(before_commit).touch()
            commit_upload(engine, preview, user, today=TODAY)
        engine.dispose()
    except BaseException:  # reported to the parent, which fails the test
        errors.put(traceback.format_exc())
        raise
