"""Writing an upload: one transaction, all rows or none; rolling a batch back.

The commit recomputes the diff inside its write transaction (another
upload may have landed since the preview), archives the original file with
its SHA-256, opens a batch, inserts every new or changed value as the next
revision of its cell and leaves an audit row saying who, when and which
file. A file whose values are all unchanged — the same file uploaded again —
writes nothing at all. A rollback marks the batch `rolled_back`: its
revisions stay in the history but no longer count.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from kpi.auth import PermissionDenied, User, require_role, writable_units
from kpi.db import write_transaction
from kpi.ingest.preview import UNCHANGED, Preview, diff, paused_gc
from kpi.ingest.validation import check_scope
from kpi.periods import today_vn
from kpi.store.audit import record_audit
from kpi.store.units import load_units
from kpi.store.uploads import (
    UploadRecord, archive_file, batch_kind, cell_states, create_upload, insert_revisions,
    load_uploads, lock_uploads, set_rolled_back,
)

_ATTEMPTS = 3
AUDIT_VALUES = 500  # values listed with before/after in an upload's audit row


class UploadError(ValueError):
    """A commit or rollback that cannot be done; str() is Vietnamese and says what to do."""


@dataclass(frozen=True)
class CommitResult:
    """What a commit wrote; `batch_id` is None when nothing changed."""

    batch_id: int | None
    new: int
    changed: int
    unchanged: int


def _cell(change) -> str:
    """How an audit row names a value: indicator · unit · period · standing · revision."""
    r = change.reading
    return f"{r.indicator} · {r.unit} · {r.period} · {r.standing} · lần {change.revision}"


def commit_upload(engine: Engine, preview: Preview, user: User,
                  today: dt.date | None = None) -> CommitResult:
    """Write the preview's new and changed values in one transaction.

    Commits take turns (kpi.store.uploads.lock_uploads) and each re-reads
    its cells inside its own transaction, so two uploads of the same cell
    become two revisions in commit order. The audit row lists each value
    written with the value it replaced (the first AUDIT_VALUES of them).
    Raises PermissionDenied when `user` may not write values (or not for
    these units), UploadError when the preview has errors or a concurrent
    upload keeps winning the same cells. Nothing is written when it raises.
    """
    require_role(user, "admin", "statistician")
    if preview.errors:
        raise UploadError(f"Tệp “{preview.file_name}” còn {len(preview.errors)} lỗi nên không ghi "
                          "được. Hãy sửa các lỗi rồi tải lên lại.")
    readings = preview.readings
    allowed = writable_units(user)
    if allowed is not None:
        with engine.connect() as conn:
            parents = {u.key: u.parent_key for u in load_units(conn)}
        denied = check_scope(readings, allowed, parents)
        if denied:
            raise PermissionDenied(denied[0].message)
    reported_on = today or today_vn()

    def work(conn) -> CommitResult:
        lock_uploads(conn)
        states = cell_states(conn, {r.period for r in readings}, {r.unit for r in readings})
        changes = diff(readings, states)
        writes = [c for c in changes if c.status != UNCHANGED]
        counts = {s: sum(c.status == s for c in changes) for s in ("new", "changed", UNCHANGED)}
        if not writes:
            return CommitResult(None, 0, 0, counts[UNCHANGED])
        file_id = archive_file(conn, preview.sha256, preview.file_name, preview.data)
        # The batch names what the file held when it is one unit or period,
        # else what the uploader chose.
        units, periods = {r.unit for r in readings}, {r.period for r in readings}
        batch = create_upload(
            conn, author=user.username, file_name=preview.file_name, sha256=preview.sha256,
            file_id=file_id, unit_key=units.pop() if len(units) == 1 else preview.unit,
            period=periods.pop() if len(periods) == 1 else preview.period, new=counts["new"],
            changed=counts["changed"], unchanged=counts[UNCHANGED],
            warnings=len(preview.warnings))
        insert_revisions(conn, batch, [
            (c.reading.indicator, c.reading.unit, c.reading.period, c.reading.standing,
             c.revision, c.reading.value, c.reading.note) for c in writes
        ], author=user.username, reported_on=reported_on)
        listed = writes[:AUDIT_VALUES]
        record_audit(conn, user.username, "upload_actuals", "upload_batch", str(batch),
                     before={"values": {_cell(c): c.old_value for c in listed
                                        if c.old_value is not None}},
                     after={"file": preview.file_name, "sha256": preview.sha256, **counts,
                            "warnings": len(preview.warnings), "unit": preview.unit,
                            "period": preview.period,
                            "values": {_cell(c): c.reading.value for c in listed},
                            "values_not_listed": len(writes) - len(listed)},
                     batch_id=batch, source=preview.file_name)
        return CommitResult(batch, counts["new"], counts["changed"], counts[UNCHANGED])

    for attempt in range(_ATTEMPTS):
        try:
            with paused_gc():
                return write_transaction(engine, work)
        except IntegrityError:
            # Another upload took the same revision numbers first; the diff is
            # recomputed against what it wrote.
            if attempt == _ATTEMPTS - 1:
                raise UploadError("Số liệu của các ô này vừa được một lần nộp khác cập nhật. Hãy "
                                  "xem trước lại rồi ghi.") from None
    raise AssertionError("unreachable")


def rollback_upload(engine: Engine, batch_id: int, user: User) -> UploadRecord:
    """An administrator rolls an upload batch back (audited); returns the batch as it now is.

    Raises PermissionDenied for anyone else and UploadError for an unknown
    batch, one that is not an upload, or one already rolled back.
    """
    require_role(user, "admin")

    def work(conn) -> UploadRecord:
        lock_uploads(conn)
        found = batch_kind(conn, batch_id)
        if found is None:
            raise UploadError(f"Không có lần nộp số {batch_id}. Lệnh `python -m kpi uploads` liệt "
                              "kê các lần nộp.")
        kind, status = found
        if kind != "upload":
            raise UploadError(f"Lô số {batch_id} không phải một lần nộp tệp (là dữ liệu “{kind}”), "
                              "không hủy được bằng lệnh này.")
        if status == "rolled_back":
            raise UploadError(f"Lần nộp số {batch_id} đã được hủy từ trước.")
        set_rolled_back(conn, batch_id, user.username)
        record_audit(conn, user.username, "rollback_upload", "upload_batch", str(batch_id),
                     before={"status": status}, after={"status": "rolled_back"},
                     batch_id=batch_id)
        return load_uploads(conn, batch_id=batch_id)[0]

    return write_transaction(engine, work)
