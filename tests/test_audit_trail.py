"""The audit trail: searched by who, what, object, Vietnam days and text (bound
parameters, % and _ taken literally), read as before/after — SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from kpi.audit_trail import AuditFilter, changes_frame, entries_frame, facets, search
from kpi.auth import PermissionDenied, User
from kpi.schema import audit_log
from kpi.store.actuals import create_batch
from kpi.store.audit import record_audit

ADMIN = User("admin", "Quản trị", "admin")
UTC = dt.timezone.utc
# (actor, action, entity, id, before, after, source, instant in UTC)
ROWS = [
    ("thongke.pq", "upload_actuals", "upload_batch", "7", {"values": {"THU_NS · lần 2": 3400}},
     {"file": "bao_cao_100%.xlsx", "values": {"THU_NS · lần 2": 3512.4}}, "bao_cao_100%.xlsx",
     dt.datetime(2026, 1, 14, 16, 59, tzinfo=UTC)),  # 23:59 on 14/01 in Vietnam
    ("admin", "rollback_upload", "upload_batch", "7", {"status": "committed"},
     {"status": "rolled_back"}, None, dt.datetime(2026, 1, 14, 17, 0, tzinfo=UTC)),  # 00:00 15/01
    ("admin", "change_scopes", "user", "thongke.pq", {"scopes": ["vn2004:911"]},
     {"scopes": ["vn2004:91"]}, None, dt.datetime(2026, 1, 20, 3, 0, tzinfo=UTC)),
    ("admin", "create_account", "user", "nguoi_moi", None,
     {"display_name": "<script>alert(1)</script>", "role": "viewer"}, None,
     dt.datetime(2026, 2, 1, 3, 0, tzinfo=UTC)),
]


@pytest.fixture
def audited(fresh_engine):
    with fresh_engine.begin() as conn:
        batch = create_batch(conn, author="thongke.pq", source="bao_cao_100%.xlsx", kind="upload")
        for actor, action, entity, key, before, after, source, at in ROWS:
            record_audit(conn, actor, action, entity, str(batch) if key == "7" else key,
                         before=before, after=after, source=source,
                         batch_id=batch if entity == "upload_batch" else None)
            conn.execute(update(audit_log).where(audit_log.c.action == action).values(at=at))
    return fresh_engine


def _actions(engine, **wanted) -> list[str]:
    return [e.action for e in search(engine, ADMIN, AuditFilter(**wanted))]


@pytest.mark.parametrize("wanted, expected", [
    ({}, ["create_account", "change_scopes", "rollback_upload", "upload_actuals"]),
    ({"actor": "thongke.pq"}, ["upload_actuals"]),
    ({"action": "change_scopes"}, ["change_scopes"]),
    ({"entity": "upload_batch"}, ["rollback_upload", "upload_actuals"]),
    # Vietnam days: 23:59 on the 14th belongs to the 14th, midnight to the 15th.
    ({"until": dt.date(2026, 1, 14)}, ["upload_actuals"]),
    ({"since": dt.date(2026, 1, 15), "until": dt.date(2026, 1, 20)},
     ["change_scopes", "rollback_upload"]),
    ({"text": "vn2004:91"}, ["change_scopes"]),  # inside the before/after JSON
    ({"text": "100%"}, ["upload_actuals"]),  # % is a character, not a wildcard
    ({"text": "bao%xlsx"}, []),
    ({"text": "_moi"}, ["create_account"]),  # so is _
    ({"text": "ngu_i"}, []),
    ({"text": "SCRIPT"}, ["create_account"]),  # case ignored
    ({"text": "'; DROP TABLE audit_log; --"}, []),
    ({"actor": "admin", "entity": "user", "text": "thongke"}, ["change_scopes"]),
])
def test_search_by_every_filter(audited, wanted, expected):
    assert _actions(audited, **wanted) == expected


def test_only_administrators_search_and_a_reversed_range_is_refused(audited):
    with pytest.raises(PermissionDenied):
        search(audited, User("thongke.pq", "TK", "statistician"), AuditFilter())
    with pytest.raises(PermissionDenied):
        facets(audited, None)
    with pytest.raises(ValueError, match="Ngày kết thúc đứng trước"):
        search(audited, ADMIN, AuditFilter(since=dt.date(2026, 2, 1), until=dt.date(2026, 1, 1)))
    with pytest.raises(ValueError, match="tối đa 200"):
        search(audited, ADMIN, AuditFilter(text="x" * 201))
    assert facets(audited, ADMIN)["actor"] == ["admin", "thongke.pq"]


def test_an_entry_reads_as_before_and_after(audited):
    upload, = search(audited, ADMIN, AuditFilter(action="upload_actuals"))
    assert upload.upload_batch == int(upload.entity_id) and upload.at.hour == 23  # Vietnam time
    changes = changes_frame(upload)
    assert changes.to_dict("records") == [
        {"Mục": "values › THU_NS · lần 2", "Trước": "3.400", "Sau": "3.512,4"},
        {"Mục": "file", "Trước": "", "Sau": "bao_cao_100%.xlsx"}]
    scopes, = search(audited, ADMIN, AuditFilter(action="change_scopes"))
    assert scopes.upload_batch is None
    assert changes_frame(scopes, "en").to_dict("records") == [
        {"Item": "scopes", "Before": "vn2004:911", "After": "vn2004:91"}]
    frame = entries_frame(search(audited, ADMIN, AuditFilter()))
    assert list(frame.columns) == ["Số", "Thời điểm", "Người thực hiện", "Thao tác", "Đối tượng",
                                   "Mã", "Nguồn"]
    assert list(frame["Thao tác"]) == ["Tạo tài khoản", "Đổi đơn vị phụ trách", "Hủy lần nộp",
                                       "Nộp số liệu"]
    assert frame["Thời điểm"].iloc[-1] == "14/01/2026 23:59:00"


def test_every_write_path_leaves_an_audit_row_with_who_and_what(demo_engine):
    """Uploads, rollbacks, plans, adjustments, indicators, blocks, schemes, council
    scores, registrations and accounts: each leaves one row, newest first."""
    from kpi.accounts import add_account, change_email, change_scopes, reset_password
    from kpi.config import load_settings
    from kpi.emulation.admin import record_council_scores, save_block, set_scheme
    from kpi.emulation.blocks import Block, CouncilScore
    from kpi.emulation.registration import reopen_registration, save_registration
    from kpi.emulation.scheme import default_scheme
    from kpi.extract.adjustments import apply_adjustment, target_choices
    from kpi.extract.review import commit_review, review_frame
    from kpi.ingest.commit import commit_upload, rollback_upload
    from kpi.ingest.preview import preview_upload
    from kpi.ingest.template import build_template
    from kpi.store.audit import load_audit
    from kpi.store.catalog import load_indicators
    from kpi.targets import Target
    from tests.ingest.files import fill

    today = dt.date(2026, 1, 15)
    _n, template = build_template(demo_engine, "vn2004:911", "2021", today=today)
    preview = preview_upload(demo_engine, fill(template, {"BUDGET_REVENUE": 3512.4}), "pq.xlsx",
                             settings=load_settings({}), today=today)
    batch = commit_upload(demo_engine, preview, ADMIN, today=today).batch_id
    rollback_upload(demo_engine, batch, ADMIN)
    record = {"indicator": "Số sân bóng đá mini được xây mới", "value": 12, "min": None,
              "max": None, "unit": "sân", "direction": "at_least", "period": "2022",
              "group": "xã hội", "quote": "xây mới 12 sân bóng đá mini"}
    with demo_engine.connect() as conn:
        frame = review_frame([record], load_indicators(conn))
    header = {"code": "KG-2022-TT", "title": "Kế hoạch thể thao 2022", "number": "12/KH-UBND",
              "issuer": "UBND tỉnh", "issued_on": dt.date(2022, 1, 5), "unit_key": "vn2004:91",
              "period": "2022", "kind": "plan", "parent_plan": None, "source": "kh12.docx"}
    assert commit_review(demo_engine, frame, header, ADMIN).errors == []
    with demo_engine.connect() as conn:  # the same document again, now matched to the catalogue
        again = review_frame([record], load_indicators(conn))
    assert commit_review(demo_engine, again, header, ADMIN).errors == []
    key = target_choices(demo_engine, "KG-2022-TT")[0][0]
    apply_adjustment(demo_engine, "KG-2022-TT", key, value=15, low=None, high=None,
                     document="NQ 30/NQ-HĐND", document_date=dt.date(2022, 7, 1), user=ADMIN)
    members = ("org:TV-STTTT", "org:TV-SLDTBXH", "org:TV-SYT")
    save_block(demo_engine, ADMIN, Block("K9-TV-2021", "Khối 9", 2021, members, "org:TV-STTTT",
                                         None, None, dt.date(2021, 3, 31), "K9-TV"))
    set_scheme(demo_engine, ADMIN, "K9-TV-2021", default_scheme())
    record_council_scores(demo_engine, ADMIN, "K9-TV-2021",
                          [CouncilScore("org:TV-SYT", "hoi_dong", 18)])
    reopen_registration(demo_engine, ADMIN, "K9-TV-2021", "org:TV-SYT", dt.date(2021, 6, 30))
    statistician = User("thongke.syt", "Sở Y tế", "statistician", frozenset({"org:TV-SYT"}))
    save_registration(demo_engine, statistician, "K9-TV-2021", "org:TV-SYT",
                      [Target("TTHC_ONTIME_RATE", "org:TV-SYT", "2021", "at_least", 97)],
                      today=dt.date(2021, 6, 15))
    add_account(demo_engine, ADMIN, "thongke.syt", "Sở Y tế", "statistician", None,
                ["org:TV-SYT"])
    change_scopes(demo_engine, ADMIN, "thongke.syt", ["org:TV-SYT", "org:TV-STTTT"])
    reset_password(demo_engine, ADMIN, "thongke.syt")
    change_email(demo_engine, ADMIN, "thongke.syt", "syt@travinh.gov.vn")

    with demo_engine.connect() as conn:
        rows = load_audit(conn, limit=15)
    assert [r["action"] for r in rows] == [
        "set_email", "reset_password", "change_scopes", "create_account", "save_registration",
        "reopen_registration", "council_scores", "set_scheme", "save_block", "adjust_target",
        "reimport_plan", "import_plan", "create_indicators", "rollback_upload", "upload_actuals"]
    assert {r["actor"] for r in rows[:15]} == {"admin", "thongke.syt"}
    assert all(r["after"] for r in rows[:15])  # what it became
    changed = {r["action"]: r["before"] for r in rows[:15]}
    for action in ("change_scopes", "reimport_plan", "adjust_target", "rollback_upload",
                   "upload_actuals", "set_email", "reopen_registration"):
        assert changed[action], action  # and what it was
    scheme, = search(demo_engine, ADMIN, AuditFilter(action="set_scheme"))
    items = changes_frame(scheme)["Mục"]
    assert any(item.startswith("criteria [1] › ") for item in items)  # JSON in JSON, read through
