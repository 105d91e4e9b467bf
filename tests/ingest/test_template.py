"""The template: the unit's indicators for the period, targets read-only,
numbers-only input cells, a list for the standing, an instructions sheet."""
from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from kpi.ingest.template import HEADER_ROW, build_template, template_rows
from kpi.periods import parse_period
from kpi.store.catalog import load_indicators
from kpi.targets import Target
from tests.ingest.files import PHU_QUOC

TODAY = dt.date(2026, 1, 15)


@pytest.fixture
def sheet(store):
    name, data = build_template(store, PHU_QUOC, "2021", today=TODAY)
    assert name == "bao-cao-vn2004-911-2021.xlsx"
    return openpyxl.load_workbook(io.BytesIO(data))


def rows(ws) -> dict[str, tuple]:
    return {r[0]: r for r in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if r[0]}


def test_heading_and_columns_in_vietnamese(sheet):
    ws = sheet["Báo cáo"]
    assert [c.value for c in ws[HEADER_ROW]] == [
        "Mã chỉ tiêu", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Tình trạng số liệu",
        "Ghi chú"]
    assert (ws["A2"].value, ws["B2"].value) == ("Mã đơn vị:", "vn2004:911")
    assert (ws["A3"].value, ws["B3"].value, ws["C3"].value) == ("Kỳ báo cáo:", "2021", "Năm 2021")
    assert sheet.sheetnames == ["Báo cáo", "Hướng dẫn"]
    assert "Thực hiện" in sheet["Hướng dẫn"]["A2"].value


def test_the_units_indicators_with_targets_as_the_plan_writes_them(sheet):
    found = rows(sheet["Báo cáo"])
    assert found["BUDGET_REVENUE"][1:4] == ("Thu ngân sách nhà nước trên địa bàn", "tỷ đồng",
                                            "3.400 tỷ đồng")
    assert found["POOR_HOUSEHOLD_RATE"][3] == "≤ 0,28%"
    assert "GRDP_GROWTH" not in found  # the province's target, not Phú Quốc's
    assert {r[5] for r in found.values()} == {"Sơ bộ"}  # 2021 has ended: preliminary by default


def test_only_the_input_cells_are_unlocked_and_no_password(sheet):
    ws = sheet["Báo cáo"]
    assert ws.protection.sheet and ws.protection.password is None
    line = next(r for r in range(HEADER_ROW + 1, ws.max_row + 1)
                if ws.cell(r, 1).value == "BUDGET_REVENUE")
    locked = [ws.cell(line, c).protection.locked for c in range(1, 8)]
    assert locked == [True, True, True, True, False, False, False]


def test_number_cells_refuse_text_within_the_indicators_bounds(sheet):
    ws = sheet["Báo cáo"]
    lines = {ws.cell(r, 1).value: r for r in range(HEADER_ROW + 1, ws.max_row + 1)}
    checks = ws.data_validations.dataValidation

    def rule(cell: str):
        return next(v for v in checks if cell in v.sqref)

    rate = rule(f"E{lines['POOR_HOUSEHOLD_RATE']}")
    assert (rate.type, rate.operator, rate.formula1, rate.formula2) == ("decimal", "between", "0.0",
                                                                         "100.0")
    assert rule(f"E{lines['BUDGET_REVENUE']}").type == "decimal"
    assert rule(f"E{lines['SECURITY_ORDER_ENSURED']}").formula1 == '"Có,Không"'
    assert rule(f"F{lines['BUDGET_REVENUE']}").formula1 == '"Ước,Sơ bộ,Chính thức"'


def test_components_follow_their_total_when_they_have_no_target_of_their_own(store):
    with store.connect() as conn:
        catalogue = load_indicators(conn)
    target = Target("GO_AGRI_FORESTRY_FISHERY", PHU_QUOC, "2021", "at_least", value=4549,
                    plan_code="PQ-2021", id=1)
    lines = template_rows([target], catalogue, parse_period("2021"), {})
    assert [(r.indicator.code, r.component_of) for r in lines] == [
        ("GO_AGRI_FORESTRY_FISHERY", None),
        ("GO_AGRICULTURE", "GO_AGRI_FORESTRY_FISHERY"), ("GO_FORESTRY", "GO_AGRI_FORESTRY_FISHERY"),
        ("GO_FISHERY", "GO_AGRI_FORESTRY_FISHERY")]
    assert lines[0].target == "≥ 4.549 tỷ đồng"
