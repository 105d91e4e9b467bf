"""Preview, all-or-nothing commit, idempotent re-upload, revisions, rollback,
archive and audit — on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import func, select

from kpi.auth import PermissionDenied, User
from kpi.config import load_settings
from kpi.ingest import commit as commit_module
from kpi.ingest.commit import UploadError, commit_upload, rollback_upload
from kpi.ingest.history import current_values, original_file
from kpi.ingest.preview import preview_upload
from kpi.ingest.template import build_template
from kpi.schema import actual_values, audit_log, upload_batches, upload_files
from kpi.store.audit import load_audit
from tests.ingest.files import PHU_QUOC, fill

TODAY = dt.date(2026, 1, 15)
ADMIN = User("admin", "Quản trị", "admin")
STATISTICIAN = User("thongke.pq", "Thống kê Phú Quốc", "statistician", frozenset({PHU_QUOC}))
FIRST = {"BUDGET_REVENUE": 3512.4, "TOURIST_ARRIVALS": 2_150_000, "POOR_HOUSEHOLD_RATE": 0.25}


@pytest.fixture
def template(store) -> tuple[str, bytes]:
    return build_template(store, PHU_QUOC, "2021", today=TODAY)


def dry_run(engine, data, name="bao-cao-pq-2021.xlsx", allowed=None):
    return preview_upload(engine, data, name, allowed_units=allowed, settings=load_settings({}),
                          today=TODAY)


def counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (actual_values, upload_batches, upload_files, audit_log)}


def current(engine) -> dict[str, tuple[float, int]]:
    return {r["indicator_code"]: (r["value"], r["revision"])
            for r in current_values(engine, PHU_QUOC, "2021")}


def test_a_dry_run_writes_nothing_and_a_commit_writes_everything_once(store, template):
    data = fill(template[1], FIRST)
    before = counts(store)
    preview = dry_run(store, data)
    assert preview.counts == {"new": 3, "changed": 0, "unchanged": 0}
    assert counts(store) == before
    result = commit_upload(store, preview, ADMIN, today=TODAY)
    assert (result.new, result.changed, result.unchanged) == (3, 0, 0)
    after = counts(store)
    assert after == {"actual_values": 3, "upload_batches": 1, "upload_files": 1, "audit_log": 1}
    assert current(store) == {code: (value, 1) for code, value in FIRST.items()}
    rows = current_values(store, PHU_QUOC, "2021")
    assert {r["source"] for r in rows} == {"bao-cao-pq-2021.xlsx"}
    assert {r["author"] for r in rows} == {"admin"} and {r["standing"] for r in rows} == {"so_bo"}


def test_the_original_file_is_archived_with_its_sha256_and_the_audit_says_who(store, template):
    data = fill(template[1], FIRST)
    batch = commit_upload(store, dry_run(store, data), ADMIN, today=TODAY).batch_id
    assert original_file(store, batch) == ("bao-cao-pq-2021.xlsx", data)
    with store.connect() as conn:
        sha = conn.execute(select(upload_batches.c.sha256)).scalar_one()
        (audit,) = load_audit(conn)
    assert sha == hashlib.sha256(data).hexdigest()
    assert (audit["actor"], audit["action"], audit["batch_id"], audit["source"]) == (
        "admin", "upload_actuals", batch, "bao-cao-pq-2021.xlsx")
    assert '"new": 3' in audit["after"] and sha in audit["after"]


def test_uploading_the_identical_file_again_changes_nothing(store, template):
    data = fill(template[1], FIRST)
    first = commit_upload(store, dry_run(store, data), ADMIN, today=TODAY)
    before = counts(store)
    again = dry_run(store, data)
    assert again.counts == {"new": 0, "changed": 0, "unchanged": 3}
    assert [u.id for u in again.earlier] == [first.batch_id]
    result = commit_upload(store, again, ADMIN, today=TODAY)
    assert result.batch_id is None and counts(store) == before


def test_a_corrected_file_adds_revisions_and_keeps_the_history(store, template):
    commit_upload(store, dry_run(store, fill(template[1], FIRST)), ADMIN, today=TODAY)
    corrected = fill(template[1], {**FIRST, "BUDGET_REVENUE": 3498.0})
    preview = dry_run(store, corrected)
    assert preview.counts == {"new": 0, "changed": 1, "unchanged": 2}
    (changed,) = [c for c in preview.changes if c.status == "changed"]
    assert (changed.old_value, changed.reading.value, changed.revision) == (3512.4, 3498.0, 2)
    commit_upload(store, preview, ADMIN, today=TODAY)
    assert current(store)["BUDGET_REVENUE"] == (3498.0, 2)
    history = [(r["value"], r["revision"]) for r in current_values(store, PHU_QUOC, "2021",
                                                                   history=True)
               if r["indicator_code"] == "BUDGET_REVENUE"]
    assert history == [(3512.4, 1), (3498.0, 2)]


def test_an_official_figure_counts_over_the_preliminary_one(store, template):
    commit_upload(store, dry_run(store, fill(template[1], FIRST)), ADMIN, today=TODAY)
    official = fill(template[1], {"BUDGET_REVENUE": 3520.0}, standing="Chính thức")
    preview = dry_run(store, official)
    assert preview.counts["new"] == 1  # a new standing is a new cell, revision 1
    commit_upload(store, preview, ADMIN, today=TODAY)
    budget = next(r for r in current_values(store, PHU_QUOC, "2021")
                  if r["indicator_code"] == "BUDGET_REVENUE")
    assert (budget["value"], budget["standing"], budget["revision"]) == (3520.0, "chinh_thuc", 1)


def test_an_admin_rolls_a_batch_back_and_its_revision_numbers_are_not_reused(store, template):
    commit_upload(store, dry_run(store, fill(template[1], FIRST)), ADMIN, today=TODAY)
    corrected = fill(template[1], {**FIRST, "BUDGET_REVENUE": 3498.0})
    second = commit_upload(store, dry_run(store, corrected), ADMIN, today=TODAY).batch_id
    with pytest.raises(PermissionDenied):
        rollback_upload(store, second, STATISTICIAN)
    record = rollback_upload(store, second, ADMIN)
    assert (record.status, record.rolled_back_by) == ("rolled_back", "admin")
    assert current(store)["BUDGET_REVENUE"] == (3512.4, 1)
    with pytest.raises(UploadError, match="đã được hủy"):
        rollback_upload(store, second, ADMIN)
    again = dry_run(store, corrected)  # the same correction, sent again after the rollback
    assert again.counts == {"new": 0, "changed": 1, "unchanged": 2}
    commit_upload(store, again, ADMIN, today=TODAY)
    assert current(store)["BUDGET_REVENUE"] == (3498.0, 3)
    with store.connect() as conn:
        actions = [a["action"] for a in load_audit(conn)]
    assert actions == ["upload_actuals", "rollback_upload", "upload_actuals", "upload_actuals"]


def test_a_failure_inside_the_commit_leaves_nothing_behind(store, template, monkeypatch):
    preview = dry_run(store, fill(template[1], FIRST))
    before = counts(store)

    def broken(*args, **kwargs):
        raise RuntimeError("ổ đĩa đầy")  # after the file, batch and values were inserted

    monkeypatch.setattr(commit_module, "record_audit", broken)
    with pytest.raises(RuntimeError):
        commit_upload(store, preview, ADMIN, today=TODAY)
    assert counts(store) == before


def test_a_statistician_commits_for_its_unit_only(store, template):
    data = fill(template[1], FIRST)
    commit_upload(store, dry_run(store, data, allowed=STATISTICIAN.scopes), STATISTICIAN,
                  today=TODAY)
    assert current(store)["BUDGET_REVENUE"] == (3512.4, 1)
    other_name, other = build_template(store, "vn2004:900", "2021", today=TODAY)
    foreign = dry_run(store, fill(other, {"BUDGET_REVENUE": 800}), other_name,
                      allowed=STATISTICIAN.scopes)
    assert [e.code for e in foreign.errors] == ["unit_out_of_scope"]
    unchecked = dry_run(store, fill(other, {"BUDGET_REVENUE": 800}), other_name)
    with pytest.raises(PermissionDenied):
        commit_upload(store, unchecked, STATISTICIAN, today=TODAY)
    with pytest.raises(PermissionDenied):
        commit_upload(store, unchecked, User("lanhdao", "Lãnh đạo", "leader"), today=TODAY)


def test_a_preview_made_before_another_commit_is_diffed_again_when_committed(store, template):
    stale = dry_run(store, fill(template[1], FIRST))  # shows three new values
    commit_upload(store, dry_run(store, fill(template[1], {**FIRST, "BUDGET_REVENUE": 3498.0})),
                  ADMIN, today=TODAY)
    result = commit_upload(store, stale, ADMIN, today=TODAY)
    assert (result.new, result.changed, result.unchanged) == (0, 1, 2)
    assert current(store)["BUDGET_REVENUE"] == (3512.4, 2)
