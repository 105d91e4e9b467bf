"""The dry run: what an uploaded file would change, with every error and warning.

`preview_upload` runs the whole pipeline — structural checks, reading,
validation, the diff against the store — and writes nothing. Each value is
`new` (no committed value for its cell and standing), `changed` (old → new)
or `unchanged`; a commit writes the first two as new revisions.
"""
from __future__ import annotations

import datetime as dt
import gc
import hashlib
import math
from contextlib import contextmanager
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterator, NamedTuple, Sequence

from sqlalchemy import Engine

from kpi.actuals import best_record
from kpi.config import Settings, load_settings
from kpi.ingest.issues import FileRefused, Issue, error
from kpi.ingest.lookup import Lookup, chosen_unit
from kpi.ingest.reader import Reading, read_upload
from kpi.ingest.safety import check_file
from kpi.ingest.validation import check_jumps, check_scope, check_sums, check_values
from kpi.ingest.workbook import read_grids
from kpi.periods import PeriodError, parse_period, previous_period, today_vn
from kpi.store.actuals import load_actuals
from kpi.store.uploads import CellState, UploadRecord, cell_states, load_uploads
from kpi.units import UnitCodeError, key_to_code

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"
MAX_ISSUES_PER_CODE = 200


class Change(NamedTuple):
    """One value of the file against the store; `revision` is the one a commit writes."""

    reading: Reading
    status: str
    old_value: float | None
    revision: int


@dataclass
class Preview:
    """Everything a dry run found; nothing is written by building it."""

    file_name: str
    sha256: str
    data: bytes = field(repr=False)
    unit: str | None
    period: str | None
    changes: list[Change] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    earlier: list[UploadRecord] = field(default_factory=list)  # committed uploads of this file

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]

    @property
    def counts(self) -> dict[str, int]:
        """{'new': n, 'changed': n, 'unchanged': n}."""
        found = {NEW: 0, CHANGED: 0, UNCHANGED: 0}
        for change in self.changes:
            found[change.status] += 1
        return found

    @property
    def readings(self) -> list[Reading]:
        return [c.reading for c in self.changes]

    def as_json(self, outcome: str) -> dict:
        """The command line's object: outcome, new/changed/unchanged counts,
        errors and warnings, and each value with its change."""
        return {
            "outcome": outcome, **self.counts, "file": self.file_name, "sha256": self.sha256,
            "errors": [i.as_dict() for i in self.errors],
            "warnings": [i.as_dict() for i in self.warnings],
            "values": [
                {"sheet": c.reading.sheet, "row": c.reading.row, "column": c.reading.column,
                 "indicator_code": c.reading.indicator, "unit_code": key_to_code(c.reading.unit),
                 "period": c.reading.period, "standing": c.reading.standing,
                 "value": c.reading.value, "old_value": c.old_value, "change": c.status,
                 "revision": c.revision}
                for c in self.changes
            ],
        }


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large file's values are built.

    100.000 readings are 100.000 long-lived tuples: each young-generation
    collection would walk them again, which costs more than reading the file
    (0,8 s against 0,2 s measured). They hold no cycles, so nothing is lost.
    Restores the collector only if it was running, so nested or concurrent
    uses stay correct.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def capped(issues: Sequence[Issue], per_code: int = MAX_ISSUES_PER_CODE) -> list[Issue]:
    """The first `per_code` issues of each code, then one saying how many more
    there are: a sheet of 100.000 text cells must not become 100.000 messages."""
    kept, seen = [], defaultdict(int)
    for issue in issues:
        seen[issue.code] += 1
        if seen[issue.code] <= per_code:
            kept.append(issue)
    for issue in issues:
        extra = seen[issue.code] - per_code
        if extra > 0:
            kept.append(Issue(issue.severity, issue.code, f"… và {extra} ô khác cùng lỗi này "
                              "(chỉ liệt kê " f"{per_code} ô đầu).", issue.sheet))
            seen[issue.code] = per_code
    return kept


def same_value(a: float | None, b: float | None) -> bool:
    """Equal as stored figures (floats read from text or cells may differ in the last bit)."""
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


