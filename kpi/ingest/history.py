"""What the uploads left: the values that count now, every revision, the list of uploads."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Engine

from kpi.actuals import best_record
from kpi.ingest.directory import UnitDirectory
from kpi.ingest.lookup import chosen_unit
from kpi.periods import parse_period
from kpi.scorecard import phase_periods
from kpi.store.actuals import load_actuals
from kpi.store.catalog import load_phases
from kpi.store.uploads import UploadRecord, load_upload_file, load_uploads
from kpi.units import key_to_code


def _record(r) -> dict:
    return {"indicator_code": r.indicator_code, "unit_code": key_to_code(r.unit_key),
            "period": r.period, "value": r.value, "standing": r.standing,
            "revision": r.revision, "source": r.source, "batch_id": r.batch_id,
            "author": r.author, "reported_on": r.reported_on}


def current_values(engine: Engine, unit: str | None = None, period: str | None = None,
                   history: bool = False) -> list[dict]:
    """The value that counts for each (indicator, unit, period) — chính thức over sơ bộ
    over ước, then the latest revision — among committed batches; with
    `history`, every committed revision instead.

    Each dict: indicator_code, unit_code (public code), period, value (in the
    indicator's measure), standing, revision, source (file name), batch_id,
    author, reported_on. A bare unit code is read in the code system in force in
    `period` ('911' is vn2004:911 for 2021). Raises UnitCodeError / PeriodError
    for a bad filter.
    """
    with engine.connect() as conn:
        chosen = parse_period(period, phase_periods(load_phases(conn))) if period else None
        key = chosen_unit(UnitDirectory(conn), unit, chosen) if unit else None
        records = load_actuals(conn, unit_keys=[key] if key else None,
                               period_codes=[period] if period else None)
    if history:
        return [_record(r) for r in records]
    cells = defaultdict(list)
    for r in records:
        cells[(r.indicator_code, r.unit_key, r.period)].append(r)
    return [_record(best_record(found)) for found in cells.values()]


def list_uploads(engine: Engine, limit: int = 100) -> list[UploadRecord]:
    """Upload batches, newest first (committed and rolled back)."""
    with engine.connect() as conn:
        return load_uploads(conn, limit=limit)


def original_file(engine: Engine, batch_id: int) -> tuple[str, bytes] | None:
    """(file name, bytes) of the file an upload batch came from, or None."""
    with engine.connect() as conn:
        return load_upload_file(conn, batch_id)
