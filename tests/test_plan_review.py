"""Review and commit of plans, adjustments by a later resolution — on SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kpi.auth import PermissionDenied, User
from kpi.extract.adjustments import adjustment_frame, apply_adjustment, target_choices
from kpi.extract.review import NEW_CHOICE, choice_label, commit_review, review_frame
from kpi.indicators import Indicator
from kpi.store.audit import load_audit
from kpi.store.catalog import load_indicators, load_targets, save_indicators
from kpi.store.plan_targets import load_adjustments, plan_committers
from kpi.store.units import save_units
from kpi.units import Unit

ADMIN = User("thuy", "Thủy", "admin")
KIEN_GIANG = Unit("vn2004", "91", "Kiên Giang", "Tỉnh", "province", None, None, dt.date(2025, 6, 30))
REVENUE = Indicator("BUDGET_REVENUE", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "kinh_te",
                    "higher", temporal="flow", aggregation="sum")
POOR = Indicator("POOR_RATE", "Tỷ lệ hộ nghèo", "%", "xa_hoi", "lower")
HEADER = {"code": "KG-2022", "title": "Kế hoạch năm 2022", "number": "45/NQ-HĐND", "issuer": "HĐND tỉnh",
          "issued_on": dt.date(2021, 12, 10), "unit_key": "vn2004:91", "period": "2022", "kind": "plan",
          "parent_plan": None, "source": "nq45.docx"}
RECORDS = [
    {"indicator": "Thu ngân sách", "value": 12500, "min": None, "max": None, "unit": "tỷ đồng",
     "direction": "exact", "period": "2022", "group": "kinh tế", "quote": "Thu ngân sách 12.500 tỷ đồng"},
    {"indicator": "Tỷ lệ hộ nghèo", "value": 0.5, "min": None, "max": None, "unit": "%",
     "direction": "decrease_by", "period": "2022", "group": "xã hội", "quote": "giảm 0,5%"},
    {"indicator": "Kim ngạch xuất khẩu", "value": 1.2, "min": None, "max": None, "unit": "tỷ USD",
     "direction": "at_least", "period": "2022", "group": "kinh tế", "quote": "đạt 1,2 tỷ USD"},
]


@pytest.fixture
def store(fresh_engine):
    with fresh_engine.begin() as conn:
        save_units(conn, [KIEN_GIANG])
        save_indicators(conn, [REVENUE, POOR])
    return fresh_engine


def _frame(store) -> pd.DataFrame:
    with store.connect() as conn:
        return review_frame(RECORDS, load_indicators(conn))


def test_suggestions_map_known_indicators_and_propose_new_ones(store):
    frame = _frame(store)
    assert list(frame["indicator_choice"]) == [
        choice_label("BUDGET_REVENUE", REVENUE), choice_label("POOR_RATE", POOR), NEW_CHOICE]


def test_commit_stores_targets_with_plan_quote_and_who_and_creates_missing_indicators(store):
    outcome = commit_review(store, _frame(store), HEADER, ADMIN)
    assert outcome.errors == [] and outcome.targets == 3 and not outcome.replaced
    assert outcome.new_indicators == ["KH_KIM_NGACH_XUAT_KHAU"]
    with store.connect() as conn:
        targets = load_targets(conn, plan_code="KG-2022")
        created = load_indicators(conn)["KH_KIM_NGACH_XUAT_KHAU"]
        committers = plan_committers(conn, "KG-2022")
        audit = load_audit(conn)
    assert [(t.indicator_code, t.kind, t.value, t.change_unit, t.quote) for t in targets] == [
        ("BUDGET_REVENUE", "exact", 12500, None, "Thu ngân sách 12.500 tỷ đồng"),
        ("POOR_RATE", "decrease_by", 0.5, "points", "giảm 0,5%"),
        ("KH_KIM_NGACH_XUAT_KHAU", "at_least", 1.2, None, "đạt 1,2 tỷ USD"),
    ]
    assert (created.measure, created.group, created.temporal) == ("tỷ USD", "kinh_te", "flow")
    assert [who for who, _ in committers] == ["thuy"]
    assert audit[0]["action"] == "import_plan" and audit[0]["entity_id"] == "KG-2022"


def test_row_errors_block_the_whole_commit(store):
    frame = _frame(store)
    frame.loc[0, "unit"] = "xã"  # a count cannot be revenue in tỷ đồng
    frame.loc[2, "indicator_choice"] = choice_label("BUDGET_REVENUE", REVENUE)
    frame.loc[2, "unit"] = "tỷ đồng"
    frame.loc[2, "direction"] = "exact"
    outcome = commit_review(store, frame, HEADER, ADMIN)
    assert any(e.startswith("Dòng 1:") and "không đổi được" in e for e in outcome.errors)
    with store.connect() as conn:
        assert load_targets(conn, plan_code="KG-2022") == []


def test_duplicate_rows_are_reported(store):
    frame = _frame(store)
    frame.loc[2, ["indicator_choice", "unit", "direction", "value"]] = [
        choice_label("BUDGET_REVENUE", REVENUE), "tỷ đồng", "exact", 12000]
    outcome = commit_review(store, frame, HEADER, ADMIN)
    assert outcome.errors == ["Dòng 3 trùng dòng 1 (cùng chỉ tiêu BUDGET_REVENUE, kỳ 2022, cùng loại): "
                              "bỏ chọn một dòng."]


def test_strict_bounds_survive_the_review(store):
    records = [{**RECORDS[1], "direction": "at_most", "strict": True, "quote": "dưới 2%", "value": 2}]
    with store.connect() as conn:
        frame = review_frame(records, load_indicators(conn))
    assert commit_review(store, frame, HEADER, ADMIN).errors == []
    with store.connect() as conn:
        (target,) = load_targets(conn, plan_code="KG-2022")
    assert (target.kind, target.value, target.strict) == ("at_most", 2, True)


def test_dropped_rows_and_missing_unit(store):
    frame = _frame(store)
    frame["keep"] = [True, False, False]
    outcome = commit_review(store, frame, {**HEADER, "unit_key": None}, ADMIN)
    assert outcome.errors == ["Chưa chọn đơn vị (địa bàn) của kế hoạch: chọn trong danh sách đơn vị."]
    outcome = commit_review(store, frame, HEADER, ADMIN)
    assert outcome.errors == [] and outcome.targets == 1


@pytest.mark.parametrize("user", [None, User("tk", "Thống kê", "statistician"), User("ld", "Lãnh đạo", "leader")])
def test_only_administrators_commit(store, user):
    with pytest.raises(PermissionDenied):
        commit_review(store, _frame(store), HEADER, user)


def test_adjustment_is_in_force_kept_in_history_and_survives_reimport(store):
    commit_review(store, _frame(store), HEADER, ADMIN)
    key = next(k for k, label in target_choices(store, "KG-2022") if k.startswith("BUDGET_REVENUE"))
    previous = apply_adjustment(store, "KG-2022", key, value=11800, low=None, high=None,
                                document="Nghị quyết 30/NQ-HĐND", document_date=dt.date(2022, 7, 15),
                                user=ADMIN)
    assert previous["value"] == 12500

    def revenue():
        with store.connect() as conn:
            return next(t.value for t in load_targets(conn, plan_code="KG-2022")
                        if t.indicator_code == "BUDGET_REVENUE")

    assert revenue() == 11800
    outcome = commit_review(store, _frame(store), HEADER, ADMIN)  # the original document again
    assert outcome.replaced and revenue() == 11800
    with store.connect() as conn:
        (adjustment,) = load_adjustments(conn, "KG-2022")
    assert (adjustment.document, adjustment.document_date, adjustment.created_by) == (
        "Nghị quyết 30/NQ-HĐND", dt.date(2022, 7, 15), "thuy")
    history = adjustment_frame(store, "KG-2022").to_dict("records")
    assert history == [{"Chỉ tiêu": "Thu ngân sách nhà nước trên địa bàn", "Kỳ": "Năm 2022",
                        "Trước": "12.500", "Sau": "11.800", "Văn bản": "Nghị quyết 30/NQ-HĐND",
                        "Ngày văn bản": "15/07/2022", "Người ghi": "thuy"}]


@pytest.mark.parametrize("fields, error", [
    ({"document": " "}, ValueError),
    ({"value": None}, ValueError),
    ({"user": User("ld", "Lãnh đạo", "leader")}, PermissionDenied),
])
def test_adjustments_refused(store, fields, error):
    commit_review(store, _frame(store), HEADER, ADMIN)
    key = target_choices(store, "KG-2022")[0][0]
    arguments = {"value": 1.0, "low": None, "high": None, "document": "NQ 1", "user": ADMIN,
                 "document_date": dt.date(2022, 7, 1), **fields}
    with pytest.raises(error):
        apply_adjustment(store, "KG-2022", key, **arguments)