def diff(readings: Sequence[Reading], states: dict[tuple[str, str, str, str], CellState]
         ) -> list[Change]:
    """Each reading as new, changed or unchanged against the store's cell states."""
    if not states:  # nothing stored for these periods and units yet
        return [Change(r, NEW, None, 1) for r in readings]
    changes = []
    for r in readings:
        state = states.get((r.indicator, r.unit, r.period, r.standing))
        if state is None:
            changes.append(Change(r, NEW, None, 1))
        elif state.value is None:  # only rolled-back revisions: the cell holds nothing
            changes.append(Change(r, NEW, None, state.last_revision + 1))
        elif same_value(state.value, r.value) and (state.note or None) == (r.note or None):
            changes.append(Change(r, UNCHANGED, state.value, state.revision))
        else:
            changes.append(Change(r, CHANGED, state.value, state.last_revision + 1))
    return changes


def _previous_values(conn, readings: Sequence[Reading], lookup: Lookup) -> dict:
    """(indicator, unit, previous period) → the value that counts, from the file or the store."""
    wanted: set[str] = set()
    for period in {r.period for r in readings}:
        try:
            wanted.add(previous_period(parse_period(period, lookup.phases)).code)
        except PeriodError:
            continue
    if not wanted:
        return {}
    cells = defaultdict(list)
    for record in load_actuals(conn, unit_keys={r.unit for r in readings}, period_codes=wanted):
        cells[(record.indicator_code, record.unit_key, record.period)].append(record)
    values = {cell: best_record(records).value for cell, records in cells.items()}
    for r in readings:
        if r.period in wanted:
            values[(r.indicator, r.unit, r.period)] = r.value
    return values


def _choice(lookup: Lookup, unit: str | None, period: str | None) -> tuple[str | None, str | None,
                                                                             list[Issue]]:
    issues = []
    key = None
    chosen = None
    if period:
        try:
            chosen = parse_period(period, lookup.phases)
        except PeriodError as exc:
            issues.append(error("unknown_period", str(exc)))
            period = None
    if unit:
        try:
            key = chosen_unit(lookup.units, unit, chosen)
        except UnitCodeError as exc:
            issues.append(error("unknown_unit", f"{exc}. Hãy chọn đúng mã đơn vị."))
    return key, period, issues


def preview_upload(
    engine: Engine, data: bytes, file_name: str, *, unit: str | None = None,
    period: str | None = None, allowed_units: frozenset[str] | None = None,
    settings: Settings | None = None, today: dt.date | None = None,
) -> Preview:
    """Check, read, validate and diff an uploaded file; write nothing.

    `unit` (a public code or key) and `period` (a code) are the uploader's
    choice, used where the file does not say; `allowed_units` are the unit
    keys the uploader may report for (None = all, kpi.auth.writable_units).
    File-level refusals come back as errors in the Preview, never raised.
    """
    settings = settings or load_settings()
    preview = Preview(file_name, hashlib.sha256(data).hexdigest(), data, None, period)
    with paused_gc():
        try:
            grids = read_grids(check_file(data, file_name, settings.upload_max_mb * 1024 * 1024))
        except FileRefused as refused:
            preview.issues = refused.issues
            return preview
        _read_and_diff(engine, preview, grids, unit, period, allowed_units, settings,
                       today or today_vn())
    return preview


def _read_and_diff(engine: Engine, preview: Preview, grids, unit, period, allowed_units,
                   settings: Settings, today: dt.date) -> None:
    with engine.connect() as conn:
        lookup = Lookup.load(conn)
        key, chosen_period, issues = _choice(lookup, unit, period)
        preview.unit, preview.period = key, chosen_period
        if issues:
            preview.issues = issues
            return
        result = read_upload(grids, lookup, unit=key, period=chosen_period, today=today)
        readings = result.readings
        issues = result.issues + check_scope(readings, allowed_units, lookup.parents,
                                             lookup.describe)
        issues += check_values(readings, lookup)
        issues += check_jumps(readings, lookup, _previous_values(conn, readings, lookup),
                              settings.jump_factor)
        issues += check_sums(readings, lookup, settings.share_tolerance)
        states = cell_states(conn, {r.period for r in readings}, {r.unit for r in readings})
        preview.changes = diff(readings, states)
        preview.issues = capped(issues)
        preview.earlier = [u for u in load_uploads(conn, sha256=preview.sha256)
                           if u.status == "committed"]

