"""Bad input in forms, not only uploads: text too long for its column (PostgreSQL
would fail with a database error), control characters, blanks — refused with a
Vietnamese message and nothing written; HTML or formula text kept as typed."""
from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from kpi.auth import User
from kpi.emulation.admin import save_block
from kpi.emulation.blocks import Block, BlockError
from kpi.emulation.registration import load_registration
from kpi.emulation.registration_workbook import read_registration, registration_template
from kpi.extract.adjustments import apply_adjustment, target_choices
from kpi.extract.review import commit_review, review_frame
from kpi.store.audit import load_audit
from kpi.store.catalog import load_indicators, load_plans, save_indicators
from kpi.store.units import save_units
from kpi.user_text import TextError, clean_text
from tests.test_plan_review import HEADER, KIEN_GIANG, POOR, RECORDS, REVENUE

ADMIN = User("admin", "Quản trị", "admin")
HOSTILE = '<script>alert("x")</script> =HYPERLINK("http://x.vn","Bấm")'


@pytest.mark.parametrize("value, limit, kwargs, expected", [
    ("  Khối 8  ", 200, {}, "Khối 8"),
    ("Hoa\u0300", 200, {}, "Hoà"),  # NFC: the same name however it was typed
    ("", 200, {}, None),
    (None, 200, {}, None),
    (HOSTILE, 200, {}, HOSTILE),  # kept as typed: escaped where shown, neutralised in exports
    ("Dòng 1\nDòng 2", 200, {"multiline": True}, "Dòng 1\nDòng 2"),
    ("x" * 200, 200, {}, "x" * 200),
])
def test_clean_text_keeps_what_the_store_can_hold(value, limit, kwargs, expected):
    assert clean_text(value, "Tên", limit, **kwargs) == expected


@pytest.mark.parametrize("value, kwargs, message", [
    ("x" * 201, {}, "“Tên” dài 201 ký tự, tối đa 200 ký tự"),
    ("ý" * 10_001, {}, "dài 10.001 ký tự"),
    ("  ", {"required": True}, "Chưa nhập “Tên”"),
    ("a\x00b", {}, "ký tự điều khiển"),
    ("a\x1bb", {"multiline": True}, "ký tự điều khiển"),
    ("Dòng 1\nDòng 2", {}, "xuống dòng"),
])
def test_clean_text_refuses_in_vietnamese(value, kwargs, message):
    with pytest.raises(TextError, match=message):
        clean_text(value, "Tên", 200, **kwargs)


@pytest.fixture
def store(fresh_engine):
    with fresh_engine.begin() as conn:
        save_units(conn, [KIEN_GIANG])
        save_indicators(conn, [REVENUE, POOR])
    return fresh_engine


def _frame(store):
    with store.connect() as conn:
        return review_frame(RECORDS, load_indicators(conn))


@pytest.mark.parametrize("field, value, message", [
    ("number", "45/NQ-HĐND " * 10, "“Số, ký hiệu” dài"),
    ("issuer", "H" * 201, "“Cơ quan ban hành” dài 201"),
    ("title", "Kế hoạch " * 200, "“Tên kế hoạch” dài"),
    ("code", "KG-" + "9" * 70, "“Mã kế hoạch” dài 73"),
    ("title", "Kế hoạch\x07", "ký tự điều khiển"),
])
def test_a_plan_header_the_store_cannot_hold_is_refused_before_writing(store, field, value,
                                                                       message):
    outcome = commit_review(store, _frame(store), {**HEADER, field: value}, ADMIN)
    assert any(message in error for error in outcome.errors), outcome.errors
    with store.connect() as conn:
        assert load_plans(conn) == [] and load_audit(conn) == []


def test_a_plan_title_with_html_and_formula_text_is_stored_as_typed(store):
    assert commit_review(store, _frame(store), {**HEADER, "title": HOSTILE}, ADMIN).errors == []
    with store.connect() as conn:
        assert [p.title for p in load_plans(conn)] == [HOSTILE]


@pytest.mark.parametrize("document, note, message", [
    ("Nghị quyết " * 30, None, "“Văn bản điều chỉnh” dài"),
    ("NQ 30/NQ-HĐND", "x" * 2001, "“Ghi chú” dài 2.001"),
    ("NQ\x0030", None, "ký tự điều khiển"),
])
def test_an_adjustment_with_bad_text_is_refused_and_nothing_changes(store, document, note,
                                                                    message):
    commit_review(store, _frame(store), HEADER, ADMIN)
    key = target_choices(store, "KG-2022")[0][0]
    with store.connect() as conn:
        before = load_audit(conn)
    with pytest.raises(TextError, match=message):
        apply_adjustment(store, "KG-2022", key, value=1.0, low=None, high=None, document=document,
                         note=note, document_date=dt.date(2022, 7, 1), user=ADMIN)
    with store.connect() as conn:
        assert load_audit(conn) == before


def test_a_block_name_too_long_is_refused_on_both_backends(fresh_engine):
    block = Block("K8-TV-2022", "Khối " * 60, 2022, ("org:A", "org:B"))
    with pytest.raises(BlockError, match="“Tên khối” dài 299 ký tự, tối đa 200"):
        save_block(fresh_engine, ADMIN, block)
    with fresh_engine.connect() as conn:
        assert load_audit(conn) == []


def test_an_own_indicator_too_long_in_a_registration_workbook_is_a_row_problem(demo_engine):
    view = load_registration(demo_engine, "K8-TV-2021", "org:TV-SYT", dt.date(2021, 3, 1))
    data = registration_template("org:TV-SYT", view.unit_name, 2021, view.targets, view.catalogue)
    book = load_workbook(io.BytesIO(data))
    sheet = book["Đăng ký thi đua"]
    sheet.append(["", "Số bác sĩ " * 40, "bác sĩ", "Đạt tối thiểu", "9,5", None, None, None,
                  "Năm 2021", None])
    sheet.append(["", HOSTILE, "người", "Đạt tối thiểu", "5", None, None, None, "Năm 2021", None])
    buffer = io.BytesIO()
    book.save(buffer)
    read = read_registration(buffer.getvalue(), "org:TV-SYT", 2021, view.catalogue)
    assert len(read.problems) == 1 and "“Tên chỉ tiêu” dài 399 ký tự" in read.problems[0]
    assert [i.name for i in read.new_indicators] == [HOSTILE]
